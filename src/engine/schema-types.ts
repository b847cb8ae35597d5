import ts from 'typescript';
import type { SchemaKeyTypes } from './model.js';
import { installedAs } from './types.js';

/** How deep a schema type is followed through its members (`.and(…)` of `.or(…)` of objects). */
const MAX_TYPE_DEPTH = 12;

/**
 * Whether the value a schema of this type parses has only the keys the schema declares, by its type
 * alone: an object schema type strips the keys it does not declare unless a type argument says it
 * keeps them (`.passthrough()`, `.catchall(…)`, `.loose()`); a union, intersection or wrapper of
 * schemas that all declare their keys declares them too. Any other schema type (a record, a
 * transform, `any`) does not.
 */
export function schemaTypeDeclaresKeys(
  checker: ts.TypeChecker,
  type: ts.Type,
  pkg: string,
  keyTypes: SchemaKeyTypes,
  depth = 0,
): boolean {
  if (depth > MAX_TYPE_DEPTH || type.flags & (ts.TypeFlags.Any | ts.TypeFlags.Unknown)) return false;
  if (type.isUnion())
    return type.types.every((member) => schemaTypeDeclaresKeys(checker, member, pkg, keyTypes, depth + 1));
  const name = libraryTypeName(type, pkg);
  if (name === undefined) return false;
  const args = typeArguments(checker, type);
  if (keyTypes.objects.includes(name)) return !keepsUnknownKeys(checker, args, keyTypes);
  if (!keyTypes.combinations.includes(name)) return false;
  const members = [...args.values()].flatMap((arg) => schemaMembers(checker, arg, pkg));
  return (
    members.length > 0 && members.every((member) => schemaTypeDeclaresKeys(checker, member, pkg, keyTypes, depth + 1))
  );
}

/** A type's name when it is declared in the package (`ZodObject` of zod), else `undefined`. */
function libraryTypeName(type: ts.Type, pkg: string): string | undefined {
  const symbol = type.getSymbol();
  const declared = symbol?.declarations?.some((declaration) =>
    installedAs(declaration.getSourceFile().fileName.replace(/\\/g, '/'), pkg),
  );
  return declared ? symbol!.name : undefined;
}

/** A generic type's arguments by their parameter's name (defaults filled in, the implicit `this` left out). */
function typeArguments(checker: ts.TypeChecker, type: ts.Type): Map<string, ts.Type> {
  const found = new Map<string, ts.Type>();
  if (!(type.flags & ts.TypeFlags.Object) || !((type as ts.ObjectType).objectFlags & ts.ObjectFlags.Reference))
    return found;
  const reference = type as ts.TypeReference;
  const parameters = reference.target.typeParameters ?? [];
  const args = checker.getTypeArguments(reference);
  parameters.forEach((parameter, index) => {
    const arg = args[index];
    if (arg) found.set(parameter.symbol.name, arg);
  });
  return found;
}

/** The schemas a type argument holds: a tuple's or array's elements (`z.union([a, b])`), or itself; only the package's types count. */
function schemaMembers(checker: ts.TypeChecker, arg: ts.Type, pkg: string): ts.Type[] {
  const elements = checker.isTupleType(arg)
    ? checker.getTypeArguments(arg as ts.TypeReference)
    : checker.isArrayType(arg)
      ? checker.getTypeArguments(arg as ts.TypeReference).slice(0, 1)
      : [arg];
  return elements
    .flatMap((element) => (element.isUnion() ? element.types : [element]))
    .filter((element) => element.flags & ts.TypeFlags.Any || libraryTypeName(element, pkg) !== undefined);
}

/** Whether an object schema type's arguments say it lets keys it does not declare through. */
function keepsUnknownKeys(
  checker: ts.TypeChecker,
  args: ReadonlyMap<string, ts.Type>,
  keyTypes: SchemaKeyTypes,
): boolean {
  return keyTypes.keeping.some(({ parameter, literal, unless, indexedMember }) => {
    const arg = args.get(parameter);
    if (!arg) return false;
    if (arg.flags & ts.TypeFlags.Any) return true;
    if (literal !== undefined) return arg.isStringLiteral() && arg.value === literal;
    if (unless !== undefined) return arg.getSymbol()?.name !== unless;
    const member = indexedMember === undefined ? undefined : arg.getProperty(indexedMember);
    const memberType = member && checker.getTypeOfSymbol(member);
    return !!memberType && (memberType.flags & ts.TypeFlags.Any || checker.getIndexInfosOfType(memberType).length > 0);
  });
}
