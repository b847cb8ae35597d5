import ts from 'typescript';
import { enclosingFunction, equalityOf } from '../engine/ast.js';
import type { AccessFact } from '../engine/dynamodb/access.js';

/** Reads a presence test may be all that is done with. */
const READS: ReadonlySet<string> = new Set(['get', 'query']);
/** Outputs whose presence says whether a read found something: the item, the items, their count. */
const PRESENCE_OUTPUTS: ReadonlySet<string> = new Set(['Item', 'Items', 'Count']);

/**
 * A read whose output is only tested for existence (`const { Items } = await client.send(new
 * QueryCommand(…)); if (Items.length > 0) return 'already registered'`, `if (!out.Item) return 404`):
 * it discloses that an item exists and nothing of it, and the item is neither acted on nor returned,
 * which is not access to someone's data. Every use of the variables holding the output, in the
 * function that reads it, must be such a test; a write that follows is a finding of its own.
 */
export function testedForExistenceOnly(fact: AccessFact): boolean {
  if (!READS.has(fact.site.operation) || fact.site.mapper || fact.site.pages) return false;
  let node: ts.Node = fact.site.node;
  // `ddb.send(new GetCommand(…))`, `(await doc.get(…).promise())`
  for (let hop = 0; hop < 4; hop++) {
    const parent = node.parent;
    if (ts.isCallExpression(parent) && parent.arguments.includes(node as ts.Expression)) node = parent;
    else if (ts.isPropertyAccessExpression(parent) && ts.isCallExpression(parent.parent)) node = parent.parent;
    else if (ts.isAwaitExpression(parent) || ts.isParenthesizedExpression(parent)) node = parent;
    else break;
  }
  const declaration = node.parent;
  if (!ts.isVariableDeclaration(declaration) || declaration.initializer !== node) return false;
  const scope = enclosingFunction(declaration);
  if (ts.isSourceFile(scope)) return false;
  // The variables holding the output: the whole output (its members tested), or the members destructured from it.
  const holders = new Map<string, 'output' | 'member'>();
  if (ts.isIdentifier(declaration.name)) holders.set(declaration.name.text, 'output');
  else if (ts.isObjectBindingPattern(declaration.name)) {
    for (const element of declaration.name.elements) {
      const member = element.propertyName ?? element.name;
      if (element.dotDotDotToken || !ts.isIdentifier(element.name) || !ts.isIdentifier(member)) return false;
      if (!PRESENCE_OUTPUTS.has(member.text)) return false;
      holders.set(element.name.text, 'member');
    }
  } else return false;
  let uses = 0;
  let other = false;
  const visit = (current: ts.Node): void => {
    if (other || current === declaration.name) return;
    if (ts.isIdentifier(current) && holders.has(current.text) && !isPropertyName(current)) {
      uses++;
      const tested = holders.get(current.text) === 'output' ? presenceMember(current) : current;
      if (!tested || !isPresenceTest(tested)) other = true;
      return;
    }
    current.forEachChild(visit);
  };
  visit(scope);
  return uses > 0 && !other;
}

/** A name that is not a variable's use: `x.Items`' member, `{ Items: … }`'s key. */
function isPropertyName(identifier: ts.Identifier): boolean {
  const parent = identifier.parent;
  return (
    (ts.isPropertyAccessExpression(parent) && parent.name === identifier) ||
    (ts.isPropertyAssignment(parent) && parent.name === identifier)
  );
}

/** `out.Item`, `out.Count`, `out.Items`: the output's member that says whether the read found something. */
function presenceMember(reference: ts.Identifier): ts.Expression | undefined {
  const access = reference.parent;
  if (!ts.isPropertyAccessExpression(access) || access.expression !== reference) return undefined;
  return PRESENCE_OUTPUTS.has(access.name.text) ? access : undefined;
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
      // `a && b` is one of its operands: a boolean only if both are.
      node = parent;
      boolean = false;
    } else break;
  }
  const parent = node.parent;
  if (ts.isIfStatement(parent) && parent.expression === node) return true;
  if (ts.isConditionalExpression(parent) && parent.condition === node) return true;
  return (
    boolean &&
    (ts.isReturnStatement(parent) ||
      (ts.isArrowFunction(parent) && parent.body === node) ||
      (ts.isVariableDeclaration(parent) && parent.initializer === node))
  );
}

function isLogical(kind: ts.SyntaxKind): boolean {
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

function isConstantOperand(node: ts.Expression): boolean {
  return (
    ts.isNumericLiteral(node) ||
    node.kind === ts.SyntaxKind.NullKeyword ||
    (ts.isIdentifier(node) && node.text === 'undefined')
  );
}
