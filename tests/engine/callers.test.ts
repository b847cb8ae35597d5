import ts from 'typescript';
import { describe, expect, test } from 'vitest';
import { isFunctionNode } from '../../src/engine/ast.js';
import type { FunctionNode } from '../../src/engine/ast.js';
import { Definitions } from '../../src/engine/definitions.js';
import { programOf, sourceFile } from './program.js';

/**
 * `Definitions.callersOf` finds a function's calls by every name the program gives it, without
 * asking the checker about other calls: its own name, import and export aliases, a default
 * export, destructuring, a property that holds it.
 */
const files = {
  'repo.ts': `export function save(id: string) { return id; }
export default function (id: string) { return id; }
export function other(id: string) { return id; }
`,
  'barrel.ts': `export { save as persist } from './repo';\n`,
  'use.ts': `import anonymous, { save as write } from './repo';
import * as repo from './repo';
import { persist } from './barrel';
const { save: picked } = repo;
const holder = { keep: write };
const run = (f: (id: string) => string) => f('z');
export const handed = [run(write), run(anonymous)];
export const calls = [write('a'), repo.save('b'), anonymous('c'), picked('d'), holder.keep('e'), persist('f'), repo.other('g')];
`,
};

function functionsOf(file: ts.SourceFile): FunctionNode[] {
  return file.statements.filter((statement): statement is ts.FunctionDeclaration => isFunctionNode(statement));
}

function argumentsOfCallers(definitions: Definitions, fn: FunctionNode): string[] {
  return definitions.callersOf(fn).map((call) => call.arguments?.[0]?.getText() ?? '');
}

describe('Definitions.callersOf and handedAt', () => {
  test('finds calls through aliases, barrels, namespaces, defaults, destructuring and holders', () => {
    const program = programOf(files);
    const definitions = new Definitions(program.getTypeChecker(), program);
    const [save, anonymous, other] = functionsOf(sourceFile(program, 'repo.ts'));
    expect(argumentsOfCallers(definitions, save!).sort()).toEqual(["'a'", "'b'", "'d'", "'e'", "'f'"]);
    expect(argumentsOfCallers(definitions, anonymous!)).toEqual(["'c'"]);
    expect(argumentsOfCallers(definitions, other!)).toEqual(["'g'"]);
    // Handed over by an imported name: `run(write)`.
    expect(definitions.handedAt(save!).map((site) => site.call.getText())).toEqual(['run(write)']);
    expect(definitions.handedAt(other!)).toEqual([]);
  });
});
