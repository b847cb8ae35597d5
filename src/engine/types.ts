import ts from 'typescript';
import { importedName, requiredSpecifier } from './unresolved-imports.js';

/**
 * Names a declared type or value by where it is declared, in the spirit of typescript-eslint's
 * `TypeOrValueSpecifier`: a bare name anywhere, or a name declared in an npm package or a file.
 */
export type Specifier =
  | string
  | { readonly from: 'package'; readonly package: string; readonly name: string | readonly string[] }
  | { readonly from: 'file'; readonly path: string; readonly name: string | readonly string[] }
  | { readonly from: 'lib'; readonly name: string | readonly string[] };

/** The names a specifier matches: the syntactic pre-filter before the checker is asked. */
export function specifierNames(spec: Specifier): readonly string[] {
  if (typeof spec === 'string') return [spec];
  return typeof spec.name === 'string' ? [spec.name] : spec.name;
}

function declaredWhere(spec: Specifier, declaration: ts.Declaration): boolean {
  if (typeof spec === 'string') return true;
  const fileName = declaration.getSourceFile().fileName.replace(/\\/g, '/');
  switch (spec.from) {
    case 'package':
      return installedAs(fileName, spec.package);
    case 'file':
      return fileName.endsWith(`/${spec.path.replace(/^\.?\//, '')}`);
    case 'lib':
      return /\/typescript\/lib\/lib\.[^/]*\.d\.ts$/.test(fileName);
  }
}

/** Whether a file (its name with `/` separators) is installed as a package or as the package's `@types`. */
export function installedAs(fileName: string, pkg: string): boolean {
  return fileName.includes(`/node_modules/${pkg}/`) || fileName.includes(`/node_modules/@types/${typesName(pkg)}/`);
}

/** `@scope/pkg` ships its types as `@types/scope__pkg`. */
function typesName(pkg: string): string {
  return pkg.startsWith('@') ? pkg.slice(1).replace('/', '__') : pkg;
}

/**
 * Whether a symbol (after following import aliases) is named and declared as the specifier says.
 * Type first; then two fallbacks for a package's value: a constant bound to a member of a value
 * (`export const { auth } = NextAuth(…)` is next-auth's `auth`: the member's own declaration
 * decides, or, where the value's type is unknown, the package the called factory is imported
 * from), and an import whose module the package's types do not declare or declare without the
 * name (`import { getServerSession } from 'next-auth/next'` against other major versions' types),
 * matched by its module specifier and imported name.
 */
export function symbolMatches(
  checker: ts.TypeChecker,
  symbol: ts.Symbol | undefined,
  specs: readonly Specifier[],
  unresolved?: (alias: ts.Symbol) => ts.Symbol | undefined,
  depth = 0,
): boolean {
  if (!symbol) return false;
  const target = symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol;
  const declarations = target.declarations ?? [];
  const named = specs.filter((spec) => specifierNames(spec).includes(target.name));
  if (named.some((spec) => declarations.some((declaration) => declaredWhere(spec, declaration)))) return true;
  if (target !== symbol && !declarations.length) {
    // An import the checker cannot resolve but the caller can (a tsconfig `paths` alias of another root).
    const fallback = depth < 2 ? unresolved?.(symbol) : undefined;
    if (fallback && fallback !== symbol) return symbolMatches(checker, fallback, specs, unresolved, depth + 1);
    return unresolvedImportMatches(symbol, specs);
  }
  return depth < 2 && boundMemberMatches(checker, target, specs, depth, unresolved);
}

/** The package specifiers that a module specifier names: the package itself or one of its subpaths. */
function packageSpecs(specs: readonly Specifier[], module: string): Specifier[] {
  return specs.filter(
    (spec) =>
      typeof spec !== 'string' &&
      spec.from === 'package' &&
      (module === spec.package || module.startsWith(`${spec.package}/`)),
  );
}

/** `import { name } from 'pkg/sub'`, `import name from 'pkg'`, `const { name } = require('pkg')` whose module or export the checker cannot resolve. */
function unresolvedImportMatches(alias: ts.Symbol, specs: readonly Specifier[]): boolean {
  const declaration = alias.declarations?.[0];
  // A re-export names the package's value only through the module that re-exports it.
  const imported = declaration && !ts.isExportSpecifier(declaration) ? importedName(declaration) : undefined;
  if (imported?.name === undefined || !ts.isStringLiteralLike(imported.specifier)) return false;
  const name = imported.name;
  return packageExports(specs, imported.specifier.text, name);
}

/** Whether a module (a package or one of its subpaths) exports a specified name. */
export function packageExports(specs: readonly Specifier[], module: string, name: string): boolean {
  return packageSpecs(specs, module).some((spec) => specifierNames(spec).includes(name));
}

/**
 * A constant bound to a member of a value: `const { auth } = NextAuth(config)` or
 * `const auth = result.auth` is the member the value's type declares; where that type is unknown,
 * a member destructured from a call of a function imported from the package (or from the
 * package's `require`) is the package's.
 */
function boundMemberMatches(
  checker: ts.TypeChecker,
  target: ts.Symbol,
  specs: readonly Specifier[],
  depth: number,
  unresolved: ((alias: ts.Symbol) => ts.Symbol | undefined) | undefined,
): boolean {
  const declaration = target.valueDeclaration;
  if (!declaration) return false;
  const named = (member: string) => specs.filter((spec) => specifierNames(spec).includes(member));
  if (ts.isVariableDeclaration(declaration)) {
    const initializer = declaration.initializer;
    if (!isConstant(declaration) || !initializer || !ts.isPropertyAccessExpression(initializer)) return false;
    const member = named(initializer.name.text);
    return (
      member.length > 0 &&
      symbolMatches(checker, checker.getSymbolAtLocation(initializer.name), member, unresolved, depth + 1)
    );
  }
  if (!ts.isBindingElement(declaration) || !ts.isObjectBindingPattern(declaration.parent)) return false;
  const variable = declaration.parent.parent;
  const name = declaration.propertyName ?? declaration.name;
  if (!ts.isVariableDeclaration(variable) || !isConstant(variable) || !variable.initializer || !ts.isIdentifier(name))
    return false;
  const member = named(name.text);
  if (!member.length) return false;
  const source = checker.getTypeAtLocation(variable.initializer);
  if (!isAnyLike(source)) return symbolMatches(checker, source.getProperty(name.text), member, unresolved, depth + 1);
  // Untyped: the package decides (`const { auth } = NextAuth(…)` with `NextAuth` from 'next-auth').
  const call = variable.initializer;
  if (!ts.isCallExpression(call)) return false;
  const required = requiredSpecifier(call);
  let module = required && ts.isStringLiteralLike(required) ? required.text : undefined;
  if (!required) {
    const callee = ts.isPropertyAccessExpression(call.expression) ? call.expression.expression : call.expression;
    const factory = ts.isIdentifier(callee) ? checker.getSymbolAtLocation(callee) : undefined;
    module = factory && factory.flags & ts.SymbolFlags.Alias ? importModule(factory) : undefined;
  }
  return module !== undefined && packageSpecs(member, module).length > 0;
}

function isConstant(declaration: ts.VariableDeclaration): boolean {
  return ts.isVariableDeclarationList(declaration.parent) && (declaration.parent.flags & ts.NodeFlags.Const) !== 0;
}

/** The module specifier an import alias was imported from. */
function importModule(alias: ts.Symbol): string | undefined {
  let node: ts.Node | undefined = alias.declarations?.[0];
  while (node && !ts.isImportDeclaration(node) && !ts.isSourceFile(node)) node = node.parent;
  return node && ts.isImportDeclaration(node) && ts.isStringLiteralLike(node.moduleSpecifier)
    ? node.moduleSpecifier.text
    : undefined;
}

/**
 * Whether a type is, extends or intersects a specified type: `interface AuthedRequest extends
 * Request`, `Request & { user: User }` and `Request<{ id: string }>` all are express requests.
 */
export function typeMatches(checker: ts.TypeChecker, type: ts.Type, specs: readonly Specifier[], depth = 0): boolean {
  if (depth > 0) return typeMatchesAt(checker, type, specs, depth);
  // perf: the same request, response and client types are matched against the same model lists
  // many times per program. A type belongs to one checker, so the answers go with the checker.
  let byType = typeMatchMemo.get(checker);
  if (!byType) typeMatchMemo.set(checker, (byType = new WeakMap<ts.Type, WeakMap<readonly Specifier[], boolean>>()));
  let bySpecs = byType.get(type);
  if (!bySpecs) byType.set(type, (bySpecs = new WeakMap<readonly Specifier[], boolean>()));
  let matches = bySpecs.get(specs);
  if (matches === undefined) bySpecs.set(specs, (matches = typeMatchesAt(checker, type, specs, 0)));
  return matches;
}

/**
 * `typeMatches` answers per checker, type and specifier list (the lists are model data, so the
 * same objects are asked again). Only whole questions (depth 0) are kept: a nested one is cut off
 * by depth. Released with the checker, so with its program.
 */
const typeMatchMemo = new WeakMap<ts.TypeChecker, WeakMap<ts.Type, WeakMap<readonly Specifier[], boolean>>>();

function typeMatchesAt(checker: ts.TypeChecker, type: ts.Type, specs: readonly Specifier[], depth: number): boolean {
  if (depth > 6) return false;
  // A named alias of an intersection (`type NextApiResponse = ServerResponse & {…}`) is matched by its name.
  if (symbolMatches(checker, type.aliasSymbol, specs)) return true;
  if (type.isUnionOrIntersection()) {
    const parts = type.types.filter((part) => !(part.flags & (ts.TypeFlags.Undefined | ts.TypeFlags.Null)));
    return type.isIntersection()
      ? parts.some((part) => typeMatches(checker, part, specs, depth + 1))
      : parts.length > 0 && parts.every((part) => typeMatches(checker, part, specs, depth + 1));
  }
  if (symbolMatches(checker, type.aliasSymbol, specs) || symbolMatches(checker, type.getSymbol(), specs)) return true;
  // Only a generic instantiation has a target; the cast is to read it where it exists.
  const target = (type as Partial<ts.TypeReference>).target;
  const classOrInterface = target && target !== type ? target : type;
  if (classOrInterface.isClassOrInterface()) {
    for (const base of checker.getBaseTypes(classOrInterface)) {
      if (typeMatches(checker, base, specs, depth + 1)) return true;
    }
  }
  return false;
}

export function isAnyLike(type: ts.Type): boolean {
  return (type.flags & (ts.TypeFlags.Any | ts.TypeFlags.Unknown)) !== 0;
}

/**
 * The signature a call resolves to, or `undefined` when the checker cannot say. TypeScript's
 * `getResolvedSignature` can throw ("Debug Failure. No error for last overload signature") when
 * it is asked, out of checking order, about a call that fails overload resolution inside a
 * callback of an overloaded call (microsoft/TypeScript#48636). The engine asks through this
 * helper so that such a call is treated as one it cannot resolve.
 */
export function resolvedSignature(checker: ts.TypeChecker, call: ts.CallLikeExpression): ts.Signature | undefined {
  try {
    return checker.getResolvedSignature(call);
  } catch {
    return undefined;
  }
}
