import ts from 'typescript';
import { isPrincipal, sourcesOf } from '../../src/engine/taint.js';
import type { EngineModel } from '../../src/engine/model.js';
import { MODEL, returned, sourceFile, tracerOf } from './program.js';

const header = `import type { Req } from './types';\n`;
/** The test model, with `gateway` a property the deployed framework always sets. */
const PRESENT: EngineModel = {
  ...MODEL,
  requestObjects: MODEL.requestObjects.map((model) => ({ ...model, present: [['gateway']] })),
};

function traced(code: string, model: EngineModel = MODEL) {
  const tracer = tracerOf({ 'main.ts': header + code }, model);
  const file = sourceFile(tracer.program, 'main.ts');
  return { tracer, file, expression: returned(file, 'handler') };
}

/** The first assignment whose left side's text is `left`. */
function assignment(file: ts.SourceFile, text: string): ts.Node {
  let found: ts.Node | undefined;
  const visit = (node: ts.Node): void => {
    if (!found && ts.isBinaryExpression(node) && node.getText(file) === text) found = node;
    node.forEachChild(visit);
  };
  visit(file);
  if (!found) throw new Error(`no ${text}`);
  return found;
}

describe('live branches: conditions that fold to a constant', () => {
  test('a const boolean folds through && and !', () => {
    const { tracer, file } = traced(`
      const on = true;
      function handler(req: Req) {
        const key: Record<string, string> = {};
        if (on && !false) key.a = req.user.sub; else key.a = req.params.a;
        if (!on) key.b = req.params.b;
        return key;
      }`);
    const live = tracer.shapes.live;
    expect(live.neverRuns(assignment(file, 'key.a = req.user.sub'))).toBe(false);
    expect(live.neverRuns(assignment(file, 'key.a = req.params.a'))).toBe(true);
    expect(live.neverRuns(assignment(file, 'key.b = req.params.b'))).toBe(true);
  });

  test('a condition on the request, or on a let, does not fold', () => {
    const { tracer, file } = traced(`
      let on = true;
      function handler(req: Req) {
        const key: Record<string, string> = {};
        if (on) key.a = req.user.sub; else key.a = req.params.a;
        if (req.query.x) key.b = req.user.sub; else key.b = req.params.b;
        return key;
      }`);
    const live = tracer.shapes.live;
    expect(live.neverRuns(assignment(file, 'key.a = req.params.a'))).toBe(false);
    expect(live.neverRuns(assignment(file, 'key.b = req.params.b'))).toBe(false);
  });

  test('a property the model says is always set is present', () => {
    const code = `
      function handler(req: Req & { gateway?: object }) {
        const key: Record<string, string> = {};
        if (req.gateway) key.a = req.user.sub; else key.a = req.params.a;
        return key;
      }`;
    const present = traced(code, PRESENT);
    expect(present.tracer.shapes.live.neverRuns(assignment(present.file, 'key.a = req.params.a'))).toBe(true);
    const plain = traced(code);
    expect(plain.tracer.shapes.live.neverRuns(assignment(plain.file, 'key.a = req.params.a'))).toBe(false);
  });

  test('an overwrite that runs on every path replaces the request value', () => {
    const { tracer, file } = traced(`
      const on = true;
      function handler(req: Req) {
        if (on) req.body.owner = req.user.sub;
        if (req.query.x) req.body.other = req.user.sub;
        return req.body;
      }`);
    const use = returned(file, 'handler');
    const owner = tracer.shapes.live.overwrite(use, 'owner', use);
    expect(owner && isPrincipal(tracer.value(owner))).toBe(true);
    expect(tracer.shapes.live.overwrite(use, 'other', use)).toBeUndefined();
  });
});

describe('constant fallbacks', () => {
  test('a constant fallback is no alternative of the principal; a request one is', () => {
    const { tracer, expression } = traced(`
      const UNAUTH = 'UNAUTH';
      function handler(req: Req) { return req.user.sub || UNAUTH; }`);
    expect(isPrincipal(tracer.value(expression))).toBe(true);
    const other = traced(`function handler(req: Req) { return req.user.sub ?? req.query.owner; }`);
    expect(isPrincipal(other.tracer.value(other.expression))).toBe(false);
    expect(sourcesOf(other.tracer.value(other.expression)).length).toBe(1);
  });
});
