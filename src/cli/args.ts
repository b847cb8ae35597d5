import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';

export const FORMATS = ['text', 'stylish', 'json', 'sarif'] as const;
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
  readonly verbose: boolean;
  /** `--config FILE`; `false` for `--no-config`; undefined to look for the project's own. */
  readonly config: string | false | undefined;
}

export type Command =
  { readonly kind: 'help' } | { readonly kind: 'version' } | ({ readonly kind: 'scan' } & ScanOptions);

/** Bad command-line input: printed with a pointer to `--help`, exit code 2. */
export class UsageError extends Error {}

export const USAGE = `Usage: dynamodb-security scan [paths...] [options]

Lints TypeScript and JavaScript projects for insecure DynamoDB access with typed linting. Each
tsconfig.json found under (or above) the paths gives the types of the files it includes; other
files get a default program (allowJs). Default path: the current directory. The project's
eslint.config.* (found from the current directory upwards) gives the plugin's settings, its rule
options and levels, and the files to ignore; no ESLint config is needed.

Options:
  --format text|stylish|json|sarif
                                output format (default: text, findings grouped by file with their flow)
  --output FILE, -o FILE        write the report to FILE instead of stdout
  --config FILE, -c FILE        read settings, rule options and ignores from this ESLint flat config
  --no-config                   use no ESLint config, only the plugin's defaults
  --fail-on error|warn|never    exit 1 when a finding of this level or higher exists (default: error);
                                never: exit 0 whenever the scan ran (--max-warnings is ignored)
  --max-warnings N              also exit 1 when there are more than N warnings
  --strict                      use the strict config (every rule an error) instead of recommended
  --verbose                     print each program's build and lint time and the memory in use
  -h, --help                    show this help
  -v, --version                 show the version

Exit codes: 0 no failing finding, 1 failing findings, 2 the scan could not run (bad input).`;

const OPTIONS = {
  format: { type: 'string', default: 'text' },
  output: { type: 'string', short: 'o' },
  config: { type: 'string', short: 'c' },
  'no-config': { type: 'boolean', default: false },
  'fail-on': { type: 'string', default: 'error' },
  'max-warnings': { type: 'string' },
  strict: { type: 'boolean', default: false },
  verbose: { type: 'boolean', default: false },
  help: { type: 'boolean', short: 'h', default: false },
  version: { type: 'boolean', short: 'v', default: false },
} as const;

/** Edit distance, for "did you mean". */
function distance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++)
      current.push(Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1)));
    previous = current;
  }
  return previous[b.length]!;
}

/** The closest known option to an unknown one, if it is close enough to be a typo. */
export function closestOption(unknown: string): string | undefined {
  const name = unknown.replace(/^-+/, '').replace(/=.*$/, '');
  let best: { option: string; cost: number } | undefined;
  for (const option of Object.keys(OPTIONS)) {
    const cost = distance(name, option);
    if (!best || cost < best.cost) best = { option, cost };
  }
  return best && best.cost <= Math.max(2, Math.floor(best.option.length / 3)) ? `--${best.option}` : undefined;
}

function oneOf<T extends string>(flag: string, value: string, allowed: readonly T[]): T {
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new UsageError(`--${flag} must be one of ${allowed.join(', ')}; got '${value}'`);
}

/** Parses `argv` (without the node and script paths). Throws `UsageError` on bad input. */
export function parseCommand(argv: readonly string[], cwd = process.cwd()): Command {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: OPTIONS,
    });
  } catch (error) {
    // parseArgs names the flag ("Unknown option '--x'"); drop its advice about `--`, which does not apply.
    const message = (error as Error).message.replace(/\. To specify a positional argument.*$/s, '');
    const unknown = /^Unknown option '([^']+)'/.exec(message)?.[1];
    const suggestion = unknown === undefined ? undefined : closestOption(unknown);
    throw new UsageError(suggestion ? `${message}. Did you mean ${suggestion}?` : message);
  }
  const { values, positionals } = parsed;
  if (values.help) return { kind: 'help' };
  if (values.version) return { kind: 'version' };

  const [command, ...paths] = positionals;
  if (command === undefined) throw new UsageError('missing command: expected `scan`');
  if (command !== 'scan') {
    // `dynamodb-security src` means `dynamodb-security scan src`; a typo of `scan` gets the same hint.
    const isPath = fs.existsSync(path.resolve(cwd, command)) || /[/\\.]/.test(command);
    if (isPath || distance(command, 'scan') <= 2) {
      const meant = ['dynamodb-security scan', ...(isPath ? positionals : paths)].join(' ');
      const problem = isPath ? 'the command `scan` is missing' : `unknown command '${command}'`;
      throw new UsageError(`${problem}: did you mean \`${meant}\`?`);
    }
    throw new UsageError(`unknown command '${command}': expected \`scan\``);
  }
  if (values.config !== undefined && values['no-config'])
    throw new UsageError('--config and --no-config exclude each other');
  if (values.config === '') throw new UsageError('--config needs a file name');

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
    verbose: values.verbose,
    config: values['no-config'] ? false : values.config,
  };
}
