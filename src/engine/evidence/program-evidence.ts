import ts from 'typescript';
import {
  descendants,
  enclosingFunction,
  isFunctionNode,
  isWithin,
  literalProperty,
  memberValue,
  ownSourceFiles,
  parentOf,
  propertyNameOf,
  skipOuter,
  staticName,
} from '../ast.js';
import type { FunctionNode } from '../ast.js';
import { keyValueOf, nestedLiterals, requestItemEntries } from '../dynamodb/access.js';
import type { AccessFact, KeyPosition } from '../dynamodb/access.js';
import type { DynamoAnalysis } from '../dynamodb/analysis.js';
import type { SinkSite } from '../dynamodb/sites.js';
import type { Operation } from '../model.js';
import { constantString, nameWords } from '../strings.js';
import { isAnyLike } from '../types.js';
import type { Specifier } from '../types.js';
import { Authentication } from './authentication.js';
import { OwnedReferences } from './owned-references.js';
import { perFile } from './per-file.js';
import type { Stamped } from './per-file.js';
import { attributeName, nestedAttributes, setClauses } from './written-attributes.js';
import { hasOrigin, isPrincipal, sourcesOf } from '../taint.js';
import type { ParamOrigin, SourceOrigin, Taint } from '../taint.js';
import type { ValueRef } from '../guards/facts.js';
import { argumentFor, parameterNamed, substitute } from '../flow/arguments.js';
import { constructedFields, receiverClass, thisMemberSource } from '../flow/classes.js';
import { NO_CALL_CONTEXT, literalMember } from '../flow/shapes.js';
import type { CallContext, LiteralShape, ParamShape, Shape } from '../flow/shapes.js';
import { TableKeys } from '../dynamodb/table-keys.js';
import {
  isConstantValue,
  isPrincipalKeyName,
  keyConditionAttributes,
  keyPrefix,
  literalPrefix,
  literalPrefixes,
  mapperEntityOf,
  isKindId,
  principalKindNamed,
  tableOf,
  withoutFindsIn,
  wholeConstant,
} from './entities.js';
import type { EntityRef, PrincipalNames } from './entities.js';

/** The kind of item a key's constant prefixes name (`EntityRef.prefix` and `within`). */
interface KeyKind {
  readonly prefix: string;
  readonly within?: string;
}

/** What a sensitive attribute is, as named in messages. */
export type SensitiveCategory =
  | 'authorization'
  | 'credential'
  | 'personal data'
  | 'payment data'
  | 'lifecycle state'
  | 'internal state'
  | 'configured';

/** The dictionaries the verdicts use: built-in model data plus the user's settings. */
export interface EvidenceModel {
  readonly principalKinds: readonly string[];
  readonly principalKeyNames: readonly string[];
  /** Words of attribute names that record an item's owner (`owner id`, `created by`), besides `<kind> id`. */
  readonly ownerReferences?: readonly string[];
  /** Words of attribute names that note who created or changed an item (`created by`, `updated by`). */
  readonly creatorNotes?: readonly string[];
  /** Password-hashing calls: an attribute written from one holds a credential, whatever its name. */
  readonly credentialHashers?: readonly Specifier[];
  readonly sensitive: readonly { readonly category: SensitiveCategory; readonly matches: (name: string) => boolean }[];
  /** The caller's attributes that reach them in person (e-mail, phone): an item attribute storing one holds personal data. */
  readonly principalContacts?: (name: string) => boolean;
  /** The label of a request value that is an identity the client claims (`x-tenant-id` header), else undefined. */
  readonly claimedIdentity?: (origin: SourceOrigin) => string | undefined;
  /** Identifies the dictionaries, for the cache. */
  readonly key: string;
}

/** A table a write names, and how its callers' values reach the written item (see `writtenTables`). */
/**
 * A put or update of a wrapper that its callers complete: its whole input is a parameter (`shape`),
 * or its input literal takes the table or the item from one (`literal`: `put(item, tableName)`).
 */
type ParameterWrite =
  { readonly site: SinkSite; readonly shape: ParamShape } | { readonly site: SinkSite; readonly literal: LiteralShape };

/** A wrapper's call that completes its write: its arguments are the write's table and item. */
interface WrapperCall {
  readonly call: ts.CallExpression | ts.NewExpression;
  readonly fn: FunctionNode;
}

interface WrittenTable {
  readonly table: ts.Expression;
  readonly bind: (taint: Taint) => Taint;
}

/** What one input literal of a put or update writes (`recordWrittenInput`), whichever table it names. */
interface WrittenItem {
  readonly prefix: KeyKind | undefined;
  /** Whether some of its attributes cannot be read (an item built at run time, an update expression that is not constant). */
  readonly opaque: boolean;
  readonly written: readonly { name: string; node: ts.Node; taint: Taint }[];
  readonly declared: readonly { name: string; node: ts.Node }[];
  /** The item's own attributes (not those inside its maps) and the values written to them. */
  readonly topLevel: readonly { name: string; node: ts.Node; value?: ts.Expression }[];
  /** Where the write's input is built: the input literal, or the wrapper call that completes it. */
  readonly runsAt: ts.Node;
}

/** What the program shows about one entity. */
export interface EntityFacts {
  readonly ref: EntityRef;
  /** The first write to it. */
  written?: ts.Node;
  /**
   * Where its writes run: the code that builds each write's input (the input literal, or the call
   * of the wrapper that completes it), at most MAX_WRITES_KEPT of them (`organisational`).
   */
  readonly writtenAt: ts.Node[];
  /** A write that stores a principal-derived value, and the attribute it stores it in. */
  /**
   * A write that makes the items someone's; `via: 'parent'`: what it stores is (of) a parent item
   * checked to be the caller's (`Guards.checkedItem`), not the principal itself.
   */
  stores?: { readonly node: ts.Node; readonly attribute: string; readonly via?: 'parent' };
  /** Every attribute some write stores a principal-derived value in, with the first such value. */
  readonly principalStores: Map<string, Taint>;
  /** Items of other entities (`entityKey`) that store the key its items are created with (`OwnedReferences`). */
  readonly referencedFrom: { readonly parent: string; readonly node: ts.Node; readonly attribute: string }[];
  /** An access whose key derives from the principal. */
  scoped?: ts.Node;
  /** An access checked against the principal (owner condition, post-read check). */
  checked?: ts.Node;
  /** An access keyed by an identity the client claims (`x-tenant-id`), and that claim's label. */
  claimed?: { readonly node: ts.Node; readonly label: string };
  /** An item attribute that records the item's owner (`ownerId`), written with a value the program chooses per item or declared. */
  ownerReference?: { readonly node: ts.Node; readonly attribute: string };
  /** A write that stores a constant in an owner reference (`createdBy: 'admin'`): the items are the app's own. */
  constantOwner?: ts.Node;
  /** Key attribute names its accesses use. */
  readonly keyNames: Set<string>;
  /** Known attribute names, each with where it is written or declared. */
  readonly attributes: Map<string, ts.Node>;
  /** Attributes written from a password-hashing call (`AccessKey: await bcrypt.hash(key, 12)`): credentials by what they hold. */
  readonly hashed: Map<string, ts.Node>;
  /** Whether each written attribute holds a constant in every write that names it (`GSI1PK: 'APP'`). */
  readonly constants: Map<string, boolean>;
  /** A write whose attributes the evidence cannot read (an item or update expression built at run time). */
  opaqueWrite?: ts.Node;
  /** On a table's own facts: the kinds of item (key prefixes) its accesses and writes name (`holdingFacts`). */
  readonly kinds: Set<string>;
}

/** Why an entity's items are someone's, or are shared (SPEC §5). */
export type EntityVerdict =
  | { readonly kind: 'principalRecord'; readonly principal: string; readonly by: string }
  | {
      readonly kind: 'owned';
      /** `records`: the items record their owner (an owner reference), for a write or delete. */
      readonly how: 'stores' | 'scoped' | 'checked' | 'records' | 'claimed';
      readonly node: ts.Node;
      readonly attribute?: string;
      /** For `stores`: the items are the caller's through a checked parent or a reference from the caller's own item. */
      readonly via?: OwnershipLink;
      /** For `claimed`: the request value the program takes as the caller's identity (`event.headers.x-tenant-id`). */
      readonly claim?: string;
    }
  | { readonly kind: 'keyed'; readonly attribute: string }
  /** The key is a principal id the client sends in a header or cookie (`x-user-id`). */
  | { readonly kind: 'claimed'; readonly label: string }
  /** The items hold personal data (or payment data, credentials): they are someone's, never everyone's. */
  | {
      readonly kind: 'personal';
      readonly attribute: string;
      readonly node: ts.Node;
      readonly category: SensitiveCategory;
    }
  | { readonly kind: 'shared'; readonly node?: ts.Node }
  | { readonly kind: 'unknown' };

export interface SensitiveAttribute {
  readonly attribute: string;
  readonly category: SensitiveCategory;
  readonly node: ts.Node;
  /** The caller's attribute a write stores in it, where that makes it sensitive (`user_id: session.user.email`). */
  readonly holds?: string;
}

/**
 * What makes an entity per-user when nothing else shows whose its items are (labelling policy 1:
 * PII, billing, credentials), in a program with authentication or without.
 */
const PER_USER_CATEGORIES: ReadonlySet<SensitiveCategory> = new Set([
  'personal data',
  'payment data',
  'credential',
  'configured',
]);
const WRITES: ReadonlySet<Operation> = new Set(['put', 'update', 'batchWrite', 'transactWrite']);
/** Operations that change or remove an existing item. */
export const CHANGES: ReadonlySet<Operation> = new Set([...WRITES, 'delete']);
const GENERIC_KEYS = new Set([
  'pk',
  'sk',
  'id',
  'gsi1pk',
  'gsi1sk',
  'partition key',
  'sort key',
  'hash key',
  'range key',
]);
/** Bounds on the whole-program walks. */
const MAX_CALLERS = 16;
const MAX_CALLER_DEPTH = 3;
/** How many spreads deep, each possibly into a caller's argument, a put's item is read for its attributes. */
const MAX_SPREAD_DEPTH = 2;
/** The writes of an entity whose places are kept, to ask whether only administrators make them. */
const MAX_WRITES_KEPT = 32;
/** Type aliases, intersections and element types followed to an unresolved item type's properties. */
const MAX_TYPE_HOPS = 6;
const MAX_TYPED_READS_PER_FILE = 400;
/** Variables followed back to a password-hashing call. */
const MAX_HASH_HOPS = 3;

/**
 * Facts about every entity of a program (SPEC §5), gathered once over all its files: who owns
 * the items, whether they are principals' records, what attributes they hold, and whether the
 * program authenticates anyone at all.
 */
/** What one file adds to the evidence: plain facts about entities, with nodes of that file. */
interface FileEvidence {
  readonly entities: ReadonlyMap<string, EntityFacts>;
  /** Some access or write of the file involves a principal. */
  readonly principalSeen: boolean;
  /** `table\0attribute` for key attributes given a value chosen per item (`table\0*`: a key the file does not show). */
  readonly variableKeys: ReadonlySet<string>;
}

/**
 * Each file's share of the evidence, per configuration, kept with the file's `ts.SourceFile`.
 * An editor re-lints after every keystroke against a new program, in which every file it did not
 * edit keeps its `SourceFile` object: the evidence of those files is reused and only the edited
 * file's, and those of the files that import it, are recomputed (a share is reused only under the
 * file's current stamp, see `perFile`), so the whole-program walk is not paid per keystroke. Not
 * covered: a share that depends on the callers of the file's functions in files it does not import
 * (`fromPrincipal`) is not recomputed when only such a caller changes, until the file's stamp
 * changes or the project is reloaded. A fresh process (CI, `scan`) always computes everything.
 */
const fileEvidence = new WeakMap<ts.SourceFile, Map<string, Stamped<FileEvidence>>>();

export class ProgramEvidence {
  /** Where the `record*` methods write: the whole program's facts, or one file's while it is gathered. */
  private entities = new Map<string, EntityFacts>();
  /** Key attributes given a value chosen per item, per table (`FileEvidence.variableKeys`): the program's, or one file's while it is gathered. */
  private variableKeys = new Set<string>();
  /** Whether the whole program's facts are in: refs handed out are then resolved (`resolved`). */
  private built = false;
  private readonly tableKeys: TableKeys;
  private readonly siteRefs = new Map<ts.Node, EntityRef | null>();
  /** Each function's puts and updates whose input, table or item is a parameter: a thin wrapper's (`parameterWrites`). */
  private readonly wrapperWrites = new Map<FunctionNode, ParameterWrite[]>();
  private readonly categoriesByName = new Map<string, readonly SensitiveCategory[]>();
  /** Whether anyone logs in, per package. */
  private readonly authentication: Authentication;
  /** Children created under a reference the caller's own item holds, gathered per file (`fileShare`). */
  private readonly references: OwnedReferences;

  /** The words that name principals' kinds and key attributes (SPEC §5), from the model. */
  private readonly principalNames: PrincipalNames;

  constructor(
    private readonly analysis: DynamoAnalysis,
    private readonly model: EvidenceModel,
    private readonly configuration: string,
  ) {
    this.principalNames = { kinds: model.principalKinds, keyNames: model.principalKeyNames };
    this.authentication = new Authentication(analysis, configuration);
    this.references = new OwnedReferences(analysis.tracer.guards.accessPaths, entityKey);
    this.tableKeys = new TableKeys(analysis.program, analysis.sites, analysis.tracer.definitions);
    const files = ownSourceFiles(analysis.program).filter((file) => analysis.mayReachSinks(file));
    for (const file of files) {
      const share = this.fileShare(file);
      if (share.principalSeen) this.authentication.principalSeenIn(file);
      for (const [key, facts] of share.entities) this.merge(key, facts);
      for (const key of share.variableKeys) this.variableKeys.add(key);
    }
    this.built = true;
  }

  /** Whether the app a node belongs to (its package) authenticates anyone. */
  authenticatesAt(node: ts.Node): boolean {
    return this.authentication.at(node);
  }

  /** Whether some code of a file reads a principal: a module that authenticates some of what it serves. */
  readsPrincipalInFile(file: ts.SourceFile): boolean {
    return this.authentication.readInFile(file);
  }

  /** Whether a function reads a principal itself: a handler that knows who calls. */
  readsPrincipalIn(fn: FunctionNode): boolean {
    return this.authentication.readIn(fn);
  }

  /** The file's share of the evidence, from the cache when the file is unchanged. */
  private fileShare(file: ts.SourceFile): FileEvidence {
    return perFile(fileEvidence, file, this.configuration, this.analysis.stampOf(file), () => {
      const program = this.entities;
      const programKeys = this.variableKeys;
      this.entities = new Map<string, EntityFacts>();
      this.variableKeys = new Set<string>();
      let principalSeen = false;
      for (const fact of this.analysis.factsInFile(file)) if (this.recordFact(fact)) principalSeen = true;
      for (const site of this.analysis.sites.inFile(file)) if (this.recordWrite(site)) principalSeen = true;
      if (this.recordWrapperWrites(file)) principalSeen = true;
      for (const reference of this.references.take())
        for (const facts of this.entity(reference.child))
          facts.referencedFrom.push({ parent: reference.parent, node: reference.node, attribute: reference.attribute });
      this.recordTypedReads(file);
      const share: FileEvidence = { entities: this.entities, principalSeen, variableKeys: this.variableKeys };
      this.entities = program;
      this.variableKeys = programKeys;
      return share;
    });
  }

  /** Adds a file's facts about an entity to the program's, the first file's node winning each fact. */
  private merge(key: string, facts: EntityFacts): void {
    const into = this.entities.get(key);
    if (!into) {
      this.entities.set(key, {
        ...facts,
        keyNames: new Set(facts.keyNames),
        attributes: new Map(facts.attributes),
        hashed: new Map(facts.hashed),
        principalStores: new Map(facts.principalStores),
        constants: new Map(facts.constants),
        referencedFrom: [...facts.referencedFrom],
        writtenAt: [...facts.writtenAt],
        kinds: new Set(facts.kinds),
      });
      return;
    }
    into.referencedFrom.push(...facts.referencedFrom);
    into.opaqueWrite ??= facts.opaqueWrite;
    for (const [name, constant] of facts.constants)
      into.constants.set(name, constant && into.constants.get(name) !== false);
    into.written ??= facts.written;
    for (const node of facts.writtenAt) if (into.writtenAt.length <= MAX_WRITES_KEPT) into.writtenAt.push(node);
    into.stores ??= facts.stores;
    into.scoped ??= facts.scoped;
    into.checked ??= facts.checked;
    into.claimed ??= facts.claimed;
    into.ownerReference ??= facts.ownerReference;
    into.constantOwner ??= facts.constantOwner;
    for (const name of facts.keyNames) into.keyNames.add(name);
    for (const kind of facts.kinds) into.kinds.add(kind);
    for (const [name, node] of facts.attributes) if (!into.attributes.has(name)) into.attributes.set(name, node);
    for (const [name, node] of facts.hashed) if (!into.hashed.has(name)) into.hashed.set(name, node);
    for (const [name, taint] of facts.principalStores)
      if (!into.principalStores.has(name)) into.principalStores.set(name, taint);
  }

  /** The entity an access is to, from its table expression and its key values' constant prefix. */
  refOf(
    table: ts.Expression | undefined,
    keys: readonly KeyPosition[],
    mapper = false,
    declaredPrefix?: string,
  ): EntityRef | undefined {
    if (!table) return undefined;
    const base = (mapper ? mapperEntityOf : tableOf)(
      this.analysis.tracer.definitions,
      this.analysis.tracer.checker,
      table,
    );
    const prefixes = keys
      .map((position) => keyPrefix(this.analysis.tracer.definitions, keyValueOf(position)))
      .filter((prefix): prefix is string => !!prefix);
    // A data mapper's entity is its own kind already.
    const kind = mapper ? (prefixes[0] ? { prefix: prefixes[0] } : undefined) : this.kindOf(prefixes);
    if (kind) return this.resolved({ ...base, ...kind });
    if (declaredPrefix) return { ...base, prefix: declaredPrefix };
    // The partition's whole constant (`Key: { id: 'account_types', slug }`) may name the kind of item.
    const first = keys[0];
    const attribute = first && /^(Key|Item)\.(.+)$/.exec(first.label);
    if (mapper || !first || !attribute) return base;
    if (attribute[1] === 'Item' && !this.tableKeys.keysOf(table)?.includes(attribute[2]!)) return base;
    return this.resolved(this.withKind(base, attribute[2]!, keyValueOf(first)));
  }

  /** The ref refined by a whole constant partition value, where it is one. */
  private withKind(base: EntityRef, attribute: string, value: ts.Node): EntityRef {
    const constant = wholeConstant(this.analysis.tracer.definitions, value);
    return constant ? { ...base, prefix: constant, whole: { attribute } } : base;
  }

  /**
   * A whole constant partition value names a kind of item (`id: 'accounts'` rows beside `id:
   * 'account_types'` rows) only where no access or write of the program gives that attribute of
   * the table a value chosen per item; else it names one item (`code: 'base'` of a table keyed by
   * codes), and the entity is the table. Decided once the whole program's facts are in.
   */
  private resolved(ref: EntityRef): EntityRef {
    if (!this.built || !ref.whole) return ref;
    const variable =
      this.variableKeys.has(`${ref.table}\0${ref.whole.attribute}`) || this.variableKeys.has(`${ref.table}\0*`);
    return variable ? { table: ref.table, tableLabel: ref.tableLabel } : ref;
  }

  /** The whole-constant kind an input literal's `Key` (its first attribute) or put `Item` (its first key attribute) names. */
  private literalKind(
    base: EntityRef,
    table: ts.Expression,
    holder: ts.Expression | undefined,
    item: boolean,
  ): EntityRef {
    const literal = holder && skipOuter(holder);
    if (!literal || !ts.isObjectLiteralExpression(literal)) return base;
    const keys = item ? this.tableKeys.keysOf(table) : undefined;
    if (item && !keys?.length) return base;
    for (const member of literal.properties) {
      const name = propertyNameOf(member);
      const value = memberValue(member);
      if (name === undefined || !value) return base;
      if (keys && !keys.includes(name)) continue;
      return this.withKind(base, name, value);
    }
    return base;
  }

  /** The entity a read or write site is to, read from its own input literal. */
  refOfSite(site: SinkSite): EntityRef | undefined {
    const cached = this.siteRefs.get(site.node);
    if (cached !== undefined) return cached ?? undefined;
    let found: EntityRef | undefined;
    if (site.mapper) found = this.mapperRef(site);
    for (const shape of site.input && !site.mapper ? this.analysis.tracer.shapes.of(site.input) : []) {
      if (shape.kind !== 'literal') continue;
      const table = literalMember(shape, 'TableName');
      if (!table) continue;
      const base = tableOf(this.analysis.tracer.definitions, this.analysis.tracer.checker, table);
      const prefix =
        this.tracedPrefix(literalMember(shape, 'Key'), shape.context) ??
        this.tracedPrefix(literalMember(shape, 'Item'), shape.context) ??
        this.tracedPrefix(literalMember(shape, 'ExpressionAttributeValues'), shape.context);
      found = prefix
        ? { ...base, ...prefix }
        : literalMember(shape, 'Key')
          ? this.literalKind(base, table, literalMember(shape, 'Key'), false)
          : site.operation === 'put'
            ? this.literalKind(base, table, literalMember(shape, 'Item'), true)
            : base;
      break;
    }
    this.siteRefs.set(site.node, found ?? null);
    return found && this.resolved(found);
  }

  /**
   * The entity a site's access is to as a call of the function around it binds its key values
   * (`db.get(\`STUDENT#${id}\`, …)` of a key wrapper `get(PK, SK)`), where that names a kind of item
   * and the site's own input names none: the kind a key wrapper's caller writes is the kind read,
   * as in a direct call. Every fact the call binds to the site must name the same one.
   */
  refAtCall(site: SinkSite, call: ts.CallExpression | ts.NewExpression): EntityRef | undefined {
    const own = this.refOfSite(site);
    if (own?.prefix) return undefined;
    let found: EntityRef | undefined;
    for (const fact of this.analysis.factsInFile(call.getSourceFile())) {
      // A fact of the strings an expression splices (no key positions) says nothing of the kind.
      if (fact.boundAt !== call || fact.site.node !== site.node || !fact.keys.length) continue;
      const ref = this.refOf(fact.table, fact.keys, !!fact.site.mapper);
      if (!ref?.prefix || (own && ref.table !== own.table)) return undefined;
      if (found && entityKey(found) !== entityKey(ref)) return undefined;
      found = ref;
    }
    return found;
  }

  /**
   * The key prefix of an input member (`Key`, `Item`): of its literal written inline, else of the
   * literal it is traced to (`Key: key` with `const key = { pk: \`USER#${id}\` }`), as an access's
   * key positions give it.
   */
  private tracedPrefix(holder: ts.Expression | undefined, context: CallContext): KeyKind | undefined {
    if (!holder) return undefined;
    const definitions = this.analysis.tracer.definitions;
    const inline = this.kindOf(literalPrefixes(definitions, holder));
    if (inline) return inline;
    for (const shape of this.analysis.tracer.shapes.of(holder, context)) {
      const prefix = shape.kind === 'literal' ? this.kindOf(literalPrefixes(definitions, shape.literal)) : undefined;
      if (prefix) return prefix;
    }
    return undefined;
  }

  /**
   * The kind of item a key's constant prefixes name: the first (the partition's), or, where that
   * names a principal kind (`ORG#<id>`), the sort key's own (`PRO#<id>`): in a single table whose
   * partition is the tenant, the sort key's prefix is the entity type.
   */
  private kindOf(prefixes: readonly string[]): KeyKind | undefined {
    const first = prefixes[0];
    if (!first) return undefined;
    const principal = principalKindNamed(first, this.principalNames);
    // `user#<first>` / `user-name#<last>`: another part of the same principal's record, not another kind.
    const sort =
      principal && prefixes.find((prefix) => prefix !== first && !nameWords(prefix).split(' ').includes(principal));
    return sort ? { prefix: sort, within: first } : { prefix: first };
  }

  /** A data mapper call's entity (`Notes.get(…)` is to `Notes`), refined by its key values' constant prefix. */
  private mapperRef(site: SinkSite): EntityRef | undefined {
    const entity = site.mapper?.entity;
    if (!entity) return undefined;
    const tracer = this.analysis.tracer;
    const base = mapperEntityOf(tracer.definitions, tracer.checker, entity);
    for (const part of site.mapper.parts) {
      if (part.role !== 'key' && part.role !== 'item') continue;
      const prefix = literalPrefix(tracer.definitions, part.node);
      if (prefix) return { ...base, prefix };
    }
    // The key template the entity declares (`pk: { value: 'user#${id}' }`) prefixes every key.
    return site.mapper.keyPrefix ? { ...base, prefix: site.mapper.keyPrefix } : base;
  }

  /**
   * What a data mapper call shows of its entity: the attributes its schema declares, and for a
   * write the attributes its item and key objects hold, and whether one stores a principal's value.
   */
  private recordMapperSite(site: SinkSite): boolean {
    const mapper = site.mapper;
    const ref = mapper && this.refOfSite(site);
    if (!mapper || !ref) return false;
    const tracer = this.analysis.tracer;
    const written: { name: string; node: ts.Node; taint: Taint; value: ts.Expression }[] = [];
    if (WRITES.has(site.operation)) {
      for (const part of mapper.parts) {
        if (part.role !== 'item' && part.role !== 'key') continue;
        for (const shape of tracer.shapes.of(part.node)) {
          if (shape.kind !== 'literal') continue;
          for (const member of shape.literal.properties) {
            const name = propertyNameOf(member);
            const value = memberValue(member);
            if (name !== undefined && value)
              written.push({ name, node: member, taint: shape.context(tracer.value(value)), value });
          }
        }
      }
    }
    for (const attribute of mapper.declared ?? []) this.noteOwner(ref, attribute.name, attribute.node);
    for (const entry of written) this.noteOwner(ref, entry.name, entry.node, entry.value);
    this.noteHashed(ref, written);
    for (const facts of this.entity(ref)) {
      for (const attribute of mapper.declared ?? [])
        if (!facts.attributes.has(attribute.name)) facts.attributes.set(attribute.name, attribute.node);
      if (WRITES.has(site.operation)) {
        noteWrite(facts, site.node, site.node);
        // A data mapper fills attributes of its own (schema defaults, computed keys).
        facts.opaqueWrite ??= site.node;
      }
      for (const entry of written)
        if (!facts.attributes.has(entry.name) && !mapper.hidden?.includes(entry.name))
          facts.attributes.set(entry.name, entry.node);
    }
    const owners = written.flatMap((entry) => {
      const how = this.fromPrincipal(entry.taint, 0, { node: entry.value, path: [] });
      return how ? [{ ...entry, how }] : [];
    });
    const owner = owners[0];
    if (!owner) return false;
    for (const facts of this.entity(ref)) {
      facts.stores ??= storedOwner(owner);
      notePrincipalStores(facts, owners);
    }
    return true;
  }

  /** The facts of an entity: its prefix's own where it has one, else the whole table's. */
  factsOf(ref: EntityRef): EntityFacts | undefined {
    const own = ref.prefix ? this.entities.get(entityKey(ref)) : undefined;
    return own ?? this.entities.get(entityKey({ ...ref, prefix: undefined }));
  }

  /**
   * The facts that say what an entity's items hold. In a single-table design each kind of item
   * (`STUDENT#`, `BRANCH#`) holds attributes of its own: a kind the program shows facts of is read
   * from them, and any other access (to a kind it shows nothing of, or whose key names no kind, in
   * a table of several kinds) from what the accesses and writes naming no kind show, never from
   * the other kinds' attributes (a `password` of `STUDENT#` items is no attribute of `BRANCH#` items).
   */
  private holdingFacts(ref: EntityRef): EntityFacts | undefined {
    const own = ref.prefix ? this.entities.get(entityKey(ref)) : undefined;
    if (own) return own;
    const table = this.entities.get(entityKey({ ...ref, prefix: undefined }));
    if (!ref.prefix && (table?.kinds.size ?? 0) <= 1) return table;
    return this.entities.get(plainKey(ref.table));
  }

  /**
   * What the program shows about an entity, for an access at `at` (its package decides whether
   * anyone logs in) with the given operation (a write or delete of items that record their owner
   * changes someone's item).
   */
  verdict(ref: EntityRef, at: ts.Node, operation?: Operation): EntityVerdict {
    const facts = this.factsOf(ref);
    const principal = this.principalKindOf(ref, facts);
    if (principal) return { kind: 'principalRecord', ...principal };
    if (facts?.stores) return { kind: 'owned', how: 'stores', ...facts.stores };
    if (facts?.scoped) return { kind: 'owned', how: 'scoped', node: facts.scoped };
    if (facts?.checked) return { kind: 'owned', how: 'checked', node: facts.checked };
    // Created together with an item someone owns, which stores their key: reachable from that item.
    const reference = facts?.referencedFrom.find((link) => ownedItself(this.entities.get(link.parent)));
    if (reference) return { kind: 'owned', how: 'stores', ...reference, via: 'reference' };
    // Items keyed by a user's id are that user's, whether or not the app logs anyone in.
    const keyed = facts && [...facts.keyNames].find((name) => isPrincipalKeyName(name, this.principalNames));
    if (keyed) return { kind: 'keyed', attribute: keyed };
    // Items the program reads or writes by an identity the client claims (a tenant header) are that
    // tenant's, whether or not that claim is checked: reaching one by another key skips even the claim.
    if (facts?.claimed) return { kind: 'owned', how: 'claimed', node: facts.claimed.node, claim: facts.claimed.label };
    // A kind under a principal's partition (`DASHBOARD#` under `USER#<id>`) is what that principal
    // owns, not the principal's own record, in an app that logs anyone in (with no one logged in,
    // kinds are judged by what they hold, below).
    if (ref.within && this.authenticatesAt(at)) return { kind: 'keyed', attribute: `${ref.within}#<id>` };
    // In an app that authenticates no one, every other entity but items that hold personal,
    // payment or credential data is everyone's.
    if (!this.authenticatesAt(at)) {
      const personal = this.sensitiveAttribute(ref, PER_USER_CATEGORIES);
      return personal ? { kind: 'personal', ...personal } : { kind: 'shared' };
    }
    // Items that hold personal data are some person's data, never everyone's, unless only
    // administrators create them (a bot's token, an organiser's contact): then they are the organisation's.
    const personal = this.sensitiveAttribute(ref, PER_USER_CATEGORIES);
    if (personal && !this.organisational(facts)) return { kind: 'personal', ...personal };
    // Items that record their owner belong to that owner, whoever fills it in: changing one by a
    // client-chosen key changes someone's item. Reading one is not judged by it (an author's post
    // or a seller's product is often everyone's to read).
    if (facts?.ownerReference && !facts.constantOwner && operation && CHANGES.has(operation))
      return {
        kind: 'owned',
        how: 'records',
        node: facts.ownerReference.node,
        attribute: facts.ownerReference.attribute,
      };
    if (facts?.written) return { kind: 'shared', node: facts.written };
    return { kind: 'unknown' };
  }

  /** Whether the program writes the entity and every write runs behind an administrator check (SPEC §4). */
  private organisational(facts: EntityFacts | undefined): boolean {
    if (!facts?.writtenAt.length || facts.writtenAt.length > MAX_WRITES_KEPT) return false;
    const guards = this.analysis.tracer.guards;
    return facts.writtenAt.every((node) => guards.privilegedAt(node));
  }

  /**
   * A query whose request values are compared only with attributes that every write of the table
   * stores as a constant (`GSI1PK = :type` where each put writes `GSI1PK: 'APP'` or `'QUERY'`): an
   * index keyed by such an attribute sorts items into a few categories, and the client picks one of
   * them, never an owner's partition.
   */
  picksCategory(fact: AccessFact, ref: EntityRef): boolean {
    if (fact.site.operation !== 'query' || fact.site.mapper) return false;
    const table = this.entities.get(entityKey({ table: ref.table, tableLabel: ref.tableLabel }));
    const chosen = fact.keys.filter((position) => sourcesOf(position.taint).length > 0);
    if (!table || table.opaqueWrite || !chosen.length) return false;
    return chosen.every((position) => !!position.compared && table.constants.get(position.compared) === true);
  }

  /**
   * Whether every write of a kind of item stores a constant in `attribute` (`GSI1PK: 'DASHBOARD'`):
   * each of its items then sits in one of the categories an index on that attribute lists. Only a
   * kind's own writes say so (a table's other kinds may leave the attribute out), and a principal's
   * partition (`USER#`) also gathers the writes of every kind under it.
   */
  writesCategory(ref: EntityRef, attribute: string): boolean {
    if (!ref.prefix || principalKindNamed(ref.prefix, this.principalNames)) return false;
    const own = this.entities.get(entityKey(ref));
    return !!own?.written && !own.opaqueWrite && own.constants.get(attribute) === true;
  }

  /**
   * Whether the only principals an entity's writes store are groups the caller belongs to (`tenant:
   * claims['custom:tenant']`, `orgId: user.orgId`): its items are the group's, not one member's.
   * Each stored value's attribute, or the principal's member it was taken from, must be a group's;
   * a value whose principal is known only through callers' arguments counts as a member's. A note
   * of who created or changed an item (`createdBy`) names the colleague who did it, not an owner.
   */
  storesOnlyGroups(ref: EntityRef, isGroup: (name: string) => boolean): boolean {
    const stored = this.factsOf(ref)?.principalStores;
    if (!stored?.size) return false;
    let group = false;
    for (const [attribute, taint] of stored) {
      if (this.model.creatorNotes?.includes(nameWords(attribute))) continue;
      group = true;
      if (isGroup(attribute)) continue;
      const groupMember = taint.alts.every((alt) =>
        alt.every((origin) => origin.kind !== 'principal' || isGroup(origin.path?.at(-1) ?? '')),
      );
      if (!groupMember || hasOrigin(taint, (origin) => origin.kind === 'param')) return false;
    }
    return group;
  }

  /** Whether anything is known of the attributes of an entity's items. */
  knowsAttributes(ref: EntityRef): boolean {
    return (this.factsOf(ref)?.attributes.size ?? 0) > 0;
  }

  /**
   * A sensitive attribute of the entity's items, by name, with where it is written or declared: of
   * the given categories only, and not one of the names `except` (a deny-list removed them).
   */
  sensitiveAttribute(
    ref: EntityRef,
    categories?: ReadonlySet<SensitiveCategory>,
    except?: ReadonlySet<string>,
  ): SensitiveAttribute | undefined {
    const facts = this.holdingFacts(ref);
    if (!categories || categories.has('credential'))
      for (const [attribute, node] of facts?.hashed ?? [])
        if (!except?.has(attribute)) return { attribute, category: 'credential', node };
    for (const [attribute, node] of facts?.attributes ?? []) {
      if (except?.has(attribute)) continue;
      const category = this.sensitiveCategories(attribute).find((found) => !categories || categories.has(found));
      if (category) return { attribute, category, node };
    }
    // An attribute that stores the caller's e-mail or phone holds it whatever its own name says.
    const contact = this.model.principalContacts;
    if (!contact || (categories && !categories.has('personal data'))) return undefined;
    for (const [attribute, taint] of facts?.principalStores ?? []) {
      if (except?.has(attribute)) continue;
      for (const origin of taint.alts.flat()) {
        const holds = origin.kind === 'principal' ? origin.path?.at(-1) : undefined;
        const node = facts?.attributes.get(attribute);
        if (holds !== undefined && node && contact(holds)) return { attribute, category: 'personal data', node, holds };
      }
    }
    return undefined;
  }

  /**
   * The first of some attribute names (a projection's) that is sensitive in one of the categories
   * (any, without them): by its name, or, for the entity's items, written from a password-hashing call.
   */
  sensitiveAmong(
    ref: EntityRef | undefined,
    names: Iterable<string>,
    categories?: ReadonlySet<SensitiveCategory>,
  ): { readonly attribute: string; readonly category: SensitiveCategory } | undefined {
    const hashed = ref && (!categories || categories.has('credential')) ? this.holdingFacts(ref)?.hashed : undefined;
    for (const attribute of names) {
      if (hashed?.has(attribute)) return { attribute, category: 'credential' };
      const category = this.sensitiveCategories(attribute).find((found) => !categories || categories.has(found));
      if (category) return { attribute, category };
    }
    return undefined;
  }

  /** The categories an attribute name is sensitive in, in the dictionary's order: asked once per name. */
  private sensitiveCategories(attribute: string): readonly SensitiveCategory[] {
    let found = this.categoriesByName.get(attribute);
    if (!found) {
      found = this.model.sensitive.filter((entry) => entry.matches(attribute)).map((entry) => entry.category);
      this.categoriesByName.set(attribute, found);
    }
    return found;
  }

  private entity(ref: EntityRef): EntityFacts[] {
    const base = { table: ref.table, tableLabel: ref.tableLabel };
    // What a kind under a principal's partition shows is also the partition's (its accesses and writes).
    const within = ref.within ? [entityKey({ ...base, prefix: ref.within })] : [];
    const keys = ref.prefix ? [entityKey(ref), ...within, entityKey(base)] : [entityKey(ref)];
    // What names no kind of item (a whole constant may turn out to name one item, `resolved`) is also the table's plainly.
    if (!ref.prefix || ref.whole) keys.push(plainKey(ref.table));
    return keys.map((key) => {
      let facts = this.entities.get(key);
      if (!facts) {
        facts = {
          ref: key === keys[0] ? ref : key === within[0] ? { ...base, prefix: ref.within } : base,
          kinds: new Set(),
          keyNames: new Set(),
          attributes: new Map(),
          hashed: new Map(),
          principalStores: new Map(),
          constants: new Map(),
          referencedFrom: [],
          writtenAt: [],
        };
        this.entities.set(key, facts);
      }
      if (key === entityKey(base) && ref.prefix && !ref.whole) {
        facts.kinds.add(ref.prefix);
        if (ref.within) facts.kinds.add(ref.within);
      }
      return facts;
    });
  }

  /** Records an access's scoping and keys; true when it involves a principal. */
  private recordFact(fact: AccessFact): boolean {
    if (fact.pendingInput) return false;
    const ref = this.refOf(fact.table, fact.keys, !!fact.site.mapper);
    const keyed = fact.keys.some(
      (position) => isPrincipal(position.taint) && !this.isMemberRowKey(ref, keyValueOf(position)),
    );
    const checked = fact.witnesses.some(isPrincipal);
    const claim = this.claimIn(fact);
    if (ref && !fact.site.mapper) this.recordVariableKeys(ref.table, fact);
    if (ref) {
      for (const facts of this.entity(ref)) {
        for (const position of fact.keys) {
          // A query's key condition names the attribute it compares (`userId = :userId`).
          const name =
            /^(?:Key|Item|Keys\[\]|key|item|conditions)\.(.+)$/.exec(position.label)?.[1] ?? position.compared;
          if (name) facts.keyNames.add(name);
        }
        if (keyed) facts.scoped ??= fact.site.node;
        else if (checked) facts.checked ??= fact.site.node;
        else if (claim !== undefined) facts.claimed ??= { node: fact.site.node, label: claim };
        // A PartiQL INSERT is a put.
        if (WRITES.has(fact.site.operation) || (fact.site.operation === 'statement' && fact.create))
          noteWrite(facts, fact.site.node, fact.boundAt ?? fact.site.node);
      }
    }
    const principal = (taint: Taint) => hasOrigin(taint, (origin) => origin.kind === 'principal');
    return (
      fact.keys.some((position) => principal(position.taint)) ||
      fact.filters.some((position) => principal(position.taint)) ||
      fact.witnesses.some(principal)
    );
  }

  /** The first identity a key value of an access takes from what the client claims (`x-tenant-id`). */
  private claimIn(fact: AccessFact): string | undefined {
    const claimed = this.model.claimedIdentity;
    if (!claimed) return undefined;
    for (const position of fact.keys)
      for (const origin of sourcesOf(position.taint)) {
        const label = claimed(origin);
        if (label !== undefined) return label;
      }
    return undefined;
  }

  /**
   * A key value that names the caller's own row inside a partition of another kind (`MEMBER#<caller>`
   * under `COMMUNITY#<id>`): a membership, a like, a vote. It makes that row the caller's, not the
   * partition's other items (the community itself), so it is no evidence that they belong to users.
   * A principal's partition (`USER#<id>`) is the principal's whatever its sort keys say.
   */
  private isMemberRowKey(ref: EntityRef | undefined, value: ts.Node): boolean {
    const partition = ref?.within ?? ref?.prefix;
    if (!partition || ref?.whole) return false;
    if (principalKindNamed(partition, this.principalNames)) return false;
    const prefix = keyPrefix(this.analysis.tracer.definitions, value);
    return prefix !== undefined && prefix !== partition;
  }

  /** Notes the key attributes of a table this access gives a value chosen per item (not a constant). */
  private recordVariableKeys(table: string, fact: AccessFact): void {
    const definitions = this.analysis.tracer.definitions;
    let conditions: ReturnType<typeof keyConditionAttributes> | undefined;
    for (const position of fact.keys) {
      if (isConstantValue(definitions, keyValueOf(position))) continue;
      let attribute = /^(?:Key|Item|Keys\[\])\.(.+)$/.exec(position.label)?.[1];
      const placeholder = /^ExpressionAttributeValues(?:\[['"]?(:\w+)['"]?\]|\.(:\w+))$/.exec(position.label);
      if (placeholder) {
        conditions ??= this.queryConditions(fact);
        const name = placeholder[1] ?? placeholder[2];
        attribute = conditions.find((condition) => condition.placeholder === name)?.attribute;
        // A value of a query's filter or an index's key is not the table's own key.
        if (!attribute) continue;
      }
      this.variableKeys.add(`${table}\0${attribute ?? '*'}`);
    }
  }

  /** The key condition attributes of a query on the table's own keys (not an index). */
  private queryConditions(fact: AccessFact): ReturnType<typeof keyConditionAttributes> {
    for (const shape of fact.site.input ? this.analysis.tracer.shapes.of(fact.site.input) : []) {
      if (shape.kind !== 'literal' || literalMember(shape, 'IndexName')) continue;
      return keyConditionAttributes(this.analysis.tracer.definitions, shape.literal);
    }
    return [];
  }

  /**
   * Records what a put or update writes: its attribute names, and whether it stores a value that
   * derives from a principal (here, or through the callers that pass it in). True when it does.
   */
  private recordWrite(site: SinkSite): boolean {
    if (site.mapper) return this.recordMapperSite(site);
    if (!site.input) return false;
    if (site.operation === 'batchWrite' || site.operation === 'transactWrite') return this.recordRequestItems(site);
    if (site.operation !== 'put' && site.operation !== 'update') return false;
    let stored = false;
    for (const shape of this.analysis.tracer.shapes.of(site.input))
      if (shape.kind === 'literal' && this.recordWrittenInput(site, shape)) stored = true;
    return stored;
  }

  /**
   * The puts and updates of a batch or transaction, each recorded as a write of its own:
   * `RequestItems: { [TABLE]: [{ PutRequest: { Item } }] }` (the table is the entry's name) and
   * `TransactItems: [{ Put: { TableName, Item } }, { Update: … }]`.
   */
  private recordRequestItems(site: SinkSite): boolean {
    const shapes = this.analysis.tracer.shapes;
    let stored = false;
    for (const input of shapes.of(site.input!)) {
      if (input.kind !== 'literal') continue;
      if (site.operation === 'transactWrite') {
        const items = literalMember(input, 'TransactItems');
        for (const item of items ? shapes.elements(items, input.context) : [])
          for (const operation of ['put', 'update'] as const)
            for (const request of nestedLiterals(shapes, item, operation === 'put' ? 'Put' : 'Update'))
              if (this.recordWrittenInput({ ...site, operation }, request)) stored = true;
        continue;
      }
      const requestItems = literalMember(input, 'RequestItems');
      for (const entry of requestItems ? requestItemEntries(shapes, requestItems, input.context) : [])
        for (const request of shapes.elements(entry.value, entry.context))
          for (const put of nestedLiterals(shapes, request, 'PutRequest'))
            if (this.recordWrittenInput({ ...site, operation: 'put' }, put, undefined, entry.table)) stored = true;
    }
    return stored;
  }

  /**
   * Writes through a thin wrapper of the file's calls (`db.put({ TableName, Item })` with `put:
   * (params) => client.put(params)`): each call's input literal, recorded as if written at the
   * wrapper's site. Kept with the calling file, whose stamp changes when the literal does.
   */
  private recordWrapperWrites(file: ts.SourceFile): boolean {
    const definitions = this.analysis.tracer.definitions;
    let stored = false;
    for (const call of descendants(file)) {
      if (!(ts.isCallExpression(call) || ts.isNewExpression(call)) || !call.arguments?.length) continue;
      const callee = definitions.callee(call);
      if (!callee?.body) continue;
      for (const write of this.parameterWrites(callee)) {
        if ('literal' in write) {
          if (this.recordWrittenInput(write.site, write.literal, { call, fn: callee })) stored = true;
          continue;
        }
        for (const input of this.analysis.tracer.shapes.atArgument(call, write.shape, NO_CALL_CONTEXT))
          if (input.kind === 'literal' && this.recordWrittenInput(write.site, input)) stored = true;
      }
    }
    return stored;
  }

  /** The puts and updates of a function whose whole input, or whose input's table or item, is one of its parameters. */
  private parameterWrites(fn: FunctionNode): ParameterWrite[] {
    let writes = this.wrapperWrites.get(fn);
    if (writes) return writes;
    writes = [];
    // Set before the calls below are read, so a recursive wrapper ends here.
    this.wrapperWrites.set(fn, writes);
    const definitions = this.analysis.tracer.definitions;
    const isParameter = (value: ts.Expression | undefined) => !!value && !!parameterNamed(definitions, fn, value);
    const completes = (shape: LiteralShape) =>
      isParameter(literalMember(shape, 'TableName')) || isParameter(literalMember(shape, 'Item'));
    for (const site of this.analysis.sites.inFile(fn.getSourceFile())) {
      if (site.mapper || !site.input || (site.operation !== 'put' && site.operation !== 'update')) continue;
      if (!isWithin(site.node, fn)) continue;
      for (const shape of this.analysis.tracer.shapes.of(site.input)) {
        if (shape.kind === 'param' && shape.fn === fn) writes.push({ site, shape });
        else if (shape.kind === 'literal' && completes(shape)) writes.push({ site, literal: shape });
      }
    }
    // A literal this function hands to another wrapper (`add(item) { return saveItem({ TableName,
    // Item: item }) }`): its item is still this function's callers' to complete.
    for (const call of descendants(fn)) {
      if (!(ts.isCallExpression(call) || ts.isNewExpression(call)) || !call.arguments?.length) continue;
      if (enclosingFunction(call) !== fn) continue;
      const callee = definitions.callee(call);
      if (!callee?.body || callee === fn) continue;
      for (const write of this.parameterWrites(callee)) {
        if (!('shape' in write)) continue;
        for (const input of this.analysis.tracer.shapes.atArgument(call, write.shape, NO_CALL_CONTEXT))
          if (input.kind === 'literal' && completes(input)) writes.push({ site: write.site, literal: input });
      }
    }
    return writes;
  }

  /**
   * Records one input literal of a put or update; true when it stores a principal-derived value.
   * `through`: a call of the wrapper the literal is in, which passes the table and item it names by parameter.
   */
  private recordWrittenInput(
    site: SinkSite,
    shape: LiteralShape,
    through?: WrapperCall,
    tableName?: ts.Expression,
  ): boolean {
    const tracer = this.analysis.tracer;
    const named = tableName ?? literalMember(shape, 'TableName');
    const table = named && ((through && argumentFor(tracer.definitions, through.call, through.fn, named)) ?? named);
    if (!table) return false;
    const written: { name: string; node: ts.Node; taint: Taint }[] = [];
    let declared: { name: string; node: ts.Node }[] = [];
    /** The item's own attributes (not those inside its maps) and the values written to them. */
    const topLevel: { name: string; node: ts.Node; value?: ts.Expression }[] = [];
    let prefix: KeyKind | undefined;
    let opaque = false;
    if (site.operation === 'put') {
      // Through a wrapper, the item its caller passes (`db.put(student)` of `put(item)`).
      const own = literalMember(shape, 'Item');
      const item = (own && through && argumentFor(tracer.definitions, through.call, through.fn, own)) ?? own;
      if (!item) opaque = true;
      // `Item: item` with `item: UserItem`: the attributes its type declares, as for a typed read.
      if (item) {
        declared = literalAttributes(item) ?? this.declaredAttributes(tracer.checker.getTypeAtLocation(item));
        if (!declared.length)
          declared = declaredTypesOf(item, tracer.checker).flatMap((node) => this.unresolvedTypeAttributes(node));
      }
      // `Item: item` with `const item = { pk: 'APPLICATION#…', … }` is to `APPLICATION#` items, as
      // the access's traced key positions say (`recordFact`).
      prefix = this.tracedPrefix(item, shape.context);
      for (const inner of item ? this.itemLiterals(item, shape.context) : []) {
        if (inner.kind !== 'literal' || inner.literal.properties.some(ts.isSpreadAssignment)) opaque = true;
        if (inner.kind !== 'literal') continue;
        for (const member of inner.literal.properties) {
          const name = propertyNameOf(member);
          const value = memberValue(member);
          if (name === undefined || !value) continue;
          written.push({ name, node: member, taint: inner.context(tracer.value(value)) });
          topLevel.push({ name, node: member, value });
          // Attributes inside its maps and lists are the item's too (`cards: [{ token }]`), for what it holds.
          for (const nested of nestedAttributes(value)) written.push({ ...nested, taint: { alts: [[]] } });
        }
      }
      // `Item: todo` with `todo = new Todo(name, claims.sub)`: each field the class fills is an
      // attribute written with the value its constructor stored there, as an `Item` literal's would be.
      const member = item && parentOf(item);
      if (item && member)
        for (const field of this.constructedFields(item)) {
          if (written.some((entry) => entry.name === field)) continue;
          written.push({ name: field, node: member, taint: shape.context(tracer.value(item, [field])) });
          topLevel.push({ name: field, node: member });
        }
    } else {
      prefix = this.tracedPrefix(literalMember(shape, 'Key'), shape.context);
      const expression = literalMember(shape, 'UpdateExpression');
      const update = expression && constantString(tracer.definitions, expression);
      if (!update?.complete) opaque = true;
      const text = update ? update.text : '';
      const names = literalMember(shape, 'ExpressionAttributeNames');
      const values = literalMember(shape, 'ExpressionAttributeValues');
      for (const [, name, placeholder] of setClauses(text)) {
        const attribute = attributeName(tracer.definitions, names, name!);
        const valueNode =
          values && ts.isObjectLiteralExpression(skipOuter(values))
            ? literalProperty(skipOuter(values) as ts.ObjectLiteralExpression, placeholder!)
            : undefined;
        if (attribute) {
          written.push({
            name: attribute,
            node: valueNode ?? expression!,
            taint: valueNode ? shape.context(tracer.value(valueNode)) : { alts: [[]] },
          });
          topLevel.push({ name: attribute, node: valueNode ?? expression!, value: valueNode });
        }
      }
    }
    const runsAt = through?.call ?? shape.literal;
    let stored = false;
    for (const view of this.writtenTables(table, through))
      if (this.recordWrittenTo(site, shape, view, { prefix, opaque, written, declared, topLevel, runsAt }))
        stored = true;
    return stored;
  }

  /**
   * The tables a write's `TableName` names, each with how its callers' values reach it: the
   * expression itself, and, for `this.tableName` in a base class's method that the base leaves to
   * derived classes (`super({ tableName: 'Catalog' })`), the table each call of the method on an
   * object of such a class names, with that call's arguments alone. Where the method is the
   * wrapper whose call completes the write (`through`), that call alone names it.
   */
  private writtenTables(table: ts.Expression, through?: WrapperCall): WrittenTable[] {
    const views: WrittenTable[] = [{ table, bind: (taint) => taint }];
    const definitions = this.analysis.tracer.definitions;
    const method = enclosingFunction(table);
    if (ts.isSourceFile(method) || !ts.isClassLike(method.parent) || thisMemberSource(definitions, table)) return views;
    const calls = through?.fn === method ? [through.call] : definitions.callersOf(method).slice(0, MAX_CALLERS);
    for (const call of calls) {
      const owner = receiverClass(definitions, this.analysis.tracer.checker, call);
      const named = owner && thisMemberSource(definitions, table, owner);
      if (named)
        views.push({ table: named, bind: (taint) => substitute(this.analysis.tracer, taint, call, method, false) });
    }
    return views;
  }

  /**
   * The object literals a put's item is built from: its own, and those it spreads (`{ ...data, id }`),
   * also where the spread object is a parameter its callers pass (`createTrip({ ...body, ownerId })`).
   */
  private itemLiterals(item: ts.Expression, context: CallContext, depth = 0): Shape[] {
    const shapes = this.analysis.tracer.shapes;
    const out: Shape[] = [];
    for (const shape of shapes.of(item, context)) {
      out.push(shape);
      if (shape.kind !== 'literal' || depth >= MAX_SPREAD_DEPTH) continue;
      for (const member of shape.literal.properties) {
        if (!ts.isSpreadAssignment(member)) continue;
        for (const spread of shapes.of(member.expression, shape.context)) {
          if (spread.kind === 'literal') out.push(...this.itemLiterals(spread.literal, spread.context, depth + 1));
          if (spread.kind !== 'param' || spread.path.length) continue;
          for (const call of this.analysis.tracer.definitions.callersOf(spread.fn).slice(0, MAX_CALLERS)) {
            const argument = call.arguments?.[spread.index];
            if (argument) out.push(...this.itemLiterals(argument, NO_CALL_CONTEXT, depth + 1));
          }
        }
      }
    }
    return out;
  }

  /** `recordWrittenInput` for one table the input literal writes to; true when it stores a principal. */
  private recordWrittenTo(
    site: SinkSite,
    shape: LiteralShape,
    { table, bind }: WrittenTable,
    item: WrittenItem,
  ): boolean {
    const tracer = this.analysis.tracer;
    const { prefix, opaque, written, declared, topLevel, runsAt } = item;
    const base = tableOf(tracer.definitions, tracer.checker, table);
    const ref = prefix
      ? { ...base, ...prefix }
      : site.operation === 'put'
        ? this.literalKind(base, table, literalMember(shape, 'Item'), true)
        : this.literalKind(base, table, literalMember(shape, 'Key'), false);
    const keys = this.tableKeys.keysOf(table);
    const principalWrites = written.flatMap((entry) => {
      const taint = withoutFindsIn(tracer.definitions, tracer.checker, bind(entry.taint), base.table);
      const how = this.fromPrincipal(taint, 0, writtenValue(entry.node));
      return how ? [{ ...entry, how }] : [];
    });
    // The caller's own row in a partition of another kind (`MEMBER#<caller>`): what it holds
    // describes the membership, not the partition's items (`isMemberRowKey`).
    const memberRow = principalWrites.some(
      (entry) =>
        keys?.includes(entry.name) &&
        this.isMemberRowKey(ref, ts.isPropertyAssignment(entry.node) ? entry.node.initializer : entry.node),
    );
    for (const facts of this.entity(ref)) {
      noteWrite(facts, site.node, runsAt);
      if (opaque) facts.opaqueWrite ??= site.node;
      for (const entry of topLevel) {
        const constant = !!entry.value && isConstantValue(tracer.definitions, entry.value);
        facts.constants.set(entry.name, constant && facts.constants.get(entry.name) !== false);
      }
      if (memberRow) continue;
      for (const entry of [...written, ...declared]) {
        if (!facts.attributes.has(entry.name)) facts.attributes.set(entry.name, entry.node);
      }
    }
    if (memberRow) return principalWrites.length > 0;
    this.noteReferences(site, ref, keys, topLevel, written, principalWrites, bind);
    for (const entry of topLevel) this.noteOwner(ref, entry.name, entry.node, entry.value);
    for (const entry of declared) this.noteOwner(ref, entry.name, entry.node);
    this.noteHashed(ref, topLevel);
    const owner = principalWrites[0];
    if (owner)
      for (const facts of this.entity(ref)) {
        facts.stores ??= storedOwner(owner);
        notePrincipalStores(
          facts,
          principalWrites.map((entry) => ({ ...entry, taint: bind(entry.taint) })),
        );
      }
    return principalWrites.length > 0;
  }

  /**
   * Gives `OwnedReferences` what a write shows: the values it stores (not the principal's), and for
   * a put, the values its key attributes are given.
   */
  private noteReferences(
    site: SinkSite,
    ref: EntityRef,
    keys: readonly string[] | undefined,
    topLevel: WrittenItem['topLevel'],
    written: WrittenItem['written'],
    principalWrites: readonly { node: ts.Node }[],
    bind: (taint: Taint) => Taint,
  ): void {
    const owners = new Set(principalWrites.map((entry) => entry.node));
    const values = topLevel.flatMap((entry) => {
      const taint = written.find((candidate) => candidate.node === entry.node)?.taint;
      return entry.value && taint && !owners.has(entry.node)
        ? [{ name: entry.name, node: entry.node, value: entry.value, taint: bind(taint) }]
        : [];
    });
    this.references.stored(site.node, ref, values);
    if (site.operation === 'put' && keys?.length)
      this.references.created(
        site.node,
        ref,
        values.filter((entry) => keys.includes(entry.name)),
      );
  }

  /** The fields of the class instances a whole item may be (`constructedFields`), for a put of `Item: todo`. */
  private constructedFields(item: ts.Expression): string[] {
    const definitions = this.analysis.tracer.definitions;
    const fields = new Set<string>();
    for (const made of this.analysis.sites.constructionsOf(item))
      for (const field of constructedFields(definitions, made)) fields.add(field);
    return [...fields];
  }

  /** `Items as Note[]`, `const user: User = out.Item`: the type's properties are the entity's attributes. */
  private recordTypedReads(file: ts.SourceFile): void {
    const tracer = this.analysis.tracer;
    let probes = 0;
    for (const node of descendants(file)) {
      let expression: ts.Expression | undefined;
      let typeNode: ts.TypeNode | undefined;
      if (ts.isAsExpression(node) || ts.isTypeAssertionExpression(node)) {
        expression = node.expression;
        typeNode = node.type;
      } else if (ts.isVariableDeclaration(node) && node.type && node.initializer) {
        expression = node.initializer;
        typeNode = node.type;
      }
      if (!expression || !typeNode || !isItemTypeNode(typeNode)) continue;
      // `const student: Student = { password: pending.password, … }` types the item it builds, not the reads its values come from.
      if (ts.isObjectLiteralExpression(skipOuter(expression))) continue;
      if (++probes > MAX_TYPED_READS_PER_FILE) return;
      const attributes = this.declaredAttributes(tracer.checker.getTypeFromTypeNode(typeNode), typeNode);
      if (!attributes.length) continue;
      const call = calledIn(expression);
      for (const alt of tracer.value(expression).alts) {
        for (const origin of alt) {
          if (origin.kind !== 'produced') continue;
          const site = this.analysis.sites.siteAt(origin.site);
          const ref = site && ((call && this.refAtCall(site, call)) ?? this.refOfSite(site));
          if (!ref) continue;
          for (const facts of this.entity(ref))
            for (const property of attributes)
              if (!facts.attributes.has(property.name)) facts.attributes.set(property.name, property.node);
          for (const property of attributes) this.noteOwner(ref, property.name, property.node);
        }
      }
    }
  }

  /**
   * The properties an item type of the program's own code declares (an array's element type's).
   * Where the checker cannot resolve the type (`product: Product` with `Product` imported through
   * a path alias only the package's own tsconfig declares), the declaration the import names.
   */
  private declaredAttributes(type: ts.Type, typeNode?: ts.TypeNode): { name: string; node: ts.Node }[] {
    const checker = this.analysis.tracer.checker;
    if (isAnyLike(type) && typeNode) return this.unresolvedTypeAttributes(typeNode);
    let item = checker.getNonNullableType(type);
    if (checker.isArrayType(item)) item = checker.getTypeArguments(item as ts.TypeReference)[0] ?? item;
    const out: { name: string; node: ts.Node }[] = [];
    for (const property of item.getProperties()) {
      const declaration = property.declarations?.[0];
      if (!declaration || declaration.getSourceFile().isDeclarationFile) return [];
      out.push({ name: property.name, node: declaration });
    }
    return out;
  }

  private unresolvedTypeAttributes(typeNode: ts.TypeNode, depth = 0): { name: string; node: ts.Node }[] {
    if (depth > MAX_TYPE_HOPS) return [];
    const inner = (node: ts.TypeNode) => this.unresolvedTypeAttributes(node, depth + 1);
    if (ts.isArrayTypeNode(typeNode)) return inner(typeNode.elementType);
    if (ts.isParenthesizedTypeNode(typeNode)) return inner(typeNode.type);
    if (ts.isUnionTypeNode(typeNode) || ts.isIntersectionTypeNode(typeNode)) return typeNode.types.flatMap(inner);
    if (ts.isTypeLiteralNode(typeNode)) return propertyMembers(typeNode.members);
    if (!ts.isTypeReferenceNode(typeNode) || !ts.isIdentifier(typeNode.typeName)) return [];
    // `Product` imported through a path alias the checker cannot follow: `symbolOf` gives the declaration it names.
    const declaration = this.analysis.tracer.definitions.symbolOf(typeNode.typeName)?.declarations?.[0];
    if (!declaration || declaration.getSourceFile().isDeclarationFile) return [];
    if (ts.isInterfaceDeclaration(declaration) || ts.isClassDeclaration(declaration))
      return propertyMembers(declaration.members);
    return ts.isTypeAliasDeclaration(declaration) ? inner(declaration.type) : [];
  }

  /**
   * Notes an item attribute that records the item's owner (`ownerId`, `createdBy`, `userId`):
   * declared (no value), or written with a value; a constant one (`createdBy: 'admin'`, a seed
   * script's) says the items are the app's own rather than its users'.
   */
  private noteOwner(ref: EntityRef, name: string, node: ts.Node, value?: ts.Expression): void {
    if (!this.isOwnerReference(name)) return;
    const constant = value !== undefined && constantString(this.analysis.tracer.definitions, value).complete;
    for (const facts of this.entity(ref)) {
      if (constant) facts.constantOwner ??= node;
      else facts.ownerReference ??= { node, attribute: name };
    }
  }

  /** Notes the attributes written from a password-hashing call as credentials. */
  private noteHashed(ref: EntityRef, written: readonly { name: string; node: ts.Node; value?: ts.Expression }[]): void {
    for (const entry of written) {
      if (!entry.value || !this.isHashedCredential(entry.value, 0)) continue;
      for (const facts of this.entity(ref)) if (!facts.hashed.has(entry.name)) facts.hashed.set(entry.name, entry.node);
    }
  }

  /** `await bcrypt.hash(pw, 12)`, `bcrypt.hashSync(key)`, or a variable every value of which is one. */
  private isHashedCredential(value: ts.Expression, hops: number): boolean {
    const hashers = this.model.credentialHashers;
    if (!hashers?.length || hops > MAX_HASH_HOPS) return false;
    let node = skipOuter(value);
    if (ts.isAwaitExpression(node)) node = skipOuter(node.expression);
    if (ts.isCallExpression(node)) {
      if (this.analysis.tracer.calls(node, hashers)) return true;
      // `bcrypt.hash(key, 12).then((hashed) => hashed).catch(…)`: the promise still settles to the hash.
      const receiver = passedThroughPromise(node);
      return !!receiver && this.isHashedCredential(receiver, hops + 1);
    }
    if (!ts.isIdentifier(node)) return false;
    const definitions = this.analysis.tracer.definitions;
    const declaration = definitions.declarationOf(node);
    if (!declaration || !ts.isVariableDeclaration(declaration)) return false;
    const values = definitions.reaching(declaration, node);
    return values.length > 0 && values.every((held) => this.isHashedCredential(held, hops + 1));
  }

  /** `ownerId`, `created_by`, `userId`, `accountId`: words of an owner reference (model data) or `<kind> id`. */
  private isOwnerReference(name: string): boolean {
    if (name.includes('.')) return false;
    const words = nameWords(name);
    if (this.model.ownerReferences?.includes(words)) return true;
    return this.model.principalKinds.some((kind) => isKindId(words, kind));
  }

  /**
   * A value derived from a principal here, or from an item the code before `at` proved the
   * caller's (`Guards.checkedItem`: a child stored under a parent the caller was checked against),
   * or from what its callers pass for a parameter.
   */
  private fromPrincipal(taint: Taint, depth: number, at?: ValueRef): StoredOwner | undefined {
    if (hasOrigin(taint, (origin) => origin.kind === 'principal')) return 'principal';
    const guards = this.analysis.tracer.guards;
    if (at && hasOrigin(taint, (origin) => origin.kind === 'produced') && guards.checkedItem(at)) return 'parent';
    if (depth >= MAX_CALLER_DEPTH) return undefined;
    const parameters = new Map<FunctionNode, ParamOrigin>();
    for (const alt of taint.alts)
      for (const origin of alt)
        if (origin.kind === 'param' && isFunctionNode(origin.fn) && !parameters.has(origin.fn))
          parameters.set(origin.fn, origin);
    for (const [fn, parameter] of parameters) {
      for (const call of this.analysis.tracer.definitions.callersOf(fn).slice(0, MAX_CALLERS)) {
        const argument = call.arguments?.[parameter.index];
        const passed = argument && { node: argument, path: parameter.path };
        const how = this.fromPrincipal(substitute(this.analysis.tracer, taint, call, fn, false), depth + 1, passed);
        if (how) return how;
      }
    }
    return undefined;
  }

  /** The principal kind an entity's table name, key prefix or key attributes name, and which one does. */
  private principalKindOf(
    ref: EntityRef,
    facts: EntityFacts | undefined,
  ): { principal: string; by: string } | undefined {
    const fromName = (label: string) => principalKindNamed(label, this.principalNames);
    if (ref.prefix) {
      const kind = fromName(ref.prefix);
      if (kind) return { principal: kind, by: ref.whole ? `'${ref.prefix}'` : `${ref.prefix}#` };
    }
    const kind = fromName(ref.tableLabel);
    if (kind) return { principal: kind, by: ref.tableLabel };
    const keys = [...(facts?.keyNames ?? [])].filter((name) => !GENERIC_KEYS.has(nameWords(name)));
    if (keys.length && keys.every((name) => isPrincipalKeyName(name, this.principalNames))) {
      const words = nameWords(keys[0]!).split(' ');
      const named = this.model.principalKinds.find((candidate) => words.includes(candidate));
      return { principal: named ?? 'user', by: keys[0]! };
    }
    return undefined;
  }
}

/** Notes a write: the first one, and where each runs, up to one past the bound (`organisational` then gives no answer). */
function noteWrite(facts: EntityFacts, site: ts.Node, runsAt: ts.Node): void {
  facts.written ??= site;
  if (facts.writtenAt.length <= MAX_WRITES_KEPT && !facts.writtenAt.includes(runsAt)) facts.writtenAt.push(runsAt);
}

/** Whether an entity's own writes or accesses show it someone's (not only through another entity's reference). */
function ownedItself(facts: EntityFacts | undefined): boolean {
  return !!facts && (!!facts.stores || !!facts.scoped || !!facts.checked);
}

/** How items are the caller's other than by storing the principal: under a checked parent, or referenced from the caller's item. */
export type OwnershipLink = 'parent' | 'reference';

/** What a write stores that makes its items someone's: the principal, or (of) a parent item checked to be the caller's. */
type StoredOwner = 'principal' | 'parent';

function storedOwner(owner: { node: ts.Node; name: string; how: StoredOwner }): NonNullable<EntityFacts['stores']> {
  return { node: owner.node, attribute: owner.name, ...(owner.how === 'parent' ? { via: 'parent' as const } : {}) };
}

/** The value a put's attribute member writes (`projectId: project.id`, shorthand `school`), as a guards' value. */
function writtenValue(member: ts.Node): ValueRef | undefined {
  if (ts.isPropertyAssignment(member)) return { node: member.initializer, path: [] };
  if (ts.isShorthandPropertyAssignment(member)) return { node: member.name, path: [] };
  return undefined;
}

/** `User`, `User[]`, `User | undefined`, `{ id: string; … }`: types that may describe an item. */
function isItemTypeNode(node: ts.TypeNode): boolean {
  if (ts.isUnionTypeNode(node)) return node.types.some(isItemTypeNode);
  return ts.isTypeReferenceNode(node) || ts.isArrayTypeNode(node) || ts.isTypeLiteralNode(node);
}

/**
 * The promise a call settles like: `p.catch(…)`, `p.finally(…)`, and `p.then((v) => v)` whose
 * callback returns its own parameter.
 */
function passedThroughPromise(call: ts.CallExpression): ts.Expression | undefined {
  const callee = skipOuter(call.expression);
  if (!ts.isPropertyAccessExpression(callee)) return undefined;
  const method = callee.name.text;
  if (method === 'catch' || method === 'finally') return callee.expression;
  if (method !== 'then' || call.arguments.length !== 1) return undefined;
  const callback = skipOuter(call.arguments[0]!);
  if (!ts.isArrowFunction(callback) && !ts.isFunctionExpression(callback)) return undefined;
  const parameter = callback.parameters[0]?.name;
  if (!parameter || !ts.isIdentifier(parameter)) return undefined;
  const returned = ts.isBlock(callback.body)
    ? callback.body.statements.length === 1 && ts.isReturnStatement(callback.body.statements[0]!)
      ? callback.body.statements[0].expression
      : undefined
    : callback.body;
  const value = returned && skipOuter(returned);
  return value && ts.isIdentifier(value) && value.text === parameter.text ? callee.expression : undefined;
}

/** The call an expression's value comes out of: `(await db.get(…)) as Student`. */
function calledIn(expression: ts.Expression): ts.CallExpression | undefined {
  let node = skipOuter(expression);
  if (ts.isAwaitExpression(node)) node = skipOuter(node.expression);
  return ts.isCallExpression(node) ? node : undefined;
}

/** The facts of what a table's accesses and writes naming no kind of item show (`holdingFacts`). */
function plainKey(table: string): string {
  return `${table}|`;
}

function entityKey(ref: EntityRef): string {
  if (ref.prefix && ref.whole) return `${ref.table}|='${ref.prefix}'`;
  return ref.prefix ? `${ref.table}|${ref.prefix}` : ref.table;
}

/** The properties a type literal, interface or class declares, by name. */
function propertyMembers(members: ts.NodeArray<ts.TypeElement | ts.ClassElement>): { name: string; node: ts.Node }[] {
  const out: { name: string; node: ts.Node }[] = [];
  for (const member of members) {
    const name = (ts.isPropertySignature(member) || ts.isPropertyDeclaration(member)) && staticName(member.name);
    if (name) out.push({ name, node: member });
  }
  return out;
}

/**
 * perf: the attributes an object literal declares, as the checker's type of it lists them (each
 * name once, at its first member), read from its members where each is a plain `name: value` or
 * `name`: the checker would check the whole literal against its contextual type (a DynamoDB
 * command's input) to say the same. Undefined for a literal whose type adds more (spreads,
 * computed or numeric names, methods).
 */
function literalAttributes(expression: ts.Expression): { name: string; node: ts.Node }[] | undefined {
  let node = expression;
  while (ts.isParenthesizedExpression(node)) node = node.expression;
  if (!ts.isObjectLiteralExpression(node)) return undefined;
  const out: { name: string; node: ts.Node }[] = [];
  for (const member of node.properties) {
    if (!ts.isPropertyAssignment(member) && !ts.isShorthandPropertyAssignment(member)) return undefined;
    if (!ts.isIdentifier(member.name) && !ts.isStringLiteral(member.name)) return undefined;
    const name = member.name.text;
    if (!out.some((entry) => entry.name === name)) out.push({ name, node: member });
  }
  return out;
}

/**
 * The types `Item: item` is declared with where the checker cannot say: the annotation of a
 * variable or parameter (`item: Product`), or of each one spread into a literal (`{ ...data }`).
 */
function declaredTypesOf(expression: ts.Expression, checker: ts.TypeChecker): ts.TypeNode[] {
  const node = skipOuter(expression);
  if (ts.isObjectLiteralExpression(node))
    return node.properties.flatMap((member) =>
      ts.isSpreadAssignment(member) ? declaredTypesOf(member.expression, checker) : [],
    );
  const declaration = ts.isIdentifier(node) ? checker.getSymbolAtLocation(node)?.valueDeclaration : undefined;
  return declaration && (ts.isVariableDeclaration(declaration) || ts.isParameter(declaration)) && declaration.type
    ? [declaration.type]
    : [];
}

function notePrincipalStores(facts: EntityFacts, owners: readonly { name: string; taint: Taint }[]): void {
  for (const owner of owners)
    if (!facts.principalStores.has(owner.name)) facts.principalStores.set(owner.name, owner.taint);
}
