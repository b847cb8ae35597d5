import ts from 'typescript';
import { descendants, enclosingFunction, skipOuter } from '../ast.js';

/**
 * The attribute names a deny-list removes: the other names of `const { password, ...rest } = item`,
 * the constant names of `_.omit(item, ['password'])` or of a key filter, and every
 * `delete item.password` on the same variable in the function.
 */
export function deniedNames(denyList: ts.Node): ReadonlySet<string> {
  const names = new Set<string>();
  const literals = (node: ts.Node) => {
    for (const inner of descendants(node)) if (ts.isStringLiteralLike(inner)) names.add(inner.text);
  };
  if (ts.isBindingElement(denyList) && ts.isObjectBindingPattern(denyList.parent)) {
    for (const element of denyList.parent.elements) {
      const name = element.propertyName ?? element.name;
      if (element !== denyList && (ts.isIdentifier(name) || ts.isStringLiteralLike(name))) names.add(name.text);
    }
  } else if (ts.isCallExpression(denyList)) {
    for (const argument of denyList.arguments) literals(argument);
  } else if (ts.isDeleteExpression(denyList)) {
    const root = deletedFrom(denyList);
    for (const node of descendants(enclosingFunction(denyList))) {
      if (!ts.isDeleteExpression(node) || !root || deletedFrom(node) !== root) continue;
      const target = skipOuter(node.expression);
      if (ts.isPropertyAccessExpression(target)) names.add(target.name.text);
      else if (ts.isElementAccessExpression(target)) literals(target.argumentExpression);
    }
  }
  return names;
}

/** The variable a `delete x.name` / `delete x['name']` / `delete x.Item.name` removes from, by name. */
function deletedFrom(node: ts.DeleteExpression): string | undefined {
  const target = skipOuter(node.expression);
  if (!ts.isPropertyAccessExpression(target) && !ts.isElementAccessExpression(target)) return undefined;
  // `delete data.Item.email` removes from the item `data` holds.
  let object = skipOuter(target.expression);
  while (ts.isPropertyAccessExpression(object) || ts.isElementAccessExpression(object))
    object = skipOuter(object.expression);
  return ts.isIdentifier(object) ? object.text : undefined;
}
