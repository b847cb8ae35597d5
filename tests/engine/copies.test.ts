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
    expect(sourcesOf(fixed.tracer.value(fixed.expression))).toEqual([]);
    const names = traced(`function handler(req: Req) {
      const out: Record<string, boolean> = {};
      for (const k in req.body) out[k] = true;
      return out;
    }`);
    expect(sourcesOf(names.tracer.value(names.expression))).toEqual([]);
  });
});
