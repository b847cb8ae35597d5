import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ts from 'typescript';
import { Tracer } from '../../src/engine/flow/tracer.js';
import { ANY } from '../../src/engine/flow/path.js';
import { CLEAN, sourcesOf } from '../../src/engine/taint.js';
import type { CallOverlay } from '../../src/engine/flow/path.js';
import { kinds, MODEL, returned, sourceFile, sourceTypes, tracerOf, TYPES } from './program.js';

const header = `import type { Req } from './types';\n`;

function traced(code: string, name = 'handler') {
  const tracer = tracerOf({ 'main.ts': header + code });
  return { tracer, expression: returned(sourceFile(tracer.program, 'main.ts'), name) };
}

describe('flow: the value walk', () => {
  test('a destructured request property is a source with its steps', () => {
    const { tracer, expression } = traced(`function handler(req: Req) { const { id } = req.params; return id; }`);
    const [source] = sourcesOf(tracer.value(expression));
    expect(source?.sourceType).toBe('route parameter');
    expect(source?.steps.map((step) => step.label)).toContain('`id`');
  });

  test('a value passed to a helper comes back through its return (argument passing)', () => {
    const { tracer, expression } = traced(`
      function normalise(value: string) { return value.trim().toLowerCase(); }
      function handler(req: Req) { return normalise(req.query.q); }`);
    expect(sourceTypes(tracer.value(expression))).toEqual(['query string']);
  });

  test('a template mixes every spliced value', () => {
    const { tracer, expression } = traced(
      'function handler(req: Req) { return `${req.params.id}#${req.query.sort}`; }',
    );
    expect(sourceTypes(tracer.value(expression)).sort()).toEqual(['query string', 'route parameter']);
  });

  test('the principal is no source', () => {
    const { tracer, expression } = traced(`function handler(req: Req) { return req.user.sub; }`);
    expect(kinds(tracer.value(expression))).toEqual(['principal']);
  });

  test('a cycle through a loop terminates and keeps the source', () => {
    const { tracer, expression } = traced(`
      function handler(req: Req) {
        let key = req.params.id;
        for (let i = 0; i < 3; i++) key = key + '#';
        return key;
      }`);
    expect(sourceTypes(tracer.value(expression))).toEqual(['route parameter']);
  });

  test('an element of an array literal is read by index and by ANY', () => {
    const { tracer, expression } = traced(`function handler(req: Req) { return ['fixed', req.params.id]; }`);
    expect(sourcesOf(tracer.value(expression, ['0']))).toEqual([]);
    expect(sourceTypes(tracer.value(expression, ['1']))).toEqual(['route parameter']);
    expect(sourceTypes(tracer.value(expression, [ANY]))).toEqual(['route parameter']);
  });
});

describe('flow: builtins', () => {
  test('Number() keeps the origin but drops the client text', () => {
    const { tracer, expression } = traced(`function handler(req: Req) { return Number(req.params.id); }`);
    const [source] = sourcesOf(tracer.value(expression));
    expect(source?.content).toBe(false);
  });

  test('JSON.parse hands back the parsed text at the path asked for', () => {
    const { tracer, expression } = traced(`function handler(req: Req) { return JSON.parse(req.query.filter).owner; }`);
    expect(sourceTypes(tracer.value(expression))).toEqual(['query string']);
  });

  test('Object.keys of a request object is client-chosen; of a literal with constant keys it is not', () => {
    const { tracer } = traced(`
      function handler(req: Req) { return Object.keys(req.body); }
      function fixed(req: Req) { return Object.keys({ a: req.params.id }); }`);
    const file = sourceFile(tracer.program, 'main.ts');
    expect(sourceTypes(tracer.value(returned(file, 'handler')))).toEqual(['request body']);
    expect(sourcesOf(tracer.value(returned(file, 'fixed')))).toEqual([]);
  });

  test('a callback parameter of map receives the elements', () => {
    const { tracer, expression } = traced(`
      function handler(req: Req) { return [req.params.id].map((id) => id.toUpperCase()); }`);
    expect(sourceTypes(tracer.value(expression, [ANY]))).toEqual(['route parameter']);
  });

  test('a library call the tables do not know carries nothing', () => {
    const { tracer, expression } = traced(`
      declare function hash(text: string): string;
      function handler(req: Req) { return hash(req.params.id); }`);
    expect(tracer.value(expression)).toBe(CLEAN);
  });
});

describe('flow: overlays share the tracer but not their answers', () => {
  const code = `
    declare function pick(value: unknown): string;
    function handler(req: Req) { return pick(req.params.id); }`;
  const passThrough: CallOverlay = (call, path, tracer) =>
    call.arguments[0] ? tracer.value(call.arguments[0], path) : undefined;

  test('an overlay answer does not leak into the shared view, nor the shared answer into the overlay', () => {
    const { tracer, expression } = traced(code);
    expect(tracer.value(expression)).toBe(CLEAN);
    expect(sourceTypes(tracer.withOverlay(passThrough, () => tracer.value(expression)))).toEqual(['route parameter']);
    expect(tracer.value(expression)).toBe(CLEAN);
  });

  test('in the other order too', () => {
    const { tracer, expression } = traced(code);
    expect(sourceTypes(tracer.withOverlay(passThrough, () => tracer.value(expression)))).toEqual(['route parameter']);
    expect(tracer.value(expression)).toBe(CLEAN);
  });
});

describe('flow: shapes', () => {
  test('the literal an input is built from, with the writes made to it later', () => {
    const { tracer } = traced(`
      function handler(req: Req) {
        const input: Record<string, unknown> = { TableName: 'notes' };
        input.Key = { id: req.params.id };
        return input;
      }`);
    const expression = returned(sourceFile(tracer.program, 'main.ts'), 'handler');
    const [shape] = tracer.shapes.of(expression);
    expect(shape?.kind).toBe('literal');
    expect(shape?.kind === 'literal' && shape.writes.map((write) => write.path.join('.'))).toEqual(['Key']);
    expect(ts.isIdentifier(expression)).toBe(true);
  });
});

describe('flow: imports the program cannot resolve', () => {
  /** A package with its own tsconfig `paths` (`@/*`), compiled as a program of the root options, which have none. */
  function onDisk(packageConfig: string, main: string): { tracer: Tracer; dir: string } {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ddb-sec-paths-'));
    const files: Record<string, string> = {
      'tsconfig.json': '{ "compilerOptions": { "strict": true } }',
      'pkg/tsconfig.json': packageConfig,
      'pkg/types.ts': TYPES,
      'pkg/lib/text.ts':
        'export function normalise(value: string) { return value.trim(); }\nexport default normalise;\n',
      'pkg/lib/index.ts': "export { normalise as tidy } from '@/lib/text';\n",
      'pkg/main.ts': main,
    };
    for (const [name, text] of Object.entries(files)) {
      fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
      fs.writeFileSync(path.join(dir, name), text);
    }
    const options: ts.CompilerOptions = {
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.ESNext,
      moduleResolution: ts.ModuleResolutionKind.Bundler,
      types: [],
      strict: true,
      noEmit: true,
    };
    const roots = Object.keys(files)
      .filter((name) => name.endsWith('.ts'))
      .map((name) => path.join(dir, name));
    return { tracer: new Tracer(ts.createProgram(roots, options), MODEL), dir };
  }

  const paths = '{ "compilerOptions": { "paths": { "@/*": ["./*"] } } }';
  const main = `import type { Req } from './types';
    import { normalise } from '@/lib/text';
    import tidyDefault from '@/lib/text';
    import * as text from '@/lib/text';
    import { tidy } from '@/lib';
    export function named(req: Req) { return normalise(req.query.q); }
    export function byDefault(req: Req) { return tidyDefault(req.query.q); }
    export function namespace(req: Req) { return text.normalise(req.query.q); }
    export function reExported(req: Req) { return tidy(req.query.q); }`;

  test.each(['named', 'byDefault', 'namespace', 'reExported'])(
    'an import mapped only by the nearest tsconfig reaches its declaration (%s)',
    (name) => {
      const { tracer, dir } = onDisk(paths, main);
      try {
        const file = tracer.program.getSourceFile(path.join(dir, 'pkg/main.ts').replaceAll('\\', '/'))!;
        const expression = returned(file, name);
        expect(ts.isCallExpression(expression) && tracer.definitions.callee(expression)).toBeTruthy();
        expect(sourceTypes(tracer.value(expression))).toEqual(['query string']);
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    },
  );

  test('a broken package tsconfig resolves nothing and throws nothing', () => {
    const { tracer, dir } = onDisk('{ "compilerOptions": { "paths": ', main);
    try {
      const file = tracer.program.getSourceFile(path.join(dir, 'pkg/main.ts').replaceAll('\\', '/'))!;
      const expression = returned(file, 'named');
      expect(ts.isCallExpression(expression) && tracer.definitions.callee(expression)).toBe(undefined);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
