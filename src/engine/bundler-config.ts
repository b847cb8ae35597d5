import path from 'node:path';
import ts from 'typescript';
import { literalProperty, propertyNameOf, memberValue, skipOuter } from './ast.js';
import type { FolderHost } from './program-folder.js';

/** The webpack configs the fallback import resolution reads, in the order a folder's are tried. */
export const WEBPACK_CONFIGS = ['webpack.config.js', 'webpack.config.cjs', 'webpack.config.mjs', 'webpack.config.ts'];
/** A config larger than this is not read. */
const MAX_CONFIG_BYTES = 200_000;

/**
 * Where a project's bundler looks for a bare specifier that names no package (`utils/db-client`):
 * the folders `resolve.modules` adds to `node_modules` (`path.resolve(__dirname, 'src')`), and the
 * prefixes `resolve.alias` maps to a path (`utils` → `src/utils`, `utils$` for the exact name only).
 */
export interface BundlerResolution {
  readonly folders: readonly string[];
  /** The longest name first, the order webpack matches them in. */
  readonly aliases: readonly { readonly name: string; readonly exact: boolean; readonly target: string }[];
}

/**
 * A webpack config's `resolve.modules` and `resolve.alias`, read from its text without running it:
 * the object `module.exports` (or `export default`) is set to, directly or through a `const`, whose
 * members are literals, `path.resolve`/`path.join` of `__dirname` and literals. Anything computed
 * otherwise is left out; `null` when nothing is read.
 */
export function readWebpackResolution(file: string, host: FolderHost): BundlerResolution | null {
  try {
    const text = host.readFile(file);
    if (text === undefined || text.length > MAX_CONFIG_BYTES) return null;
    const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
    const exported = exportedObject(source);
    const resolve = exported && objectMember(source, exported, 'resolve');
    if (!resolve) return null;
    const directory = path.dirname(file);
    const folders: string[] = [];
    const modules = member(resolve, 'modules');
    if (modules && ts.isArrayLiteralExpression(modules))
      for (const element of modules.elements) {
        const folder = staticPath(element, directory);
        // `node_modules` is where packages are, which the checker already looked in.
        if (folder && path.basename(folder) !== 'node_modules') folders.push(folder);
      }
    const aliases: { name: string; exact: boolean; target: string }[] = [];
    const alias = objectMember(source, resolve, 'alias');
    for (const property of alias?.properties ?? []) {
      const key = propertyNameOf(property);
      const value = memberValue(property);
      const target = value && staticPath(value, directory);
      if (key === undefined || !target) continue;
      const exact = key.endsWith('$');
      aliases.push({ name: exact ? key.slice(0, -1) : key, exact, target });
    }
    aliases.sort((a, b) => b.name.length - a.name.length);
    return folders.length || aliases.length ? { folders, aliases } : null;
  } catch {
    return null;
  }
}

/** The paths a specifier may name under a bundler's resolution: an alias's target first (the longest name), then each folder. */
export function bundlerPaths(resolution: BundlerResolution, specifier: string): string[] {
  const out: string[] = [];
  for (const alias of resolution.aliases) {
    if (specifier === alias.name) out.push(alias.target);
    else if (!alias.exact && specifier.startsWith(`${alias.name}/`))
      out.push(path.join(alias.target, specifier.slice(alias.name.length + 1)));
  }
  for (const folder of resolution.folders) out.push(path.join(folder, specifier));
  return out;
}

/** `module.exports = {…}`, `export default {…}`, either through a `const config = {…}` of the file. */
function exportedObject(source: ts.SourceFile): ts.ObjectLiteralExpression | undefined {
  for (const statement of source.statements) {
    let value: ts.Expression | undefined;
    if (ts.isExportAssignment(statement)) value = statement.expression;
    else if (
      ts.isExpressionStatement(statement) &&
      ts.isBinaryExpression(statement.expression) &&
      statement.expression.operatorToken.kind === ts.SyntaxKind.EqualsToken &&
      statement.expression.left.getText(source) === 'module.exports'
    )
      value = statement.expression.right;
    if (value) return objectOf(source, value);
  }
  return undefined;
}

/** An object literal, or the literal a top-level `const` of that name is initialised to. */
function objectOf(source: ts.SourceFile, node: ts.Expression): ts.ObjectLiteralExpression | undefined {
  const inner = skipOuter(node);
  if (ts.isObjectLiteralExpression(inner)) return inner;
  if (!ts.isIdentifier(inner)) return undefined;
  for (const statement of source.statements) {
    if (!ts.isVariableStatement(statement)) continue;
    for (const declaration of statement.declarationList.declarations)
      if (ts.isIdentifier(declaration.name) && declaration.name.text === inner.text && declaration.initializer) {
        const initial = skipOuter(declaration.initializer);
        return ts.isObjectLiteralExpression(initial) ? initial : undefined;
      }
  }
  return undefined;
}

function member(object: ts.ObjectLiteralExpression, name: string): ts.Expression | undefined {
  const value = literalProperty(object, name);
  return value && skipOuter(value);
}

function objectMember(
  source: ts.SourceFile,
  object: ts.ObjectLiteralExpression,
  name: string,
): ts.ObjectLiteralExpression | undefined {
  const value = member(object, name);
  return value && objectOf(source, value);
}

/**
 * A path a config states: a literal (relative to the config's folder; a bare `'src'` in
 * `resolve.modules` too), `__dirname`, `path.resolve(…)`/`path.join(…)` of those.
 */
function staticPath(node: ts.Expression, directory: string): string | undefined {
  const parts = pathParts(skipOuter(node), directory);
  return parts && path.resolve(directory, ...parts);
}

function pathParts(node: ts.Expression, directory: string): string[] | undefined {
  if (ts.isStringLiteralLike(node)) return [node.text];
  if (ts.isIdentifier(node) && node.text === '__dirname') return [directory];
  if (
    ts.isCallExpression(node) &&
    ts.isPropertyAccessExpression(node.expression) &&
    ts.isIdentifier(node.expression.expression) &&
    node.expression.expression.text === 'path' &&
    (node.expression.name.text === 'resolve' || node.expression.name.text === 'join')
  ) {
    const parts: string[] = [];
    for (const argument of node.arguments) {
      const inner = pathParts(skipOuter(argument), directory);
      if (!inner) return undefined;
      parts.push(...inner);
    }
    return parts;
  }
  return undefined;
}
