import ts from 'typescript';
import { argumentSite, skipOuter } from '../ast.js';
import type { FunctionNode } from '../ast.js';
import type { ValueCallbackMethod } from '../model.js';
import { alternatives } from '../taint.js';
import type { Taint } from '../taint.js';
import { isAnyLike, typeMatches } from '../types.js';
import type { Path } from './path.js';
import { methodModelsOf } from './method-models.js';
import type { Tracer } from './tracer.js';

/**
 * Containers that hold one value and hand it to callbacks (`EngineModel.valueCallbacks`): a
 * container's value is the value it holds, as a promise's is what it resolves to.
 */

/** `result.andThen(cb)` on a modelled container: the method's model, its receiver and its arguments. */
function heldValueMethod(
  flow: Tracer,
  call: ts.CallExpression,
): { method: ValueCallbackMethod; receiver: ts.Expression } | undefined {
  const found = methodModelsOf(flow.model.valueCallbacks, call);
  if (!found) return undefined;
  const { receiver, name, candidates } = found;
  const type = flow.checker.getTypeAtLocation(receiver);
  if (isAnyLike(type)) return undefined;
  // `ResultAsync<T, E>` resolves to a `Result`: either is the container.
  const model = candidates.find((candidate) => typeMatches(flow.checker, type, candidate.types));
  const method = model?.methods[name];
  return method ? { method, receiver } : undefined;
}

/** What a container method's result holds at `path`, or `undefined` when the call is not one. */
export function heldValueCall(flow: Tracer, call: ts.CallExpression, path: Path): Taint | undefined {
  const found = heldValueMethod(flow, call);
  if (!found) return undefined;
  const { method, receiver } = found;
  const returned = call.arguments
    .map((argument) => skipOuter(argument))
    .filter((argument) => ts.isArrowFunction(argument) || ts.isFunctionExpression(argument))
    .map((callback) => flow.returnValue(callback, path));
  switch (method.result) {
    case 'receiver':
      return flow.value(receiver, path);
    case 'both':
      return alternatives([flow.value(receiver, path), ...returned]);
    case 'callbacks':
      return alternatives(returned);
  }
}

/** `result.map(v => …)`: the container whose held value the callback's parameter `index` receives. */
export function heldValueParameter(flow: Tracer, fn: FunctionNode, index: number): ts.Expression | undefined {
  if (index !== 0 || (!ts.isArrowFunction(fn) && !ts.isFunctionExpression(fn))) return undefined;
  const site = argumentSite(fn);
  if (!site) return undefined;
  const { call, position } = site;
  const found = heldValueMethod(flow, call);
  return found?.method.receives.includes(position) ? found.receiver : undefined;
}

/** `result.value` on a modelled container: the container, whose value the read is. */
export function heldValueRead(flow: Tracer, access: ts.PropertyAccessExpression): ts.Expression | undefined {
  const models = flow.model.valueCallbacks;
  const name = access.name.text;
  const candidates = models?.filter((model) => model.reads?.includes(name));
  if (!candidates?.length) return undefined;
  const type = flow.checker.getTypeAtLocation(access.expression);
  if (isAnyLike(type)) return undefined;
  return candidates.some((model) => typeMatches(flow.checker, type, model.types)) ? access.expression : undefined;
}
