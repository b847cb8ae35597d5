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
    const readGated = this.evidence.authenticatesAt(at) ? this.knowsCaller(at) : true;
    return listings.some(
      (listing) =>
        this.inPartition(listing, constants, ref.table) &&
        listing.responses.some((response) => readGated || !this.knowsCaller(response)),
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

  /** Every read whose key no request value or principal chooses, with the responses that hand out its items. */
  private gather(): Map<string, Listing[]> {
    const candidates = new Map<ts.Node, { table: string; constants: Set<string> } | null>();
    for (const file of ownSourceFiles(this.analysis.program)) {
      if (!this.analysis.mayReachSinks(file)) continue;
      for (const fact of this.analysis.factsInFile(file)) {
        const table = this.evidence.refOfSite(fact.site)?.table;
        if (!table || fact.pendingInput) continue;
        if (KEYED_WRITES.has(fact.site.operation)) {
          let writes = this.writes.get(table);
          if (!writes) this.writes.set(table, (writes = []));
          writes.push(this.constantsOf(fact));
        }
        if (fact.site.operation !== 'scan' && fact.site.operation !== 'query') continue;
        const known = candidates.get(fact.site.node);
        if (known === null) continue;
        if (!this.listsAll(fact)) {
          candidates.set(fact.site.node, null);
          continue;
        }
        const constants = known?.constants ?? new Set<string>();
        for (const constant of this.constantsOf(fact)) constants.add(constant);
        candidates.set(fact.site.node, { table, constants });
      }
    }
    const reads = new Set([...candidates].flatMap(([node, candidate]) => (candidate ? [node] : [])));
    const responses = new Map<ts.Node, ts.Node[]>();
    for (const handed of this.exposure.handedOut(reads)) {
      if (this.privileged(handed)) continue;
      let list = responses.get(handed.read.node);
      if (!list) responses.set(handed.read.node, (list = []));
      list.push(handed.site.node);
    }
    const byTable = new Map<string, Listing[]>();
    for (const [node, list] of responses) {
      const candidate = candidates.get(node);
      if (!candidate) continue;
      let listings = byTable.get(candidate.table);
      if (!listings) byTable.set(candidate.table, (listings = []));
      listings.push({ constants: candidate.constants, responses: list });
    }
    return byTable;
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
