import ts from 'typescript';
import { skipOuter } from './ast.js';
import type { FunctionNode } from './ast.js';

/** Callback-taking methods: the callback's parameter at `index` receives an element (or the resolved value). */
const CALLBACK_PARAMETERS = new Map<string, { index: number; element: boolean }>([
  ...['map', 'flatMap', 'forEach', 'filter', 'find', 'findLast', 'findIndex', 'some', 'every'].map(
    (name) => [name, { index: 0, element: true }] as const,
  ),
  ['reduce', { index: 1, element: true }],
  ['then', { index: 0, element: false }],
]);

/** `ids.map(id => …)`, `p.then(v => …)`: the parameter receives the receiver's element or value. */
export function callbackParameter(
  fn: FunctionNode,
  index: number,
): { receiver: ts.Expression; element: boolean } | undefined {
  if (!ts.isArrowFunction(fn) && !ts.isFunctionExpression(fn)) return undefined;
  const call = fn.parent;
  if (!ts.isCallExpression(call) || !call.arguments.includes(fn)) return undefined;
  const callee = skipOuter(call.expression);
  if (!ts.isPropertyAccessExpression(callee)) return undefined;
  const spec = CALLBACK_PARAMETERS.get(callee.name.text);
  if (spec?.index !== index || call.arguments[0] !== fn) return undefined;
  return { receiver: callee.expression, element: spec.element };
}
