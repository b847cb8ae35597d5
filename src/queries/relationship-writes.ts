import ts from 'typescript';
import {
  enclosingFunction,
  equalityOf,
  isOuterExpression,
  propertyNameOf,
  referencesOf,
  skipOuter,
} from '../engine/ast.js';
import type { AccessFact } from '../engine/dynamodb/access.js';
import type { DynamoAnalysis } from '../engine/dynamodb/analysis.js';
import { hasOrigin, sourcesOf } from '../engine/taint.js';
import { relationshipEdits } from '../models/evidence.js';

const ADDS_IN_PLACE: ReadonlySet<string> = new Set(relationshipEdits.addsInPlace);
const ADDS: ReadonlySet<string> = new Set(relationshipEdits.adds);
const REMOVES: ReadonlySet<string> = new Set(relationshipEdits.removes);
const REWRITES: ReadonlySet<string> = new Set(relationshipEdits.rewrites);
/** How far up from a list's use its edit or its place in an update's changes is looked for. */
const MAX_EDIT_HOPS = 4;

/** The verified caller and no one the client chose: a value derived from the principal and from nothing of the request. */
export function isCallerValue(analysis: DynamoAnalysis, node: ts.Expression): boolean {
  const taint = analysis.tracer.value(node);
  return hasOrigin(taint, (origin) => origin.kind === 'principal') && sourcesOf(taint).length === 0;
}

/**
 * A data mapper's update that only relates the caller to the item it keys (`Model.update({ id:
 * teacherId }, { followers: teacher.followers })` after `teacher.followers.push(me)`): every
 * attribute it sets is the same attribute of the item a read of the same key returned, to which the
 * code only added the caller or from which it only removed the caller (`relationshipEdits`). The
 * owner's list keeps everything the owner (or anyone else) put there, so choosing the item is the
 * feature (a follow, a join), not an IDOR. Any other value set, or any other change of the list,
 * keeps it a finding.
 */
export function relatesOnlyTheCaller(analysis: DynamoAnalysis, fact: AccessFact): boolean {
  const mapper = fact.site.mapper;
  if (fact.site.operation !== 'update' || !mapper) return false;
  const key = mapper.parts.find((part) => part.role === 'key')?.node;
  const changes = mapper.parts.find((part) => part.role === 'changes')?.node;
  const literal = changes && skipOuter(changes);
  if (!key || !literal || !ts.isObjectLiteralExpression(literal) || literal.properties.length === 0) return false;
  return literal.properties.every((property) => {
    if (!ts.isPropertyAssignment(property)) return false;
    const list = editedList(analysis, property.initializer);
    return (
      !!list &&
      list.name.text === propertyNameOf(property) &&
      readAtKey(analysis, list.expression, key) &&
      editedOnlyByTheCaller(analysis, list)
    );
  });
}

/**
 * How a use of a list attribute of an item (`teacher.followers`) serves an update that only
 * relates the caller to that item (`relatesOnlyTheCaller`): `edit` when it is the caller's addition
 * or removal (`callerEdit`), `written` when it is (edited by the caller alone) a value that update
 * sets; undefined for any other use.
 */
export function relationUse(
  analysis: DynamoAnalysis,
  list: ts.PropertyAccessExpression,
): 'written' | 'edit' | undefined {
  if (callerEdit(analysis, list)) return 'edit';
  let node: ts.Node = list;
  for (let hop = 0; hop < MAX_EDIT_HOPS; hop++) {
    const parent = node.parent;
    if (ts.isPropertyAssignment(parent) && editedList(analysis, parent.initializer) === list) {
      const update = parent.parent.parent;
      if (!ts.isCallExpression(update)) return undefined;
      // The literal is the update's changes (not its key), and the update relates only the caller.
      const fact = analysis
        .factsInFile(update.getSourceFile())
        .find(
          (candidate) =>
            candidate.site.node === update &&
            !!candidate.site.mapper?.parts.some(
              (part) => part.role === 'changes' && skipOuter(part.node) === parent.parent,
            ),
        );
      return fact && relatesOnlyTheCaller(analysis, fact) ? 'written' : undefined;
    }
    node = parent;
  }
  return undefined;
}

/**
 * The list is pushed the caller (`teacher.followers.push(me)`), or is either side of its own copy
 * with the caller added or removed assigned back (`teacher.followers = teacher.followers.filter((id) => id !== me)`).
 */
function callerEdit(analysis: DynamoAnalysis, list: ts.PropertyAccessExpression): boolean {
  const call = methodCall(list);
  if (call && ADDS_IN_PLACE.has(call.name))
    return call.call.arguments.every((argument) => isCallerValue(analysis, argument));
  let node: ts.Node = list;
  for (let hop = 0; hop < MAX_EDIT_HOPS; hop++) {
    const parent = node.parent;
    if (ts.isBinaryExpression(parent) && parent.operatorToken.kind === ts.SyntaxKind.EqualsToken) {
      const edited = editedList(analysis, parent.right);
      return (
        ts.isPropertyAccessExpression(parent.left) &&
        edited?.getText() === parent.left.getText() &&
        (parent.left === list || edited === list)
      );
    }
    node = parent;
  }
  return false;
}

/**
 * The list attribute of an item (`teacher.followers`) a value is, with only the caller added
 * (`.concat(me)`, `[...teacher.followers, me]`) or removed (`.filter((id) => id !== me)`).
 */
function editedList(analysis: DynamoAnalysis, value: ts.Expression): ts.PropertyAccessExpression | undefined {
  const inner = skipOuter(value);
  if (ts.isPropertyAccessExpression(inner)) return ts.isIdentifier(skipOuter(inner.expression)) ? inner : undefined;
  if (ts.isArrayLiteralExpression(inner)) {
    const spreads = inner.elements.filter(ts.isSpreadElement);
    const [spread] = spreads;
    const added = inner.elements.filter((element) => !ts.isSpreadElement(element));
    return spreads.length === 1 && spread && added.every((element) => isCallerValue(analysis, element))
      ? editedList(analysis, spread.expression)
      : undefined;
  }
  if (!ts.isCallExpression(inner) || !ts.isPropertyAccessExpression(inner.expression)) return undefined;
  const method = inner.expression.name.text;
  const receiver = inner.expression.expression;
  if (ADDS.has(method) && inner.arguments.every((argument) => isCallerValue(analysis, argument)))
    return editedList(analysis, receiver);
  if (REMOVES.has(method) && inner.arguments.length === 1 && removesTheCaller(analysis, inner.arguments[0]!))
    return editedList(analysis, receiver);
  return undefined;
}

/** `(id) => id !== me`: a predicate that keeps every entry but the caller. */
function removesTheCaller(analysis: DynamoAnalysis, predicate: ts.Expression): boolean {
  const fn = skipOuter(predicate);
  if (!ts.isArrowFunction(fn) || ts.isBlock(fn.body) || fn.parameters.length !== 1) return false;
  const entry = fn.parameters[0]!.name;
  const body = skipOuter(fn.body);
  if (!ts.isIdentifier(entry) || !ts.isBinaryExpression(body) || equalityOf(body.operatorToken.kind) !== 'unequal')
    return false;
  const isEntry = (side: ts.Expression) => {
    const bare = skipOuter(side);
    return ts.isIdentifier(bare) && bare.text === entry.text;
  };
  if (isEntry(body.left)) return isCallerValue(analysis, body.right);
  return isEntry(body.right) && isCallerValue(analysis, body.left);
}

/** `list.push(…)` and the like: the method called on the list, and the call. */
function methodCall(list: ts.Expression): { name: string; call: ts.CallExpression } | undefined {
  const access = list.parent;
  if (!ts.isPropertyAccessExpression(access) || access.expression !== list) return undefined;
  const call = access.parent;
  return ts.isCallExpression(call) && call.expression === access ? { name: access.name.text, call } : undefined;
}

/**
 * Whether a variable holds the item a data mapper read returned with the same key as the update's
 * (`const teacher = await users.get({ id: teacherId })` for `users.update({ id: teacherId }, …)`):
 * the same attributes, each the same variable or constant.
 */
function readAtKey(analysis: DynamoAnalysis, holder: ts.Expression, key: ts.Expression): boolean {
  const definitions = analysis.tracer.definitions;
  const bare = skipOuter(holder);
  const declaration = ts.isIdentifier(bare) ? definitions.declarationOf(bare) : undefined;
  if (!declaration || !ts.isVariableDeclaration(declaration) || !declaration.initializer) return false;
  if (!(ts.getCombinedNodeFlags(declaration) & ts.NodeFlags.Const)) return false;
  let read = skipOuter(declaration.initializer);
  if (ts.isAwaitExpression(read)) read = skipOuter(read.expression);
  const site = analysis.sites.siteAt(read);
  const readKey = site?.operation === 'get' ? site.mapper?.parts.find((part) => part.role === 'key')?.node : undefined;
  return !!readKey && sameKey(analysis, readKey, key);
}

/** Two key objects with the same attributes, each given the same variable (by symbol) or the same constant text. */
function sameKey(analysis: DynamoAnalysis, first: ts.Expression, second: ts.Expression): boolean {
  const a = skipOuter(first);
  const b = skipOuter(second);
  if (!ts.isObjectLiteralExpression(a) || !ts.isObjectLiteralExpression(b)) return sameValue(analysis, a, b);
  if (a.properties.length !== b.properties.length) return false;
  return a.properties.every((member) => {
    const name = propertyNameOf(member);
    const other = b.properties.find((candidate) => propertyNameOf(candidate) === name);
    return name !== undefined && !!other && sameValue(analysis, valueOf(member), valueOf(other));
  });
}

function valueOf(member: ts.ObjectLiteralElementLike): ts.Expression | undefined {
  if (ts.isPropertyAssignment(member)) return member.initializer;
  return ts.isShorthandPropertyAssignment(member) ? member.name : undefined;
}

function sameValue(
  analysis: DynamoAnalysis,
  first: ts.Expression | undefined,
  second: ts.Expression | undefined,
): boolean {
  if (!first || !second) return false;
  const a = skipOuter(first);
  const b = skipOuter(second);
  if (ts.isIdentifier(a) && ts.isIdentifier(b)) {
    const declaration = analysis.tracer.definitions.declarationOf(a);
    return !!declaration && declaration === analysis.tracer.definitions.declarationOf(b);
  }
  return (ts.isStringLiteralLike(a) || ts.isNumericLiteral(a)) && a.getText() === b.getText();
}

/**
 * Every change the function makes to the list (`teacher.followers`) adds or removes the caller
 * alone, and the item itself goes nowhere it could be changed otherwise (an argument, another
 * variable): each use of the variable is a member read or a test.
 */
function editedOnlyByTheCaller(analysis: DynamoAnalysis, list: ts.PropertyAccessExpression): boolean {
  const holder = skipOuter(list.expression) as ts.Identifier;
  const scope = enclosingFunction(holder);
  if (ts.isSourceFile(scope)) return false;
  const name = list.name.text;
  const definitions = analysis.tracer.definitions;
  return referencesOf(scope, holder, undefined, (node) => definitions.symbolOf(node)).every((reference) => {
    let use: ts.Node = reference;
    while (isOuterExpression(use.parent)) use = use.parent;
    const parent = use.parent;
    if (ts.isVariableDeclaration(parent) && parent.name === use) return true;
    if (ts.isPropertyAccessExpression(parent) && parent.expression === use)
      return parent.name.text !== name || listUseKeeps(analysis, parent);
    // A comparison, a negation, or the left of `&&` (which passes the item on only when it is none) tests it.
    return (
      (ts.isBinaryExpression(parent) &&
        (!!equalityOf(parent.operatorToken.kind) ||
          (parent.operatorToken.kind === ts.SyntaxKind.AmpersandAmpersandToken && parent.left === use))) ||
      (ts.isPrefixUnaryExpression(parent) && parent.operator === ts.SyntaxKind.ExclamationToken) ||
      (ts.isIfStatement(parent) && parent.expression === use)
    );
  });
}

/** A use of the list that leaves it as the owner had it but for the caller: a read, or the caller's own edit. */
function listUseKeeps(analysis: DynamoAnalysis, list: ts.PropertyAccessExpression): boolean {
  const call = methodCall(list);
  if (call) return !REWRITES.has(call.name) && (!ADDS_IN_PLACE.has(call.name) || callerEdit(analysis, list));
  const parent = list.parent;
  // `teacher.followers[0] = x`, `teacher.followers = body.list`: written otherwise.
  if (ts.isElementAccessExpression(parent) && parent.expression === list) return !isAssigned(parent);
  if (isAssigned(list)) return callerEdit(analysis, list);
  return true;
}

function isAssigned(node: ts.Expression): boolean {
  const parent = node.parent;
  return (
    (ts.isBinaryExpression(parent) &&
      parent.left === node &&
      parent.operatorToken.kind >= ts.SyntaxKind.FirstAssignment &&
      parent.operatorToken.kind <= ts.SyntaxKind.LastAssignment) ||
    ((ts.isPrefixUnaryExpression(parent) || ts.isPostfixUnaryExpression(parent)) &&
      (parent.operator === ts.SyntaxKind.PlusPlusToken || parent.operator === ts.SyntaxKind.MinusMinusToken))
  );
}
