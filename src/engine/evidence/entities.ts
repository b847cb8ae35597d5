import ts from 'typescript';
import { literalProperty, memberValue, skipOuter, typeQueryTarget } from '../ast.js';
import type { Definitions } from '../definitions.js';
import { thisMemberSource } from '../flow/classes.js';
import { destructuredEnvName, envName } from '../environment.js';
import { appRootOf, packageRootOf } from '../packages.js';
import { constantString, keyTextPrefix, nameWords, UNKNOWN_PART } from '../strings.js';
import { flatMapOrigins, hasOrigin } from '../taint.js';
import type { Taint } from '../taint.js';
import { attributeName } from './written-attributes.js';

/**
 * What a DynamoDB access is to (SPEC §5): a table, named by its constant, its environment
 * variable or the declaration it reads, refined in single-table designs by the constant prefix of
 * the partition key value (`USER#`).
 */
export interface EntityRef {
  /**
   * The table's identity: `=/repo:Notes` (a constant, within its app), `env:/repo/services/notes:NOTES_TABLE`,
   * `res:/repo/template.yaml#NotesTable` (a deployment template's resource), `decl:/repo/src/db.ts:120`,
   * `~/repo:${…}-notes`.
   */
  readonly table: string;
  /** As shown to users: `Notes`, `NOTES_TABLE`, `config.tables.notes`. */
  readonly tableLabel: string;
  /** `USER` for a key value `USER#${id}`; `account_types` for a partition value that is the whole constant `'account_types'`. */
  readonly prefix?: string;
  /**
   * The prefix is the whole constant partition value (`id: 'account_types'`) of this attribute: a
   * kind of item only where the program never gives the attribute a variable value in the table.
   */
  readonly whole?: { readonly attribute: string };
  /**
   * The partition's prefix when it names a principal kind and the sort key's names the kind of
   * item (`PRO` items under `ORG#<id>`): `ORG`. The entity is the sort key's kind, which the
   * partition's principal owns (`ProgramEvidence.verdict`): not that principal's own record.
   */
  readonly within?: string;
}

/** A constant that names a kind of item: a word, not a number or free text. */
const KIND_NAME = /^[A-Za-z][A-Za-z0-9_-]*$/;

/** The whole constant of a partition value (`'account_types'`), when it is a word. */
export function wholeConstant(definitions: Definitions, value: ts.Node): string | undefined {
  if (!isExpression(value)) return undefined;
  const text = constantString(definitions, value);
  return text.complete && KIND_NAME.test(text.text) && !keyTextPrefix(text.text) ? text.text : undefined;
}

/** Whether a key value is a constant (not chosen per item). */
export function isConstantValue(definitions: Definitions, value: ts.Node): boolean {
  return isExpression(value) && constantString(definitions, value).complete;
}

/**
 * The attributes a query's key condition (or another condition of the input: its `FilterExpression`)
 * compares with each placeholder (`#pk = :pk`, `begins_with(sk, :p)`), through constant
 * `ExpressionAttributeNames`; the first is the partition's. A condition with alternatives (`OR`,
 * `NOT`) holds for items that fail a comparison, so it ties no attribute to its placeholder.
 */
export function keyConditionAttributes(
  definitions: Definitions,
  input: ts.ObjectLiteralExpression,
  member: 'KeyConditionExpression' | 'FilterExpression' = 'KeyConditionExpression',
): { readonly placeholder: string; readonly attribute: string; readonly equal: boolean }[] {
  const condition = literalProperty(input, member);
  const text = condition ? constantString(definitions, condition) : undefined;
  if (!text?.complete || /\b(?:OR|NOT)\b/i.test(text.text)) return [];
  const names = literalProperty(input, 'ExpressionAttributeNames');
  const out: { placeholder: string; attribute: string; equal: boolean }[] = [];
  for (const match of text.text.matchAll(KEY_COMPARISON)) {
    const attribute = attributeName(definitions, names, match[1] ?? match[3]!);
    if (attribute) out.push({ placeholder: match[2] ?? match[4]!, attribute, equal: match[3] !== undefined });
  }
  return out;
}
const KEY_COMPARISON = /begins_with\s*\(\s*(#?[A-Za-z_][\w]*)\s*,\s*(:[\w]+)|(#?[A-Za-z_][\w]*)\s*=\s*(:[\w]+)/gi;

const MAX_HOPS = 6;

/** The table an expression names, following constants, `process.env` reads and the declarations they come from. */
export function tableOf(definitions: Definitions, checker: ts.TypeChecker, table: ts.Expression): EntityRef {
  // `RequestItems: { Notes: … }`: a property's own name (not its value) is the table's name as written.
  if (ts.isIdentifier(table) && ts.isPropertyAssignment(table.parent) && table.parent.name === table)
    return { table: constantTableId(table, table.text), tableLabel: table.text };
  let node = skipOuter(table);
  for (let hop = 0; hop < MAX_HOPS; hop++) {
    const value = constantString(definitions, node);
    // A constant names a table of the app it is written in (`appRootOf`), not of every repository in the program.
    if (value.complete) return { table: constantTableId(node, value.text), tableLabel: value.text };
    const env = envName(node) ?? destructuredEnvName(definitions, node);
    if (env) return envTable(definitions, node, env);
    // `process.env.NOTES_TABLE ?? 'notes'`, `TABLE || default`: the first alternative names the table.
    if (
      ts.isBinaryExpression(node) &&
      (node.operatorToken.kind === ts.SyntaxKind.QuestionQuestionToken ||
        node.operatorToken.kind === ts.SyntaxKind.BarBarToken)
    ) {
      node = skipOuter(node.left);
      continue;
    }
    // `` `${TABLE}` ``: a template of one value and no text names what the value names.
    const only = soleSubstitution(node);
    if (only) {
      node = skipOuter(only);
      continue;
    }
    // `this.tableName` in a class's method: what the class (or a base, given it by `super(…)`) sets it from.
    const initializer = thisMemberSource(definitions, node) ?? initializerOf(definitions, checker, node);
    if (!initializer) break;
    node = skipOuter(initializer);
  }
  const value = constantString(definitions, node);
  if (value.text.replaceAll(UNKNOWN_PART, '').length > 0) {
    // `${stage}-notes`: the constant parts still name the table.
    const label = value.text.replaceAll(UNKNOWN_PART, '*');
    return { table: `~${appRootOf(node.getSourceFile())}:${label}`, tableLabel: label };
  }
  // `new Entity({…})`, `new Table(…)`: the variable it initialises names it, as when it is met by that name.
  const variable = initialisedVariable(node);
  if (variable)
    return { table: `decl:${variable.getSourceFile().fileName}:${variable.pos}`, tableLabel: variable.name.text };
  const symbol = checker.getSymbolAtLocation(ts.isPropertyAccessExpression(node) ? node.name : node);
  const declaration = symbol?.declarations?.[0];
  const label = node.getText().replace(/\s+/g, '');
  if (!declaration) return { table: `~${appRootOf(node.getSourceFile())}:${label}`, tableLabel: label };
  return { table: `decl:${declaration.getSourceFile().fileName}:${declaration.pos}`, tableLabel: label };
}

function soleSubstitution(node: ts.Expression): ts.Expression | undefined {
  if (!ts.isTemplateExpression(node) || node.head.text !== '' || node.templateSpans.length !== 1) return undefined;
  const [span] = node.templateSpans;
  return span!.literal.text === '' ? span!.expression : undefined;
}

/** Whether a value is the caller's by a read that found an item under it (see `PrincipalOrigin.foundIn`). */
export function provenByFind(taint: Taint): boolean {
  return hasOrigin(taint, (origin) => origin.kind === 'principal' && origin.foundIn !== undefined);
}

/**
 * A value as an access to table `id` sees it (`EntityRef.table`). Proven the caller's because a
 * read of this same table, keyed by the caller, found an item under it, it says nothing about the
 * access: the read found the caller's row, and only the access's own key says whose row it
 * touches (`{ userId: me, gameId }` found, then a put of `{ ...req.body, gameId }`). There the
 * value is what it was before the proof.
 */
export function withoutFindsIn(definitions: Definitions, checker: ts.TypeChecker, taint: Taint, id: string): Taint {
  if (!provenByFind(taint)) return taint;
  return flatMapOrigins(taint, (origin) =>
    origin.kind === 'principal' && origin.foundIn && tableOf(definitions, checker, origin.foundIn.table).table === id
      ? origin.foundIn.instead
      : undefined,
  );
}

/**
 * The table an environment variable read at `at` names. Where the deployment template gives the
 * variable to the functions running this file, it is the table the template names there (one name
 * may be a different table in each function): its own name, the same table as that constant
 * written elsewhere in the app, or else its resource. Otherwise the variable itself names it, within
 * its package: each package is deployed with its own environment, so two services' `TABLE_NAME`
 * are two tables.
 */
function envTable(definitions: Definitions, at: ts.Node, env: string): EntityRef {
  const deployed = definitions.deployed?.tableOf(at.getSourceFile(), env);
  if (deployed?.name !== undefined) return { table: constantTableId(at, deployed.name), tableLabel: deployed.label };
  if (deployed?.resource !== undefined) return { table: `res:${deployed.resource}`, tableLabel: deployed.label };
  return { table: `env:${packageRootOf(at.getSourceFile())}:${env}`, tableLabel: env };
}

/** The identity of the table a constant name written at `at` names (a PartiQL statement's `FROM Notes`, too). */
export function constantTableId(at: ts.Node, name: string): string {
  return `=${appRootOf(at.getSourceFile())}:${name}`;
}

/**
 * The entity a data mapper object is (`Notes` for `const Notes = new Entity({…})`): its
 * declaration, named by the name it is declared with.
 */
export function mapperEntityOf(definitions: Definitions, checker: ts.TypeChecker, entity: ts.Expression): EntityRef {
  let nameNode: ts.Identifier | undefined;
  let declaration: ts.Declaration | undefined;
  let node: ts.Expression = skipOuter(entity);
  // `@InjectEntity(…) private entity: typeof UserEntity`: the entity the type query names.
  for (let hop = 0; hop < 3; hop++) {
    nameNode =
      ts.isPropertyAccessExpression(node) && ts.isIdentifier(node.name)
        ? node.name
        : ts.isIdentifier(node)
          ? node
          : undefined;
    let symbol = nameNode && checker.getSymbolAtLocation(nameNode);
    if (symbol && symbol.flags & ts.SymbolFlags.Alias) symbol = checker.getAliasedSymbol(symbol);
    declaration = symbol?.valueDeclaration ?? symbol?.declarations?.[0];
    const queried = typeQueryTarget(declaration);
    if (!queried) break;
    node = queried;
  }
  if (!nameNode || !declaration) return tableOf(definitions, checker, entity);
  return { table: `decl:${declaration.getSourceFile().fileName}:${declaration.pos}`, tableLabel: nameNode.text };
}

/** The variable a constructor or factory call initialises (`const Devices = new Entity({…})`). */
function initialisedVariable(node: ts.Expression): (ts.VariableDeclaration & { name: ts.Identifier }) | undefined {
  if (!ts.isNewExpression(node) && !ts.isCallExpression(node)) return undefined;
  let holder: ts.Node = node;
  while (
    ts.isParenthesizedExpression(holder.parent) ||
    ts.isAsExpression(holder.parent) ||
    ts.isSatisfiesExpression(holder.parent)
  )
    holder = holder.parent;
  const variable = holder.parent;
  return ts.isVariableDeclaration(variable) && variable.initializer === holder && ts.isIdentifier(variable.name)
    ? (variable as ts.VariableDeclaration & { name: ts.Identifier })
    : undefined;
}

/** The one value a `const` or a property of a constant object literal holds. */
function initializerOf(
  definitions: Definitions,
  checker: ts.TypeChecker,
  node: ts.Expression,
): ts.Expression | undefined {
  if (ts.isIdentifier(node)) {
    const declaration = definitions.declarationOf(node);
    if (
      declaration &&
      ts.isVariableDeclaration(declaration) &&
      declaration.initializer &&
      ts.isVariableDeclarationList(declaration.parent) &&
      declaration.parent.flags & ts.NodeFlags.Const
    )
      return declaration.initializer;
    return undefined;
  }
  if (ts.isPropertyAccessExpression(node)) {
    const declaration = checker.getSymbolAtLocation(node.name)?.valueDeclaration;
    if (declaration && ts.isPropertyAssignment(declaration)) return declaration.initializer;
    if (declaration && ts.isPropertyDeclaration(declaration) && declaration.initializer) return declaration.initializer;
  }
  return undefined;
}

/** The constant prefix of a key value, `USER` for `` `USER#${id}` `` or `'USER#' + id`. */
export function keyPrefix(definitions: Definitions, value: ts.Node): string | undefined {
  if (!isExpression(value)) return undefined;
  return keyTextPrefix(constantString(definitions, value).text);
}

/** The first key value of an input literal member (`Key`, `Item`) with a constant prefix. */
export function literalPrefix(definitions: Definitions, holder: ts.Expression | undefined): string | undefined {
  return literalPrefixes(definitions, holder)[0];
}

/** The constant prefixes of an input literal member's values (`Key`, `Item`), in order: `['ORG', 'PRO']`. */
export function literalPrefixes(definitions: Definitions, holder: ts.Expression | undefined): string[] {
  const literal = holder && skipOuter(holder);
  if (!literal || !ts.isObjectLiteralExpression(literal)) return [];
  const out: string[] = [];
  for (const member of literal.properties) {
    const value = memberValue(member);
    const prefix = value && keyPrefix(definitions, value);
    if (prefix) out.push(prefix);
  }
  return out;
}

function isExpression(node: ts.Node): node is ts.Expression {
  return ts.isExpression(node);
}

/** The words of principal kinds and key names (model data plus settings), as SPEC §5 defines them. */
export interface PrincipalNames {
  /** `user`, `account`, `member`, … (singular). */
  readonly kinds: readonly string[];
  /** Key attributes that identify a principal on their own: `username`, `email`, … */
  readonly keyNames: readonly string[];
}

/**
 * Words a table or data-mapper entity name carries besides what it holds: `UsersTable`,
 * `users-prod`, `${stage}-users`, `UserEntity`, `UserModel`, and the property a configuration
 * object keeps the name in (`config.TenantTable.tableName`, SST's `Resource.UserTable.name`).
 */
const TABLE_NOISE = new Set([
  'table',
  'name',
  'arn',
  'entity',
  'model',
  'schema',
  'repository',
  'repo',
  'collection',
  'tbl',
  'ddb',
  'dynamo',
  'dynamodb',
  'db',
  'dev',
  'prod',
  'production',
  'staging',
  'test',
  'local',
  'v1',
  'v2',
]);

/** The principal kind a table name or key prefix names by its last word: `UsersTable` → `user`. */
export function principalKindNamed(label: string, names: PrincipalNames): string | undefined {
  const words = nameWords(label)
    .split(' ')
    .filter((word) => word && !TABLE_NOISE.has(word));
  const last = words[words.length - 1];
  return last && names.kinds.find((kind) => last === kind || last === `${kind}s`);
}

/** `userId`, `user_id`, `idTenant`, `accountId`, `username`, `email`, … */
export function isPrincipalKeyName(name: string, names: PrincipalNames): boolean {
  const words = nameWords(name);
  if (names.keyNames.some((key) => words === nameWords(key))) return true;
  return names.kinds.some((kind) => isKindId(words, kind) || words === `${kind} name` || words === `${kind}name`);
}

/** `user id`, `userid`, and the id written first (`idTenant`, `id_usuario` style): the words of an id of a `kind`. */
export function isKindId(words: string, kind: string): boolean {
  return words === `${kind} id` || words === `${kind}id` || words === `id ${kind}`;
}
