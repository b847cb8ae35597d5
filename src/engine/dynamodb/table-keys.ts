import ts from 'typescript';
import { findProperty, memberValue, ownSourceFiles, propertyNameOf, skipOuter } from '../ast.js';
import type { Definitions } from '../definitions.js';
import { constantString } from '../strings.js';
import type { Sites } from './sites.js';

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
  ) {}

  keysOf(table: ts.Expression): string[] | undefined {
    this.index ??= this.build();
    return this.index.get(this.tableId(table));
  }

  keysOfName(name: string): string[] | undefined {
    this.index ??= this.build();
    return this.index.get(`=${name}`);
  }

  /** Tables are the same when their names are the same constant, or the same expression. */
  tableId(table: ts.Expression): string {
    const value = constantString(this.definitions, table);
    return value.complete ? `=${value.text}` : `~${skipOuter(table).getText().replace(/\s+/g, '')}`;
  }

  private build(): Map<string, string[]> {
    const index = new Map<string, string[]>();
    for (const file of ownSourceFiles(this.program)) {
      for (const site of this.sites.inFile(file)) {
        if (site.operation === 'put' || site.operation === 'query' || site.operation === 'scan') continue;
        if (!site.input) continue;
        const input = skipOuter(site.input);
        if (!ts.isObjectLiteralExpression(input)) continue;
        const tableMember = findProperty(input, 'TableName');
        const keyMember = findProperty(input, 'Key');
        const table = tableMember && memberValue(tableMember);
        const key = keyMember && memberValue(keyMember);
        if (!table || !key || !ts.isObjectLiteralExpression(skipOuter(key))) continue;
        const names = (skipOuter(key) as ts.ObjectLiteralExpression).properties
          .map(propertyNameOf)
          .filter((name): name is string => !!name);
        const id = this.tableId(table);
        index.set(id, [...new Set([...(index.get(id) ?? []), ...names])]);
      }
    }
    return index;
  }
}
