import ts from 'typescript';
import { literalProperty, ownSourceFiles, propertyNameOf, skipOuter } from '../ast.js';
import type { Definitions } from '../definitions.js';
import { constantString } from '../strings.js';
import { constantTableId, tableOf } from '../evidence/entities.js';
import { attributeName } from '../evidence/written-attributes.js';
import { perFile } from '../evidence/per-file.js';
import type { Stamped } from '../evidence/per-file.js';
import type { Sites } from './sites.js';

interface TableKeyEntry {
  readonly id: string;
  readonly names: readonly string[];
}

/**
 * Each file's share of the table key index (the key attributes of its accesses, by table), per
 * configuration, kept with its `ts.SourceFile` beyond one program, so that an editor's next program
 * does not read every other file's accesses again. Invalidation: an entry is reused only while the
 * file's stamp (`file-stamps.ts`) is the one it was recorded with (the file, its own imports
 * transitively, own declaration, script and augmenting files, compiler options unchanged), as for
 * the file's sink sites the share is read from; otherwise it is read again and replaces the entry.
 */
const keptShares = new WeakMap<ts.SourceFile, Map<string, Stamped<readonly TableKeyEntry[]>>>();

/**
 * The key attributes each table is accessed by anywhere in the program, so that a put's `Item`
 * can be read for its key: built once per program, on the first put that needs it.
 */
export class TableKeys {
  private index: Map<string, string[]> | undefined;

  constructor(
    private readonly program: ts.Program,
    private readonly sites: Sites,
    private readonly definitions: Definitions,
    /** Given, each file's share of the index is kept beyond this program (see `keptShares`). */
    private readonly store?: { readonly configuration: string; stampOf(file: ts.SourceFile): object },
  ) {}

  keysOf(table: ts.Expression): string[] | undefined {
    this.index ??= this.build();
    return this.index.get(this.tableId(table));
  }

  /** The key attributes of the table a constant name written at `at` names. */
  keysOfName(name: string, at: ts.Node): string[] | undefined {
    this.index ??= this.build();
    return this.index.get(constantTableId(at, name));
  }

  /**
   * Tables are the same when their names are the same constant of one app, the same environment variable of
   * one package, or the same declaration: two modules' own `const TableName = process.env.X` are
   * two tables, though their text is the same.
   */
  tableId(table: ts.Expression): string {
    return tableOf(this.definitions, this.program.getTypeChecker(), table).table;
  }

  private build(): Map<string, string[]> {
    const index = new Map<string, string[]>();
    for (const file of ownSourceFiles(this.program)) {
      const share = this.store
        ? perFile(keptShares, file, this.store.configuration, this.store.stampOf(file), () => this.fileShare(file))
        : this.fileShare(file);
      for (const { id, names } of share) index.set(id, [...new Set([...(index.get(id) ?? []), ...names])]);
    }
    return index;
  }

  /** The tables a file accesses by key and the key attributes of each access, in source order. */
  private fileShare(file: ts.SourceFile): TableKeyEntry[] {
    const share: TableKeyEntry[] = [];
    for (const site of this.sites.inFile(file)) {
      if (site.operation === 'put' || site.operation === 'scan') continue;
      if (!site.input) continue;
      const input = this.heldLiteral(site.input)?.literal;
      if (!input) continue;
      const table = literalProperty(input, 'TableName');
      if (!table) continue;
      const names =
        site.operation === 'query'
          ? [
              ...this.conditionKeys(input),
              ...(literalProperty(input, 'IndexName') ? [] : this.objectNames(literalProperty(input, 'KeyConditions'))),
            ]
          : this.keyNames(literalProperty(input, 'Key'));
      if (!names.length) continue;
      share.push({ id: this.tableId(table), names });
    }
    return share;
  }

  /**
   * The object literal an expression is, also through the variable it initialises (`let getItemParams
   * = { … }; dynamodb.get(getItemParams)`), with that variable's declaration.
   */
  private heldLiteral(
    node: ts.Expression,
  ): { literal: ts.ObjectLiteralExpression; declaration?: ts.VariableDeclaration } | undefined {
    const value = skipOuter(node);
    if (ts.isObjectLiteralExpression(value)) return { literal: value };
    if (!ts.isIdentifier(value)) return undefined;
    const declaration = this.definitions.declarationOf(value);
    if (!declaration || !ts.isVariableDeclaration(declaration) || !declaration.initializer) return undefined;
    const initializer = skipOuter(declaration.initializer);
    return ts.isObjectLiteralExpression(initializer) ? { literal: initializer, declaration } : undefined;
  }

  /** A `Key`'s attribute names: the literal's own, or those of the variable it is built in. */
  private keyNames(key: ts.Expression | undefined): string[] {
    const names = keyObjectNames(key);
    return names.length ? names : this.objectNames(key);
  }

  /**
   * The attribute names of a key object (`Key`, a legacy `KeyConditions`) held in a variable built
   * over several statements (`const params = {}; params[partitionKeyName] = …; Key: params`): the
   * literal's own names and the names written into it.
   */
  private objectNames(node: ts.Expression | undefined): string[] {
    const found = node && this.heldLiteral(node);
    if (!found) return [];
    const declaration = found.declaration;
    if (!declaration) return keyObjectNames(found.literal);
    if (!ts.isIdentifier(declaration.name)) return [];
    const symbol = this.program.getTypeChecker().getSymbolAtLocation(declaration.name);
    const written = symbol ? this.definitions.propertyWrites(symbol, declaration).map((write) => write.path[0]) : [];
    return [...keyObjectNames(found.literal), ...written.filter((name): name is string => name !== undefined)];
  }

  /**
   * The attributes a query's constant key condition names (`email = :e`, `begins_with(#sk, :p)`),
   * through constant `ExpressionAttributeNames`: the table's own keys unless it queries an index.
   */
  private conditionKeys(input: ts.ObjectLiteralExpression): string[] {
    const condition = literalProperty(input, 'KeyConditionExpression');
    if (!condition || literalProperty(input, 'IndexName')) return [];
    const text = constantString(this.definitions, condition);
    if (!text.complete) return [];
    const names = literalProperty(input, 'ExpressionAttributeNames');
    const keys: string[] = [];
    for (const match of text.text.matchAll(KEY_CONDITION_ATTRIBUTE)) {
      const key = attributeName(this.definitions, names, match[1] ?? match[2]!);
      if (key) keys.push(key);
    }
    return keys;
  }
}

/** An attribute compared in a key condition (`pk = :v`, `sk BETWEEN …`) or tested by `begins_with(sk, :p)`. */
const KEY_CONDITION_ATTRIBUTE =
  /begins_with\s*\(\s*(#?[A-Za-z_][\w]*)|(#?[A-Za-z_][\w]*)\s*(?:=|<=?|>=?|\bBETWEEN\b)/gi;

/** The attribute names of a literal `Key` object. */
function keyObjectNames(key: ts.Expression | undefined): string[] {
  const literal = key && skipOuter(key);
  if (!literal || !ts.isObjectLiteralExpression(literal)) return [];
  return literal.properties.map(propertyNameOf).filter((name): name is string => !!name);
}
