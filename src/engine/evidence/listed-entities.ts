import ts from 'typescript';
import { enclosingFunction, ownSourceFiles } from '../ast.js';
import type { FunctionNode } from '../ast.js';
import type { AccessFact } from '../dynamodb/access.js';
import type { DynamoAnalysis } from '../dynamodb/analysis.js';
import type { Exposure, HandedItem } from '../exposure/analysis.js';
import type { Operation } from '../model.js';
import { constantString } from '../strings.js';
import type { Taint } from '../taint.js';
import { isConstantValue } from './entities.js';
import type { EntityRef } from './entities.js';
import type { ProgramEvidence } from './program-evidence.js';

/** Functions around a handler's node asked whether they know the caller. */
const MAX_ENCLOSING = 6;

/** Writes whose keys say which partitions a table's items live in. */
const KEYED_WRITES: ReadonlySet<Operation> = new Set(['put', 'update']);

/**
 * A read that hands every item of its table, or of one constant partition, to the same callers:
 * no request value chooses its key and nothing filters it, and its items reach a client with no
 * privilege check on the way (`allUsers: () => Users.query('dummy').eq('user').exec()`).
 */
interface Listing {
  /** The constants its key condition gives (the partition it lists); none for a scan. */
  readonly constants: ReadonlySet<string>;
  /**
   * The attributes whose constant the client picks (`GSI1PK = :kind`, `ProgramEvidence.picksCategory`):
   * it lists every item of each kind that always stores a constant there.
   */
  readonly categories: readonly string[];
  /** The responses (in handlers or resolvers) that hand its items out. */
  readonly responses: readonly ts.Node[];
}

/**
 * Entities the program already lists to everyone who may read one of their items by id: such a
 * read discloses nothing its caller cannot list (SPEC §5, `no-unscoped-key` recommended). Gathered
 * once per program evidence, on the first read that would otherwise be reported.
 */
export class ListedEntities {
  /** Listings by the table (`EntityRef.table`) they read. */
  private listings: Map<string, Listing[]> | undefined;
  /** The key constants of each write, by table: the partitions its items are written to. */
  private readonly writes = new Map<string, Set<string>[]>();
  private readonly gated = new Map<FunctionNode, boolean>();

  constructor(
    private readonly analysis: DynamoAnalysis,
    private readonly exposure: Exposure,
    private readonly evidence: ProgramEvidence,
  ) {}

  /**
   * Whether a read of `ref` by a client-chosen key (the request value entering at `at`) is covered
   * by a listing of the same items to the same callers: the entity holds no sensitive attribute a
   * projection could have left out, a listing reads its table's partition this read is in, and, in
   * an app that logs anyone in, the listing's handler is no more restricted than the read's.
   */
  covers(fact: AccessFact, ref: EntityRef, at: ts.Node): boolean {
    // A list may project the items (a GraphQL type, a DTO): only items with nothing sensitive are public whole.
    if (!this.evidence.knowsAttributes(ref) || this.evidence.sensitiveAttribute(ref)) return false;
    const listings = this.listingsOf(ref.table);
    if (listings.length === 0) return false;
    const constants = this.constantsOf(fact);
    const listed = (listing: Listing) =>
      listing.categories.every((attribute) => this.evidence.writesCategory(ref, attribute)) &&
      this.inPartition(listing, constants, ref.table);
    const readGated = this.evidence.authenticatesAt(at) ? this.knowsCaller(at) : true;
    return listings.some(
      (listing) => listed(listing) && listing.responses.some((response) => readGated || !this.knowsCaller(response)),
    );
  }

  /**
   * The read is in the listed partition: its own key names every constant of the listing's key
   * condition, or every write of the table puts its items there.
   */
  private inPartition(listing: Listing, constants: ReadonlySet<string>, table: string): boolean {
    const within = (held: ReadonlySet<string>) => [...listing.constants].every((constant) => held.has(constant));
    if (within(constants)) return true;
    const writes = this.writes.get(table) ?? [];
    return writes.length > 0 && writes.every(within);
  }

  /**
   * Whether the handler around a node is restricted to callers who logged in: it, or a function
   * around it, reads the principal or runs behind route middleware.
   */
  private knowsCaller(node: ts.Node): boolean {
    let around: ts.Node = node;
    for (let hop = 0; hop < MAX_ENCLOSING; hop++) {
      const fn = enclosingFunction(around);
      if (ts.isSourceFile(fn)) return false;
      let gated = this.gated.get(fn);
      if (gated === undefined) {
        gated = this.analysis.tracer.guards.behindMiddleware(fn) || this.evidence.readsPrincipalIn(fn);
        this.gated.set(fn, gated);
      }
      if (gated) return true;
      around = fn.parent;
    }
    return false;
  }

  private listingsOf(table: string): Listing[] {
    this.listings ??= this.gather();
    return this.listings.get(table) ?? [];
  }

  /**
   * Every read (a call of a wrapper being a read of its own) whose key no request value or
   * principal chooses, or only a category, with the responses that hand out its items.
   */
  private gather(): Map<string, Listing[]> {
    const candidates = new Map<
      ts.Node,
      { table: string; constants: Set<string>; categories: string[]; read: ts.Node } | null
    >();
    for (const file of ownSourceFiles(this.analysis.program)) {
      if (!this.analysis.mayReachSinks(file)) continue;
      for (const fact of this.analysis.factsInFile(file)) {
        // A wrapper's own input is a parameter: the table is the one its call passes.
        const ref =
          this.evidence.refOfSite(fact.site) ?? this.evidence.refOf(fact.table, fact.keys, !!fact.site.mapper);
        const table = ref?.table;
        if (!ref || !table || fact.pendingInput) continue;
        if (KEYED_WRITES.has(fact.site.operation)) {
          let writes = this.writes.get(table);
          if (!writes) this.writes.set(table, (writes = []));
          writes.push(this.constantsOf(fact));
        }
        if (fact.site.operation !== 'scan' && fact.site.operation !== 'query') continue;
        // A read in a wrapper (`query: (params) => client.query(params)`) is one access per call of it.
        const access = fact.boundAt ?? fact.site.node;
        const known = candidates.get(access);
        if (known === null) continue;
        const categories = this.categoriesPicked(fact, ref);
        if (!categories) {
          candidates.set(access, null);
          continue;
        }
        const constants = known?.constants ?? new Set<string>();
        for (const constant of this.constantsOf(fact)) constants.add(constant);
        candidates.set(access, {
          table,
          constants,
          categories: [...(known?.categories ?? []), ...categories],
          read: fact.site.node,
        });
      }
    }
    const reads = new Set([...candidates.values()].flatMap((candidate) => (candidate ? [candidate.read] : [])));
    const responses = new Map<ts.Node, ts.Node[]>();
    for (const handed of this.exposure.handedOut(reads)) {
      if (this.privileged(handed)) continue;
      // A wrapper's items are the listing's only where they came back through its call.
      const access = [handed.read.node, ...(handed.origin.via ?? []).map((hop) => hop.call)].find(
        (node) => candidates.get(node)?.read === handed.read.node,
      );
      if (!access) continue;
      let list = responses.get(access);
      if (!list) responses.set(access, (list = []));
      list.push(handed.site.node);
    }
    const byTable = new Map<string, Listing[]>();
    for (const [node, list] of responses) {
      const candidate = candidates.get(node);
      if (!candidate) continue;
      let listings = byTable.get(candidate.table);
      if (!listings) byTable.set(candidate.table, (listings = []));
      listings.push({ constants: candidate.constants, categories: candidate.categories, responses: list });
    }
    return byTable;
  }

  /**
   * What a read lists whatever the client sends: every item of its key's constants (no attribute
   * picked), or of each category the client picks (`GSI1PK = :kind` where every write stores a
   * constant there, the attributes compared); undefined when a request value or the principal
   * chooses whose items it reads.
   */
  private categoriesPicked(fact: AccessFact, ref: EntityRef): string[] | undefined {
    if (this.listsAll(fact)) return [];
    if (fact.filters.length > 0 || !fact.witnesses.every(originless) || !this.evidence.picksCategory(fact, ref))
      return undefined;
    const definitions = this.analysis.tracer.definitions;
    const picked = fact.keys.filter(
      (position) => !originless(position.taint) || !isConstantValue(definitions, position.nodes.at(-1)!),
    );
    return picked.every((position) => position.compared) ? picked.map((position) => position.compared!) : undefined;
  }

  /** No value of the access comes from anywhere but constants, and nothing filters its items. */
  private listsAll(fact: AccessFact): boolean {
    const definitions = this.analysis.tracer.definitions;
    return (
      fact.filters.length === 0 &&
      fact.witnesses.every(originless) &&
      fact.keys.every(
        (position) =>
          originless(position.taint) && isConstantValue(definitions, position.nodes[position.nodes.length - 1]!),
      )
    );
  }

  /** An admin-only list makes nothing public: a role check before the read, the response or any step between. */
  private privileged(handed: HandedItem): boolean {
    const guards = this.analysis.tracer.guards;
    return (
      guards.privilegedAt(handed.read.node) ||
      guards.privilegedAt(handed.site.node) ||
      handed.origin.steps.some((step) => guards.privilegedAt(step.node))
    );
  }

  /** The constant key values of an access. */
  private constantsOf(fact: AccessFact): Set<string> {
    const definitions = this.analysis.tracer.definitions;
    const out = new Set<string>();
    for (const position of fact.keys) {
      const value = position.nodes[position.nodes.length - 1]!;
      if (isConstantValue(definitions, value)) out.add(constantString(definitions, value as ts.Expression).text);
    }
    return out;
  }
}

function originless(taint: Taint): boolean {
  return taint.alts.every((alt) => alt.length === 0);
}

const listed = new WeakMap<ProgramEvidence, ListedEntities>();

/** The listings of a program, one per evidence index (so per program and configuration). */
export function listedFor(analysis: DynamoAnalysis, exposure: Exposure, evidence: ProgramEvidence): ListedEntities {
  let found = listed.get(evidence);
  if (!found) listed.set(evidence, (found = new ListedEntities(analysis, exposure, evidence)));
  return found;
}
