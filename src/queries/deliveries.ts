import ts from 'typescript';
import { propertyNameOf, skipOuter } from '../engine/ast.js';
import type { AccessFact } from '../engine/dynamodb/access.js';
import type { DynamoAnalysis } from '../engine/dynamodb/analysis.js';
import { literalMember } from '../engine/flow/shapes.js';
import { constantString } from '../engine/strings.js';
import { hasOrigin, sourcesOf } from '../engine/taint.js';

/** The list appended to: an attribute, or `if_not_exists(a, :empty)`. */
const LIST = String.raw`(?:if_not_exists\s*\(\s*[#\w.]+\s*,\s*:\w+\s*\)|[#\w.]+)`;
/** `SET a = list_append(a, :v)` or `list_append(:v, a)`. */
const APPEND = new RegExp(
  String.raw`^([#\w.]+)\s*=\s*list_append\s*\(\s*(?:${LIST}\s*,\s*(:\w+)|(:\w+)\s*,\s*${LIST})\s*\)$`,
  'i',
);
/** `ADD followers :me`: a value added to a set. */
const ADD = /^([#\w.]+)\s+(:\w+)$/;
/** The type wrappers of the low-level client's attribute values (`{ S: id }`, `{ L: [...] }`, `{ M: {...} }`). */
const WRAPPERS: ReadonlySet<string> = new Set(['S', 'N', 'B', 'BOOL', 'L', 'M', 'SS', 'NS', 'BS']);
/** Names of an entry's members that say who it is from or about (`userId`, `from_id`, `username`, `sender`). */
const IDENTITY = /(?:^|_)id$|Id$|ID$|^(?:user|owner|author|sender|from|by|sub|username|email)(?:[A-Z_]|$)/;
/** How deep an appended entry is read (entries are small objects, possibly wrapped). */
const MAX_DEPTH = 6;

/**
 * An update that only appends entries naming the caller to lists or sets of the item it keys
 * (`SET requests = list_append(requests, :req)` with `:req` holding the caller's id, `ADD followers
 * :me`): a friend request, an invitation, a follow. It delivers something from the caller to the
 * item's owner and reads or overwrites nothing of theirs, so choosing the item is the feature, not
 * an IDOR. It stays a finding when any identity member of an appended entry comes from the request
 * (`{ userId: body.from }`: the caller could speak for someone else).
 */
export function deliversOnly(analysis: DynamoAnalysis, fact: AccessFact): boolean {
  if (fact.site.operation !== 'update' || fact.site.mapper || !fact.site.input) return false;
  const tracer = analysis.tracer;
  for (const shape of tracer.shapes.of(fact.site.input)) {
    if (shape.kind !== 'literal') continue;
    const expression = literalMember(shape, 'UpdateExpression');
    const text = expression && constantString(tracer.definitions, expression);
    const values = literalMember(shape, 'ExpressionAttributeValues');
    const literal = values && skipOuter(values);
    if (!text?.complete || !literal || !ts.isObjectLiteralExpression(literal)) return false;
    const appended = appendedPlaceholders(text.text);
    if (!appended?.length) return false;
    return appended.every((placeholder) => {
      const member = literal.properties.find((property) => propertyNameOf(property) === placeholder);
      const value = member && ts.isPropertyAssignment(member) ? member.initializer : undefined;
      return !!value && namesOnlyTheCaller(analysis, value);
    });
  }
  return false;
}

/** The placeholders an update expression appends, when appending is all it does. */
function appendedPlaceholders(text: string): string[] | undefined {
  const sections = [...text.matchAll(/\b(SET|ADD|REMOVE|DELETE)\b([\s\S]*?)(?=\b(?:SET|ADD|REMOVE|DELETE)\b|$)/gi)];
  if (!sections.length) return undefined;
  const out: string[] = [];
  for (const [, action, body] of sections) {
    const verb = action!.toUpperCase();
    if (verb !== 'SET' && verb !== 'ADD') return undefined;
    for (const clause of splitClauses(body!)) {
      const match = verb === 'SET' ? APPEND.exec(clause) : ADD.exec(clause);
      if (!match) return undefined;
      out.push(verb === 'SET' ? (match[2] ?? match[3]!) : match[2]!);
    }
  }
  return out;
}

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
