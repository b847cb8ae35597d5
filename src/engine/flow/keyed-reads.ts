import ts from 'typescript';
import { skipOuter } from '../ast.js';
import type { FunctionNode } from '../ast.js';
import { functionOfDeclaration } from '../definitions.js';
import type { KeyedReadModel } from '../model.js';
import { hasOrigin, mapOrigins, single, withStep } from '../taint.js';
import type { Taint } from '../taint.js';
import { isAnyLike, typeMatches } from '../types.js';
import { functionName } from './arguments.js';
import { ANY } from './path.js';
import type { Path } from './path.js';
import { methodModelsOf } from './method-models.js';
import type { Tracer } from './tracer.js';

/**
 * Reads by key through a loader (`EngineModel.keyedReads`, DataLoader): `loader.load(id)` answers
 * with the item the loader's batch function returns for `id`. Where the batch function reads
 * DynamoDB, the answer is that read's item (its table is the entity); where it cannot be followed,
 * the answer is an item the call itself produced, of an unknown entity. Either way the guards see
 * the variable holding it as loaded by the call's key (`LoadedItems.loadedWith` reads its
 * arguments), so an owner check on it scopes later uses of that key, as after a `GetItem`.
 */

/** Constants and object members followed from a loader's receiver back to the `new` that made it. */
const MAX_RECEIVER_HOPS = 6;

/** What a loader's read method answers at `path`, or `undefined` when the call is no such read. */
export function keyedReadCall(flow: Tracer, call: ts.CallExpression, path: Path): Taint | undefined {
  const found = methodModelsOf(flow.model.keyedReads, call);
  if (!found) return undefined;
  const { receiver, name, candidates } = found;
  const type = flow.checker.getTypeAtLocation(receiver);
  const construction = constructionOf(flow, receiver);
  const untyped = isAnyLike(type);
  // Typed: the receiver's type decides. Untyped: the class the receiver was made with, by its import.
  const model = candidates.find((candidate) =>
    untyped
      ? construction !== undefined && constructs(flow, construction, candidate)
      : typeMatches(flow.checker, type, candidate.types),
  );
  if (!model) return undefined;
  const many = model.methods[name]!.many;
  const batch =
    construction && constructs(flow, construction, model) ? batchFunction(flow, construction, model) : undefined;
  const items = batch && readItems(flow, batch, many ? path : [ANY, ...path]);
  return items ?? single({ kind: 'produced', producer: `${model.label}.${name}`, site: call, path, steps: [] });
}

/**
 * The items a batch function returns that a read produced (at `path` of its result), named by the
 * batch function in the flow; `undefined` when it returns none (it reads something the tracer
 * cannot follow). Only produced values are kept: the batch's parameters are the keys the loader
 * gathered, bound by no call of the program.
 */
function readItems(flow: Tracer, batch: FunctionNode, path: Path): Taint | undefined {
  const returned = flow.returnValue(batch, path);
  if (!hasOrigin(returned, (origin) => origin.kind === 'produced')) return undefined;
  const produced = mapOrigins(returned, (origin) => (origin.kind === 'produced' ? origin : undefined));
  return withStep(produced, { label: functionName(batch), node: batch.name ?? batch });
}

/** Whether a `new` makes a modelled loader: its class matched through the checker, or the package's module itself imported or required. */
function constructs(flow: Tracer, construction: ts.NewExpression, model: KeyedReadModel): boolean {
  if (flow.calls(construction, model.types)) return true;
  const callee = skipOuter(construction.expression);
  return ts.isIdentifier(callee) && flow.importExports(callee, 'default', model.types, true);
}

/** The batch function a loader is made with: written in place, or a function its name declares. */
function batchFunction(flow: Tracer, construction: ts.NewExpression, model: KeyedReadModel): FunctionNode | undefined {
  const argument = construction.arguments?.[model.batchArgument];
  const node = argument && skipOuter(argument);
  if (!node) return undefined;
  if (ts.isArrowFunction(node) || ts.isFunctionExpression(node)) return node;
  const declaration = ts.isIdentifier(node) ? flow.definitions.declarationOf(node) : undefined;
  const fn = declaration && functionOfDeclaration(declaration);
  return fn?.body ? fn : undefined;
}

/**
 * The `new` a loader was made with: followed through constants and the members its type declares
 * in an object literal (`context.loaders.parties` typed `ReturnType<typeof createLoaders>`, whose
 * `{ parties: partiesLoader }` names a constant).
 */
function constructionOf(flow: Tracer, receiver: ts.Expression): ts.NewExpression | undefined {
  let node = skipOuter(receiver);
  for (let hop = 0; hop < MAX_RECEIVER_HOPS; hop++) {
    if (ts.isNewExpression(node)) return node;
    const name = ts.isPropertyAccessExpression(node) ? node.name : ts.isIdentifier(node) ? node : undefined;
    const declaration = name && flow.definitions.declarationOf(name);
    const value = declaration && declaredValue(declaration);
    if (!value) return undefined;
    node = skipOuter(value);
  }
  return undefined;
}

/** The value a declaration gives its name once and for all: a constant's or a member's initializer, a shorthand member's variable. */
function declaredValue(declaration: ts.Declaration): ts.Expression | undefined {
  if (ts.isVariableDeclaration(declaration))
    return ts.isVariableDeclarationList(declaration.parent) && declaration.parent.flags & ts.NodeFlags.Const
      ? declaration.initializer
      : undefined;
  if (ts.isPropertyAssignment(declaration)) return declaration.initializer;
  if (ts.isShorthandPropertyAssignment(declaration)) return declaration.name;
  if (ts.isPropertyDeclaration(declaration)) return declaration.initializer;
  return undefined;
}
