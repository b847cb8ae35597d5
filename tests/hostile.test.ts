import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';
import plugin from '../src/index.js';
import { deepNesting, hostileCases, hostileDir, writeHostileProject } from './hostile.js';

/**
 * Pathological input: each file must lint without a stack overflow and within a generous bound.
 * The bound is far above the measured times (see the closing notes) so that only a regression to
 * super-linear work fails, not a slow machine.
 */
const BOUND_MS = 60_000;
/**
 * Cases whose flow is short enough to follow: the reports must still be there, per rule. The key
 * values are neither scoped nor validated; one finding per flaw (SPEC 2) leaves them to
 * no-unscoped-key, whose message says they are unvalidated too.
 */
const expectedReports: Record<string, Record<string, number>> = {
  'deep-nesting': { 'no-unscoped-key': 2, 'no-raw-item-response': 1 },
  'huge-object': { 'no-unscoped-key': 1, 'no-raw-item-response': 1 },
  'huge-template': { 'no-unscoped-key': 1, 'no-raw-item-response': 1 },
  'assignment-chain': { 'no-raw-item-response': 1 },
};
const runner = path.join(path.dirname(fileURLToPath(import.meta.url)), 'hostile-lint.mjs');

describe('hostile input', () => {
  const files = writeHostileProject();

  it.each(Object.keys(hostileCases))(
    '%s lints in bounded time',
    (name) => {
      const file = files.find((candidate) => path.basename(path.dirname(candidate)) === name)!;
      // The raised stack is for the parser (see hostile-lint.mjs); the rules' own walks are iterative or bounded.
      const output = execFileSync(
        'bash',
        [
          '-c',
          'ulimit -s unlimited 2>/dev/null || ulimit -s 65532; exec "$0" --stack-size=16000 "$@"',
          process.execPath,
          runner,
          path.dirname(file),
          file,
        ],
        {
          encoding: 'utf8',
          maxBuffer: 1 << 26,
        },
      );
      const run = JSON.parse(output.trim().split('\n').pop()!) as {
        ms: number;
        error?: string;
        messages?: { ruleId: string | null; fatal: boolean; message: string }[];
      };
      console.log(
        `hostile ${name}: ${Math.round(run.ms)} ms, ${run.error ? 'error' : `${run.messages!.length} report(s)`}`,
      );
      expect(run.error).toBeUndefined();
      expect(run.messages!.filter((message) => message.fatal)).toEqual([]);
      expect(run.ms).toBeLessThan(BOUND_MS);
      const ours = run.messages!.filter((message) => message.ruleId?.startsWith('dynamodb-security/'));
      if (name in expectedReports) {
        const counts: Record<string, number> = {};
        for (const message of ours)
          counts[message.ruleId!.slice('dynamodb-security/'.length)] =
            (counts[message.ruleId!.slice('dynamodb-security/'.length)] ?? 0) + 1;
        expect(counts).toEqual(expectedReports[name]);
      }
    },
    180_000,
  );

  it('lints 200-deep nesting on the default stack, in process', async () => {
    const dir = path.join(hostileDir, 'default-stack');
    fs.mkdirSync(dir, { recursive: true });
    fs.copyFileSync(path.join(hostileDir, 'deep-nesting', 'tsconfig.json'), path.join(dir, 'tsconfig.json'));
    fs.writeFileSync(path.join(dir, 'case.ts'), deepNesting(200));
    const eslint = new ESLint({
      cwd: dir,
      overrideConfigFile: true,
      overrideConfig: [
        {
          files: ['**/*.ts'],
          languageOptions: { parser: tseslint.parser, parserOptions: { projectService: true, tsconfigRootDir: dir } },
        },
        plugin.configs.strict,
      ],
    });
    const [result] = await eslint.lintFiles([path.join(dir, 'case.ts')]);
    expect(result!.messages.filter((message) => message.fatal)).toEqual([]);
    expect(result!.messages.filter((message) => message.ruleId === 'dynamodb-security/no-unscoped-key')).toHaveLength(
      2,
    );
  });
});
