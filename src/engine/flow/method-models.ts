import ts from 'typescript';
import { skipOuter } from '../ast.js';

/**
 * The models whose `methods` name the method a call invokes on a receiver (`loader.load(id)`,
 * `result.andThen(cb)`), with that receiver and the method's name: which of them the receiver
 * really is is the caller's question (its type, or what made it).
 */
export function methodModelsOf<M extends { readonly methods: Readonly<Record<string, unknown>> }>(
  models: readonly M[] | undefined,
  call: ts.CallExpression,
): { receiver: ts.Expression; name: string; candidates: M[] } | undefined {
  if (!models?.length) return undefined;
  const callee = skipOuter(call.expression);
  if (!ts.isPropertyAccessExpression(callee)) return undefined;
  const name = callee.name.text;
  const candidates = models.filter((model) => Object.hasOwn(model.methods, name));
  return candidates.length ? { receiver: callee.expression, name, candidates } : undefined;
}
