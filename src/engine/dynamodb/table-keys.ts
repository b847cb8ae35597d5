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
  /** The access shows which of them is the partition key (the one name of a `Key`, a query's `=`-only attribute). */
  readonly partition?: string;
}

/** A table's key attributes, and its partition key where accesses show it and none contradicts another. */
interface TableKeyFacts {
  readonly names: string[];
  partitions: Set<string>;
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
  private index: Map<string, TableKeyFacts> | undefined;

  constructor(
    private readonly program: ts.Program,
    private readonly sites: Sites,
    private readonly definitions: Definitions,
    /** Given, each file's share of the index is kept beyond this program (see `keptShares`). */
    private readonly store?: { readonly configuration: string; stampOf(file: ts.SourceFile): object },
  ) {}

  keysOf(table: ts.Expression): string[] | undefined {
    this.index ??= this.build();
    return this.index.get(this.tableId(table))?.names;
  }

  /** The key attributes of the table a constant name written at `at` names. */
  keysOfName(name: string, at: ts.Node): string[] | undefined {
    this.index ??= this.build();
    return this.index.get(constantTableId(at, name))?.names;
  }

  /**
   * The table's partition key, where some access shows it (a `Key` of one attribute; a query whose
   * key condition compares one attribute, or one by `=` beside a range-tested sort key) and no
   * access names another.
   */
  partitionOf(table: ts.Expression): string | undefined {
    this.index ??= this.build();
    const partitions = this.index.get(this.tableId(table))?.partitions;
    return partitions?.size === 1 ? [...partitions][0] : undefined;
  }

  /**
   * Tables are the same when their names are the same constant of one app, the same environment variable of
   * one package, or the same declaration: two modules' own `const TableName = process.env.X` are
   * two tables, though their text is the same.
   */
  tableId(table: ts.Expression): string {
    return tableOf(this.definitions, this.program.getTypeChecker(), table).table;
  }

  private build(): Map<string, TableKeyFacts> {
    const index = new Map<string, TableKeyFacts>();
    for (const file of ownSourceFiles(this.program)) {
      const share = this.store
        ? perFile(keptShares, file, this.store.configuration, this.store.stampOf(file), () => this.fileShare(file))
        : this.fileShare(file);
      for (const { id, names, partition } of share) {
        const facts = index.get(id) ?? { names: [], partitions: new Set<string>() };
        for (const name of names) if (!facts.names.includes(name)) facts.names.push(name);
        if (partition) facts.partitions.add(partition);
        index.set(id, facts);
      }
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
      if (site.operation === 'query') {
        const condition = this.conditionKeys(input);
        const legacy = literalProperty(input, 'IndexName')
          ? []
          : this.objectNames(literalProperty(input, 'KeyConditions'));
        const names = [...condition.map((key) => key.name), ...legacy];
        if (!names.length) continue;
        share.push({ id: this.tableId(table), names, partition: partitionOfCondition(condition) });
      } else {
        const names = this.keyNames(literalProperty(input, 'Key'));
        if (!names.length) continue;
        share.push({ id: this.tableId(table), names, partition: names.length === 1 ? names[0] : undefined });
      }
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
  private conditionKeys(input: ts.ObjectLiteralExpression): ConditionKey[] {
    const condition = literalProperty(input, 'KeyConditionExpression');
    if (!condition || literalProperty(input, 'IndexName')) return [];
    const text = constantString(this.definitions, condition);
    if (!text.complete) return [];
    const names = literalProperty(input, 'ExpressionAttributeNames');
    const keys: ConditionKey[] = [];
    for (const match of text.text.matchAll(KEY_CONDITION_ATTRIBUTE)) {
      const name = attributeName(this.definitions, names, match[1] ?? match[2]!);
      if (name) keys.push({ name, ranged: match[1] !== undefined || match[3] !== '=' });
    }
    return keys;
  }
}

/** An attribute a key condition names, and whether it is tested as a range (only a sort key can be). */
interface ConditionKey {
  readonly name: string;
  readonly ranged: boolean;
}

/**
 * The partition key a query's key condition shows: the one attribute it compares, or the one
 * compared by `=` beside a range-tested sort key (`pk = :p AND begins_with(sk, :s)`).
 */
function partitionOfCondition(keys: readonly ConditionKey[]): string | undefined {
  const names = [...new Set(keys.map((key) => key.name))];
  if (names.length === 1) return keys.every((key) => !key.ranged) ? names[0] : undefined;
  const equal = names.filter((name) => keys.every((key) => key.name !== name || !key.ranged));
  return names.length === 2 && equal.length === 1 ? equal[0] : undefined;
}

/** An attribute compared in a key condition (`pk = :v`, `sk BETWEEN …`) or tested by `begins_with(sk, :p)`. */
const KEY_CONDITION_ATTRIBUTE = /begins_with\s*\(\s*(#?[A-Za-z_][\w]*)|(#?[A-Za-z_][\w]*)\s*(=|<=?|>=?|\bBETWEEN\b)/gi;

/** The attribute names of a literal `Key` object. */
function keyObjectNames(key: ts.Expression | undefined): string[] {
  const literal = key && skipOuter(key);
  if (!literal || !ts.isObjectLiteralExpression(literal)) return [];
  return literal.properties.map(propertyNameOf).filter((name): name is string => !!name);
}
