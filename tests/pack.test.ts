/**
 * The package as users get it before it is on the registry: installed from a fresh clone's git URL
 * (npm runs `prepare`, which builds `dist/`) and from a tarball that `npm pack` made in a fresh
 * clone, each into a new project, then linted through the complete flat config, the SARIF
 * formatter and the `scan` bin. The git install uses the newest supported typescript-eslint (the
 * repository's own) and ESLint 10; the tarball install the oldest (8.56.0), TypeScript 5 and ESLint 9.
 *
 * Slow (two `npm install`s; the git one installs the clone's dev dependencies to build it), so
 * each install is linted a few times in one go. The registry is needed (npm's cache is preferred);
 * without it the tests are skipped. The example's framework and SDK types are symlinks into this
 * repository's `node_modules`. The clone is of the committed HEAD.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import type { ESLint } from 'eslint';
import type { Log } from 'sarif';

const exec = promisify(execFile);
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const pkg = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as {
  name: string;
  devDependencies: Record<string, string>;
};
const exampleSources = path.join(repoRoot, 'tests', 'fixtures', 'cli', 'ts-app');
const FROM_REPOSITORY = [
  'express',
  '@types/express',
  '@types/node',
  '@aws-sdk/client-dynamodb',
  '@aws-sdk/lib-dynamodb',
];
const UNSCOPED = 'dynamodb-security/no-unscoped-key';
const RAW_ITEM = 'dynamodb-security/no-raw-item-response';
const NPM_FLAGS = ['--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error'];

interface Outcome {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

async function run(file: string, args: string[], cwd: string): Promise<Outcome> {
  return exec(file, args, { cwd, env: { ...process.env, CI: 'true' }, maxBuffer: 64 * 1024 * 1024 }).then(
    ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
    (error: unknown) => {
      const failed = error as Outcome;
      return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
    },
  );
}

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'dynamodb-security-pack-'));
const clone = path.join(tmp, 'clone');
/** Set when npm cannot reach the registry: the tests are skipped rather than failed. */
let offline: string | undefined;

/** A new project with the example's sources, its `eslint.config.mjs`, and `packages` installed. */
async function makeProject(name: string, packages: string[], config: string): Promise<string> {
  const project = path.join(tmp, name);
  fs.mkdirSync(project);
  fs.writeFileSync(path.join(project, 'package.json'), JSON.stringify({ name, private: true, type: 'module' }));
  const installed = await run('npm', ['install', '--save-dev', ...NPM_FLAGS, ...packages], project);
  if (installed.code !== 0) {
    if (/ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ETIMEDOUT|ENETUNREACH/.test(installed.stderr)) offline = installed.stderr;
    else throw new Error(`npm install in ${name} failed:\n${installed.stderr}`);
  }
  for (const dependency of FROM_REPOSITORY) {
    const target = path.join(project, 'node_modules', dependency);
    if (fs.existsSync(target)) continue;
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.symlinkSync(path.join(repoRoot, 'node_modules', dependency), target, 'dir');
  }
  fs.cpSync(path.join(exampleSources, 'src'), path.join(project, 'src'), { recursive: true });
  fs.copyFileSync(path.join(exampleSources, 'tsconfig.json'), path.join(project, 'tsconfig.json'));
  fs.writeFileSync(path.join(project, 'eslint.config.mjs'), config);
  return project;
}

/** `scan --format json` in the project; the unsuppressed findings of a rule, as `file:line`. */
function findings(report: ESLint.LintResult[], project: string, ruleId: string): string[] {
  return report.flatMap((r) =>
    r.messages.filter((m) => m.ruleId === ruleId).map((m) => `${path.relative(project, r.filePath)}:${m.line}`),
  );
}

afterAll(() => {
  fs.rmSync(tmp, { recursive: true, force: true });
});

describe('installed from a fresh clone', () => {
  let tarball: string;

  beforeAll(async () => {
    await exec('git', ['clone', '--quiet', repoRoot, clone]);
    expect(fs.existsSync(path.join(clone, 'dist')), 'a clone has no dist/').toBe(false);
    // `npm pack` in the clone builds dist/ itself (prepare); the clone's dev dependencies are this repository's.
    fs.symlinkSync(path.join(repoRoot, 'node_modules'), path.join(clone, 'node_modules'), 'dir');
    const { stdout } = await exec('npm', ['pack', '--json', '--pack-destination', tmp], { cwd: clone });
    const [packed] = JSON.parse(stdout.slice(stdout.indexOf('['))) as [{ filename: string; files: { path: string }[] }];
    tarball = path.join(tmp, packed.filename);
    const files = packed.files.map((f) => f.path);
    const outside = files.filter(
      (file) =>
        !/^(?:dist\/(?:src|rules)\/.+\.(?:js|d\.ts)|docs\/rules\/[a-z-]+\.md|README\.md|CHANGELOG\.md|SECURITY\.md|LICENSE|package\.json)$/.test(
          file,
        ),
    );
    expect(outside).toEqual([]);
    for (const required of [
      'dist/src/index.js',
      'dist/src/cli/bin.js',
      'dist/src/formatters/sarif.js',
      'docs/rules/no-unscoped-key.md',
    ])
      expect(files).toContain(required);
    fs.rmSync(path.join(clone, 'node_modules'));
    fs.rmSync(path.join(clone, 'dist'), { recursive: true });
  }, 300_000);

  describe('by git URL, with the newest typescript-eslint and ESLint 10', () => {
    let project: string;
    beforeAll(async () => {
      project = await makeProject(
        'from-git',
        [
          `git+file://${clone}`,
          `typescript-eslint@${pkg.devDependencies['typescript-eslint']!}`,
          `typescript@${pkg.devDependencies.typescript!}`,
          `eslint@${pkg.devDependencies.eslint!}`,
        ],
        // The README's config, with a public table.
        `import dynamodb from 'eslint-plugin-dynamodb-security';

export default [
  dynamodb.configs['recommended-type-checked'],
  { files: ['**/*.ts'], rules: { 'dynamodb-security/no-unscoped-key': ['error', { publicTables: ['Notes'] }] } },
];
`,
      );
    }, 600_000);

    it('builds dist/ on install (prepare)', (context) => {
      if (offline) context.skip();
      expect(fs.existsSync(path.join(project, 'node_modules', pkg.name, 'dist', 'src', 'index.js'))).toBe(true);
    });

    it('lints through the flat config and writes SARIF with eslint -f; publicTables silences the Notes keys', async (context) => {
      if (offline) context.skip();
      const eslint = path.join(project, 'node_modules', 'eslint', 'bin', 'eslint.js');
      const formatter = `./node_modules/${pkg.name}/dist/src/formatters/sarif.js`;
      const { code, stderr } = await run(
        process.execPath,
        [eslint, '-f', formatter, '-o', 'results.sarif', '.'],
        project,
      );
      expect(code, stderr).toBe(1);
      const log = JSON.parse(fs.readFileSync(path.join(project, 'results.sarif'), 'utf8')) as Log;
      const results = log.runs[0]!.results!.filter((r) => !r.suppressions);
      expect(results.filter((r) => r.ruleId === UNSCOPED)).toEqual([]);
      const crossFile = results.find(
        (r) => r.ruleId === RAW_ITEM && r.locations![0]!.physicalLocation!.region!.startLine === 24,
      )!;
      expect(crossFile.codeFlows![0]!.threadFlows[0]!.locations.length).toBe(4);
    });

    it('scans with its bin, reading eslint.config.mjs; --no-config brings the Notes findings back', async (context) => {
      if (offline) context.skip();
      const bin = path.join(project, 'node_modules', '.bin', 'dynamodb-security');
      const configured = await run(bin, ['scan', '--format', 'json'], project);
      expect(configured.stderr).toContain(
        'with the recommended config and settings, rule options and ignores from eslint.config.mjs',
      );
      const withConfig = JSON.parse(configured.stdout) as ESLint.LintResult[];
      expect(findings(withConfig, project, UNSCOPED)).toEqual([]);
      expect(findings(withConfig, project, RAW_ITEM).length).toBeGreaterThan(0);

      const bare = await run(bin, ['scan', '--format', 'json', '--no-config'], project);
      expect(findings(JSON.parse(bare.stdout) as ESLint.LintResult[], project, UNSCOPED)).toEqual([
        'src/notes.ts:19',
        'src/notes.ts:24',
      ]);
      expect(bare.code).toBe(1);
    });
  });

  describe('by tarball, with the oldest supported typescript-eslint (8.56.0), TypeScript 5 and ESLint 9', () => {
    let project: string;
    beforeAll(async () => {
      project = await makeProject(
        'from-tarball',
        [tarball, 'typescript-eslint@8.56.0', 'typescript@5.9.3', 'eslint@9.39.5'],
        `import dynamodb from 'eslint-plugin-dynamodb-security';

export default [dynamodb.configs['recommended-type-checked']];
`,
      );
    }, 600_000);

    it('lints through the complete flat config', async (context) => {
      if (offline) context.skip();
      const eslint = path.join(project, 'node_modules', 'eslint', 'bin', 'eslint.js');
      const { code, stdout, stderr } = await run(process.execPath, [eslint, '-f', 'json', '.'], project);
      expect(code, stderr).toBe(1);
      expect(findings(JSON.parse(stdout) as ESLint.LintResult[], project, UNSCOPED)).toEqual([
        'src/notes.ts:19',
        'src/notes.ts:24',
      ]);
    });

    it('scans with its bin under both names, in the text format', async (context) => {
      if (offline) context.skip();
      const { code, stdout, stderr } = await run(
        path.join(project, 'node_modules', '.bin', 'dynamodb-security'),
        ['scan'],
        project,
      );
      // src/*.ts, and eslint.config.mjs in a default program.
      expect(stderr).toContain('3 file(s) scanned (1 tsconfig.json, 1 file(s) in a default program)');
      expect(code).toBe(1);
      expect(stdout).toMatch(/^src\/notes\.ts\n {2}19:82 {2}error {2}dynamodb-security\/no-unscoped-key\n/);
      const byName = await run(path.join(project, 'node_modules', '.bin', pkg.name), ['--version'], project);
      expect(byName.stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
    });
  });
});
