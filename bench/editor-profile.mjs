// CPU profile of warm re-lints only (bench/editor.mjs's edit loop, plugin mode), without start-up
// and the first lint: what a keystroke costs the plugin. Writes bench/out/editor.cpuprofile.
//
//   node bench/editor-profile.mjs [--file fixtures/express/src/routes/notes.ts] [-n 20]
import fs from 'node:fs';
import inspector from 'node:inspector/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';

const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, '..');
const args = process.argv.slice(2);
const option = (name, fallback) => {
  const at = args.indexOf(name);
  return at >= 0 ? args[at + 1] : fallback;
};
const source = path.resolve(repoRoot, option('--file', 'fixtures/express/src/routes/notes.ts'));
const iterations = Number(option('-n', '20'));
let projectRoot = path.dirname(source);
while (!fs.existsSync(path.join(projectRoot, 'tsconfig.json'))) projectRoot = path.dirname(projectRoot);
const workRoot = path.join(here, 'out', 'editor-profile');
fs.rmSync(workRoot, { recursive: true, force: true });
fs.cpSync(projectRoot, workRoot, { recursive: true });
const file = path.join(workRoot, path.relative(projectRoot, source));
const original = fs.readFileSync(file, 'utf8');
const plugin = (await import('../dist/src/index.js')).default;
const eslint = new ESLint({
  cwd: workRoot,
  overrideConfigFile: true,
  overrideConfig: [
    {
      files: ['**/*.ts', '**/*.js'],
      languageOptions: { parser: tseslint.parser, parserOptions: { projectService: true, tsconfigRootDir: workRoot } },
    },
    plugin.configs.strict,
  ],
});
const lint = (i) => eslint.lintText(`${original}\nexport const editorBenchEdit = ${i};\n`, { filePath: file });
for (let i = 0; i < 3; i++) await lint(i);
const session = new inspector.Session();
session.connect();
await session.post('Profiler.enable');
await session.post('Profiler.start');
for (let i = 3; i < 3 + iterations; i++) await lint(i);
const { profile } = await session.post('Profiler.stop');
fs.writeFileSync(path.join(here, 'out', 'editor.cpuprofile'), JSON.stringify(profile));
console.log(`wrote bench/out/editor.cpuprofile (${iterations} warm re-lints)`);
