/**
 * The rule docs are part of the product: every rule has a page, the generated parts (README rule
 * list, page headers) are current, and each page's examples do what they say. A fenced `ts`/`js`
 * block under a heading that says "Incorrect" (or ❌) must get at least one report from the page's
 * rule; one under "Correct" (or ✅) must get none. Blocks are linted as `tests/fixtures/file.ts`
 * (or `plain.js`) with typed linting and the `strict` config. Every other block is linted too: an
 * ESLint config (`export default [...]`) is loaded as the flat config it is, and the TypeScript
 * block after it ("With that configuration, this code is not reported") is linted with it and must
 * get no report from the page's rule; the rest must parse.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';
import plugin from '../src/index.js';
import { fixturesDir } from './rule-tester.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const docsDir = path.join(repoRoot, 'docs', 'rules');
const NAMESPACE = plugin.meta.namespace;

interface Example {
  readonly kind: 'incorrect' | 'correct' | 'other';
  readonly language: 'ts' | 'js';
  readonly code: string;
  /** Line of the opening fence in the page, for failure messages. */
  readonly line: number;
}

/** The fenced examples of a page, classified by the nearest heading above them. */
function examplesOf(markdown: string): Example[] {
  const examples: Example[] = [];
  const lines = markdown.split(/\r?\n/);
  let heading = '';
  for (let i = 0; i < lines.length; i++) {
    const text = lines[i]!;
    const headingMatch = /^#{1,6}\s+(.*)$/.exec(text);
    if (headingMatch) {
      heading = headingMatch[1]!;
      continue;
    }
    const fence = /^```(\w+)?\s*$/.exec(text);
    if (!fence) continue;
    const start = i;
    const body: string[] = [];
    for (i++; i < lines.length && !/^```\s*$/.test(lines[i]!); i++) body.push(lines[i]!);
    const language = { ts: 'ts', typescript: 'ts', js: 'js', javascript: 'js' }[fence[1] ?? ''] as
      Example['language'] | undefined;
    const kind = /incorrect|❌/i.test(heading) ? 'incorrect' : /correct|✅/i.test(heading) ? 'correct' : 'other';
    if (language) examples.push({ kind, language, code: body.join('\n'), line: start + 1 });
  }
  return examples;
}

/** An ESLint flat config file, as the README and the Options sections show them. */
function isConfig(example: Example): boolean {
  return example.language === 'js' && /^export default \[/m.test(example.code);
}

const pages = fs
  .readdirSync(docsDir)
  .filter((name) => name.endsWith('.md'))
  .map((name) => name.slice(0, -'.md'.length))
  .sort();

describe('rule docs', () => {
  it('every rule has a page and every page a rule', () => {
    expect(pages).toEqual(Object.keys(plugin.rules ?? {}).sort());
  });

  it('every rule links to its page', () => {
    for (const [name, rule] of Object.entries(plugin.rules ?? {})) {
      expect(rule.meta?.docs?.url).toMatch(
        new RegExp(`^https://github\\.com/[^/]+/[^/]+/blob/main/docs/rules/${name}\\.md$`),
      );
    }
  });

  it('the README rule list and the page headers are what eslint-doc-generator generates (--check)', async () => {
    // eslint-doc-generator loads the built plugin through package.json; `npm test` builds first.
    expect(fs.existsSync(path.join(repoRoot, 'dist', 'src', 'index.js')), 'run `npm run build` first').toBe(true);
    const bin = path.join(repoRoot, 'node_modules', '.bin', 'eslint-doc-generator');
    const run = await promisify(execFile)(bin, ['--check'], { cwd: repoRoot }).then(
      () => ({ code: 0, output: '' }),
      (error: unknown) => {
        const failed = error as { code: number; stdout: string; stderr: string };
        return { code: failed.code, output: `${failed.stdout}${failed.stderr}` };
      },
    );
    expect(
      run.code,
      `eslint-doc-generator --check failed; run \`npm run docs\` and commit the result:\n${run.output}`,
    ).toBe(0);
  });

  describe('examples', () => {
    // One instance for every block: the project service keeps the program and re-reads only the file.
    const eslint = new ESLint({
      cwd: fixturesDir,
      overrideConfigFile: true,
      overrideConfig: [
        {
          files: ['**/*.ts', '**/*.js'],
          languageOptions: {
            parser: tseslint.parser,
            parserOptions: { projectService: true, tsconfigRootDir: fixturesDir },
          },
        },
        plugin.configs.strict,
      ],
    });

    for (const page of pages) {
      const examples = examplesOf(fs.readFileSync(path.join(docsDir, `${page}.md`), 'utf8'));

      it(`${page}.md has incorrect and correct examples`, () => {
        expect(examples.some((e) => e.kind === 'incorrect')).toBe(true);
        expect(examples.some((e) => e.kind === 'correct')).toBe(true);
      });

      for (const example of examples) {
        if (example.kind === 'other') continue;
        it(`${page}.md:${example.line} (${example.kind})`, async () => {
          const file = path.join(fixturesDir, example.language === 'ts' ? 'file.ts' : 'plain.js');
          const [result] = await eslint.lintText(example.code, { filePath: file });
          const messages = result!.messages;
          const described = messages
            .map((m) => `  ${m.line}:${m.column} ${m.ruleId ?? 'fatal'}: ${m.message}`)
            .join('\n');
          expect(
            messages.filter((m) => m.fatal),
            `parse errors:\n${described}`,
          ).toEqual([]);
          const own = messages.filter((m) => m.ruleId === `${NAMESPACE}/${page}`);
          if (example.kind === 'incorrect')
            expect(own.length, `no ${page} report on an incorrect example`).toBeGreaterThan(0);
          else expect(own, `${page} reports on a correct example:\n${described}`).toEqual([]);
        });
      }

      for (const [index, example] of examples.entries()) {
        if (example.kind !== 'other') continue;
        const previous = examples[index - 1];
        // A TypeScript block right after a config block is linted with that config (below).
        if (previous?.kind === 'other' && isConfig(previous) && example.language === 'ts') continue;
        it(`${page}.md:${example.line} (${isConfig(example) ? 'config' : 'parses'})`, async () => {
          if (!isConfig(example)) {
            const file = path.join(fixturesDir, example.language === 'ts' ? 'file.ts' : 'plain.js');
            const [result] = await eslint.lintText(example.code, { filePath: file });
            expect(result!.messages.filter((m) => m.fatal)).toEqual([]);
            return;
          }
          // The config as a file of this package (its import of the plugin resolves to dist/).
          const configFile = path.join(fixturesDir, `.docs-config-${page}-${String(example.line)}.mjs`);
          fs.writeFileSync(configFile, example.code);
          try {
            const configured = new ESLint({ cwd: fixturesDir, overrideConfigFile: configFile });
            const file = path.join(fixturesDir, 'file.ts');
            // Loading validates it: unknown rules, bad options.
            expect(await configured.calculateConfigForFile(file)).toBeDefined();
            const next = examples[index + 1];
            if (next?.kind === 'other' && next.language === 'ts') {
              const [result] = await configured.lintText(next.code, { filePath: file });
              const messages = result!.messages.filter((m) => m.fatal === true || m.ruleId === `${NAMESPACE}/${page}`);
              expect(messages, `${page}.md:${next.line} with the config above it`).toEqual([]);
            }
          } finally {
            fs.rmSync(configFile);
          }
        });
      }
    }
  });
});
