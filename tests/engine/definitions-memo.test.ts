import ts from 'typescript';
import { describe, expect, test, vi } from 'vitest';
import { Definitions } from '../../src/engine/definitions.js';
import { programOf, sourceFile } from './program.js';

/**
 * `Definitions.symbolOf` is memoised per node: the checker is asked once per name however many
 * questions (callee, declaration, constant) reach it, and the answer is the uncached one.
 */
const files = {
  'db.ts': `export function getNote(id: string) { return id; }\nexport const LIMIT = 10;\n`,
  'use.ts': `import { getNote as read, LIMIT } from './db';\nconst id = 'a';\nexport const made = { id, n: LIMIT };\nexport const got = read(id);\nexport const missing = nothing;\n`,
};

function identifiers(file: ts.SourceFile): ts.Identifier[] {
  const out: ts.Identifier[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isIdentifier(node)) out.push(node);
    node.forEachChild(visit);
  };
  visit(file);
  return out;
}

describe('Definitions.symbolOf memo', () => {
  test('answers as a fresh instance would, asking the checker once per node', () => {
    const program = programOf(files);
    const checker = program.getTypeChecker();
    const names = identifiers(sourceFile(program, 'use.ts'));
    const fresh = names.map((name) => new Definitions(checker, program).symbolOf(name));
    const ask = vi.spyOn(checker, 'getSymbolAtLocation');
    const askShorthand = vi.spyOn(checker, 'getShorthandAssignmentValueSymbol');
    const definitions = new Definitions(checker, program);
    for (let round = 0; round < 3; round++) {
      expect(names.map((name) => definitions.symbolOf(name))).toEqual(fresh);
    }
    expect(ask.mock.calls.length + askShorthand.mock.calls.length).toBeLessThanOrEqual(names.length * 2);
    const asked = ask.mock.calls.length + askShorthand.mock.calls.length;
    for (const name of names) definitions.symbolOf(name);
    expect(ask.mock.calls.length + askShorthand.mock.calls.length).toBe(asked);
    ask.mockRestore();
    askShorthand.mockRestore();
  });

  test('follows the import alias and the shorthand property to their declarations', () => {
    const program = programOf(files);
    const definitions = new Definitions(program.getTypeChecker(), program);
    const names = identifiers(sourceFile(program, 'use.ts'));
    const callee = names.find((name) => name.text === 'read' && ts.isCallExpression(name.parent))!;
    const shorthand = names.find((name) => ts.isShorthandPropertyAssignment(name.parent))!;
    const missing = names.find((name) => name.text === 'nothing')!;
    for (let round = 0; round < 2; round++) {
      expect(definitions.declarationOf(callee)?.getSourceFile().fileName).toBe('/virtual/db.ts');
      const declaration = definitions.declarationOf(shorthand);
      expect(declaration && ts.isVariableDeclaration(declaration) && declaration.name.getText()).toBe('id');
      expect(definitions.symbolOf(missing)).toBeUndefined();
    }
  });
});
