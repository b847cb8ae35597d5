import ts from 'typescript';
import { namedValueOf, ownSourceFiles } from './ast.js';

/**
 * perf: the names the program's own code declares. A call runs a function of the program only
 * through a name some declaration of the program gives it (the function's own name, a variable
 * or property that holds it, an import or export under any alias, a property assigned in
 * JavaScript), so a call whose callee name is none of them (`res.json`, `ddb.send`) needs no
 * checker resolution. Read from the syntax alone: kept per source file, which an editor's next
 * program reuses when the file did not change, and united per program.
 */
const byFile = new WeakMap<ts.SourceFile, ReadonlySet<string>>();
const byProgram = new WeakMap<ts.Program, ReadonlySet<string>>();

export function declaredNames(program: ts.Program): ReadonlySet<string> {
  let names = byProgram.get(program);
  if (!names) {
    const all = new Set<string>();
    for (const file of ownSourceFiles(program)) for (const name of namesIn(file)) all.add(name);
    names = all;
    byProgram.set(program, names);
  }
  return names;
}

function namesIn(file: ts.SourceFile): ReadonlySet<string> {
  const kept = byFile.get(file);
  if (kept) return kept;
  const found = new Set<string>();
  const add = (name: ts.Node | undefined) => {
    if (name && (ts.isIdentifier(name) || ts.isPrivateIdentifier(name) || ts.isStringLiteralLike(name)))
      found.add(name.text);
  };
  const stack: ts.Node[] = [file];
  while (stack.length) {
    const node = stack.pop()!;
    if (
      ts.isFunctionDeclaration(node) ||
      ts.isFunctionExpression(node) ||
      ts.isClassLike(node) ||
      ts.isMethodDeclaration(node) ||
      ts.isPropertyDeclaration(node) ||
      ts.isAccessor(node) ||
      ts.isPropertyAssignment(node) ||
      ts.isShorthandPropertyAssignment(node) ||
      ts.isVariableDeclaration(node) ||
      ts.isImportClause(node) ||
      ts.isNamespaceImport(node) ||
      ts.isImportEqualsDeclaration(node) ||
      ts.isNamespaceExport(node)
    ) {
      add(node.name);
    } else if (ts.isBindingElement(node) || ts.isImportSpecifier(node) || ts.isExportSpecifier(node)) {
      add(node.name);
      add(node.propertyName);
    } else if (
      ts.isBinaryExpression(node) &&
      node.operatorToken.kind === ts.SyntaxKind.EqualsToken &&
      (ts.isPropertyAccessExpression(node.left) || ts.isElementAccessExpression(node.left))
    ) {
      // `exports.save = …`, `this.save = …`, `handlers['save'] = …`
      add(ts.isPropertyAccessExpression(node.left) ? node.left.name : node.left.argumentExpression);
    } else if (ts.isCallExpression(node)) {
      // `app.decorate('check', fn)`: called as `app.check(…)` (see `Definitions.callee`).
      const named = namedValueOf(node);
      if (named) found.add(named.name);
    }
    node.forEachChild((child) => {
      stack.push(child);
    });
  }
  byFile.set(file, found);
  return found;
}
