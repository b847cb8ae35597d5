/**
 * The `dynamodb-security scan` command: every flag, every bad input, exit codes and output shapes.
 * Most cases call `main()` in-process with captured streams (a typed scan costs a few seconds, so
 * each scan is shared by the assertions about it); two spawn the built bin to check that the exit
 * code reaches the process.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import type { ESLint, Linter } from 'eslint';
import type { Log } from 'sarif';
import { exitCode, failure, main } from '../src/cli/main.js';
import formatText from '../src/formatters/text.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const cliFixtures = path.join(repoRoot, 'tests', 'fixtures', 'cli');
const tsApp = path.join(cliFixtures, 'ts-app');
const jsApp = path.join(cliFixtures, 'js-app');
const configs = path.join(cliFixtures, 'configs');
const UNSCOPED = 'dynamodb-security/no-unscoped-key';
const version = (JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { version: string })
  .version;

interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

function sink(): Writable & { text: string } {
  const stream = new Writable({
    write(chunk, _encoding, done) {
      stream.text += String(chunk);
      done();
    },
  }) as Writable & { text: string };
  stream.text = '';
  return stream;
}

async function run(argv: string[], options: { cwd?: string; tty?: boolean } = {}): Promise<Run> {
  const stdout = sink();
  const stderr = Object.assign(sink(), { isTTY: options.tty ?? false });
  const code = await main(argv, { cwd: options.cwd ?? repoRoot, stdout, stderr, progressAfterMs: 0 });
  return { code, stdout: stdout.text, stderr: stderr.text };
}

/** The error and warning counts of the summary line. */
function summaryCounts(stderr: string): { errors: number; warnings: number } {
  const [, errors, warnings] = /: (\d+) error\(s\), (\d+) warning\(s\)/.exec(stderr)!;
  return { errors: Number(errors), warnings: Number(warnings) };
}

function countsOf(results: readonly ESLint.LintResult[]): { errors: number; warnings: number } {
  const messages = results.flatMap((r) => r.messages);
  return {
    errors: messages.filter((m) => m.severity === 2).length,
    warnings: messages.filter((m) => m.severity === 1).length,
  };
}

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'dynamodb-security-cli-'));
afterAll(() => {
  fs.rmSync(tmp, { recursive: true, force: true });
});

describe('usage', () => {
  it('--help prints the usage with every option, exit 0', async () => {
    const { code, stdout } = await run(['--help']);
    expect(code).toBe(0);
    for (const flag of [
      '--format',
      '--output',
      '--config',
      '--no-config',
      '--fail-on',
      '--max-warnings',
      '--strict',
      '--help',
      '--version',
    ])
      expect(stdout).toContain(flag);
    expect((await run(['scan', '-h'])).stdout).toBe(stdout);
  });

  it('--version prints the package version, exit 0', async () => {
    expect(await run(['--version'])).toEqual({ code: 0, stdout: `${version}\n`, stderr: '' });
    expect((await run(['-v'])).stdout).toBe(`${version}\n`);
  });

  it.each([
    [['scan', '--frobnicate'], /Unknown option '--frobnicate'\n/],
    [['scan', '--formt', 'sarif'], /Unknown option '--formt'\. Did you mean --format\?/],
    [['scan', '--max-warning=0'], /Unknown option '--max-warning'\. Did you mean --max-warnings\?/],
    [['scan', '--format', 'xml'], /--format must be one of text, stylish, json, sarif; got 'xml'/],
    [['scan', '--config', 'a.mjs', '--no-config'], /--config and --no-config exclude each other/],
    [['src', '--strict'], /the command `scan` is missing: did you mean `dynamodb-security scan src`\?/],
    [['scna', 'src'], /unknown command 'scna': did you mean `dynamodb-security scan src`\?/],
    [['scan', '--fail-on', 'sometimes'], /--fail-on must be one of error, warn, never; got 'sometimes'/],
    [['scan', '--max-warnings=-1'], /--max-warnings must be a whole number of 0 or more; got '-1'/],
    [['scan', '--max-warnings', 'many'], /--max-warnings must be a whole number of 0 or more; got 'many'/],
    [['scan', '--output'], /Option '-o, --output <value>' argument missing/],
    [['scan', '--output='], /--output needs a file name/],
    [['lint', '.'], /unknown command 'lint': expected `scan`/],
    [[], /missing command: expected `scan`/],
  ])('%j is a usage error, exit 2', async (argv, message) => {
    const { code, stdout, stderr } = await run(argv, { cwd: tsApp });
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(message);
    expect(stderr).toContain('Run `dynamodb-security --help` for usage.');
  });
});

describe('a tsconfig.json that cannot be loaded', () => {
  it.each([
    [
      'broken',
      /broken tsconfig\.json: .*broken\/tsconfig\.json:4:1: '}' expected\..*linted in the default program\)/,
      'default program',
      '(0 tsconfig.json, 1 file(s) in a default program)',
      0,
    ],
    [
      'missing-extends',
      /broken tsconfig\.json: .*missing-extends\/tsconfig\.json:2:14: File '@no-such-scope\/tsconfig-base' not found\..*linted with its own compilerOptions, without what it extends\)/,
      'tests/fixtures/cli/missing-extends/tsconfig.json',
      '(1 tsconfig.json)',
      1,
    ],
  ])(
    '%s: a warning naming it, and its files linted where it says',
    async (fixture, warning, program, typedBy, findings) => {
      const { code, stderr } = await run(['scan', path.join(cliFixtures, fixture), '--no-config', '--verbose']);
      expect(stderr).toMatch(new RegExp(`^dynamodb-security: warning: ${warning.source}\\n`));
      expect(stderr).toMatch(
        new RegExp(
          `\\[1/1\\] ${program} \\(1 file\\(s\\)\\): program built in [\\d.]+s, linted in [\\d.]+s, \\d+ MB resident\\n`,
        ),
      );
      expect(stderr).toContain(typedBy);
      expect(summaryCounts(stderr).errors).toBe(findings);
      expect(code).toBe(findings ? 1 : 0);
    },
  );
});

/** A project written under the test's temporary directory, its imports resolved from this repository's node_modules. */
function tempProject(name: string, files: Record<string, string>): string {
  const dir = path.join(tmp, name);
  for (const [file, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), text);
  }
  fs.symlinkSync(path.join(repoRoot, 'node_modules'), path.join(dir, 'node_modules'));
  return dir;
}

/** A data-access helper and a Lambda handler that passes it the path's `userId`: one finding, reported in the handler only when its import resolves. */
const USERS = `import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';

const ddb = DynamoDBDocumentClient.from(new DynamoDBClient({}));

export async function findUser(userId: string | undefined) {
  const out = await ddb.send(new GetCommand({ TableName: 'Users', Key: { userId } }));
  return out.Item;
}
`;
const handlerImporting = (from: string) => `import type { APIGatewayProxyEvent } from 'aws-lambda';
import { findUser } from '${from}';

export async function handler(event: APIGatewayProxyEvent) {
  const user = (await findUser(event.pathParameters?.userId)) as { email?: string } | undefined;
  return { statusCode: 200, body: JSON.stringify({ email: user?.email }) };
}
`;
const COMPILER_OPTIONS = {
  target: 'ES2022',
  module: 'ESNext',
  moduleResolution: 'Bundler',
  strict: true,
  skipLibCheck: true,
};

describe('a solution tsconfig.json whose references own the files (nx, Angular, Vite layouts)', () => {
  let result: Run;
  let report: ESLint.LintResult[];
  beforeAll(async () => {
    // The solution includes every file (no `include`); the app includes the library's files too,
    // and references the library, which owns them. Only `scripts/` is the solution's own.
    const dir = tempProject('solution', {
      'tsconfig.json': JSON.stringify({
        compilerOptions: COMPILER_OPTIONS,
        references: [{ path: './tsconfig.app.json' }, { path: './tsconfig.lib.json' }],
      }),
      'tsconfig.app.json': JSON.stringify({
        extends: './tsconfig.json',
        include: ['src/**/*.ts', 'lib/**/*.ts'],
        references: [{ path: './tsconfig.lib.json' }],
      }),
      'tsconfig.lib.json': JSON.stringify({
        extends: './tsconfig.json',
        compilerOptions: { composite: true, outDir: './out' },
        include: ['lib/**/*.ts'],
      }),
      'src/handler.ts': handlerImporting('../lib/users'),
      'lib/users.ts': USERS,
      'scripts/seed.ts': 'export const seeded = true;\n',
    });
    result = await run(['scan', dir, '--no-config', '--verbose', '--format', 'json']);
    report = JSON.parse(result.stdout) as ESLint.LintResult[];
  });

  it('lints each referenced project in a program of its own, and in the solution only the files no reference owns', () => {
    expect(result.stderr).toMatch(/\[1\/3\] .*solution\/tsconfig\.json \(1 file\(s\)\)/);
    expect(result.stderr).toMatch(/\[2\/3\] .*solution\/tsconfig\.app\.json \(1 file\(s\)\)/);
    expect(result.stderr).toMatch(/\[3\/3\] .*solution\/tsconfig\.lib\.json \(1 file\(s\)\)/);
    expect(result.stderr).toContain('3 file(s) scanned (3 tsconfig.json)');
    expect(report.map((r) => path.basename(r.filePath))).toEqual(['users.ts', 'seed.ts', 'handler.ts']);
  });

  it('parses every file and follows a flow into the referenced library', () => {
    expect(report.flatMap((r) => r.messages).filter((m) => m.fatal)).toEqual([]);
    const handler = report.find((r) => r.filePath.endsWith(path.join('src', 'handler.ts')))!;
    const unscoped = handler.messages.filter((m) => m.ruleId === UNSCOPED);
    expect(unscoped.map((m) => m.line)).toEqual([5]);
    expect(unscoped[0]!.message).toMatch(/ → findUser\(userId\) \(.*solution\/lib\/users\.ts:6\) → /);
  });
});

describe('a tsconfig.json whose only broken part is its `extends`', () => {
  it('keeps its own compilerOptions: imports through its `paths` resolve', async () => {
    const dir = tempProject('broken-extends', {
      'tsconfig.json': JSON.stringify({
        extends: './tsconfig.base.json',
        compilerOptions: { ...COMPILER_OPTIONS, paths: { '@data/*': ['./data/*'] } },
        include: ['src', 'data'],
      }),
      'src/handler.ts': handlerImporting('@data/users'),
      'data/users.ts': USERS,
    });
    // Only `src/` is scanned: the mapped file is in the program only as the tsconfig.json includes it.
    const { stderr, stdout } = await run(['scan', path.join(dir, 'src'), '--no-config', '--format', 'json']);
    expect(stderr).toMatch(
      /^dynamodb-security: warning: broken tsconfig\.json: .*tsconfig\.base\.json.*\(its files are linted with its own compilerOptions, without what it extends\)\n/,
    );
    expect(stderr).toContain('1 file(s) scanned (1 tsconfig.json)');
    const handler = (JSON.parse(stdout) as ESLint.LintResult[]).find((r) => r.filePath.endsWith('handler.ts'))!;
    expect(handler.messages.map((m) => [m.ruleId, m.line])).toContainEqual([UNSCOPED, 5]);
  });
});

describe('bad input', () => {
  it.each([
    [['scan', 'no/such/dir'], /^dynamodb-security: no such file or directory: no\/such\/dir\n$/],
    [['scan', tsApp, '--config', 'no-such.mjs'], /^dynamodb-security: no such ESLint config file: no-such\.mjs\n$/],
    [['scan', path.join(cliFixtures, 'empty')], /no TypeScript or JavaScript files in .*empty\n$/],
    [['scan', path.join(cliFixtures, 'empty', 'README.md')], /no TypeScript or JavaScript files in .*README\.md\n$/],
  ])('%j: a clear error, exit 2', async (argv, message) => {
    const { code, stdout, stderr } = await run(argv);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(message);
  });
});

describe('exit codes', () => {
  it.each([
    ['error', undefined, 1, 5, 1],
    ['error', undefined, 0, 5, 0],
    ['error', 4, 0, 5, 1],
    ['error', 5, 0, 5, 0],
    ['warn', undefined, 0, 1, 1],
    ['warn', undefined, 0, 0, 0],
    ['never', undefined, 3, 3, 0],
    // `never` always exits 0 once the scan ran, --max-warnings or not.
    ['never', 0, 3, 1, 0],
  ] as const)(
    '--fail-on %s --max-warnings %s with %i errors and %i warnings: %i',
    (failOn, maxWarnings, errors, warnings, expected) => {
      expect(exitCode({ failOn, maxWarnings }, errors, warnings)).toBe(expected);
    },
  );
});

describe('why a scan fails', () => {
  it.each([
    ['error', undefined, 2, 5, '2 error(s) reach --fail-on error'],
    ['warn', undefined, 0, 1, '1 warning(s) reach --fail-on warn'],
    ['error', 4, 0, 5, '5 warning(s) exceed --max-warnings 4'],
    ['never', 0, 3, 1, undefined],
  ] as const)(
    '--fail-on %s --max-warnings %s, %i errors, %i warnings: %s',
    (failOn, maxWarnings, errors, warnings, reason) => {
      expect(failure({ failOn, maxWarnings }, errors, warnings)).toBe(reason);
    },
  );
});

describe('scan of a TypeScript project (json, --output)', () => {
  const output = path.join(tmp, 'nested', 'report.json');
  let result: Run;
  let report: ESLint.LintResult[];

  beforeAll(async () => {
    result = await run(['scan', path.relative(repoRoot, tsApp), '--no-config', '--format', 'json', '--output', output]);
    report = JSON.parse(fs.readFileSync(output, 'utf8')) as ESLint.LintResult[];
  });

  it('exits 1 on error findings (default --fail-on error) and writes only the summary to stderr', () => {
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(
      /^dynamodb-security: 2 file\(s\) scanned \(1 tsconfig\.json\) in [\d.]+s with the recommended config and no ESLint config \(--no-config\): \d+ error\(s\), \d+ warning\(s\); report written to .*report\.json\ndynamodb-security: failed: \d+ error\(s\) reach --fail-on error\n$/,
    );
    expect(summaryCounts(result.stderr)).toEqual(countsOf(report));
  });

  it('writes ESLint JSON results, creating the directory', () => {
    const notes = report.find((r) => r.filePath.endsWith(path.join('src', 'notes.ts')))!;
    const unscoped = notes.messages.filter((m) => m.ruleId === UNSCOPED);
    expect(unscoped.map((m) => [m.line, m.severity])).toEqual([
      [19, 2],
      [24, 2],
    ]);
    expect(unscoped[1]!.message).toMatch(
      /^`req\.params\.noteId` \(line 24\) → findNote\(noteId\) \(tests\/fixtures\/cli\/ts-app\/src\/repository\.ts:6\) → /,
    );
    expect(notes.suppressedMessages.map((m) => [m.ruleId, m.line, m.suppressions])).toEqual([
      [UNSCOPED, 29, [{ kind: 'directive', justification: 'admins only, checked by the gateway' }]],
    ]);
    expect(
      report.find((r) => r.filePath.endsWith('repository.ts'))!.messages.filter((m) => m.ruleId === UNSCOPED),
    ).toEqual([]);
  });

  it("reports only this plugin's rules", () => {
    expect(report.flatMap((r) => r.messages).every((m) => m.ruleId?.startsWith('dynamodb-security/'))).toBe(true);
  });
});

describe('scan of a JavaScript project without tsconfig.json (stylish, default path, progress)', () => {
  let result: Run;
  beforeAll(async () => {
    result = await run(['scan', '--strict', '--no-config', '--format', 'stylish'], { cwd: jsApp, tty: true });
  });

  it('scans the current directory with a default program', () => {
    expect(result.code).toBe(1);
    expect(result.stdout).toContain(path.join(jsApp, 'handler.js'));
    expect(result.stdout).toMatch(
      /8:82 +error +`event\.pathParameters\.noteId` \(line 8\) → Key\.noteId in GetCommand \(line 8\).* dynamodb-security\/no-unscoped-key/,
    );
    expect(result.stderr).toMatch(
      /1 file\(s\) scanned \(0 tsconfig\.json, 1 file\(s\) in a default program\) in [\d.]+s with the strict config and no ESLint config \(--no-config\): \d+ error\(s\), 0 warning\(s\)/,
    );
  });

  it('shows a progress line on a terminal, and clears it', () => {
    expect(result.stderr).toContain('\rdynamodb-security: linted 1/1 files…\r\x1b[K');
  });
});

describe('scan of two paths, one outside the working directory (sarif, --strict, --fail-on never)', () => {
  let result: Run;
  beforeAll(async () => {
    result = await run(
      [
        'scan',
        '.',
        '../js-app',
        '--no-config',
        '--format',
        'sarif',
        '--strict',
        '--fail-on',
        'never',
        '--max-warnings',
        '0',
      ],
      { cwd: tsApp },
    );
  });

  it('exits 0 with findings under --fail-on never, and prints a line per program off a terminal', () => {
    expect(result.code).toBe(0);
    expect(result.stderr).not.toContain('\r');
    expect(result.stderr).toMatch(/^dynamodb-security: \[1\/2\] tsconfig\.json \(2 file\(s\)\)\n/);
    expect(result.stderr).toContain('dynamodb-security: [2/2] default program (1 file(s))\n');
    expect(result.stderr).toContain('3 file(s) scanned (1 tsconfig.json, 1 file(s) in a default program)');
    expect(result.stderr).toContain('--max-warnings is ignored with --fail-on never');
  });

  it('prints one SARIF run with results from both projects, relative to the directory that holds both', () => {
    const log = JSON.parse(result.stdout) as Log;
    expect(log.version).toBe('2.1.0');
    const [sarifRun] = log.runs;
    expect(sarifRun!.originalUriBaseIds!['%SRCROOT%']!.uri).toBe(`file://${cliFixtures}/`);
    const unscoped = sarifRun!.results!.filter((r) => r.ruleId === UNSCOPED);
    const uris = unscoped.map((r) => r.locations![0]!.physicalLocation!.artifactLocation!.uri);
    expect(uris).toEqual(['js-app/handler.js', 'ts-app/src/notes.ts', 'ts-app/src/notes.ts', 'ts-app/src/notes.ts']);
    expect(unscoped.filter((r) => r.suppressions).length).toBe(1);
  });
});

describe("scan with the project's ESLint config (--config)", () => {
  let result: Run;
  let report: ESLint.LintResult[];
  beforeAll(async () => {
    result = await run(['scan', '--config', '../configs/public-notes.mjs', '--format', 'json'], { cwd: tsApp });
    report = JSON.parse(result.stdout) as ESLint.LintResult[];
  });

  it('says which config it used and how many files it ignored', () => {
    expect(result.stderr).toMatch(
      /1 file\(s\) scanned \(1 tsconfig\.json\) in [\d.]+s with the recommended config and settings, rule options and ignores from \.\.\/configs\/public-notes\.mjs \(1 file\(s\) ignored\): /,
    );
    expect(report.map((r) => path.relative(tsApp, r.filePath))).toEqual([path.join('src', 'notes.ts')]);
  });

  it('applies its rule options (publicTables) and levels (a rule turned off)', () => {
    const rules = new Set(report.flatMap((r) => r.messages.map((m) => m.ruleId)));
    expect(rules.has(UNSCOPED)).toBe(false);
    expect(rules.has('dynamodb-security/no-unvalidated-input')).toBe(false);
    expect(rules.has('dynamodb-security/no-raw-item-response')).toBe(true);
  });

  it('passes its settings to the rules: a bad entry is named', async () => {
    const bad = await run(['scan', '--config', path.join(configs, 'bad-settings.mjs')], { cwd: tsApp });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("Invalid settings['dynamodb-security'].guards[0]");
  });
});

describe('the text format', () => {
  const cwd = '/repo';
  const message = (over: Partial<Linter.LintMessage>): Linter.LintMessage => ({
    ruleId: UNSCOPED,
    severity: 2,
    message: '',
    line: 1,
    column: 1,
    ...over,
  });
  const result = (file: string, messages: Linter.LintMessage[], suppressed = 0): ESLint.LintResult => ({
    filePath: path.join(cwd, file),
    messages,
    suppressedMessages: Array.from({ length: suppressed }, () => ({ ...message({}), suppressions: [] })),
    errorCount: messages.filter((m) => m.severity === 2).length,
    fatalErrorCount: 0,
    warningCount: messages.filter((m) => m.severity === 1).length,
    fixableErrorCount: 0,
    fixableWarningCount: 0,
    usedDeprecatedRules: [],
  });

  it('groups findings by file, prints each flow as steps, the rest of the message wrapped, the rule page and counts per rule', () => {
    const output = formatText(
      [
        result('src/routes/orders.ts', [
          message({
            line: 14,
            column: 41,
            message:
              '`req.params.orderId` (line 11) → `id` (line 12) → OrderRepository.findById(id) (src/repositories/orders.ts:9) → Key.orderId in GetCommand (src/repositories/orders.ts:10): the route parameter picks the item and nothing ties it to the authenticated caller (IDOR); orders items belong to users: src/routes/orders.ts:30 stores ownerId from the caller.',
          }),
          message({
            ruleId: 'dynamodb-security/no-unvalidated-input',
            severity: 1,
            line: 14,
            column: 41,
            message: '`req.params.orderId` (line 11) → Key.orderId in GetCommand (line 14): no validator checked it.',
          }),
        ]),
        result('src/health.ts', [], 1),
        result('src/broken.ts', [
          { ruleId: null, fatal: true, severity: 2, message: "Parsing error: ';' expected.", line: 3, column: 7 },
        ]),
      ],
      { cwd, rulesMeta: {} },
    );
    expect(output).toMatchSnapshot();
    const prose = output.split('\n').filter((line) => !line.includes('https://'));
    expect(Math.max(...prose.map((line) => line.length))).toBeLessThanOrEqual(100);
  });

  it('says so when there is nothing to report', () => {
    expect(formatText([result('src/a.ts', [])], { cwd, rulesMeta: {} })).toBe('No findings.\n');
  });

  it('is the default of scan', async () => {
    const { stdout } = await run(['scan', '--no-config', 'src'], { cwd: tsApp });
    expect(stdout).toMatch(
      /^src\/notes\.ts\n {2}19:82 {2}error {2}dynamodb-security\/no-unscoped-key\n {4}`req\.params\.noteId` +line 19\n {4}→ Key\.noteId in GetCommand +line 19\n/,
    );
    expect(stdout).toMatch(/\n {2}dynamodb-security\/no-unscoped-key +2 errors\n/);
  });
});

describe('the installed bin and npm run scan', () => {
  const exec = promisify(execFile);
  const bin = path.join(repoRoot, 'dist', 'src', 'cli', 'bin.js');

  it('sets the process exit code', async () => {
    expect((await exec(process.execPath, [bin, '--version'])).stdout).toBe(`${version}\n`);
    await expect(exec(process.execPath, [bin, 'scan', '--nope'])).rejects.toMatchObject({
      code: 2,
      stderr: expect.stringContaining("Unknown option '--nope'") as unknown,
    });
  });

  it('scripts/scan.js scans with the strict config and exits 0 whatever it finds', async () => {
    const { stdout, stderr } = await exec(
      process.execPath,
      [path.join(repoRoot, 'scripts', 'scan.js'), path.relative(repoRoot, jsApp), '--no-config', '--format', 'stylish'],
      { cwd: repoRoot },
    );
    expect(stdout).toContain('dynamodb-security/no-unscoped-key');
    expect(stderr).toMatch(/with the strict config and no ESLint config \(--no-config\): [1-9]\d* error\(s\)/);
  });
});
