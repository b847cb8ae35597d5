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
import type { ESLint } from 'eslint';
import type { Log } from 'sarif';
import { exitCode, main } from '../src/cli/main.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const cliFixtures = path.join(repoRoot, 'tests', 'fixtures', 'cli');
const tsApp = path.join(cliFixtures, 'ts-app');
const jsApp = path.join(cliFixtures, 'js-app');
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
    for (const flag of ['--format', '--output', '--fail-on', '--max-warnings', '--strict', '--help', '--version'])
      expect(stdout).toContain(flag);
    expect((await run(['scan', '-h'])).stdout).toBe(stdout);
  });

  it('--version prints the package version, exit 0', async () => {
    expect(await run(['--version'])).toEqual({ code: 0, stdout: `${version}\n`, stderr: '' });
    expect((await run(['-v'])).stdout).toBe(`${version}\n`);
  });

  it.each([
    [['scan', '--frobnicate'], /Unknown option '--frobnicate'/],
    [['scan', '--format', 'xml'], /--format must be one of stylish, json, sarif; got 'xml'/],
    [['scan', '--fail-on', 'sometimes'], /--fail-on must be one of error, warn, never; got 'sometimes'/],
    [['scan', '--max-warnings=-1'], /--max-warnings must be a whole number of 0 or more; got '-1'/],
    [['scan', '--max-warnings', 'many'], /--max-warnings must be a whole number of 0 or more; got 'many'/],
    [['scan', '--output'], /Option '-o, --output <value>' argument missing/],
    [['scan', '--output='], /--output needs a file name/],
    [['lint', '.'], /unknown command 'lint': expected `scan`/],
    [[], /missing command: expected `scan`/],
  ])('%j is a usage error, exit 2', async (argv, message) => {
    const { code, stdout, stderr } = await run(argv);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(message);
    expect(stderr).toContain('Run `dynamodb-security --help` for usage.');
  });
});

describe('bad input', () => {
  it.each([
    [['scan', 'no/such/dir'], /^dynamodb-security: no such file or directory: no\/such\/dir\n$/],
    [['scan', path.join(cliFixtures, 'empty')], /no TypeScript or JavaScript files in .*empty\n$/],
    [['scan', path.join(cliFixtures, 'empty', 'README.md')], /no TypeScript or JavaScript files in .*README\.md\n$/],
    [
      ['scan', path.join(cliFixtures, 'broken')],
      /broken tsconfig\.json: .*broken\/tsconfig\.json:4:1: '}' expected\.\n$/,
    ],
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
    ['never', 0, 3, 1, 1],
  ] as const)(
    '--fail-on %s --max-warnings %s with %i errors and %i warnings: %i',
    (failOn, maxWarnings, errors, warnings, expected) => {
      expect(exitCode({ failOn, maxWarnings }, errors, warnings)).toBe(expected);
    },
  );
});

describe('scan of a TypeScript project (json, --output)', () => {
  const output = path.join(tmp, 'nested', 'report.json');
  let result: Run;
  let report: ESLint.LintResult[];

  beforeAll(async () => {
    result = await run(['scan', path.relative(repoRoot, tsApp), '--format', 'json', '--output', output]);
    report = JSON.parse(fs.readFileSync(output, 'utf8')) as ESLint.LintResult[];
  });

  it('exits 1 on error findings (default --fail-on error) and writes only the summary to stderr', () => {
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(
      /^dynamodb-security: 2 file\(s\) scanned \(1 tsconfig\.json\) in [\d.]+s with the recommended config: \d+ error\(s\), \d+ warning\(s\); report written to .*report\.json\n$/,
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
    result = await run(['scan', '--strict'], { cwd: jsApp, tty: true });
  });

  it('scans the current directory with a default program', () => {
    expect(result.code).toBe(1);
    expect(result.stdout).toContain(path.join(jsApp, 'handler.js'));
    expect(result.stdout).toMatch(
      /8:82 +error +`event\.pathParameters\.noteId` \(line 8\) → Key\.noteId in GetCommand \(line 8\).* dynamodb-security\/no-unscoped-key/,
    );
    expect(result.stderr).toMatch(
      /1 file\(s\) scanned \(0 tsconfig\.json, 1 file\(s\) in a default program\) in [\d.]+s with the strict config: \d+ error\(s\), 0 warning\(s\)/,
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
      ['scan', '.', '../js-app', '--format', 'sarif', '--strict', '--fail-on', 'never', '--max-warnings', '0'],
      { cwd: tsApp },
    );
  });

  it('exits 0 with findings under --fail-on never, and prints no progress line off a terminal', () => {
    expect(result.code).toBe(0);
    expect(result.stderr).not.toContain('\r');
    expect(result.stderr).toContain('3 file(s) scanned (1 tsconfig.json, 1 file(s) in a default program)');
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
      [path.join(repoRoot, 'scripts', 'scan.js'), path.relative(repoRoot, jsApp)],
      { cwd: repoRoot },
    );
    expect(stdout).toContain('dynamodb-security/no-unscoped-key');
    expect(stderr).toMatch(/with the strict config: [1-9]\d* error\(s\)/);
  });
});
