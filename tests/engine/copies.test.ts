import { sourcesOf } from '../../src/engine/taint.js';
import { returned, sourceFile, sourceTypes, tracerOf } from './program.js';

const header = `import type { Req } from './types';\n`;

function traced(code: string) {
  const tracer = tracerOf({ 'main.ts': header + code });
  return { tracer, expression: returned(sourceFile(tracer.program, 'main.ts'), 'handler') };
}

/** Copy loops (flow/copies.ts): an object filled under every key of another, from that key's entry, is that object. */
describe('flow: copies of every key', () => {
  test('a for-in copy carries the copied object, at any path', () => {
    const { tracer, expression } = traced(`function handler(req: Req) {
      const out: Record<string, unknown> = {};
      for (const k in req.body) out[k] = String(req.body[k]);
      return out;
    }`);
    expect(sourceTypes(tracer.value(expression))).toEqual(['request body']);
    expect(sourceTypes(tracer.value(expression, ['id']))).toEqual(['request body']);
  });

  test('a fromEntries copy and a reduce copy carry the copied object', () => {
    const fromEntries = traced(`function handler(req: Req) {
      return Object.fromEntries(Object.entries(req.query).map(([k, v]) => [k, v.trim()]));
    }`);
    expect(sourceTypes(fromEntries.tracer.value(fromEntries.expression))).toEqual(['query string']);
    const reduce = traced(`function handler(req: Req) {
      return Object.keys(req.query).reduce<Record<string, string>>((acc, k) => { acc[k] = req.query[k]!; return acc; }, {});
    }`);
    expect(sourceTypes(reduce.tracer.value(reduce.expression))).toEqual(['query string']);
  });

  test('a loop over fixed names, or writing only the key names, copies nothing whole', () => {
    const fixed = traced(`function handler(req: Req) {
      const out: Record<string, unknown> = {};
      for (const k of ['a', 'b']) out[k] = req.body[k];
      return out;
    }`);
    // It holds the entries it was given (a computed write), not a copy of the body.
    const copies = (taint: ReturnType<typeof fixed.tracer.value>) =>
      sourcesOf(taint).filter((origin) => origin.steps.some((step) => step.label === 'a copy of every key'));
    expect(copies(fixed.tracer.value(fixed.expression))).toEqual([]);
    const names = traced(`function handler(req: Req) {
      const out: Record<string, boolean> = {};
      for (const k in req.body) out[k] = true;
      return out;
    }`);
    expect(sourcesOf(names.tracer.value(names.expression))).toEqual([]);
  });
});

/** Computed writes: an object written with a computed property holds what was written into it, at every property. */
describe('flow: computed writes', () => {
  test('a value written under a computed key is at every property and in the whole object', () => {
    const { tracer, expression } = traced(`declare const name: string;
    function handler(req: Req) {
      const key: Record<string, unknown> = { kind: 'note' };
      key[name] = req.params.id;
      return key;
    }`);
    expect(sourceTypes(tracer.value(expression))).toEqual(['route parameter']);
    expect(sourceTypes(tracer.value(expression, ['id']))).toEqual(['route parameter']);
  });

  test('a write after the use, or a constant written, adds nothing', () => {
    const { tracer, expression } = traced(`declare const name: string;
    function handler(req: Req) {
      const key: Record<string, unknown> = {};
      key[name] = 'fixed';
      const copy = { ...key };
      key[name] = req.params.id;
      return copy;
    }`);
    expect(sourceTypes(tracer.value(expression))).toEqual([]);
  });

  test('the key names of a request object are request data', () => {
    const { tracer, expression } = traced(`function handler(req: Req) {
      const names: string[] = [];
      for (const k in req.body) names.push(k);
      return names[0];
    }`);
    expect(sourceTypes(tracer.value(expression))).toEqual(['request body']);
  });
});
