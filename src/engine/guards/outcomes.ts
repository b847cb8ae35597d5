import ts from 'typescript';
import { descendants, statementList, staticName } from '../ast.js';
import type { Guards } from './dominators.js';

/** Statements searched after a validating call for the test of its outcome. */
const MAX_STATEMENTS_AFTER = 400;

/**
 * Whether the outcome of a validating call (`error`, `success`) is tested by an `if` that exits,
 * right after the declaration that holds its result: `const { value, error } = schema.validate(x);
 * if (error) return …`.
 */
export function outcomeChecked(guards: Guards, call: ts.Expression, outcome: string): boolean {
  let node: ts.Node = call;
  while (ts.isAwaitExpression(node.parent) || ts.isParenthesizedExpression(node.parent)) node = node.parent;
  const declaration = node.parent;
  if (!ts.isVariableDeclaration(declaration) || declaration.initializer !== node) return false;
  const names: string[] = [];
  if (ts.isIdentifier(declaration.name)) names.push(`${declaration.name.text}.${outcome}`);
  else if (ts.isObjectBindingPattern(declaration.name)) {
    for (const element of declaration.name.elements) {
      if (staticName(element.propertyName ?? element.name) === outcome && ts.isIdentifier(element.name))
        names.push(element.name.text);
    }
  }
  const statement = declaration.parent.parent;
  const list = statementList(statement.parent);
  if (!names.length || !list) return false;
  return list
    .slice(list.indexOf(statement) + 1, list.indexOf(statement) + 1 + MAX_STATEMENTS_AFTER)
    .some((next) => ts.isIfStatement(next) && guards.exits(next.thenStatement) && mentions(next.expression, names));
}

/** Whether an expression reads one of the names (`error`, `result.success`). */
function mentions(root: ts.Expression, names: readonly string[]): boolean {
  for (const node of descendants(root)) {
    if (
      (ts.isIdentifier(node) || ts.isPropertyAccessExpression(node)) &&
      names.includes(node.getText().replace(/\s+/g, ''))
    )
      return true;
  }
  return false;
}
