import ts from 'typescript';
import { enclosingFunction, isWithin, propertyNameOf, skipOuter } from '../engine/ast.js';
import { operationOf } from '../engine/dynamodb/access.js';
import type { AccessFact } from '../engine/dynamodb/access.js';
import type { DynamoAnalysis } from '../engine/dynamodb/analysis.js';
import { literalMember } from '../engine/flow/shapes.js';
import type { LiteralShape } from '../engine/flow/shapes.js';
import { constantString } from '../engine/strings.js';
import { hasOrigin, isPrincipal, sourcesOf } from '../engine/taint.js';

/** The list appended to: an attribute, or `if_not_exists(a, :empty)`. */
const LIST = String.raw`(?:if_not_exists\s*\(\s*[#\w.]+\s*,\s*:\w+\s*\)|[#\w.]+)`;
/** `SET a = list_append(a, :v)` or `list_append(:v, a)`. */
const APPEND = new RegExp(
  String.raw`^([#\w.]+)\s*=\s*list_append\s*\(\s*(?:${LIST}\s*,\s*(:\w+)|(:\w+)\s*,\s*${LIST})\s*\)$`,
  'i',
);
/** `ADD followers :me`, `DELETE followers :me`: a value added to or removed from a set (or, `ADD`, a number). */
const ADD = /^([#\w.]+)\s+(:\w+)$/;
/** The type wrappers of the low-level client's attribute values (`{ S: id }`, `{ L: [...] }`, `{ M: {...} }`). */
const WRAPPERS: ReadonlySet<string> = new Set(['S', 'N', 'B', 'BOOL', 'L', 'M', 'SS', 'NS', 'BS']);
/** Names of an entry's members that say who it is from or about (`userId`, `from_id`, `username`, `sender`). */
const IDENTITY = /(?:^|_)id$|Id$|ID$|^(?:user|owner|author|sender|from|by|sub|username|email)(?:[A-Z_]|$)/;
/** How deep an appended entry is read (entries are small objects, possibly wrapped). */
const MAX_DEPTH = 6;

/** `SET n = n + :one`, `SET n = n - :one`, `SET n = :one + n`: a number stepped by a value. */
const STEP = /^([#\w.]+)\s*=\s*(?:([#\w.]+)\s*[+-]\s*(:\w+)|(:\w+)\s*\+\s*([#\w.]+))$/;
/** How many literals up from a key's value its input literal is looked for (`{ Key: { pk: { S: v } } }`). */
const MAX_LITERAL_HOPS = 8;
/** How many nodes up from a counter step a conditional write that ran before it is looked for. */
const MAX_STEP_DEPTH = 32;

/** What an update expression does with one placeholder: appends it (an entry), steps a number by it, or `ADD`s it (either). */
interface Edit {
  readonly placeholder: string;
  readonly kind: 'entry' | 'step' | 'add';
}

/**
 * An update that only appends entries naming the caller to lists or sets of the item it keys
 * (`SET requests = list_append(requests, :req)` with `:req` holding the caller's id, `ADD followers
 * :me`), or removes the caller from a set (`DELETE followers :me`): a friend request, an
 * invitation, a follow. It delivers something from the caller to the item's owner and reads or
 * overwrites nothing of theirs, so choosing the item is the feature, not an IDOR. It stays a finding
 * when any identity member of an appended entry comes from the request (`{ userId: body.from }`:
 * the caller could speak for someone else). An update may also step a number by a constant (`SET
 * starCount = starCount + :one`, a like or a star) when a conditional write keyed by the caller and
 * by the request values of this key succeeded before it (`oncePerCaller`): each caller moves the
 * count once; a step nothing bounds lets one caller drive anyone's count, and stays a finding.
 */
export function deliversOnly(analysis: DynamoAnalysis, fact: AccessFact): boolean {
  if (operationOf(fact) !== 'update' || fact.site.mapper || !fact.site.input) return false;
  const tracer = analysis.tracer;
  for (const shape of inputShapes(analysis, fact)) {
    const expression = literalMember(shape, 'UpdateExpression');
    const text = expression && constantString(tracer.definitions, expression);
    const values = literalMember(shape, 'ExpressionAttributeValues');
    const literal = values && skipOuter(values);
    if (!text?.complete || !literal || !ts.isObjectLiteralExpression(literal)) return false;
    const edits = editsOf(text.text);
    if (!edits?.length) return false;
    let steps = 0;
    const delivered = edits.every(({ placeholder, kind }) => {
      const member = literal.properties.find((property) => propertyNameOf(property) === placeholder);
      const value = member && ts.isPropertyAssignment(member) ? member.initializer : undefined;
      if (!value) return false;
      if (kind !== 'entry' && isConstantNumber(analysis, value)) {
        steps++;
        return true;
      }
      return kind !== 'step' && namesOnlyTheCaller(analysis, value);
    });
    return delivered && (steps === 0 || oncePerCaller(analysis, fact));
  }
  return false;
}

/** What an update expression does with each placeholder, when appending, removing from a set and stepping numbers is all it does. */
function editsOf(text: string): Edit[] | undefined {
  const sections = [...text.matchAll(/\b(SET|ADD|REMOVE|DELETE)\b([\s\S]*?)(?=\b(?:SET|ADD|REMOVE|DELETE)\b|$)/gi)];
  if (!sections.length) return undefined;
  const out: Edit[] = [];
  for (const [, action, body] of sections) {
    const verb = action!.toUpperCase();
    if (verb === 'REMOVE') return undefined;
    for (const clause of splitClauses(body!)) {
      if (verb !== 'SET') {
        const match = ADD.exec(clause);
        if (!match) return undefined;
        out.push({ placeholder: match[2]!, kind: verb === 'ADD' ? 'add' : 'entry' });
        continue;
      }
      const append = APPEND.exec(clause);
      if (append) {
        out.push({ placeholder: (append[2] ?? append[3])!, kind: 'entry' });
        continue;
      }
      // The number stepped is the attribute set: `a = a + :v`, not `a = b + :v`.
      const step = STEP.exec(clause);
      if (!step || step[1] !== (step[2] ?? step[5])) return undefined;
      out.push({ placeholder: (step[3] ?? step[4])!, kind: 'step' });
    }
  }
  return out;
}

/** A number the code fixes (`1`, `const ONE = 1`): its type is a number literal. */
function isConstantNumber(analysis: DynamoAnalysis, value: ts.Expression): boolean {
  return analysis.tracer.checker.getTypeAtLocation(value).isNumberLiteral();
}

/**
 * A write keyed by the caller and by every request value of this access's key, with a condition
 * (`put` of the caller's `STAR#…#${userId}#${slug}` row with a `ConditionExpression`, or a create),
 * awaited in a statement that runs before this access in the same function, in its block or one
 * around it, or an item of the same transaction: when its condition fails it throws (the transaction
 * is cancelled), and this access does not run. So each caller runs it once per item.
 */
function oncePerCaller(analysis: DynamoAnalysis, fact: AccessFact): boolean {
  // The request values by what they read (`req.params.id`): each read of it is a node of its own.
  const wanted = new Set(fact.keys.flatMap((position) => sourcesOf(position.taint).map((origin) => origin.label)));
  if (wanted.size === 0) return false;
  const at = accessAt(fact);
  const fn = enclosingFunction(at);
  const facts = analysis.factsInFile(at.getSourceFile());
  const guards = (statement: ts.Statement) =>
    facts.some(
      (candidate) =>
        isWithin(accessAt(candidate), statement) &&
        enclosingFunction(accessAt(candidate)) === fn &&
        awaitedIn(accessAt(candidate), statement) &&
        conditional(analysis, candidate) &&
        keyedByCallerAnd(candidate, wanted),
    );
  // A transaction runs all its items or none: a sibling item's failed condition stops this one too.
  const sibling = (candidate: AccessFact) =>
    candidate !== fact &&
    !!fact.transactionItem &&
    candidate.site.node === fact.site.node &&
    conditional(analysis, candidate) &&
    keyedByCallerAnd(candidate, wanted);
  if (facts.some(sibling)) return true;
  let node: ts.Node = at;
  for (let depth = 0; depth < MAX_STEP_DEPTH && node.parent !== fn && !ts.isSourceFile(node.parent); depth++) {
    const parent = node.parent;
    if (ts.isBlock(parent) && ts.isStatement(node)) {
      for (const statement of parent.statements) {
        if (statement === node) break;
        if ((ts.isExpressionStatement(statement) || ts.isVariableStatement(statement)) && guards(statement))
          return true;
      }
    }
    node = parent;
  }
  return false;
}

/** Keyed by the caller and by each of the request values (`wanted`, by what they read). */
function keyedByCallerAnd(candidate: AccessFact, wanted: ReadonlySet<string>): boolean {
  return (
    candidate.keys.some((position) => isPrincipal(position.taint)) &&
    [...wanted].every((label) =>
      candidate.keys.some((position) => sourcesOf(position.taint).some((origin) => origin.label === label)),
    )
  );
}

/** A write that runs only if its condition holds: a create, or an input with a `ConditionExpression`. */
function conditional(analysis: DynamoAnalysis, fact: AccessFact): boolean {
  if (!WRITES.has(operationOf(fact))) return false;
  return fact.create || inputShapes(analysis, fact).some((shape) => !!literalMember(shape, 'ConditionExpression'));
}

/**
 * Where an access happens in the function that reads its request values: the argument they left it
 * through toward a sink elsewhere, or the input literal written there for a thin wrapper's sink
 * (`db.update({ Key: { pk: userId }, … })` of `update: (params) => client.update(params)`), else the sink.
 */
function accessAt(fact: AccessFact): ts.Node {
  const exits = new Set(fact.keys.flatMap((position) => sourcesOf(position.taint).map((origin) => origin.exitArg)));
  const [exit] = exits;
  if (exits.size === 1 && exit) return exit;
  const written = fact.keys[0]?.nodes[0];
  if (!written || enclosingFunction(written) === enclosingFunction(fact.site.node)) return fact.site.node;
  // Up from the key's literal (`Key: { … }`) to the input literal that holds it.
  let literal: ts.Node = written;
  for (
    let hop = 0;
    hop < MAX_LITERAL_HOPS && (ts.isPropertyAssignment(literal.parent) || ts.isObjectLiteralExpression(literal.parent));
    hop++
  )
    literal = literal.parent;
  return ts.isObjectLiteralExpression(literal) ? literal : fact.site.node;
}

/**
 * The input literals of an access: a transaction item's own, else as written where its request
 * values are read (a wrapper's caller), else at the sink.
 */
function inputShapes(analysis: DynamoAnalysis, fact: AccessFact): LiteralShape[] {
  if (fact.transactionItem) return [fact.transactionItem.shape];
  const literals = (input: ts.Expression | undefined) =>
    input ? analysis.tracer.shapes.of(input).filter((shape): shape is LiteralShape => shape.kind === 'literal') : [];
  const at = accessAt(fact);
  const written = at !== fact.site.node && ts.isExpression(at) ? literals(at) : [];
  return written.length ? written : literals(fact.site.input);
}

/** Whether the statement awaits the call it holds (a rejected write then stops what follows). */
function awaitedIn(call: ts.Node, statement: ts.Statement): boolean {
  for (let node: ts.Node = call; node !== statement; node = node.parent) if (ts.isAwaitExpression(node)) return true;
  return false;
}

/** Operations that write one item. */
const WRITES: ReadonlySet<string> = new Set(['put', 'update', 'delete']);

/** A section's clauses, split at the commas between them (not those inside a function's parentheses). */
function splitClauses(body: string): string[] {
  const clauses: string[] = [];
  let depth = 0;
  let start = 0;
  for (let index = 0; index < body.length; index++) {
    const char = body[index];
    if (char === '(') depth++;
    else if (char === ')') depth--;
    else if (char === ',' && depth === 0) {
      clauses.push(body.slice(start, index).trim());
      start = index + 1;
    }
  }
  clauses.push(body.slice(start).trim());
  return clauses.filter((clause) => clause.length > 0);
}

/**
 * Whether an appended value names the caller and no one the client chose: an identity member
 * (`userId`, `from`) that is the principal, and none that comes from the request. A bare value
 * (`ADD followers :me`) is its own identity.
 */
function namesOnlyTheCaller(analysis: DynamoAnalysis, value: ts.Expression): boolean {
  const identities: ts.Expression[] = [];
  collectIdentities(analysis, value, undefined, identities, 0);
  if (!identities.length) return false;
  const tracer = analysis.tracer;
  const taints = identities.map((identity) => tracer.value(identity));
  return (
    taints.some((taint) => hasOrigin(taint, (origin) => origin.kind === 'principal')) &&
    taints.every((taint) => sourcesOf(taint).length === 0)
  );
}

/** The members of an entry named like an identity, through type wrappers, arrays and `const`s; a bare value is one. */
function collectIdentities(
  analysis: DynamoAnalysis,
  node: ts.Expression,
  name: string | undefined,
  out: ts.Expression[],
  depth: number,
): void {
  if (depth > MAX_DEPTH) return;
  const inner = skipOuter(node);
  if (ts.isIdentifier(inner)) {
    const declaration = analysis.tracer.definitions.declarationOf(inner);
    const initializer =
      declaration && ts.isVariableDeclaration(declaration) && declaration.parent.flags & ts.NodeFlags.Const
        ? declaration.initializer
        : undefined;
    const literal = initializer && skipOuter(initializer);
    if (literal && (ts.isObjectLiteralExpression(literal) || ts.isArrayLiteralExpression(literal))) {
      collectIdentities(analysis, literal, name, out, depth + 1);
      return;
    }
  }
  // `new Set([me])`, `doc.createSet([me])`: a set of the values in the list.
  const set = setOf(inner);
  if (set) {
    collectIdentities(analysis, set, name, out, depth + 1);
    return;
  }
  if (ts.isArrayLiteralExpression(inner)) {
    for (const element of inner.elements) collectIdentities(analysis, element, name, out, depth + 1);
    return;
  }
  if (ts.isObjectLiteralExpression(inner)) {
    for (const member of inner.properties) {
      const key = propertyNameOf(member);
      if (key === undefined || !ts.isPropertyAssignment(member)) continue;
      collectIdentities(analysis, member.initializer, WRAPPERS.has(key) ? name : key, out, depth + 1);
    }
    return;
  }
  // A bare value appended (`:me`) is the entry itself; inside an entry, only identity members count.
  if (name === undefined || IDENTITY.test(name)) out.push(inner);
}

/** The list a set is made of: `new Set(list)`, `createSet(list)`. */
function setOf(node: ts.Expression): ts.Expression | undefined {
  if (!ts.isNewExpression(node) && !ts.isCallExpression(node)) return undefined;
  const callee = skipOuter(node.expression);
  const name = ts.isPropertyAccessExpression(callee) ? callee.name.text : ts.isIdentifier(callee) ? callee.text : '';
  const isSet = ts.isNewExpression(node) ? name === 'Set' : name === 'createSet';
  return isSet ? node.arguments?.[0] : undefined;
}
