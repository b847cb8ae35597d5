import { parseArgs } from 'node:util';

export const FORMATS = ['stylish', 'json', 'sarif'] as const;
export const FAIL_ON = ['error', 'warn', 'never'] as const;

export type Format = (typeof FORMATS)[number];
export type FailOn = (typeof FAIL_ON)[number];

export interface ScanOptions {
  /** As given; empty when none was (the caller picks the default). */
  readonly paths: readonly string[];
  readonly format: Format;
  readonly output: string | undefined;
  readonly failOn: FailOn;
  readonly maxWarnings: number | undefined;
  readonly strict: boolean;
}

export type Command =
  { readonly kind: 'help' } | { readonly kind: 'version' } | ({ readonly kind: 'scan' } & ScanOptions);

/** Bad command-line input: printed with a pointer to `--help`, exit code 2. */
export class UsageError extends Error {}

export const USAGE = `Usage: dynamodb-security scan [paths...] [options]

Lints TypeScript and JavaScript projects for insecure DynamoDB access with typed linting, without
an ESLint config of their own. Each tsconfig.json found under (or above) the paths gives the types
of the files it includes; other files get a default program (allowJs). Default path: the current
directory.

Options:
  --format stylish|json|sarif   output format (default: stylish)
  --output FILE                 write the report to FILE instead of stdout
  --fail-on error|warn|never    exit 1 when a finding of this level or higher exists (default: error)
  --max-warnings N              also exit 1 when there are more than N warnings
  --strict                      use the strict config instead of recommended
  -h, --help                    show this help
  -v, --version                 show the version

Exit codes: 0 no failing finding, 1 failing findings, 2 the scan could not run (bad input).`;

function oneOf<T extends string>(flag: string, value: string, allowed: readonly T[]): T {
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new UsageError(`--${flag} must be one of ${allowed.join(', ')}; got '${value}'`);
}

/** Parses `argv` (without the node and script paths). Throws `UsageError` on bad input. */
export function parseCommand(argv: readonly string[]): Command {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: {
        format: { type: 'string', default: 'stylish' },
        output: { type: 'string', short: 'o' },
        'fail-on': { type: 'string', default: 'error' },
        'max-warnings': { type: 'string' },
        strict: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
        version: { type: 'boolean', short: 'v', default: false },
      },
    });
  } catch (error) {
    // parseArgs names the flag ("Unknown option '--x'"); drop its advice about `--`, which does not apply.
    throw new UsageError((error as Error).message.replace(/\. To specify a positional argument.*$/s, ''));
  }
  const { values, positionals } = parsed;
  if (values.help) return { kind: 'help' };
  if (values.version) return { kind: 'version' };

  const [command, ...paths] = positionals;
  if (command === undefined) throw new UsageError('missing command: expected `scan`');
  if (command !== 'scan') throw new UsageError(`unknown command '${command}': expected \`scan\``);

  let maxWarnings: number | undefined;
  if (values['max-warnings'] !== undefined) {
    maxWarnings = Number(values['max-warnings']);
    if (!/^\d+$/.test(values['max-warnings']) || !Number.isSafeInteger(maxWarnings)) {
      throw new UsageError(`--max-warnings must be a whole number of 0 or more; got '${values['max-warnings']}'`);
    }
  }
  if (values.output === '') throw new UsageError('--output needs a file name');

  return {
    kind: 'scan',
    paths,
    format: oneOf('format', values.format, FORMATS),
    output: values.output,
    failOn: oneOf('fail-on', values['fail-on'], FAIL_ON),
    maxWarnings,
    strict: values.strict,
  };
}
