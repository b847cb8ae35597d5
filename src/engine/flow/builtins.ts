import ts from 'typescript';
import { descendants, isWithin, skipOuter } from '../ast.js';
import { isKeyedContainer } from '../definitions.js';
import type { Definitions } from '../definitions.js';
import { copiedByEntries, copiedByReduce } from './copies.js';
import { CLEAN, NOTHING, alternatives, dropContent, mapOrigins, mix } from '../taint.js';
import { constantString } from '../strings.js';
import type { Taint } from '../taint.js';
import { ANY } from './path.js';
import type { Path } from './path.js';
import type { Tracer } from './tracer.js';

/**
 * How a built-in call's result relates to its receiver and arguments: the value at `path` of the
 * result, or `undefined` when the entry does not apply to this call (the next entry is tried).
 * In the spirit of CodeQL's summary models: JavaScript's library behaviour as data, not branches.
 */
type Behaviour = (flow: Tracer, call: ts.CallExpression, path: Path, receiver: ts.Expression) => Taint | undefined;

const firstArgument: Behaviour = (flow, call, path) =>
  call.arguments[0] ? flow.value(call.arguments[0], path) : CLEAN;
const anyArgument: Behaviour = (flow, call, path) =>
  alternatives(call.arguments.map((argument) => flow.value(argument, path)));
/** The result is made of the arguments' text (`String(x)`, `JSON.stringify(x)`). */
const argumentText: Behaviour = (flow, call) => argumentsMix(flow, call);
/** The result depends on the arguments but holds none of their text (`Number(x)`, `Math.max(a, b)`). */
const argumentNumber: Behaviour = (flow, call) => dropContent(argumentsMix(flow, call));
const receiverValue: Behaviour = (flow, _call, path, receiver) => flow.value(receiver, path);

/** `Object.keys(o)`, `Object.entries(o)`, `Object.values(o)`, `Object.fromEntries(pairs)`. */
const objectEntries: Behaviour = (flow, call, path) => {
  const argument = call.arguments[0];
  if (!argument) return undefined;
  const [, field, ...rest] = path;
  switch (methodName(flow, call)) {
    case 'keys':
      return flow.keysOf(argument);
    case 'values':
      return flow.value(argument, [ANY, ...path.slice(1)]);
    case 'entries':
      if (field === '0') return flow.keysOf(argument);
      if (field === '1') return flow.value(argument, [ANY, ...rest]);
      return mix([flow.keysOf(argument), flow.value(argument, [ANY])]);
    case 'fromEntries':
      return (
        literalEntry(flow, argument, path) ??
        copiedByEntries(flow, argument, path) ??
        flow.value(argument, [ANY, '1', ...path.slice(1)])
      );
    default:
      return CLEAN;
  }
};

/**
 * `Object.fromEntries([['query', q], ['headers', h]]).query`: a literal list of `[constant key, value]`
 * pairs builds an object with exactly those members, so reading one reads only its value (the last
 * pair of that key wins, as in an object literal); a member no pair names is `undefined`. Undefined
 * when the path names no member or the list is not such a literal (a spread, a computed key).
 */
function literalEntry(flow: Tracer, pairs: ts.Expression, path: Path): Taint | undefined {
  const [member, ...rest] = path;
  const list = skipOuter(pairs);
  if (member === undefined || member === ANY || !ts.isArrayLiteralExpression(list)) return undefined;
  let found: ts.Expression | undefined;
  for (const element of list.elements) {
    const pair = skipOuter(element);
    if (!ts.isArrayLiteralExpression(pair) || pair.elements.length !== 2) return undefined;
    const [key, value] = pair.elements as unknown as [ts.Expression, ts.Expression];
    if (ts.isSpreadElement(key) || ts.isSpreadElement(value)) return undefined;
    const name = constantString(flow.definitions, key);
    if (!name.complete) return undefined;
    if (name.text === member) found = value;
  }
  return found ? flow.value(found, rest) : NOTHING;
}

/** `then`, `map` and `flatMap` with an inline callback: what the callback returns. */
const callbackResult: Behaviour = (flow, call, path) => {
  const callback = call.arguments[0];
  if (!callback || (!ts.isArrowFunction(callback) && !ts.isFunctionExpression(callback))) return undefined;
  // `map` returns one element per callback result; `then` and `flatMap` return the callback's result (its elements).
  if (methodName(flow, call) !== 'map') return flow.returnValue(callback, path);
  // A named property of the array `map` builds (`users.name`) is none of its elements: only an index reads one.
  const index = path[0];
  return index === undefined || index === ANY || /^\d+$/.test(index)
    ? flow.returnValue(callback, path.slice(1))
    : CLEAN;
};

/** The accumulated value: what the callback returns (the elements it folds in), or the initial value. */
const reduced: Behaviour = (flow, call, path) => {
  const [callback, initial] = call.arguments;
  if (!callback || (!ts.isArrowFunction(callback) && !ts.isFunctionExpression(callback))) return undefined;
  const copied = copiedByReduce(flow, callback, path);
  return alternatives([
    ...(copied ? [copied] : []),
    flow.returnValue(callback, path),
    initial ? flow.value(initial, path) : CLEAN,
  ]);
};

/** `parts.concat(more, last)`: arrays add their elements, other arguments are elements themselves. */
const arrayConcat: Behaviour = (flow, call, path, receiver) => {
  if (path[0] !== ANY || !isArrayLike(flow.checker, receiver)) return undefined;
  const added = call.arguments.map((argument) =>
    isArrayLike(flow.checker, argument) ? flow.value(argument, path) : flow.value(argument, path.slice(1)),
  );
  return alternatives([flow.value(receiver, path), ...added]);
};

const arrayElements: Behaviour = (flow, _call, path, receiver) =>
  isArrayLike(flow.checker, receiver) ? flow.value(receiver, path) : undefined;

/** `[...cache.values()]`: the values of a keyed container's entries (`cache.set(id, user)`), its `[ANY]`. */
const keyedValues: Behaviour = (flow, _call, path, receiver) =>
  isKeyedContainer(flow.checker, receiver) ? flow.value(receiver, path) : undefined;

/**
 * Getters of containers (`searchParams.get('id')`, `headers.get('x-user')`, `cache.get(id)`) hand out
 * an entry: the value under some key (`[ANY]`), of which a member read after the call
 * (`cache.get(id).name`) is only that member of what was put in (`cache.set(id, user)`).
 * A request container read by a constant name is that entry: the source is named with it, so a
 * message shows which header was read and `x-forwarded-for` is not taken for `x-user-id`.
 */
const containerContents: Behaviour = (flow, call, path, receiver) => {
  const contents = flow.value(receiver, [ANY, ...path]);
  const entry = call.arguments[0] && skipOuter(call.arguments[0]);
  if (!entry || !ts.isStringLiteralLike(entry)) return contents;
  const label = (text: string) => `${text}.${methodName(flow, call)}('${entry.text}')`;
  return mapOrigins(contents, (origin) => {
    // Only a read written right there (`request.headers.get(…)`), not a container built elsewhere from sources.
    if (origin.kind !== 'source' || !isWithin(origin.node, receiver)) return origin;
    const [first, ...rest] = origin.steps;
    const steps =
      first?.label === `\`${origin.label}\``
        ? [{ ...first, label: `\`${label(origin.label)}\`` }, ...rest]
        : origin.steps;
    return { ...origin, label: label(origin.label), steps };
  });
};

const stringResult: Behaviour = (flow, call, _path, receiver) => {
  if (!isStringLike(flow.checker, receiver)) return undefined;
  const name = methodName(flow, call);
  return name === 'concat' || name === 'replace' || name === 'replaceAll'
    ? mix([
        flow.value(receiver),
        ...call.arguments.slice(name === 'concat' ? 0 : 1).map((argument) => flow.value(argument)),
      ])
    : flow.value(receiver);
};

const STRING_METHODS = [
  'trim',
  'trimStart',
  'trimEnd',
  'toLowerCase',
  'toUpperCase',
  'toLocaleLowerCase',
  'toLocaleUpperCase',
  'normalize',
  'slice',
  'substring',
  'substr',
  'padStart',
  'padEnd',
  'replace',
  'replaceAll',
  'concat',
  'toString',
  'valueOf',
  'charAt',
  'repeat',
  'split',
  'at',
];
/** Array methods whose result holds (some of) the receiver's elements. */
const ELEMENT_PRESERVING = [
  'filter',
  'slice',
  'concat',
  'reverse',
  'toReversed',
  'sort',
  'toSorted',
  'flat',
  'find',
  'findLast',
  'at',
  'pop',
  'shift',
  'values',
  'splice',
  'with',
];

/** Global functions, by name. */
const GLOBAL_FUNCTIONS = new Map<string, Behaviour>([
  ...['Number', 'parseInt', 'parseFloat', 'Boolean', 'BigInt'].map((name) => [name, argumentNumber] as const),
  ...[
    'String',
    'decodeURIComponent',
    'decodeURI',
    'encodeURIComponent',
    'encodeURI',
    'structuredClone',
    'escape',
    'unescape',
  ].map((name) => [name, argumentText] as const),
]);

/** Static methods of global objects; `other` answers the methods not listed. */
const GLOBAL_OBJECTS = new Map<
  string,
  { readonly methods: ReadonlyMap<string, Behaviour>; readonly other?: Behaviour }
>([
  [
    'JSON',
    {
      methods: new Map([
        ['parse', firstArgument],
        ['stringify', argumentText],
      ]),
    },
  ],
  ['Math', { methods: new Map(), other: argumentNumber }],
  [
    'Number',
    {
      methods: new Map([
        ['parseInt', argumentNumber],
        ['parseFloat', argumentNumber],
      ]),
    },
  ],
  ['Promise', { methods: new Map(), other: firstArgument }],
  ['Array', { methods: new Map([['from', firstArgument]]) }],
  [
    'Object',
    {
      methods: new Map([
        ['freeze', firstArgument],
        ['assign', anyArgument],
      ]),
      other: objectEntries,
    },
  ],
]);

/** Methods of values the program does not define (arrays, strings, promises, containers), tried in order. */
const METHODS = new Map<string, Behaviour[]>();
for (const [names, behaviour] of [
  [['then', 'map', 'flatMap'], callbackResult],
  [['reduce'], reduced],
  // `toJSON()` is what `JSON.stringify` sends of an object (a model document's plain item).
  [['catch', 'finally', 'toJSON'], receiverValue],
  [['concat'], arrayConcat],
  [ELEMENT_PRESERVING, arrayElements],
  [['values'], keyedValues],
  [['join'], (flow, _call, _path, receiver) => flow.value(receiver, [ANY])],
  [['get', 'getAll'], containerContents],
  [STRING_METHODS, stringResult],
  // `claims.sub.toString()` of a value typed wider than text (a claim is `string | number | …`): its text, as `String(x)`.
  [['toString'], (flow, _call, _path, receiver) => flow.value(receiver)],
] as const satisfies readonly (readonly [readonly string[], Behaviour])[]) {
  for (const name of names) METHODS.set(name, [...(METHODS.get(name) ?? []), behaviour]);
}

/** `new URL(request.url)`: the parsed URL carries the text it was parsed from. */
const URL_CONSTRUCTORS = new Set(['URL', 'URLSearchParams']);

/**
 * The value of a call to JavaScript's library (JSON, Object, Math, Promise, array and string
 * methods), or `undefined` when the library does not define it. `programFunction`: the callee is
 * a function of the program, whose body the tracer follows instead of the method table.
 */
export function builtinCall(
  flow: Tracer,
  call: ts.CallExpression,
  path: Path,
  programFunction: boolean,
): Taint | undefined {
  const callee = skipOuter(call.expression);
  if (ts.isIdentifier(callee)) {
    const behaviour = GLOBAL_FUNCTIONS.get(callee.text);
    return behaviour && isGlobal(flow.definitions, callee) ? behaviour(flow, call, path, callee) : undefined;
  }
  const method = calledMethod(flow.definitions, call);
  if (!method) return undefined;
  const { receiver, name } = method;
  if (ts.isIdentifier(receiver)) {
    const object = GLOBAL_OBJECTS.get(receiver.text);
    const behaviour = object && (object.methods.get(name) ?? object.other);
    const answer =
      behaviour && isGlobal(flow.definitions, receiver) ? behaviour(flow, call, path, receiver) : undefined;
    if (answer) return answer;
  }
  if (programFunction) return undefined;
  for (const behaviour of METHODS.get(name) ?? []) {
    const answer = behaviour(flow, call, path, receiver);
    if (answer) return answer;
  }
  return CLEAN;
}

/** `new URL(text)`, `new Promise(executor)`: the value of constructing a global the library defines, if it is one. */
export function builtinConstruction(flow: Tracer, node: ts.NewExpression, path: Path): Taint | undefined {
  const callee = node.expression;
  if (!ts.isIdentifier(callee) || !isGlobal(flow.definitions, callee)) return undefined;
  if (URL_CONSTRUCTORS.has(callee.text)) return node.arguments?.[0] ? flow.value(node.arguments[0]) : CLEAN;
  return callee.text === 'Promise' ? resolvedWith(flow, node, path) : undefined;
}

/**
 * What a promise its executor settles resolves to: every value the executor (or a callback in it)
 * hands to its `resolve` parameter (`new Promise((res) => { …; res(trip) })`).
 */
function resolvedWith(flow: Tracer, node: ts.NewExpression, path: Path): Taint | undefined {
  const executor = node.arguments?.[0] && skipOuter(node.arguments[0]);
  if (!executor || !(ts.isArrowFunction(executor) || ts.isFunctionExpression(executor))) return undefined;
  const resolve = executor.parameters[0];
  if (!resolve || !ts.isIdentifier(resolve.name)) return CLEAN;
  const values: Taint[] = [];
  for (const call of descendants(executor.body)) {
    if (!ts.isCallExpression(call) || !call.arguments[0]) continue;
    const called = skipOuter(call.expression);
    if (
      ts.isIdentifier(called) &&
      called.text === resolve.name.text &&
      flow.definitions.declarationOf(called) === resolve
    )
      values.push(flow.value(call.arguments[0], path));
  }
  return alternatives(values);
}

/**
 * The method a call calls and what it is called on: `items.toJSON()`, or the same method through a
 * constant element access (`items['toJSON']()`, `o[NAME]()` with a literal-typed `NAME`).
 */
function calledMethod(
  definitions: Definitions,
  call: ts.CallExpression,
): { receiver: ts.Expression; name: string } | undefined {
  const callee = skipOuter(call.expression);
  if (ts.isPropertyAccessExpression(callee)) return { receiver: callee.expression, name: callee.name.text };
  if (!ts.isElementAccessExpression(callee)) return undefined;
  const name = definitions.elementName(callee.argumentExpression);
  return name === undefined ? undefined : { receiver: callee.expression, name };
}

function methodName(flow: Tracer, call: ts.CallExpression): string | undefined {
  return calledMethod(flow.definitions, call)?.name;
}

function argumentsMix(flow: Tracer, call: ts.CallExpression): Taint {
  return mix(call.arguments.map((argument) => flow.value(argument)));
}

/** Declared by the library (or nowhere): not shadowed by the program. */
function isGlobal(definitions: Definitions, identifier: ts.Identifier): boolean {
  const declaration = definitions.declarationOf(identifier);
  return !declaration || declaration.getSourceFile().isDeclarationFile;
}

function isStringLike(checker: ts.TypeChecker, node: ts.Expression): boolean {
  const type = checker.getTypeAtLocation(node);
  return (
    (type.flags & (ts.TypeFlags.StringLike | ts.TypeFlags.Any | ts.TypeFlags.Unknown)) !== 0 ||
    isUnionOf(type, ts.TypeFlags.StringLike)
  );
}

/**
 * An array by its type, or a value with no type to tell. An optional array (`Items?: Item[]`, which
 * strictNullChecks types `Item[] | undefined`) is an array: the answer must not depend on that option.
 */
export function isArrayLike(checker: ts.TypeChecker, node: ts.Expression): boolean {
  const type = checker.getTypeAtLocation(node);
  return (
    (type.flags & (ts.TypeFlags.Any | ts.TypeFlags.Unknown)) !== 0 ||
    checker.isArrayLikeType(checker.getNonNullableType(type))
  );
}

function isUnionOf(type: ts.Type, flags: ts.TypeFlags): boolean {
  return (
    type.isUnion() &&
    type.types.every((part) => (part.flags & (flags | ts.TypeFlags.Undefined | ts.TypeFlags.Null)) !== 0)
  );
}
