import { outcomeChecked } from '../../src/engine/guards/outcomes.js';
import { sourcesOf } from '../../src/engine/taint.js';
import ts from 'typescript';
import { MODEL, kinds, returned, sourceFile, tracerOf } from './program.js';

const header = `import type { Req } from './types';\n`;

function traced(code: string, model = MODEL) {
  const tracer = tracerOf({ 'main.ts': header + code, 'auth.ts': AUTH, 'other.ts': OTHER }, model);
  const file = sourceFile(tracer.program, 'main.ts');
  return { tracer, file, value: (name = 'handler') => tracer.value(returned(file, name)) };
}

const AUTH = `export function assertOwner(id: string): void {}\n`;
const OTHER = `export function assertOwner(id: string): void {}\n`;

describe('guards: facts that dominate a use', () => {
  test('an early exit on a mismatch with the principal makes the use the principal', () => {
    const { value } = traced(`
      function handler(req: Req) {
        const id = req.params.id;
        if (id !== req.user.sub) throw new Error('forbidden');
        return id;
      }`);
    expect(kinds(value())).toEqual(['principal']);
  });

  test('the same comparison without an exit proves nothing', () => {
    const { value } = traced(`
      function handler(req: Req) {
        const id = req.params.id;
        if (id !== req.user.sub) console.log('mismatch');
        return id;
      }`);
    expect(kinds(value())).toEqual(['source']);
  });

  test('an anchored pattern test with an exit validates the text', () => {
    const { value } = traced(`
      function handler(req: Req) {
        const { id } = req.params;
        if (!/^[0-9a-f]{8}$/.test(id)) return '';
        return id;
      }`);
    const [source] = sourcesOf(value());
    expect(source?.validated).toBe(true);
    expect(source?.content).toBe(true);
  });

  test('a constant allow-list removes the client text', () => {
    const { value } = traced(`
      const SORTS = ['name', 'date'] as const;
      function handler(req: Req) {
        const sort = req.query.sort;
        if (!SORTS.includes(sort as never)) return '';
        return sort;
      }`);
    expect(sourcesOf(value())[0]?.content).toBe(false);
  });

  test('a helper that throws unless its argument matches is summarised and applied at the call', () => {
    const { value } = traced(`
      function assertId(value: string) { if (!/^[0-9]+$/.test(value)) throw new Error('bad id'); }
      function handler(req: Req) {
        const id = req.params.id;
        assertId(id);
        return id;
      }`);
    expect(sourcesOf(value())[0]?.validated).toBe(true);
  });
});

describe('guards: configured guard functions', () => {
  const code = `
    import { assertOwner } from './auth';
    import { assertOwner as otherAssert } from './other';
    function handler(req: Req) { const id = req.params.id; assertOwner(id); return id; }
    function viaOther(req: Req) { const id = req.params.id; otherAssert(id); return id; }`;

  test('a bare name matches the call by name', () => {
    const { value } = traced(code, { ...MODEL, guardFunctions: ['assertOwner'] });
    expect(kinds(value())).toEqual(['principal']);
  });

  test('a full specifier is matched through the checker: only the function declared in that file', () => {
    const { value } = traced(code, {
      ...MODEL,
      guardFunctions: [{ from: 'file', path: 'auth.ts', name: 'assertOwner' }],
    });
    expect(kinds(value())).toEqual(['principal']);
    const other = traced(code, { ...MODEL, guardFunctions: [{ from: 'file', path: 'other.ts', name: 'x' }] });
    expect(kinds(other.value())).toEqual(['source']);
  });
});

describe('guards: access paths and validator outcomes', () => {
  test('a destructured alias and the property it reads share one access path', () => {
    const { tracer, file } = traced(`
      function handler(req: Req) { const { id } = req.params; return id; }
      function direct(req: Req) { return req.params.id; }`);
    const alias = tracer.guards.accessPaths.of(returned(file, 'handler'));
    expect(alias).toBeDefined();
    expect(alias?.endsWith('.params.id')).toBe(true);
  });

  test('an outcome test that exits right after the validating call counts; one that does not exit does not', () => {
    const { tracer, file } = traced(`
      declare const schema: { validate(value: unknown): { value: unknown; error?: Error } };
      function handler(req: Req) {
        const { value, error } = schema.validate(req.body);
        if (error) return undefined;
        return value;
      }
      function loose(req: Req) {
        const { value, error } = schema.validate(req.body);
        if (error) console.log(error);
        return value;
      }`);
    const callIn = (name: string) => {
      const fn = file.statements.find(
        (statement): statement is ts.FunctionDeclaration =>
          ts.isFunctionDeclaration(statement) && statement.name?.text === name,
      );
      const declaration = fn?.body?.statements[0];
      if (!declaration || !ts.isVariableStatement(declaration)) throw new Error('no declaration');
      return declaration.declarationList.declarations[0]!.initializer!;
    };
    expect(outcomeChecked(tracer.guards, callIn('handler'), 'error')).toBe(true);
    expect(outcomeChecked(tracer.guards, callIn('loose'), 'error')).toBe(false);
  });
});
