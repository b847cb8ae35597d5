import type ts from 'typescript';
import { enclosingFunction } from '../ast.js';
import type { AccessPaths } from '../guards/access-paths.js';
import type { Taint } from '../taint.js';
import type { EntityRef } from './entities.js';

/** A value a write puts in an item attribute, where the access path names it. */
export interface WrittenValue {
  readonly name: string;
  readonly node: ts.Node;
  readonly value: ts.Expression;
  readonly taint: Taint;
}

/** A put's key attribute given a value that a write of another entity in the same function stores. */
export interface Reference {
  /** The entity created, and where its key attribute is given the value. */
  readonly child: EntityRef;
  readonly node: ts.Node;
  readonly attribute: string;
  /** The entity (`entityKey`) whose item stores the value: the item that refers to the created one. */
  readonly parent: string;
}

interface FunctionWrites {
  /** Access paths of the values each write stores, with the entity (`entityKey`) written. */
  readonly stored: Map<string, Set<string>>;
  readonly childKeys: { path: string; entity: string; child: EntityRef; node: ts.Node; attribute: string }[];
}

/**
 * References between items created together (one file's writes at a time): a handler that stores a
 * value in one entity's item (`Item: { user_id, flashcard_set_id }`) and creates another entity's
 * item keyed by that same value (`Item: { flashcard_set_id, … }`) makes the first item refer to the
 * second. Where the first is someone's (`ProgramEvidence.verdict`), so is the second, reachable
 * from their item, though it names no owner itself. Only a put (a creation) keyed by the value
 * counts: an update keyed by a referenced id (the ordered product's stock) changes an item that
 * exists apart from the one that refers to it. Principal values are owners, not references.
 */
export class OwnedReferences {
  private readonly byFunction = new Map<ts.Node, FunctionWrites>();

  constructor(
    private readonly accessPaths: AccessPaths,
    private readonly entityKey: (ref: EntityRef) => string,
  ) {}

  /** A write's values (not the principal's): what its item refers to. */
  stored(site: ts.Node, ref: EntityRef, values: readonly WrittenValue[]): void {
    const writes = this.writesOf(site);
    const entity = this.entityKey(ref);
    for (const entry of values) {
      const path = this.chosenPath(entry);
      if (!path) continue;
      let entities = writes.stored.get(path);
      if (!entities) writes.stored.set(path, (entities = new Set()));
      entities.add(entity);
    }
  }

  /** A put's key attributes: the item it creates is referred to by another item of the function that stores their value. */
  created(site: ts.Node, ref: EntityRef, keys: readonly WrittenValue[]): void {
    const writes = this.writesOf(site);
    for (const entry of keys) {
      const path = this.chosenPath(entry);
      if (path)
        writes.childKeys.push({
          path,
          entity: this.entityKey(ref),
          child: ref,
          node: entry.node,
          attribute: entry.name,
        });
    }
  }

  /** The references found among the file's writes; forgets them. */
  take(): Reference[] {
    const out: Reference[] = [];
    for (const { stored, childKeys } of this.byFunction.values())
      for (const { path, entity, child, node, attribute } of childKeys)
        for (const parent of stored.get(path) ?? [])
          if (parent !== entity) out.push({ child, node, attribute, parent });
    this.byFunction.clear();
    return out;
  }

  /** A value chosen per item (a request value, a parameter), named by its access path; not a constant or a principal. */
  private chosenPath(entry: WrittenValue): string | undefined {
    const origins = entry.taint.alts.flat();
    if (origins.length === 0 || origins.some((origin) => origin.kind === 'principal')) return undefined;
    return this.accessPaths.of(entry.value);
  }

  private writesOf(site: ts.Node): FunctionWrites {
    const fn = enclosingFunction(site);
    let writes = this.byFunction.get(fn);
    if (!writes) this.byFunction.set(fn, (writes = { stored: new Map(), childKeys: [] }));
    return writes;
  }
}
