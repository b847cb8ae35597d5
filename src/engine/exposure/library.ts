import ts from 'typescript';
import { anyOptionTrue, shortText, skipOuter, staticName } from '../ast.js';
import { functionOfDeclaration } from '../definitions.js';
import { fromPackage } from '../dynamodb/sites.js';
import type { ProjectionModel } from '../model.js';
import { CLEAN, alternatives, flatMapOrigins, mapOrigins, mix, withStep } from '../taint.js';
import type { ProducedOrigin, Taint } from '../taint.js';
import { ANY } from '../flow/path.js';
import type { CallOverlay, Path } from '../flow/path.js';
import type { Tracer } from '../flow/tracer.js';
import type { SchemaShape } from '../schemas.js';
import { isAnyLike, symbolMatches } from '../types.js';
import type { Specifier } from '../types.js';

const SCALAR =
  ts.TypeFlags.BooleanLike |
  ts.TypeFlags.NumberLike |
  ts.TypeFlags.BigIntLike |
  ts.TypeFlags.Void |
  ts.TypeFlags.Undefined |
  ts.TypeFlags.Null;

/**
 * The exposure rule's view of library calls, as an overlay on the shared tracer: allow-lists keep only the named
 * fields (`_.pick`, a zod object schema's `parse`, `plainToInstance` with
 * `excludeExtraneousValues`), deny-lists and copies keep everything (`_.omit` records itself as
 * a hop so that the rule can tell a deny-list apart), and a boolean or number made from an item
 * shows none of it. `items.map(toDto)` with a named mapper is followed into the mapper.
 */
export function projectionCalls(model: ProjectionModel, isItem: (origin: ProducedOrigin) => boolean): CallOverlay {
  return (call, path, tracer) => {
    const args = call.arguments;
    for (const picker of model.pickers ?? []) {
      if (!callsLibrary(tracer, call, picker.callee)) continue;
      const object = args[picker.object];
      if (!object) return CLEAN;
      const fields = constantFields(tracer, args.slice(picker.fields));
      // Fields the client chooses project nothing.
      return fields ? keep(tracer, object, [], fields, path) : tracer.value(object, path);
    }
    for (const omitter of model.omitters ?? []) {
      if (!callsLibrary(tracer, call, omitter.callee)) continue;
      const object = args[omitter.object];
      return object
        ? withStep(tracer.value(object, path), { label: `${shortText(call.expression, 30)}(…)`, node: call })
        : CLEAN;
    }
    if (model.copiers?.some((copier) => callsLibrary(tracer, call, copier))) {
      return alternatives(args.map((argument) => tracer.value(argument, path)));
    }
    for (const instantiator of model.instantiators ?? []) {
      if (!callsLibrary(tracer, call, instantiator.callee)) continue;
      const object = args[instantiator.object];
      if (!object) return CLEAN;
      const fields = anyOptionTrue(args[instantiator.options], [instantiator.option])
        ? classFields(tracer, args[instantiator.class])
        : undefined;
      return fields ? keep(tracer, object, [], fields, path) : tracer.value(object, path);
    }
    const parsed = parseCall(tracer, call, path);
    if (parsed) return parsed;
    const names = keyNames(tracer, call);
    if (names) return names;
    const document = storedDocument(tracer, call, path, isItem);
    if (document) return document;
    const mapped = mappedWith(tracer, call, path, model);
    if (mapped) return mapped;
    // A function of the program is followed into its body; only a library or global call
    // (`Boolean(item)`, `isEmpty(item)`) needs its type to tell that it shows none of the item.
    // perf: asking every call's type costs a signature resolution each.
    if (tracer.definitions.callee(call)) return undefined;
    const type = tracer.checker.getTypeAtLocation(call);
    return !isAnyLike(type) && isScalar(type) ? CLEAN : undefined;
  };
}

/**
 * `JSON.parse(item.details)`, whole: a JSON document stored in an attribute holds attributes of its
 * own, any the program adds later included, so sending it whole is sending an item whole.
 */
function storedDocument(
  tracer: Tracer,
  call: ts.CallExpression,
  path: Path,
  isItem: (origin: ProducedOrigin) => boolean,
): Taint | undefined {
  const callee = skipOuter(call.expression);
  const text = call.arguments[0];
  if (
    path.length > 0 ||
    !text ||
    !ts.isPropertyAccessExpression(callee) ||
    !ts.isIdentifier(callee.expression) ||
    callee.expression.text !== 'JSON' ||
    callee.name.text !== 'parse' ||
    tracer.definitions.declarationOf(callee.expression)
  )
    return undefined;
  const parsed = tracer.value(text);
  // Not the call itself: call hops on an item's way are the deny-lists.
  const step = { label: `the JSON document in \`${shortText(text, 30)}\``, node: callee.name };
  return mapOrigins(parsed, (origin) => {
    if (origin.kind !== 'produced' || origin.path.length === 0 || isItem(origin)) return origin;
    // One attribute of an item (`Item.details`, `Items.*.details`), not a part of one.
    const item = { ...origin, path: origin.path.slice(0, -1), steps: [...origin.steps, step] };
    return isItem(item) ? item : origin;
  });
}

/** `Object.keys(item)`: the attribute names an item has are none of its values. */
function keyNames(tracer: Tracer, call: ts.CallExpression): Taint | undefined {
  const callee = skipOuter(call.expression);
  const object = call.arguments[0];
  if (
    !object ||
    !ts.isPropertyAccessExpression(callee) ||
    !ts.isIdentifier(callee.expression) ||
    callee.expression.text !== 'Object' ||
    (callee.name.text !== 'keys' && callee.name.text !== 'getOwnPropertyNames') ||
    tracer.definitions.declarationOf(callee.expression)
  )
    return undefined;
  return mapOrigins(tracer.keysOf(object), (origin) => (origin.kind === 'produced' ? undefined : origin));
}

function isScalar(type: ts.Type): boolean {
  if (type.isUnion()) return type.types.every(isScalar);
  return (type.flags & SCALAR) !== 0;
}

function callsLibrary(tracer: Tracer, call: ts.CallExpression, spec: Specifier): boolean {
  return namesLibrary(tracer, call.expression, spec);
}

/** Whether an expression names the specified library function (`pick`, `_.pick`, `lodash.pick`). */
function namesLibrary(tracer: Tracer, expression: ts.Expression, spec: Specifier): boolean {
  const callee = skipOuter(expression);
  const nameNode = ts.isPropertyAccessExpression(callee) ? callee.name : callee;
  if (!ts.isIdentifier(nameNode)) return false;
  const names = typeof spec === 'string' ? [spec] : [spec.name].flat();
  if (!names.includes(nameNode.text)) return false;
  const checker = tracer.checker;
  if (typeof spec === 'string') return true;
  if (symbolMatches(checker, checker.getSymbolAtLocation(nameNode), [spec])) return true;
  if (spec.from !== 'package') return false;
  // Untyped packages (`import _ from 'lodash'` without @types): the name was imported from it.
  const root = ts.isPropertyAccessExpression(callee) ? skipOuter(callee.expression) : callee;
  return ts.isIdentifier(root) && fromPackage(checker, checker.getSymbolAtLocation(root), spec.package, root.text);
}

/** `'a', 'b'`, `['a', 'b']` or a `const` array of string literals; `undefined` if any is not constant. */
function constantFields(tracer: Tracer, args: readonly ts.Expression[], depth = 0): string[] | undefined {
  const out: string[] = [];
  for (const raw of args) {
    const argument = skipOuter(raw);
    if (ts.isStringLiteralLike(argument)) {
      out.push(argument.text);
    } else if (ts.isArrayLiteralExpression(argument)) {
      const inner = constantFields(tracer, argument.elements, depth + 1);
      if (!inner) return undefined;
      out.push(...inner);
    } else if (ts.isIdentifier(argument) && depth < 4) {
      const declaration = tracer.definitions.declarationOf(argument);
      const constant =
        declaration && ts.isVariableDeclaration(declaration) && (declaration.parent.flags & ts.NodeFlags.Const) !== 0;
      const inner =
        constant && declaration.initializer ? constantFields(tracer, [declaration.initializer], depth + 1) : undefined;
      if (!inner) return undefined;
      out.push(...inner);
    } else {
      return undefined;
    }
  }
  return out;
}

/** The value at `path` of an object that keeps only `fields` of `object` (at `prefix`). */
function keep(tracer: Tracer, object: ts.Expression, prefix: Path, fields: readonly string[], path: Path): Taint {
  if (path.length === 0) return mix(fields.map((field) => tracer.value(object, [...prefix, field])));
  return fields.includes(path[0]!) ? tracer.value(object, [...prefix, ...path]) : CLEAN;
}

/** The properties a class declares (`class UserDto { @Expose() id!: string }` → `id`). */
function classFields(tracer: Tracer, node: ts.Expression | undefined): string[] | undefined {
  const expression = node && skipOuter(node);
  if (!expression || !ts.isIdentifier(expression)) return undefined;
  const declaration = tracer.definitions.declarationOf(expression);
  if (!declaration || !ts.isClassLike(declaration)) return undefined;
  return declaration.members.flatMap((member) =>
    ts.isPropertyDeclaration(member) && staticName(member.name) !== undefined ? [staticName(member.name)!] : [],
  );
}

/** `UserSchema.parse(item)`, `schema.safeParse(item).data`: what the schema keeps of the item. */
function parseCall(tracer: Tracer, call: ts.CallExpression, path: Path): Taint | undefined {
  const parsed = tracer.schemas.parsedWith(call);
  const input = call.arguments[0];
  const shape = parsed && input && tracer.schemas.shape(parsed.schema, parsed.model);
  if (!parsed || !input || !shape) return undefined;
  const where = parsed.model.parse[parsed.method]!;
  if (where.some((segment, i) => path[i] !== undefined && path[i] !== segment)) return CLEAN;
  return applySchema(tracer, shape, input, [], path.slice(where.length));
}

function applySchema(tracer: Tracer, shape: SchemaShape, input: ts.Expression, prefix: Path, path: Path): Taint {
  switch (shape.kind) {
    case 'loose':
      return tracer.value(input, [...prefix, ...path]);
    case 'fields':
      return keep(tracer, input, prefix, [...shape.fields.keys()], path);
    case 'array':
      return path.length === 0
        ? applySchema(tracer, shape.element, input, [...prefix, ANY], [])
        : applySchema(tracer, shape.element, input, [...prefix, path[0]!], path.slice(1));
  }
}

/** `items.map(toDto)`: the mapper's result, its first parameter bound to each element; `items.map(unmarshall)` copies them. */
function mappedWith(tracer: Tracer, call: ts.CallExpression, path: Path, model: ProjectionModel): Taint | undefined {
  const callee = skipOuter(call.expression);
  const mapper = call.arguments[0] && skipOuter(call.arguments[0]);
  if (
    !ts.isPropertyAccessExpression(callee) ||
    (callee.name.text !== 'map' && callee.name.text !== 'flatMap') ||
    !mapper
  )
    return undefined;
  if (!ts.isIdentifier(mapper) && !ts.isPropertyAccessExpression(mapper)) return undefined;
  if (callee.name.text === 'map' && model.copiers?.some((copier) => namesLibrary(tracer, mapper, copier)))
    return tracer.value(callee.expression, path);
  const declaration = tracer.definitions.declarationOf(ts.isPropertyAccessExpression(mapper) ? mapper.name : mapper);
  const fn = declaration && functionOfDeclaration(declaration);
  if (!fn?.body) return undefined;
  // `map` returns one element per mapper result; `flatMap` the elements of the mapper's results.
  return flatMapOrigins(tracer.returnValue(fn, callee.name.text === 'map' ? path.slice(1) : path), (origin) => {
    if (origin.kind !== 'param' || origin.fn !== fn) return undefined;
    return origin.index === 0 ? tracer.value(callee.expression, [ANY, ...origin.path]) : CLEAN;
  });
}
