import type ts from 'typescript';
import { enclosingFunction } from '../ast.js';
import type { AccessPaths } from '../guards/access-paths.js';
import { sourcesOf } from '../taint.js';
import type { Taint } from '../taint.js';
import type { EntityRef } from './entities.js';

/** A request value a write puts in an item attribute, where the access path names it. */
export interface WrittenValue {
  readonly name: string;
  readonly node: ts.Node;
  readonly value: ts.Expression;
  readonly taint: Taint;
}

/** A put's key attribute given a request value that an owned item of the same function stores. */
export interface ReferencedChild {
  readonly ref: EntityRef;
  readonly node: ts.Node;
  readonly attribute: string;
}

interface FunctionWrites {
  /** Access paths of request values stored in items that also store the caller, with those items' entities. */
  readonly stored: Map<string, string>;
  readonly childKeys: { path: string; entity: string; child: ReferencedChild }[];
}

/**
 * Children referenced from an owned item (one file's writes at a time): a handler that stores a
 * request value in the caller's own item (`Item: { user_id: userId, flashcard_set_id }`) and
 * creates another entity's item keyed by that same value (`Item: { flashcard_set_id, … }`) makes
 * the second item the caller's, reachable from their record, though it names no owner itself.
 * Only a put (a creation) keyed by the value counts: an update keyed by a referenced id (stock of
 * the ordered product) changes an item that exists apart from the caller.
 */
export class OwnedReferences {
  private readonly byFunction = new Map<ts.Node, FunctionWrites>();

  constructor(
    private readonly accessPaths: AccessPaths,
    private readonly entityKey: (ref: EntityRef) => string,
  ) {}

  /** An item write that stores a principal: the request values it stores beside it are the caller's references. */
  ownedItem(site: ts.Node, ref: EntityRef, values: readonly WrittenValue[]): void {
    const writes = this.writesOf(site);
    for (const entry of values) {
      const path = this.requestPath(entry);
      if (path) writes.stored.set(path, this.entityKey(ref));
    }
  }

  /** A put's key attributes given request values: children, if an owned item of the same function stores them. */
  childPut(site: ts.Node, ref: EntityRef, keys: readonly WrittenValue[]): void {
    const writes = this.writesOf(site);
    for (const entry of keys) {
      const path = this.requestPath(entry);
      if (path)
        writes.childKeys.push({
          path,
          entity: this.entityKey(ref),
          child: { ref, node: entry.node, attribute: entry.name },
        });
    }
  }

  /** The children found, each keyed by a value an owned item of another entity stores; forgets the writes. */
  take(): ReferencedChild[] {
    const out: ReferencedChild[] = [];
    for (const { stored, childKeys } of this.byFunction.values())
      for (const { path, entity, child } of childKeys) {
        const owner = stored.get(path);
        if (owner !== undefined && owner !== entity) out.push(child);
      }
    this.byFunction.clear();
    return out;
  }

  private requestPath(entry: WrittenValue): string | undefined {
    return sourcesOf(entry.taint).length > 0 ? this.accessPaths.of(entry.value) : undefined;
  }

  private writesOf(site: ts.Node): FunctionWrites {
    const fn = enclosingFunction(site);
    let writes = this.byFunction.get(fn);
    if (!writes) this.byFunction.set(fn, (writes = { stored: new Map(), childKeys: [] }));
    return writes;
  }
}
