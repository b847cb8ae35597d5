import ts from 'typescript';
import { equalityOf, findProperty, holdsReturn, isFunctionNode, skipOuter } from '../engine/ast.js';
import type { AccessFact } from '../engine/dynamodb/access.js';
import type { DynamoAnalysis } from '../engine/dynamodb/analysis.js';
import { producedOf } from '../engine/dynamodb/callback-results.js';
import { constantString } from '../engine/strings.js';
import { sourcesOf } from '../engine/taint.js';
import { isConstantOperand, isLogical, PRESENCE_OUTPUTS, READS } from './existence-reads.js';

/** How many nodes a put's dominating conditions are looked for above it. */
const MAX_DOMINATOR_DEPTH = 64;

/** What a condition being true or false says of a read's result. */
interface Finding {
  readonly site: ts.Node;
  readonly found: boolean;
}

/**
 * A put that runs only after a read of the same key found nothing (`if (found.Item) return …;
 * put(…)`, `if (out.Count < 1) put(…)`, `if (!user) { put(…) }`): it creates a new item, as a put
 * with `attribute_not_exists` does, and takes over no one's (a registration under the email or
 * name the client chose). Every request value in the put's key must be a request value the read
 * was keyed (or filtered) by; an existence check of another key does not make the put a create.
 */
export function createsAfterAbsence(analysis: DynamoAnalysis, fact: AccessFact): boolean {
  if (fact.site.operation !== 'put' || fact.keys.length === 0) return false;
  // Each request value of the put's key, as the read names it: `req.body.email`. A put of a whole
  // request object (`Item: req.body`, its key unread) writes at its key the attribute of that object
  // a read of the table's primary key looked up (`req.body` covers `req.body.email`).
  const wanted = fact.keys.flatMap((position) => {
    const attribute = position.label.split('.').pop() ?? position.label;
    const whole = position.label === 'Item';
    return sourcesOf(position.taint).map((origin) => ({
      names: [origin.label, `${origin.label}.${attribute}`],
      whole,
      origin,
    }));
  });
  if (wanted.length === 0) return false;
  const sources = fact.keys.flatMap((position) => sourcesOf(position.taint));
  // The put itself, and the calls its key passes on its way there (a wrapper's put runs at the call).
  const anchors = new Set<ts.Node>([fact.site.node]);
  for (const source of sources)
    for (const step of source.steps)
      if (ts.isCallExpression(step.node) || ts.isNewExpression(step.node)) anchors.add(step.node);
  const files = new Set(sources.map((source) => source.node.getSourceFile()));
  for (const anchor of anchors) {
    for (const site of absentReadsAbove(analysis, anchor)) {
      const reads = [...files, site.getSourceFile()]
        .flatMap((file) => analysis.factsInFile(file))
        .filter((candidate) => candidate.site.node === site && READS.has(candidate.site.operation));
      const looked = new Set(
        reads.flatMap((read) =>
          [...read.keys, ...read.filters].flatMap((position) =>
            sourcesOf(position.taint).map((origin) => origin.label),
          ),
        ),
      );
      const primary = reads.some((read) => onPrimaryKey(analysis, read));
      const covered = ({ names, whole, origin }: (typeof wanted)[number]) =>
        names.some((name) => looked.has(name)) ||
        (whole && primary && [...looked].some((name) => name.startsWith(`${origin.label}.`)));
      if (reads.some((read) => sameTable(analysis, read, fact)) && wanted.every(covered)) return true;
    }
  }
  return false;
}

/** The reads whose result, tested on the way from the function's start to `anchor`, was found absent. */
function absentReadsAbove(analysis: DynamoAnalysis, anchor: ts.Node): ts.Node[] {
  const out: ts.Node[] = [];
  const add = (condition: ts.Expression, truth: boolean) => {
    const finding = implies(analysis, condition, truth);
    if (finding && !finding.found) out.push(finding.site);
  };
  let node = anchor;
  for (let depth = 0; depth < MAX_DOMINATOR_DEPTH; depth++) {
    const parent = node.parent;
    // Named functions run from elsewhere too: a check above their callers' calls is not theirs.
    if (isFunctionNode(parent) && !ts.isArrowFunction(parent) && !ts.isFunctionExpression(parent)) break;
    if (ts.isSourceFile(parent)) break;
    if (ts.isIfStatement(parent) && parent.thenStatement === node) add(parent.expression, true);
    else if (ts.isIfStatement(parent) && parent.elseStatement === node) add(parent.expression, false);
    else if (ts.isConditionalExpression(parent) && parent.whenTrue === node) add(parent.condition, true);
    else if (ts.isConditionalExpression(parent) && parent.whenFalse === node) add(parent.condition, false);
    else if (ts.isBinaryExpression(parent) && parent.right === node) {
      if (parent.operatorToken.kind === ts.SyntaxKind.AmpersandAmpersandToken) add(parent.left, true);
      if (parent.operatorToken.kind === ts.SyntaxKind.BarBarToken) add(parent.left, false);
    } else if ((ts.isBlock(parent) || ts.isCaseClause(parent)) && ts.isStatement(node)) {
      // `if (found) return …;` earlier in the block: what follows runs only when it was not.
      for (const statement of parent.statements) {
        if (statement === node) break;
        if (!ts.isIfStatement(statement)) continue;
        const thenExits = exitsAlways(analysis, statement.thenStatement);
        const elseExits = !!statement.elseStatement && exitsAlways(analysis, statement.elseStatement);
        if (thenExits && !elseExits) add(statement.expression, false);
        else if (elseExits && !thenExits) add(statement.expression, true);
      }
    }
    node = parent;
  }
  return out;
}

/** A statement that never completes: it returns, throws, or calls a function that always throws (`fail('exists')`). */
function exitsAlways(analysis: DynamoAnalysis, statement: ts.Statement): boolean {
  if (analysis.tracer.guards.exits(statement)) return true;
  if (ts.isBlock(statement)) return statement.statements.some((inner) => exitsAlways(analysis, inner));
  if (!ts.isExpressionStatement(statement)) return false;
  let expression = skipOuter(statement.expression);
  if (ts.isAwaitExpression(expression)) expression = skipOuter(expression.expression);
  if (!ts.isCallExpression(expression)) return false;
  const body = analysis.tracer.definitions.callee(expression)?.body;
  if (!body || !ts.isBlock(body)) return false;
  // Its body ends in a throw and returns nowhere.
  const last = body.statements.at(-1);
  return !!last && ts.isThrowStatement(last) && !holdsReturn(body);
}

/**
 * What a condition's being `truth` says of a read's result: `found.Item`, `out.Count > 0`,
 * `Items.length`, `user` (a read's item, also through a helper that returns it or null) say it was
 * found when true and not when false; `!`, `&&` and `||` combine them.
 */
function implies(analysis: DynamoAnalysis, condition: ts.Expression, truth: boolean): Finding | undefined {
  const node = skipOuter(condition);
  if (ts.isPrefixUnaryExpression(node) && node.operator === ts.SyntaxKind.ExclamationToken)
    return implies(analysis, node.operand, !truth);
  if (ts.isBinaryExpression(node)) {
    const kind = node.operatorToken.kind;
    // `a && b` true: both are; false: one is not. `a || b` the other way round.
    const both = (kind === ts.SyntaxKind.AmpersandAmpersandToken) === truth;
    if (isLogical(kind)) {
      const left = implies(analysis, node.left, truth);
      const right = implies(analysis, node.right, truth);
      if (both) return left ?? right;
      return left?.site === right?.site && left?.found === right?.found ? left : undefined;
    }
    const polarity = comparisonPolarity(node);
    if (!polarity) return undefined;
    const found = resultTested(analysis, polarity.tested);
    return found && { site: found, found: polarity.found === truth };
  }
  const found = resultTested(analysis, node);
  return found && { site: found, found: truth };
}

/**
 * A comparison of a result with a constant that says whether the read found something: `Count > 0`,
 * `Items.length >= 1`, `Count !== 0`, `user != null` are true when it did (`found`), `Count < 1`,
 * `Count === 0`, `Item === undefined` when it did not.
 */
function comparisonPolarity(node: ts.BinaryExpression): { tested: ts.Expression; found: boolean } | undefined {
  let kind: ts.SyntaxKind = node.operatorToken.kind;
  let tested = node.left;
  let constant = skipOuter(node.right);
  if (isConstantOperand(skipOuter(node.left))) {
    tested = node.right;
    constant = skipOuter(node.left);
    kind = FLIPPED.get(kind) ?? kind;
  }
  if (!isConstantOperand(constant)) return undefined;
  const equality = equalityOf(kind);
  if (!ts.isNumericLiteral(constant)) return equality && { tested, found: equality === 'unequal' };
  const value = Number(constant.text);
  if (equality) return value === 0 ? { tested, found: equality === 'unequal' } : undefined;
  if (kind === ts.SyntaxKind.GreaterThanToken && value >= 0 && value < 1) return { tested, found: true };
  if (kind === ts.SyntaxKind.GreaterThanEqualsToken && value === 1) return { tested, found: true };
  if (kind === ts.SyntaxKind.LessThanToken && value === 1) return { tested, found: false };
  if (kind === ts.SyntaxKind.LessThanEqualsToken && value === 0) return { tested, found: false };
  return undefined;
}

const FLIPPED: ReadonlyMap<ts.SyntaxKind, ts.SyntaxKind> = new Map([
  [ts.SyntaxKind.GreaterThanToken, ts.SyntaxKind.LessThanToken],
  [ts.SyntaxKind.LessThanToken, ts.SyntaxKind.GreaterThanToken],
  [ts.SyntaxKind.GreaterThanEqualsToken, ts.SyntaxKind.LessThanEqualsToken],
  [ts.SyntaxKind.LessThanEqualsToken, ts.SyntaxKind.GreaterThanEqualsToken],
]);

/**
 * The read whose result an expression is, where its truth says whether the read found something:
 * the item (`out.Item`, `Items[0]`, a data mapper's item), the items' count (`Count`,
 * `Items.length`). Every value it may hold is such a result of one read, or a constant (`let user =
 * null`, a helper's `return null`).
 */
function resultTested(analysis: DynamoAnalysis, expression: ts.Expression): ts.Node | undefined {
  let node = skipOuter(expression);
  let counted = false;
  if (ts.isPropertyAccessExpression(node) && node.name.text === 'length') {
    node = skipOuter(node.expression);
    counted = true;
  }
  let site: ts.Node | undefined;
  for (const alternative of analysis.tracer.value(node).alts) {
    for (const origin of alternative) {
      const produced = producedOf(analysis.sites, origin);
      if (!produced || (site && produced.site !== site)) return undefined;
      site = produced.site;
      const mapper = !!analysis.sites.siteAt(produced.site)?.mapper;
      const [head] = produced.path;
      // A raw output is there whenever the call succeeded; its item, items' count or length say what it found.
      if (
        !mapper &&
        !(head !== undefined && PRESENCE_OUTPUTS.has(head) && (head !== 'Items' || counted || produced.path.length > 1))
      )
        return undefined;
    }
  }
  return site;
}

/** Whether two accesses name the same table, as far as the code says (both constant, or the same expression). */
function sameTable(analysis: DynamoAnalysis, a: AccessFact, b: AccessFact): boolean {
  if (!a.table || !b.table) return true;
  const first = constantString(analysis.tracer.definitions, a.table);
  const second = constantString(analysis.tracer.definitions, b.table);
  if (first.complete && second.complete) return first.text === second.text;
  return a.table.getText() === b.table.getText();
}

/** A read by the table's primary key: a get, or a query whose input names no index. */
function onPrimaryKey(analysis: DynamoAnalysis, read: AccessFact): boolean {
  if (read.site.operation === 'get') return true;
  if (read.site.operation !== 'query' || !read.site.input) return false;
  const shapes = analysis.tracer.shapes.of(read.site.input);
  return (
    shapes.length > 0 &&
    shapes.every(
      (shape) =>
        shape.kind === 'literal' &&
        !findProperty(shape.literal, 'IndexName') &&
        !shape.writes.some((write) => write.path[0] === 'IndexName') &&
        !shape.merged?.length &&
        !shape.computed?.length,
    )
  );
}
