import ts from 'typescript';
import { bindingPath, skipOuter } from './ast.js';
import type { Definitions } from './definitions.js';

// Reads of the process environment: the deployment's configuration (a table name, a list of allowed groups).

/** `process.env.NOTES_TABLE`, `process.env['NOTES_TABLE']` → `NOTES_TABLE`. */
export function envName(node: ts.Expression): string | undefined {
  let holder: ts.Expression;
  let name: string;
  if (ts.isPropertyAccessExpression(node)) {
    holder = skipOuter(node.expression);
    name = node.name.text;
  } else if (ts.isElementAccessExpression(node) && ts.isStringLiteralLike(node.argumentExpression)) {
    holder = skipOuter(node.expression);
    name = node.argumentExpression.text;
  } else return undefined;
  return isProcessEnv(holder) ? name : undefined;
}

/** `NOTES_TABLE` of `const { NOTES_TABLE } = process.env` (also renamed, `{ NOTES_TABLE: table }`). */
export function destructuredEnvName(definitions: Definitions, node: ts.Expression): string | undefined {
  const declaration = ts.isIdentifier(node) ? definitions.declarationOf(node) : undefined;
  if (!declaration || !ts.isBindingElement(declaration)) return undefined;
  const { holder, path, rest } = bindingPath(declaration);
  return !rest &&
    path.length === 1 &&
    ts.isVariableDeclaration(holder) &&
    holder.initializer &&
    isProcessEnv(skipOuter(holder.initializer))
    ? path[0]
    : undefined;
}

function isProcessEnv(node: ts.Expression): boolean {
  return ts.isPropertyAccessExpression(node) && node.name.text === 'env' && node.expression.getText() === 'process';
}
