import ts from 'typescript';
import {
  enclosingFunction,
  equalityOf,
  isFunctionNode,
  isOuterExpression,
  isWithin,
  propertyNameOf,
  referencesOf,
  skipOuter,
} from '../engine/ast.js';
import type { AccessFact } from '../engine/dynamodb/access.js';
import type { DynamoAnalysis } from '../engine/dynamodb/analysis.js';
import { producedOf } from '../engine/dynamodb/callback-results.js';
import { keyConditionAttributes } from '../engine/evidence/entities.js';
import { CHANGES } from '../engine/evidence/program-evidence.js';
import { deliversOnly } from './deliveries.js';
import { isCallerValue, relationUse } from './relationship-writes.js';
import { sentOnlyToKeyAddress } from './addressed-messages.js';
import { hasOrigin, sourcesOf } from '../engine/taint.js';
import type { ParamOrigin } from '../engine/taint.js';
import { isArrayLike } from '../engine/flow/builtins.js';
import { callbackParameter } from '../engine/callback-parameters.js';

/** Reads a presence test may be all that is done with, and whose absence a registration tests before it writes. */
export const READS: ReadonlySet<string> = new Set(['get', 'query', 'scan']);
/** Outputs whose presence says whether a read found something: the item, the items, their count. */
export const PRESENCE_OUTPUTS: ReadonlySet<string> = new Set(['Item', 'Items', 'Count']);
/** Members of a read's output that describe the call (its status, the capacity it used), not the items. */
const RESPONSE_METADATA: ReadonlySet<string> = new Set(['$metadata', 'ConsumedCapacity']);
/** List methods whose answer is a boolean of a predicate over the entries. */
const LIST_PREDICATES: ReadonlySet<string> = new Set(['some', 'every']);
/** List methods whose answer (a boolean, an index) comes of a predicate over the entries alone. */
const ENTRY_TESTS: ReadonlySet<string> = new Set([...LIST_PREDICATES, 'findIndex']);
/** Bound on the member reads from an item's attribute to the test on it (`item.requests.L`). */
const MAX_MEMBER_HOPS = 4;
/** Calls followed up from a parameter to what its callers pass (`clientSent`). */
const MAX_PARAMETER_HOPS = 3;
/** How many holders (variables, members, helper results) a read's output is followed through. */
const MAX_HOLDER_HOPS = 24;

/**
 * What an expression holds of a read's result: the whole output, its items, one item, a count, or a
 * validator's result that holds one of those under a member (`schema.safeParse(item)`: under `data`).
 */
type Held = 'output' | 'items' | 'item' | 'count' | 'report' | Parsed;

/** A validator's result: the value parsed sits under one member, the others report whether it was valid (`report`). */
interface Parsed {
  readonly under: string;
  readonly value: Held;
}

/**
 * What a member of a held value holds: a presence output (`Item`, `Items`, `Count`) of the output;
 * of a validator's result, the value parsed (`data`) or, for any other member (`success`, `error`),
 * its report, which may only be tested or logged.
 */
function memberHeld(held: Held, member: string): Held | undefined {
  if (typeof held === 'object') return member === held.under ? held.value : 'report';
  if (held !== 'output' || !PRESENCE_OUTPUTS.has(member)) return undefined;
  return member === 'Item' ? 'item' : member === 'Items' ? 'items' : 'count';
}

/**
 * A read whose output is only tested for existence (`const { Items } = await client.send(new
 * QueryCommand(…)); if (Items.length > 0) return 'already registered'`, `if (!out.Item) return 404`,
 * `if ((await send(new ScanCommand(…))).Items?.length) throw …`): it discloses that an item exists
 * and nothing of it, and the item is neither acted on nor returned, which is not access to someone's
 * data. The output is followed through the variables that hold it (also one a callback assigns:
 * `.then((users) => (user = users[0]))`), its first item, and a helper's return to the call the
 * flow passed (`if (await emailTaken(email))`, `if (await repo.findOne(name)) throw`); every use
 * must be such a test, and a write that follows is a finding of its own.
 */
export function testedForExistenceOnly(fact: AccessFact, analysis: DynamoAnalysis): boolean {
  return followedRead(fact, analysis, undefined);
}

/**
 * A read of another principal's item that only decides and feeds an update relating the caller to
 * it (`relatesOnlyTheCaller`: a follow, a join): its item is tested (found, already names the
 * caller, an attribute equal to a constant: `teacher.role !== 'teacher'`), and its list is edited
 * by the caller alone and written back to it. Nothing of the item reaches the caller but whether the
 * relation could be made.
 */
export function feedsRelationOnly(fact: AccessFact, analysis: DynamoAnalysis): boolean {
  const relation = { writes: 0 };
  return followedRead(fact, analysis, relation) && relation.writes > 0;
}

function followedRead(fact: AccessFact, analysis: DynamoAnalysis, relation: Follow['relation']): boolean {
  if (!READS.has(fact.site.operation) || fact.site.pages) return false;
  let node: ts.Node = fact.site.node;
  // `ddb.send(new GetCommand(…))`, `(await doc.get(…).promise())`, `model.scan('email').contains(x).exec()`,
  // `const query = new QueryCommand(…); … send(query)` (the command held for the one call that sends it).
  for (let hop = 0; hop < 6; hop++) {
    const parent = node.parent;
    const sent = sentOnce(node, analysis);
    if (sent) node = sent;
    else if (ts.isCallExpression(parent) && parent.arguments.includes(node as ts.Expression)) node = parent;
    else if (
      ts.isPropertyAccessExpression(parent) &&
      ts.isCallExpression(parent.parent) &&
      !PROMISE_METHODS.has(parent.name.text)
    )
      node = parent.parent;
    else break;
  }
  const mapper = !!fact.site.mapper;
  const start: Held = !mapper ? 'output' : fact.site.operation === 'get' ? 'item' : 'items';
  // The flow to the read: a helper's result is followed to the call this flow made.
  const steps = [...fact.keys, ...fact.filters].flatMap((position) =>
    sourcesOf(position.taint).map((origin) => origin.steps.map((step) => step.node)),
  );
  // The item's own key attributes hold what selected it (`school.id` of a read by `schoolId`), and so
  // do those its filter requires equal to a value (`username` of a scan filtered by `username = :u`).
  const filtered = filterEqualities(fact, analysis);
  const keyAttributes = new Set(
    [...fact.keys, ...fact.filters].flatMap((position) => {
      const placeholder = PLACEHOLDER_LABEL.exec(position.label)?.[1];
      const attribute =
        position.compared ??
        /^key\.([^.[]+)/i.exec(position.label)?.[1] ??
        (placeholder ? filtered.get(placeholder) : undefined);
      return attribute ? [attribute] : [];
    }),
  );
  const state: Follow = {
    analysis,
    steps,
    site: fact.site.node,
    keyAttributes,
    keyReads: [],
    hops: 0,
    tests: 0,
    seen: new Set(),
    ...(relation ? { relation } : {}),
  };
  // The output handed to a callback: `query(params, (err, out) => …)`, `.then((users) => …)`.
  const callback = resultCallback(fact.site.node);
  const presence = callback
    ? heldBy(callback.parameters[1]!.name, start, state)
    : onlyPresence(node as ts.Expression, start, state);
  return presence && state.tests > 0 && !keyedChange(fact, state);
}

/**
 * Whether the key attribute read back keys a change of what the read found (`delete(todo.id)` after
 * `if (todo == null) throw`): then the read is the lookup of an act on that item, not a presence test.
 * The changes looked at are those of the read's file and of the files the attribute was read in.
 */
function keyedChange(read: AccessFact, state: Follow): boolean {
  if (state.keyReads.length === 0) return false;
  const files = new Set([read.site.node.getSourceFile(), ...state.keyReads.map((node) => node.getSourceFile())]);
  return [...files].some((file) =>
    state.analysis
      .factsInFile(file)
      .some(
        (fact) =>
          CHANGES.has(fact.site.operation) &&
          fact.keys.some((position) =>
            hasOrigin(position.taint, (origin) => origin.kind === 'produced' && origin.site === read.site.node),
          ),
      ),
  );
}

/** The label of a value of a condition expression: `ExpressionAttributeValues[':u']`. */
const PLACEHOLDER_LABEL = /^ExpressionAttributeValues\['(:\w+)'\]$/;

/** The attribute each placeholder of a read's filter must equal (`username = :u`; none where it has alternatives). */
function filterEqualities(fact: AccessFact, analysis: DynamoAnalysis): ReadonlyMap<string, string> {
  const shapes = fact.site.input ? analysis.tracer.shapes.of(fact.site.input) : [];
  const [shape] = shapes;
  if (shapes.length !== 1 || shape?.kind !== 'literal') return new Map();
  return new Map(
    keyConditionAttributes(analysis.tracer.definitions, shape.literal, 'FilterExpression')
      .filter((comparison) => comparison.equal)
      .map((comparison) => [comparison.placeholder, comparison.attribute]),
  );
}

/** The one call a request held in a `const` is passed to (`const query = new QueryCommand(…); send(query)`). */
function sentOnce(node: ts.Node, analysis: DynamoAnalysis): ts.CallExpression | undefined {
  const declaration = node.parent;
  if (!ts.isVariableDeclaration(declaration) || declaration.initializer !== node || !ts.isIdentifier(declaration.name))
    return undefined;
  if (!(ts.getCombinedNodeFlags(declaration) & ts.NodeFlags.Const)) return undefined;
  const scope = enclosingFunction(declaration);
  if (ts.isSourceFile(scope)) return undefined;
  const references = referencesOf(scope, declaration.name, declaration.name, symbolResolver(analysis));
  const [only] = references;
  if (references.length !== 1 || !only) return undefined;
  const call = only.parent;
  return ts.isCallExpression(call) && call.arguments.includes(only) ? call : undefined;
}

/** The checker's variable for a name (a parameter of the same name in a callback is another one). */
function symbolResolver(analysis: DynamoAnalysis): (node: ts.Node) => ts.Symbol | undefined {
  return (node) => analysis.tracer.definitions.symbolOf(node);
}

/** Methods of a promise: `.then(cb)` hands the output to its callback, `.catch`/`.finally` pass it on. */
const PROMISE_METHODS: ReadonlySet<string> = new Set(['then', 'catch', 'finally']);

interface Follow {
  readonly analysis: DynamoAnalysis;
  readonly steps: readonly (readonly ts.Node[])[];
  /** The read followed. */
  readonly site: ts.Node;
  /** The attributes the read's key gave values to: reading one back tells only what selected the item. */
  readonly keyAttributes: ReadonlySet<string>;
  /** Where such an attribute was read back (`keyedChange` asks whether it keys a change of the item). */
  readonly keyReads: ts.Node[];
  hops: number;
  tests: number;
  readonly seen: Set<ts.Node>;
  /** Following the read of a relationship write (`feedsRelationOnly`): how many such writes its item feeds. */
  readonly relation?: { writes: number };
}

/** Every use of `expression`, which holds `held` of a read's result, says only whether it found something. */
function onlyPresence(expression: ts.Expression, held: Held, state: Follow): boolean {
  if (state.seen.has(expression)) return true;
  state.seen.add(expression);
  if (++state.hops > MAX_HOLDER_HOPS) return false;
  if (isPresenceTest(expression) || (held === 'items' && lengthTested(expression))) {
    state.tests++;
    return true;
  }
  // `console.error('malformed', parsed.error.format())`: a validator's report of the item goes to the server's log.
  if (held === 'report') return loggedOnly(expression, state.analysis.tracer.checker);
  const parent = expression.parent;
  if (isOuterExpression(parent) || ts.isAwaitExpression(parent)) return onlyPresence(parent, held, state);
  // Nothing is done with it: `doc.get(…).promise().then(…);`
  if (ts.isExpressionStatement(parent) || ts.isVoidExpression(parent)) return true;
  // `out.Items ?? []`, `out.Item || null`: the same result or a constant standing for none.
  if (
    ts.isBinaryExpression(parent) &&
    parent.left === expression &&
    (parent.operatorToken.kind === ts.SyntaxKind.QuestionQuestionToken ||
      parent.operatorToken.kind === ts.SyntaxKind.BarBarToken) &&
    isNothing(parent.right)
  )
    return onlyPresence(parent, held, state);
  // `out.Items && out.Items[0]`: the left side only decides (its value passes on only when falsy,
  // holding nothing); the whole is what the right side is, followed from there.
  if (ts.isBinaryExpression(parent) && parent.operatorToken.kind === ts.SyntaxKind.AmpersandAmpersandToken) {
    if (parent.right === expression) return onlyPresence(parent, held, state);
    state.tests++;
    return true;
  }
  // `out.Count == 0 ? null : out.Items[0]`: the result where the read found something, else a constant standing for none.
  if (
    ts.isConditionalExpression(parent) &&
    parent.condition !== expression &&
    isNothing(parent.whenTrue === expression ? parent.whenFalse : parent.whenTrue)
  )
    return onlyPresence(parent, held, state);
  if (ts.isPropertyAccessExpression(parent) && parent.expression === expression) {
    const name = parent.name.text;
    const member = memberHeld(held, name);
    if (member) return onlyPresence(parent, member, state);
    // `out.$metadata.httpStatusCode !== 200`: how the call went, nothing of the items.
    if (held === 'output' && RESPONSE_METADATA.has(name)) return true;
    // `school.id` of a school read by the id the client sent: the value that selected it, nothing of the item.
    if (held === 'item' && state.keyAttributes.has(name)) {
      state.keyReads.push(parent);
      return true;
    }
    // `if (user && user.email) throw …`: a member tested beside the item itself, one more presence test.
    if (held === 'item' && testedBesideItem(parent, expression)) {
      state.tests++;
      return true;
    }
    // `sendResetEmail(email, link)` of a link holding `jwt.sign({ id: user.id })`: mailed to the address that selected it.
    if (held === 'item' && sentOnlyToKeyAddress(parent, state.steps, state.analysis)) return true;
    // `return new User(item.uuid, item.email)`: an object built from the item's attributes, returned.
    const built = held === 'item' ? builtFromMembers(parent, expression, state) : undefined;
    if (built) return onlyPresence(built, 'item', state);
    // `Key: { userId: target.userId }` of a delivery (a friend request to the user looked up): it only addresses it.
    if (held === 'item' && addressesDelivery(parent, state)) return true;
    if (held === 'item' && state.relation) {
      // The list a relationship write extends (and the caller's own edits of it), or a test of an attribute against a constant.
      const use = relationUse(state.analysis, parent);
      if (use === 'written') state.relation.writes++;
      if (use) return true;
    }
    // `if (existing && existing.id !== excludeId) throw …`: an attribute compared only to decide a
    // condition, one more test of the item; with a constant (`teacher.role !== 'teacher'`) only where
    // the read feeds a relation, since elsewhere the answer tells the client the attribute's value.
    if (held === 'item' && decidingComparison(parent, state, !!state.relation)) {
      state.tests++;
      return true;
    }
    // `target.requests.some((r) => r.userId === me)`: whether the item names the caller, nothing else of it.
    const test = held === 'item' ? callerTest(parent, state) : undefined;
    if (test) return onlyPresence(test, 'count', state);
    if (held === 'items' && name === 'length') return onlyPresence(parent, 'count', state);
    // `results.some((u) => u === null)`: whether some (every) item was found, each item only tested;
    // `findIndex` answers which was not.
    const predicate = held === 'items' ? listPredicate(parent) : undefined;
    if (predicate) {
      const entry = predicate.callback.parameters[0];
      return (!entry || heldBy(entry.name, 'item', state)) && onlyPresence(predicate.call, 'count', state);
    }
    // `.then((out) => …)`: the callback gets it; `.catch(…)`, `.finally(…)` pass it on.
    const call = parent.parent;
    if (ts.isCallExpression(call) && call.expression === parent && PROMISE_METHODS.has(name)) {
      if (name !== 'then') return onlyPresence(call, held, state);
      const handler = call.arguments[0] && skipOuter(call.arguments[0]);
      if (!handler || !(ts.isArrowFunction(handler) || ts.isFunctionExpression(handler))) return false;
      const parameter = handler.parameters[0];
      return (!parameter || heldBy(parameter.name, held, state)) && onlyPresence(call, 'item', state);
    }
    return false;
  }
  // `participantIds[missing]`: a count or index the tests gave picks an entry of another list, not of the items.
  if (
    ts.isElementAccessExpression(parent) &&
    parent.argumentExpression === expression &&
    held === 'count' &&
    !hasOrigin(
      state.analysis.tracer.value(parent.expression),
      (origin) => producedOf(state.analysis.sites, origin)?.site === state.site,
    )
  )
    return true;
  // `Items[0]`: the first item.
  if (
    ts.isElementAccessExpression(parent) &&
    parent.expression === expression &&
    held === 'items' &&
    ts.isNumericLiteral(parent.argumentExpression)
  )
    return onlyPresence(parent, 'item', state);
  if (ts.isVariableDeclaration(parent) && parent.initializer === expression) return heldBy(parent.name, held, state);
  // `user = users[0]`: the variable assigned holds it; so does the assignment's own value.
  if (
    ts.isBinaryExpression(parent) &&
    parent.right === expression &&
    parent.operatorToken.kind === ts.SyntaxKind.EqualsToken &&
    ts.isIdentifier(parent.left)
  )
    return assignedTo(parent.left, held, state) && onlyPresence(parent, held, state);
  if (ts.isCallExpression(parent) && parent.arguments[0] === expression) {
    // `schema.safeParse(item)`: a validator's parse of the item is that item, whatever the schema keeps of it.
    const parsed = parsedBy(parent, held, state);
    if (parsed) return onlyPresence(parent, parsed, state);
    // `Promise.all(ids.map(…))`: the list, each element awaited.
    if (parent.arguments.length === 1 && isPromiseAll(state.analysis.tracer.checker, parent))
      return onlyPresence(parent, held, state);
  }
  // `return Community.initialize(found)`, `return new User(found)`: an object built from the item, returned
  // (by a function of the program, not a response's `res.json(found)`); followed as the item.
  if (
    (ts.isCallExpression(parent) || ts.isNewExpression(parent)) &&
    parent.arguments?.length === 1 &&
    parent.arguments[0] === expression &&
    isReturnedValue(parent) &&
    builds(parent, state)
  )
    return onlyPresence(parent, 'item', state);
  // Returned: by a callback (its promise, followed above), or by a helper to the call this flow made.
  const fn = ts.isReturnStatement(parent)
    ? enclosingFunction(parent)
    : ts.isArrowFunction(parent) && parent.body === expression
      ? parent
      : undefined;
  if (fn && !ts.isSourceFile(fn)) return returnedBy(fn, held, state);
  return false;
}

/**
 * The test an attribute of the item takes against the caller alone: `item.ownerId === me`,
 * `item.requests.some((r) => r.user_id === me)`, `item.members.includes(me)` (through the
 * low-level client's `.S`/`.L`/`.M`), where `me` is the principal and nothing of the request.
 * Its answer is the caller's own relation to the item.
 */
function callerTest(member: ts.PropertyAccessExpression, state: Follow): ts.Expression | undefined {
  const isCaller = (node: ts.Expression) => isCallerValue(state.analysis, node);
  let node: ts.Expression = member;
  for (let hop = 0; hop < MAX_MEMBER_HOPS && ts.isPropertyAccessExpression(node.parent); hop++) node = node.parent;
  const parent = node.parent;
  if (ts.isBinaryExpression(parent) && equalityOf(parent.operatorToken.kind))
    return isCaller(parent.left === node ? parent.right : parent.left) ? parent : undefined;
  if (!ts.isPropertyAccessExpression(node) || !ts.isCallExpression(parent) || parent.expression !== node)
    return undefined;
  const [argument] = parent.arguments;
  if (!argument || parent.arguments.length !== 1) return undefined;
  if (node.name.text === 'includes') return isCaller(argument) ? parent : undefined;
  if (!LIST_PREDICATES.has(node.name.text)) return undefined;
  const predicate = skipOuter(argument);
  if (!ts.isArrowFunction(predicate) || ts.isBlock(predicate.body)) return undefined;
  const body = skipOuter(predicate.body);
  const entry = predicate.parameters[0]?.name;
  if (
    !entry ||
    !ts.isIdentifier(entry) ||
    !ts.isBinaryExpression(body) ||
    equalityOf(body.operatorToken.kind) !== 'equal'
  )
    return undefined;
  const ofEntry = (side: ts.Expression) => rootIdentifier(side)?.text === entry.text;
  const caller = ofEntry(body.left) ? body.right : ofEntry(body.right) ? body.left : undefined;
  return caller && isCaller(caller) ? parent : undefined;
}

/**
 * `item.id !== excludeId` (and, where `constants` may be compared, `item.role !== 'teacher'`)
 * deciding a condition: whether an attribute equals a value the server holds. Compared with a value
 * the client sends, or a constant it knows, the answer lets the client learn the attribute
 * (`taken[0].phone !== req.body.email`, `user.resetCode !== '000000'`).
 */
function decidingComparison(member: ts.PropertyAccessExpression, state: Follow, constants: boolean): boolean {
  const comparison = member.parent;
  if (!ts.isBinaryExpression(comparison) || !equalityOf(comparison.operatorToken.kind)) return false;
  const other = skipOuter(comparison.left === member ? comparison.right : comparison.left);
  const constant =
    ts.isStringLiteralLike(other) ||
    isConstantOperand(other) ||
    other.kind === ts.SyntaxKind.TrueKeyword ||
    other.kind === ts.SyntaxKind.FalseKeyword;
  if (constant ? !constants : clientSent(other, state)) return false;
  return isPresenceTest(comparison);
}

/** `r` of `r.M?.user_id.S`. */
function rootIdentifier(node: ts.Expression): ts.Identifier | undefined {
  let current = skipOuter(node);
  while (ts.isPropertyAccessExpression(current) || ts.isElementAccessExpression(current))
    current = skipOuter(current.expression);
  return ts.isIdentifier(current) ? current : undefined;
}

/**
 * Whether an attribute of the item (`target.user_id`, also `.S` of the low-level client's value) is
 * a key value of an update that only delivers entries naming the caller (`deliversOnly`): the read
 * found whom to send an invitation to, and nothing of the item reaches the caller.
 */
function addressesDelivery(member: ts.PropertyAccessExpression, state: Follow): boolean {
  const analysis = state.analysis;
  let value: ts.Node = member;
  while (ts.isPropertyAccessExpression(value.parent) || isOuterExpression(value.parent)) value = value.parent;
  // Up through the key's literals (`{ S: … }`, `{ user_id: … }`) to the input member that holds them.
  let key: ts.Node | undefined;
  for (let node: ts.Node = value, hop = 0; hop < 4 && ts.isPropertyAssignment(node.parent); hop++) {
    key = node.parent;
    node = node.parent.parent;
  }
  if (!key || !ts.isPropertyAssignment(key) || propertyNameOf(key) !== 'Key') return false;
  const fact = analysis
    .factsInFile(member.getSourceFile())
    .find((candidate) => candidate.site.input !== undefined && isWithin(key, candidate.site.input));
  return !!fact && deliversOnly(analysis, fact);
}

/**
 * The call a member of the item is an argument of, when that call builds an object (`builds`) from
 * attributes of the same item and constants only, and is returned: `return new User(item.uuid, item.name)`.
 */
function builtFromMembers(
  member: ts.PropertyAccessExpression,
  item: ts.Expression,
  state: Follow,
): ts.CallExpression | ts.NewExpression | undefined {
  // The outermost call the member is (nested) an argument of: `new User(item.id, new Date(item.at))`.
  let call: ts.CallExpression | ts.NewExpression | undefined;
  for (let node: ts.Node = member, hop = 0; hop < 3; hop++) {
    while (isOuterExpression(node.parent)) node = node.parent;
    const parent = node.parent;
    if (
      !(ts.isCallExpression(parent) || ts.isNewExpression(parent)) ||
      !parent.arguments?.includes(node as ts.Expression)
    )
      break;
    call = parent;
    node = parent;
  }
  if (!call) return undefined;
  // An attribute of the item, a constant, or a value built from those alone (`new Date(item.createdAt)`).
  const ofItem = (argument: ts.Expression, depth = 0): boolean => {
    const inner = skipOuter(argument);
    if (isConstantOperand(inner) || ts.isStringLiteralLike(inner)) return true;
    if (ts.isPropertyAccessExpression(inner)) return skipOuter(inner.expression).getText() === item.getText();
    return (
      depth < 2 &&
      (ts.isCallExpression(inner) || ts.isNewExpression(inner)) &&
      (inner.arguments ?? []).every((nested) => ofItem(nested, depth + 1))
    );
  };
  return isReturnedValue(call) && (call.arguments ?? []).every((argument) => ofItem(argument)) && builds(call, state)
    ? call
    : undefined;
}

/**
 * A call that builds an object from its one argument: a function of the program with a body, or,
 * where the program cannot resolve it, a member or constructor of an import (`Community.initialize(x)`,
 * `new User(x)` from an unresolved module), not a method of a value such as a response.
 */
function builds(call: ts.CallExpression | ts.NewExpression, state: Follow): boolean {
  if (state.analysis.tracer.definitions.callee(call)?.body) return true;
  let target = skipOuter(call.expression);
  if (ts.isPropertyAccessExpression(target)) target = skipOuter(target.expression);
  if (!ts.isIdentifier(target)) return false;
  const symbol = state.analysis.tracer.checker.getSymbolAtLocation(target);
  return !!symbol && (symbol.flags & ts.SymbolFlags.Alias) !== 0;
}

/** A result a function returns: a `.then` callback's goes to its promise; a helper's to the calls this flow made. */
function returnedBy(fn: ts.SignatureDeclaration, held: Held, state: Follow): boolean {
  const call = fn.parent;
  if (
    (ts.isArrowFunction(fn) || ts.isFunctionExpression(fn)) &&
    ts.isCallExpression(call) &&
    call.arguments[0] === fn &&
    ts.isPropertyAccessExpression(call.expression) &&
    call.expression.name.text === 'then'
  )
    return onlyPresence(call, 'item', state);
  // `ids.map((id) => getUser(id))`: each item the callback returns is an element of the list `map` returns.
  const mapped = mappedBy(fn, state);
  if (mapped) return held === 'item' && onlyPresence(mapped, 'items', state);
  const sites = flowCallsOf(fn, state);
  return sites.length > 0 && sites.every((site) => onlyPresence(site, held, state));
}

/** The calls of `fn` the flow came through: where it enters `fn`, the function it comes from makes them. */
function flowCallsOf(fn: ts.SignatureDeclaration, state: Follow): ts.CallExpression[] {
  const definitions = state.analysis.tracer.definitions;
  const callers = new Set<ts.Node>();
  for (const steps of state.steps)
    for (let index = 1; index < steps.length; index++)
      if (isWithin(steps[index]!, fn) && !isWithin(steps[index - 1]!, fn))
        callers.add(enclosingFunction(steps[index - 1]!));
  const sites: ts.CallExpression[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isCallExpression(node) && definitions.callee(node) === fn) sites.push(node);
    node.forEachChild(visit);
  };
  for (const caller of callers) caller.forEachChild(visit);
  return sites;
}

/**
 * Whether a value may hold what the client sent: a request source, or a parameter that a call the
 * flow came through passes such a value (`createReview(headers.userId, id)` into `if (t.studentId
 * != userId)`), followed up a few calls; a parameter with no such call is taken as sent.
 */
function clientSent(value: ts.Expression, state: Follow, depth = 0): boolean {
  const taint = state.analysis.tracer.value(value);
  if (hasOrigin(taint, (origin) => origin.kind === 'source')) return true;
  const params = taint.alts.flat().filter((origin): origin is ParamOrigin => origin.kind === 'param');
  if (!params.length) return false;
  if (depth >= MAX_PARAMETER_HOPS) return true;
  return params.some((origin) => {
    const calls = flowCallsOf(origin.fn, state);
    return (
      calls.length === 0 ||
      calls.some((call) => {
        const argument = call.arguments[origin.index];
        return !!argument && clientSent(argument, state, depth + 1);
      })
    );
  });
}

/** What a validator's parse of a held value holds (`parse`: the value; `safeParse`: a result with it under `data`). */
function parsedBy(call: ts.CallExpression, held: Held, state: Follow): Held | undefined {
  const parse = state.analysis.tracer.schemas.parsedWith(call);
  if (!parse) return undefined;
  const where = parse.model.parse[parse.method] ?? [];
  return where.reduceRight<Held>((value, under) => ({ under, value }), held);
}

/**
 * A value passed (as it is, or what a method of it makes: `error.format()`) to the global `console`'s
 * methods only: it reaches the server's log, not the caller.
 */
function loggedOnly(value: ts.Expression, checker: ts.TypeChecker): boolean {
  let node: ts.Expression = value;
  for (let hop = 0; hop < MAX_MEMBER_HOPS; hop++) {
    const parent = node.parent;
    if (isOuterExpression(parent)) node = parent;
    else if (ts.isPropertyAccessExpression(parent) && parent.expression === node) node = parent;
    else if (ts.isCallExpression(parent) && parent.expression === node) node = parent;
    else break;
  }
  const call = node.parent;
  if (!ts.isCallExpression(call) || !call.arguments.includes(node)) return false;
  const callee = skipOuter(call.expression);
  if (!ts.isPropertyAccessExpression(callee) || !ts.isIdentifier(callee.expression)) return false;
  const declaration = checker.getSymbolAtLocation(callee.expression)?.declarations?.[0];
  return callee.expression.text === 'console' && !!declaration && declaration.getSourceFile().isDeclarationFile;
}

/** `Promise.all(list)`: the library's, by the declaration of the method called. */
function isPromiseAll(checker: ts.TypeChecker, call: ts.CallExpression): boolean {
  const callee = skipOuter(call.expression);
  if (!ts.isPropertyAccessExpression(callee) || callee.name.text !== 'all') return false;
  const declaration = checker.getSymbolAtLocation(callee.name)?.declarations?.[0];
  const owner = declaration?.parent;
  return (
    !!owner &&
    ts.isInterfaceDeclaration(owner) &&
    owner.name.text === 'PromiseConstructor' &&
    owner.getSourceFile().isDeclarationFile
  );
}

/** `list.some(cb)`, `list.every(cb)`, `list.findIndex(cb)` of an array: the call and its callback, whose first parameter gets each element. */
function listPredicate(
  method: ts.PropertyAccessExpression,
): { call: ts.CallExpression; callback: ts.ArrowFunction | ts.FunctionExpression } | undefined {
  const call = method.parent;
  if (!ENTRY_TESTS.has(method.name.text) || !ts.isCallExpression(call) || call.expression !== method) return undefined;
  const callback = call.arguments[0] && skipOuter(call.arguments[0]);
  return callback && (ts.isArrowFunction(callback) || ts.isFunctionExpression(callback))
    ? { call, callback }
    : undefined;
}

/** The `map` call of an array a callback is handed to (`ids.map((id) => …)`): its list holds what the callback returns. */
function mappedBy(fn: ts.SignatureDeclaration, state: Follow): ts.CallExpression | undefined {
  if (!ts.isArrowFunction(fn) && !ts.isFunctionExpression(fn)) return undefined;
  const handed = callbackParameter(fn, 0);
  const call = fn.parent;
  if (!handed?.element || !ts.isCallExpression(call) || !ts.isPropertyAccessExpression(call.expression))
    return undefined;
  return call.expression.name.text === 'map' && isArrayLike(state.analysis.tracer.checker, handed.receiver)
    ? call
    : undefined;
}

/** A variable or destructuring that holds `held`: every later reference to it says only whether the read found something. */
function heldBy(name: ts.BindingName, held: Held, state: Follow): boolean {
  if (ts.isIdentifier(name)) {
    const scope = enclosingFunction(name);
    if (ts.isSourceFile(scope)) return false;
    return referencesOf(scope, name, name, symbolResolver(state.analysis)).every((reference) =>
      onlyPresence(reference, held, state),
    );
  }
  if (!ts.isObjectBindingPattern(name)) return false;
  return name.elements.every((element) => {
    const member = element.propertyName ?? element.name;
    if (element.dotDotDotToken || !ts.isIdentifier(element.name) || !ts.isIdentifier(member)) return false;
    const inner = memberHeld(held, member.text);
    return !!inner && heldBy(element.name, inner, state);
  });
}

/**
 * A variable a result is assigned to (`let user = null; ….then((users) => (user = users[0]))`): in
 * the function that declares it, every other assignment is of nothing and every reference a test.
 */
function assignedTo(target: ts.Identifier, held: Held, state: Follow): boolean {
  let scope: ts.Node = enclosingFunction(target);
  // The declaring function: the assignment may be in a callback inside it.
  while (!ts.isSourceFile(scope) && !declares(scope, target.text)) scope = enclosingFunction(scope);
  if (ts.isSourceFile(scope)) return false;
  return referencesOf(scope, target, undefined, symbolResolver(state.analysis)).every((reference) => {
    if (reference === target) return true;
    const parent = reference.parent;
    if (ts.isVariableDeclaration(parent) && parent.name === reference)
      return !parent.initializer || isNothing(parent.initializer);
    if (
      ts.isBinaryExpression(parent) &&
      parent.left === reference &&
      parent.operatorToken.kind === ts.SyntaxKind.EqualsToken
    )
      return isNothing(parent.right) || state.seen.has(parent.right);
    return onlyPresence(reference, held, state);
  });
}

/** Whether a function declares a variable of this name itself (not in a function inside it). */
function declares(scope: ts.Node, name: string): boolean {
  const visit = (node: ts.Node): boolean =>
    (ts.isVariableDeclaration(node) && ts.isIdentifier(node.name) && node.name.text === name) ||
    (!isFunctionNode(node) && !!node.forEachChild((child) => visit(child) || undefined));
  return !!scope.forEachChild((child) => visit(child) || undefined);
}

/** `[]`, `null`, `undefined`, `0`, `false`: a constant that stands for "nothing found". */
function isNothing(expression: ts.Expression): boolean {
  const node = skipOuter(expression);
  return (
    (ts.isArrayLiteralExpression(node) && node.elements.length === 0) ||
    node.kind === ts.SyntaxKind.FalseKeyword ||
    isConstantOperand(node)
  );
}

/** `Items.length` tested: how many items there are, nothing of them. */
function lengthTested(expression: ts.Expression): boolean {
  const parent = expression.parent;
  return (
    ts.isPropertyAccessExpression(parent) &&
    parent.expression === expression &&
    parent.name.text === 'length' &&
    isPresenceTest(parent)
  );
}

/** The callback a callback-style read hands its output to (`doc.query(params, (err, out) => …)`), with that parameter. */
function resultCallback(read: ts.Node): (ts.ArrowFunction | ts.FunctionExpression) | undefined {
  if (!ts.isCallExpression(read)) return undefined;
  const last = read.arguments.at(-1);
  const fn = last && skipOuter(last);
  return fn && (ts.isArrowFunction(fn) || ts.isFunctionExpression(fn)) && fn.parameters.length >= 2 ? fn : undefined;
}

/**
 * A presence output read only to decide a condition: `!Item`, `Count === 0`, `Items.length > 0`,
 * `Items?.length`, `!Items || Items.length == 0`, in an `if` or a conditional expression's test;
 * or made a boolean (`!`, a comparison) that is returned or held (`return Items.length > 0`): a
 * boolean says whether something exists, whoever reads it.
 */
function isPresenceTest(output: ts.Expression): boolean {
  let node: ts.Node = output;
  // `Items.length`: how many items there are, nothing of them.
  const lengthRead = node.parent;
  if (ts.isPropertyAccessExpression(lengthRead) && lengthRead.expression === node && lengthRead.name.text === 'length')
    node = lengthRead;
  let boolean = false;
  for (;;) {
    const parent = node.parent;
    if (ts.isParenthesizedExpression(parent) || ts.isNonNullExpression(parent)) node = parent;
    else if (ts.isPrefixUnaryExpression(parent) && parent.operator === ts.SyntaxKind.ExclamationToken) {
      node = parent;
      boolean = true;
    } else if (ts.isBinaryExpression(parent) && isComparison(parent.operatorToken.kind)) {
      const other = parent.left === node ? parent.right : parent.left;
      if (!isConstantOperand(other)) return false;
      node = parent;
      boolean = true;
    } else if (ts.isBinaryExpression(parent) && isLogical(parent.operatorToken.kind)) {
      // `a && b` is one of its operands: a boolean only if both are (`Items !== undefined && Items.length > 0`).
      boolean = boolean && isBooleanExpression(parent.left === node ? parent.right : parent.left);
      node = parent;
    } else break;
  }
  const parent = node.parent;
  if (ts.isIfStatement(parent) && parent.expression === node) return true;
  if (ts.isConditionalExpression(parent) && parent.condition === node) return true;
  return boolean && (isReturnedValue(node) || (ts.isVariableDeclaration(parent) && parent.initializer === node));
}

/**
 * A member of the item (`user.email`, `user.profile.email`) tested for truthiness in a condition
 * that also tests the item itself (`if (user && user.email)`, `if (!user || !user.email)`): the
 * condition says whether an item was found with that member set, as `if (user)` says whether one
 * was found. A member compared with anything, or tested without the item, says more and is not one.
 */
function testedBesideItem(member: ts.PropertyAccessExpression, item: ts.Expression): boolean {
  let node: ts.Expression = member;
  for (
    let hop = 0;
    hop < MAX_MEMBER_HOPS && ts.isPropertyAccessExpression(node.parent) && node.parent.expression === node;
    hop++
  )
    node = node.parent;
  const operands: ts.Expression[] = [];
  for (;;) {
    const parent: ts.Node = node.parent;
    if (
      ts.isParenthesizedExpression(parent) ||
      ts.isNonNullExpression(parent) ||
      (ts.isPrefixUnaryExpression(parent) && parent.operator === ts.SyntaxKind.ExclamationToken)
    )
      node = parent;
    else if (ts.isBinaryExpression(parent) && isLogical(parent.operatorToken.kind)) {
      operands.push(parent.left === node ? parent.right : parent.left);
      node = parent;
    } else break;
  }
  const parent = node.parent;
  const condition =
    (ts.isIfStatement(parent) && parent.expression === node) ||
    (ts.isConditionalExpression(parent) && parent.condition === node);
  // One of the operands the member is combined with is the item's own truthiness.
  const itself = (operand: ts.Expression): boolean => {
    const bare = skipOuter(operand);
    if (ts.isPrefixUnaryExpression(bare) && bare.operator === ts.SyntaxKind.ExclamationToken)
      return itself(bare.operand);
    if (ts.isBinaryExpression(bare) && isLogical(bare.operatorToken.kind))
      return itself(bare.left) || itself(bare.right);
    return bare.getText() === skipOuter(item).getText();
  };
  return condition && operands.some(itself);
}

/** An expression whose value is a boolean: a comparison, a negation, `true`/`false`, or booleans combined. */
function isBooleanExpression(expression: ts.Expression): boolean {
  const node = skipOuter(expression);
  if (node.kind === ts.SyntaxKind.TrueKeyword || node.kind === ts.SyntaxKind.FalseKeyword) return true;
  if (ts.isPrefixUnaryExpression(node)) return node.operator === ts.SyntaxKind.ExclamationToken;
  if (!ts.isBinaryExpression(node)) return false;
  const kind = node.operatorToken.kind;
  if (isComparison(kind)) return true;
  return isLogical(kind) && isBooleanExpression(node.left) && isBooleanExpression(node.right);
}

export function isLogical(kind: ts.SyntaxKind): boolean {
  return kind === ts.SyntaxKind.AmpersandAmpersandToken || kind === ts.SyntaxKind.BarBarToken;
}

function isComparison(kind: ts.SyntaxKind): boolean {
  return (
    !!equalityOf(kind) ||
    kind === ts.SyntaxKind.GreaterThanToken ||
    kind === ts.SyntaxKind.LessThanToken ||
    kind === ts.SyntaxKind.GreaterThanEqualsToken ||
    kind === ts.SyntaxKind.LessThanEqualsToken
  );
}

export function isConstantOperand(node: ts.Expression): boolean {
  return (
    ts.isNumericLiteral(node) ||
    node.kind === ts.SyntaxKind.NullKeyword ||
    (ts.isIdentifier(node) && node.text === 'undefined')
  );
}

/** Whether a function hands the expression back: `return value`, or the body of an arrow function. */
function isReturnedValue(node: ts.Node): boolean {
  const parent = node.parent;
  return ts.isReturnStatement(parent) || (ts.isArrowFunction(parent) && parent.body === node);
}
