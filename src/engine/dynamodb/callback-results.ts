import ts from 'typescript';
import type { Origin, ProducedOrigin } from '../taint.js';
import type { SinkSite } from './sites.js';

/**
 * A produced value, or the result parameter of a callback-style read (`doc.get(params, (err,
 * data) => …)`, `query(params, function (err, out) { … })`): the items the read produced, at the
 * path the parameter is followed by.
 */
export function producedOf(
  sites: { siteAt(node: ts.Node): SinkSite | undefined },
  origin: Origin,
): ProducedOrigin | undefined {
  if (origin.kind === 'produced') return origin;
  if (origin.kind !== 'param' || origin.index !== 1) return undefined;
  const fn = origin.fn;
  const call = fn.parent;
  if (
    (!ts.isArrowFunction(fn) && !ts.isFunctionExpression(fn)) ||
    !ts.isCallExpression(call) ||
    !call.arguments.includes(fn)
  )
    return undefined;
  const read = sites.siteAt(call);
  return read && { kind: 'produced', producer: read.api, site: read.node, path: origin.path, steps: origin.steps };
}
