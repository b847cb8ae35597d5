/**
 * The published package: `npm pack` holds only what users need, and the packed plugin works when
 * installed in a project of its own, through a flat config (with the SARIF formatter, as the README
 * shows) and through its `scan` bin.
 *
 * Offline and without a registry: the tarball is unpacked into the temporary project's
 * `node_modules` and its bins linked, as `npm install` does; the packages it needs from outside
 * (its dependencies, its peers eslint and typescript, typescript-eslint, and the example's
 * express and AWS SDK types) are symlinks into this repository's `node_modules`.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import type { Log } from 'sarif';

const exec = promisify(execFile);
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const pkg = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as {
  name: string;
  bin: Record<string, string>;
  dependencies: Record<string, string>;
  peerDependencies: Record<string, string>;
};
const exampleSources = path.join(repoRoot, 'tests', 'fixtures', 'cli', 'ts-app');
const FROM_REPOSITORY = [
  'typescript-eslint',
  'express',
  '@types/express',
  '@types/node',
  '@aws-sdk/client-dynamodb',
  '@aws-sdk/lib-dynamodb',
];

interface Outcome {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

async function run(file: string, args: string[], cwd: string): Promise<Outcome> {
  return exec(file, args, { cwd, env: { ...process.env, CI: 'true' } }).then(
    ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
    (error: unknown) => {
      const failed = error as Outcome;
      return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
    },
  );
}

describe('the packed package', () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'dynamodb-security-pack-'));
  const project = path.join(tmp, 'project');
  const installed = path.join(project, 'node_modules', pkg.name);
  let files: string[];

  beforeAll(async () => {
    expect(fs.existsSync(path.join(repoRoot, 'dist', 'src', 'index.js')), 'run `npm run build` first').toBe(true);
    const { stdout } = await exec('npm', ['pack', '--json', '--pack-destination', tmp], { cwd: repoRoot });
    const [packed] = JSON.parse(stdout) as [{ filename: string; files: { path: string }[] }];
    files = packed.files.map((f) => f.path).sort();

    fs.mkdirSync(installed, { recursive: true });
    await exec('tar', ['-xzf', path.join(tmp, packed.filename), '-C', installed, '--strip-components=1']);
    const bin = path.join(project, 'node_modules', '.bin');
    fs.mkdirSync(bin);
    for (const [name, target] of Object.entries(pkg.bin)) {
      fs.chmodSync(path.join(installed, target), 0o755);
      fs.symlinkSync(path.join('..', pkg.name, target), path.join(bin, name));
    }
    for (const name of [...Object.keys(pkg.dependencies), ...Object.keys(pkg.peerDependencies), ...FROM_REPOSITORY]) {
      fs.mkdirSync(path.dirname(path.join(project, 'node_modules', name)), { recursive: true });
      fs.symlinkSync(path.join(repoRoot, 'node_modules', name), path.join(project, 'node_modules', name), 'dir');
    }

    fs.cpSync(path.join(exampleSources, 'src'), path.join(project, 'src'), { recursive: true });
    fs.copyFileSync(path.join(exampleSources, 'tsconfig.json'), path.join(project, 'tsconfig.json'));
    fs.writeFileSync(
      path.join(project, 'package.json'),
      JSON.stringify({ name: 'example-api', private: true, type: 'module' }),
    );
    // The README's flat config.
    fs.writeFileSync(
      path.join(project, 'eslint.config.js'),
      `import tseslint from 'typescript-eslint';
import dynamodb from 'eslint-plugin-dynamodb-security';

const files = ['**/*.{ts,tsx,mts,cts}'];

export default [
  { files, languageOptions: { parser: tseslint.parser, parserOptions: { projectService: true } } },
  { files, ...dynamodb.configs.recommended },
];
`,
    );
  });

  afterAll(() => {
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('contains only the built code, the docs, README.md, LICENSE and package.json', () => {
    const outside = files.filter(
      (file) =>
        !/^(?:dist\/(?:src|rules)\/.+\.(?:js|d\.ts)|docs\/rules\/[a-z-]+\.md|README\.md|LICENSE|package\.json)$/.test(
          file,
        ),
    );
    expect(outside).toEqual([]);
    for (const required of [
      'dist/src/index.js',
      'dist/src/cli/bin.js',
      'dist/src/formatters/sarif.js',
      'LICENSE',
      'README.md',
      'package.json',
    ]) {
      expect(files).toContain(required);
    }
    expect(files.filter((file) => file.startsWith('docs/rules/')).length).toBeGreaterThan(0);
  });

  it('reports through a flat config with typed linting, and writes SARIF with eslint -f', async () => {
    const eslint = path.join(project, 'node_modules', 'eslint', 'bin', 'eslint.js');
    const formatter = `./node_modules/${pkg.name}/dist/src/formatters/sarif.js`;
    const { code, stderr } = await run(
      process.execPath,
      [eslint, '-f', formatter, '-o', 'results.sarif', '.'],
      project,
    );
    expect(code, stderr).toBe(1);
    const log = JSON.parse(fs.readFileSync(path.join(project, 'results.sarif'), 'utf8')) as Log;
    const findings = log.runs[0]!.results!.filter(
      (r) => r.ruleId === 'dynamodb-security/no-unscoped-key' && !r.suppressions,
    );
    expect(findings.map((r) => r.locations![0]!.physicalLocation!.artifactLocation!.uri)).toEqual([
      'src/notes.ts',
      'src/notes.ts',
    ]);
    expect(findings[1]!.codeFlows![0]!.threadFlows[0]!.locations.length).toBe(3);
  });

  it('scans with its bin, with no ESLint config needed, and exits 1 on findings', async () => {
    fs.rmSync(path.join(project, 'eslint.config.js'));
    const { code, stdout, stderr } = await run(
      path.join(project, 'node_modules', '.bin', 'dynamodb-security'),
      ['scan'],
      project,
    );
    expect(stderr).toContain('2 file(s) scanned (1 tsconfig.json)');
    expect(code).toBe(1);
    expect(stdout).toContain(path.join(project, 'src', 'notes.ts'));
    expect(stdout.match(/dynamodb-security\/no-unscoped-key/g)?.length).toBe(2);
  });

  it('answers under its package name too (npx eslint-plugin-dynamodb-security)', async () => {
    const { code, stdout } = await run(path.join(project, 'node_modules', '.bin', pkg.name), ['--version'], project);
    expect(code).toBe(0);
    expect(stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
  });
});
