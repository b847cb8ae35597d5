import ts from 'typescript';

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
      return (
        fileName.includes(`/node_modules/${spec.package}/`) ||
        fileName.includes(`/node_modules/@types/${typesName(spec.package)}/`)
      );
    case 'file':
      return fileName.endsWith(`/${spec.path.replace(/^\.?\//, '')}`);
    case 'lib':
      return /\/typescript\/lib\/lib\.[^/]*\.d\.ts$/.test(fileName);
  }
}

/** `@scope/pkg` ships its types as `@types/scope__pkg`. */
function typesName(pkg: string): string {
  return pkg.startsWith('@') ? pkg.slice(1).replace('/', '__') : pkg;
}

/** Whether a symbol (after following import aliases) is named and declared as the specifier says. */
export function symbolMatches(
  checker: ts.TypeChecker,
  symbol: ts.Symbol | undefined,
  specs: readonly Specifier[],
): boolean {
  if (!symbol) return false;
  const target = symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol;
  const declarations = target.declarations ?? [];
  return specs.some(
    (spec) =>
      specifierNames(spec).includes(target.name) &&
      declarations.some((declaration) => declaredWhere(spec, declaration)),
  );
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
