import ts from 'typescript';
import { describe, expect, test } from 'vitest';
import { isFunctionNode } from '../../src/engine/ast.js';
import { Definitions } from '../../src/engine/definitions.js';
import { programOf, sourceFile } from './program.js';

/**
 * `Definitions.callee` skips the checker for a call whose name no declaration of the program
 * gives (`res.json`): every way a program names its own function must still resolve.
 */
const files = {
  'repo.ts': `export function save(id: string) { return id; }
export default (id: string) => id;
export class Store { put(id: string) { return this.#check(id); } #check(id: string) { return id; } }
export const handlers = { remove: save };
export { save as persistNote };
`,
  'use.ts': `import anonymous, { save as write, Store, handlers, persistNote } from './repo';
import * as repo from './repo';
const { save: picked } = repo;
const res = { json: (value: unknown) => value };
export const calls = [
  write('a'), repo.save('b'), anonymous('c'), new Store().put('d'), handlers.remove('e'),
  persistNote('f'), picked('g'), res.json('h'), Math.max(1, 2),
];
`,
};

function calleesOf(program: ts.Program): (string | undefined)[] {
  const definitions = new Definitions(program.getTypeChecker(), program);
  const list = sourceFile(program, 'use.ts').statements.at(-1)!;
  const calls: ts.CallExpression[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isCallExpression(node) && !isFunctionNode(node.parent)) calls.push(node);
    node.forEachChild(visit);
  };
  visit(list);
  return calls
    .filter((call) => ts.isArrayLiteralExpression(call.parent))
    .map((call) => {
      const fn = definitions.callee(call);
      return fn && `${fn.getSourceFile().fileName.split('/').pop()}:${String(fn.getStart())}`;
    });
}

function findCall(file: ts.SourceFile, text: string): ts.CallExpression {
  let found: ts.CallExpression | undefined;
  const visit = (node: ts.Node): void => {
    if (ts.isCallExpression(node) && node.getText() === text) found = node;
    node.forEachChild(visit);
  };
  visit(file);
  if (!found) throw new Error(`no call ${text}`);
  return found;
}

describe('callee resolution under the declared-names filter', () => {
  test('resolves calls through aliases, namespaces, defaults, holders, private names and destructuring, not others', () => {
    const program = programOf(files);
    const repo = sourceFile(program, 'repo.ts').text;
    const at = (needle: string) => `repo.ts:${String(repo.indexOf(needle))}`;
    const save = at('export function save');
    expect(calleesOf(program)).toEqual([
      save,
      save,
      at('(id: string) => id;'),
      at('put(id'),
      save,
      save,
      save,
      'use.ts:' + String(sourceFile(program, 'use.ts').text.indexOf('(value: unknown)')),
      undefined,
    ]);
    const definitions = new Definitions(program.getTypeChecker(), program);
    const privateCall = findCall(sourceFile(program, 'repo.ts'), 'this.#check(id)');
    expect(definitions.callee(privateCall)?.getStart()).toBe(repo.indexOf('#check(id: string)'));
  });
});
