import ts from 'typescript';
import {
  calledName,
  isFunctionNode,
  isGlobalMethodCall,
  isWithin,
  parentOf,
  skipOuter,
  statementList,
} from '../ast.js';
import type { Tracer } from '../flow/tracer.js';

/** Variables and conditionals followed from a request's member to the converter calls that made it. */
const MAX_DEPTH = 8;

/** The condition objects a request member was converted from (`MapperArgument.through`). */
export interface ConvertedConditions {
  /** The objects the converters were given: a literal (`{ owner: { eq: sub } }`) or any value (`ctx.args.filter`). */
  readonly objects: readonly ts.Expression[];
  /**
   * Whether every path to the request holds one of them, or else runs only for a privileged
   * caller (SPEC §4): a condition added only `if (!isAdmin(groups))` binds every other caller.
   */
  readonly always: boolean;
}

/**
 * What a request member (`condition`, `filter`) was converted from: through `JSON.parse`, the
 * variables that hold it at the request (`let condition = {}; if (…) condition = …`) and both
 * branches of a conditional. A value no converter made (`{}`, `undefined`) leaves the request
 * without the condition, which scopes it only if that value reaches the request solely for a
 * privileged caller: the other branch of a role test, or a variable's earlier value that an
 * assignment under `if (!isAdmin(…))` replaces for everyone else.
 */
export function convertedConditions(
  tracer: Tracer,
  node: ts.Expression,
  converters: readonly string[],
): ConvertedConditions {
  const objects: ts.Expression[] = [];
  let always = true;
  const visit = (value: ts.Expression, depth: number): boolean => {
    const inner = skipOuter(value);
    if (depth > MAX_DEPTH) return false;
    if (ts.isConditionalExpression(inner)) {
      const whenTrue = visit(inner.whenTrue, depth + 1);
      const whenFalse = visit(inner.whenFalse, depth + 1);
      if (!whenTrue && !privilegedWhen(tracer, inner.condition, true)) always = false;
      if (!whenFalse && !privilegedWhen(tracer, inner.condition, false)) always = false;
      return whenTrue || whenFalse;
    }
    if (ts.isCallExpression(inner) && inner.arguments[0]) {
      const name = calledName(inner.expression);
      if (name !== undefined && converters.includes(name)) {
        objects.push(inner.arguments[0]);
        return true;
      }
      // The converters give JSON text, which the request holds parsed.
      if (isGlobalMethodCall(inner, 'JSON', 'parse')) return visit(inner.arguments[0], depth + 1);
      return false;
    }
    if (!ts.isIdentifier(inner)) return false;
    const declaration = tracer.definitions.declarationOf(inner);
    if (!declaration || !ts.isVariableDeclaration(declaration)) return false;
    const definitions = tracer.definitions.reaching(declaration, inner);
    const made = definitions.map((definition) => visit(assignedValue(definition), depth + 1));
    const assignments = definitions.filter((definition, i) => made[i] && isAssignment(definition));
    if (made.some((converted) => !converted) && !replacedForUnprivileged(tracer, assignments, inner)) always = false;
    return made.some(Boolean);
  };
  if (!visit(node, 0)) always = false;
  return { objects, always };
}

function isAssignment(node: ts.Expression): node is ts.BinaryExpression {
  return ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.EqualsToken;
}

function assignedValue(definition: ts.Expression): ts.Expression {
  return isAssignment(definition) ? definition.right : definition;
}

/** Whether a condition taking the value `holds` proves the caller holds an administrative role. */
function privilegedWhen(tracer: Tracer, condition: ts.Expression, holds: boolean): boolean {
  for (const fact of tracer.guards.conditionFacts(condition, holds, [])) if ('privileged' in fact) return true;
  return false;
}

/**
 * `if (!isAdmin(groups)) condition = …;` before the request: every caller but an administrator
 * replaces the variable's other values with the converted condition. The assignment is a
 * statement of the `if`'s own branch (no `else`), and the `if` a statement of a block that holds
 * the use, in the same function.
 */
function replacedForUnprivileged(tracer: Tracer, assignments: readonly ts.Expression[], use: ts.Node): boolean {
  return assignments.some((assignment) => {
    const statement = parentOf(assignment);
    if (!statement || !ts.isExpressionStatement(statement)) return false;
    const branch = parentOf(statement);
    const test = branch && ts.isBlock(branch) ? parentOf(branch) : branch;
    if (!test || !ts.isIfStatement(test) || test.elseStatement) return false;
    if (test.thenStatement !== (ts.isBlock(branch!) ? branch : statement)) return false;
    const block = parentOf(test);
    if (!block || !statementList(block) || !isWithin(use, block) || test.end > use.pos) return false;
    for (let node = parentOf(use); node && node !== block; node = parentOf(node))
      if (isFunctionNode(node)) return false;
    return privilegedWhen(tracer, test.expression, false);
  });
}
