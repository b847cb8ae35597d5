import ts from 'typescript';
import type { AccessFact } from '../engine/dynamodb/access.js';
import { returnedToAccess } from '../engine/dynamodb/access.js';
import type { SinkSite } from '../engine/dynamodb/sites.js';
import type { DynamoAnalysis } from '../engine/dynamodb/analysis.js';
import { analysisFor, exposureFor } from '../engine/analysis.js';
import { evidenceFor } from '../engine/evidence/cache.js';
import { listedFor } from '../engine/evidence/listed-entities.js';
import type { EntityRef } from '../engine/evidence/entities.js';
import type { HandedItem } from '../engine/exposure/analysis.js';
import { objectModelsOf } from '../engine/parameter-matchers.js';
import type { RequestObjectModel } from '../engine/model.js';
import type { EntityVerdict, ProgramEvidence, SensitiveCategory } from '../engine/evidence/program-evidence.js';
import { locationOf, whereText } from '../engine/report.js';
import { constantString } from '../engine/strings.js';
import { isPrincipal, sourcesOf } from '../engine/taint.js';
import type { SourceOrigin } from '../engine/taint.js';
import { ANY } from '../engine/flow/path.js';
import { configuredEvidence, configuredModels, nameMatcher } from '../models/configured.js';
import {
  bindingPath,
  descendants,
  enclosingFunction,
  isFunctionNode,
  parentOf,
  shortText,
  skipOuter,
} from '../engine/ast.js';
import { nameWords } from '../engine/strings.js';
import { publicOperationWords, publicProfileAttributes, publicationMarks, tenantKinds } from '../models/evidence.js';
import { namedPublic } from './public-operations.js';
import { claimedIdentity } from '../models/claims.js';
import { PublishedReads } from '../engine/guards/published.js';
import { credentials } from '../models/auth.js';
import { answeredBeforeCheck, isLoginLookup } from '../engine/evidence/credential-reads.js';
import { deliversOnly } from './deliveries.js';
import { createsAfterAbsence } from './creates-after-absence.js';
import { feedsRelationOnly, testedForExistenceOnly } from './existence-reads.js';
import { presentsHeldSecret } from './presented-secrets.js';
import { relatesOnlyTheCaller } from './relationship-writes.js';
import { readSettings } from '../settings.js';

/**
 * How much a rule needs before it reports (SPEC §5): `required` reports a pattern only when the
 * program does not show it harmless (the `recommended` config); `none` reports every pattern (an
 * audit, the `strict` config).
 */
export type EvidenceMode = 'required' | 'none';

/** An access `no-unscoped-key` reports, and what the program shows about the entity it reaches. */
export interface UnscopedAccess {
  readonly ref?: EntityRef;
  readonly verdict: EntityVerdict;
  /** Whether the app authenticates anyone: a principal's record read in an app without login is everyone's. */
  readonly authenticated: boolean;
  /** An attribute of a principal's record, other than a public profile's, that reaches a response (`email`), and where. */
  readonly sent?: SentAttribute;
}

/** An attribute of an item that reaches a response, and the response. */
export interface SentAttribute {
  readonly attribute: string;
  readonly response: ts.Node;
}

const PUBLIC_OPERATION_WORDS: ReadonlySet<string> = new Set(publicOperationWords);
const PROFILE_ATTRIBUTES: ReadonlySet<string> = new Set(publicProfileAttributes);
const GROUP_KINDS: ReadonlySet<string> = new Set(tenantKinds);

/** An attribute a public profile shows (`publicProfileAttributes`): `name`, `avatarUrl`, `profileImage`. */
function onProfile(attribute: string): boolean {
  const words = nameWords(attribute);
  return PROFILE_ATTRIBUTES.has(words) || (words.endsWith(' url') && PROFILE_ATTRIBUTES.has(words.slice(0, -4)));
}

/** The function around a node; undefined for top-level code. */
function functionAround(node: ts.Node): ts.Node | undefined {
  const around = enclosingFunction(node);
  return ts.isSourceFile(around) ? undefined : around;
}

/**
 * The one place that decides whether `no-unscoped-key` reports an access, so that
 * `no-unvalidated-input` can stay silent exactly there (SPEC §2, one finding per flaw) and
 * `no-raw-item-response` can tell someone else's item from the caller's own.
 */
export class UnscopedJudge {
  private readonly publicTables: ((name: string) => boolean)[];
  private index: ProgramEvidence | undefined;
  private publishedReads: PublishedReads | undefined;

  constructor(
    private readonly program: ts.Program,
    private readonly analysis: DynamoAnalysis,
    private readonly settings: Readonly<Record<string, unknown>> | undefined,
    rulePublicTables: readonly string[],
    private readonly mode: EvidenceMode,
  ) {
    this.publicTables = [...new Set([...readSettings(settings).publicTables, ...rulePublicTables])].map((pattern) =>
      nameMatcher(pattern, 'publicTables'),
    );
  }

  /** The evidence over the whole program, gathered on first need (most files have no unscoped access). */
  get evidence(): ProgramEvidence {
    // The index is built on the settings-only analysis, which every rule's configuration shares.
    if (!this.index) {
      const models = configuredModels(this.settings);
      this.index = evidenceFor(analysisFor(this.program, models), configuredEvidence(this.settings), models.key);
    }
    return this.index;
  }

  /** The access as `no-unscoped-key` reports it, or undefined when it does not. */
  judge(fact: AccessFact): UnscopedAccess | undefined {
    if (fact.pendingInput || fact.create || isScoped(fact)) return undefined;
    // A key taken from the caller's own record (read by the caller's verified identity) is the caller's.
    if (fact.keys.some((position) => this.analysis.tracer.guards.readByCaller(position.taint))) return undefined;
    const sources = fact.keys.flatMap((position) => sourcesOf(position.taint));
    if (sources.length === 0) return undefined;
    // A GraphQL parent object's id was put there by the server's own resolver: no client chose it.
    if (this.mode === 'required' && sources.every((origin) => origin.serverProduced)) return undefined;
    if (this.privileged(fact)) return undefined;
    if (fact.table && this.publicTables.length) {
      const name = constantString(this.analysis.tracer.definitions, fact.table);
      const text = fact.table.getText();
      if (this.publicTables.some((matches) => (name.complete && matches(name.text)) || matches(text))) return undefined;
    }
    const ref = this.evidence.refOf(fact.table, fact.keys, !!fact.site.mapper, fact.site.mapper?.keyPrefix);
    const claim = this.identityClaim(fact);
    // The app the request value enters decides whether anyone logs in.
    const at = sources[0]?.node ?? fact.site.node;
    const verdict: EntityVerdict = claim
      ? { kind: 'claimed', label: claim }
      : ref
        ? this.evidence.verdict(ref, at, fact.site.operation)
        : { kind: 'unknown' };
    if (this.mode === 'required' && verdict.kind === 'shared') return undefined;
    if (this.mode === 'required' && !claim && testedForExistenceOnly(fact, this.analysis)) return undefined;
    // A friend request, an invitation, a follow: appended entries from the caller, nothing of the item read or replaced.
    if (
      this.mode === 'required' &&
      !claim &&
      (deliversOnly(this.analysis, fact) || relatesOnlyTheCaller(this.analysis, fact))
    )
      return undefined;
    // The read of the item such a write extends: it only decides whether the relation can be made.
    if (this.mode === 'required' && !claim && feedsRelationOnly(fact, this.analysis)) return undefined;
    // A registration: the put runs only once a read of the same key found nothing.
    if (this.mode === 'required' && !claim && createsAfterAbsence(this.analysis, fact)) return undefined;
    // A login looks up the account the client names, then checks its password hash or API key
    // (unless it answers with the item first): the check proves even an identity a header claims.
    if (this.mode === 'required' && isLoginLookup(this.analysis, credentials, fact) && !this.answersFirst(fact))
      return undefined;
    // The key is the secret the client holds (a refresh token, a session id): presenting it is the authorization.
    if (this.mode === 'required' && !claim && presentsHeldSecret(fact)) return undefined;
    // Public by design, as the code marks it: the read only ever returns items marked public.
    if (this.mode === 'required' && !claim && this.onlyPublished(fact)) return undefined;
    // Public by design, as the program names it: every handler the request value enters calls itself public.
    if (
      this.mode === 'required' &&
      !claim &&
      PUBLISHABLE_READS.has(fact.site.operation) &&
      sources.every((origin) => {
        const handler = functionAround(origin.node);
        return (
          !!handler && namedPublic(handler, PUBLIC_OPERATION_WORDS, (file) => this.evidence.readsPrincipalInFile(file))
        );
      })
    )
      return undefined;
    // The client picks one of the constant categories an index is keyed by, not whose items.
    if (this.mode === 'required' && !claim && ref && this.evidence.picksCategory(fact, ref)) return undefined;
    // Every item is listed to the same callers already: reading one by a chosen key shows nothing more.
    if (this.mode === 'required' && !claim && ref && this.alreadyListed(fact, ref, at)) return undefined;
    // A public profile: a principal's record that reaches clients only as attributes a public profile shows.
    // A person's record, that is: a group's items (`ORG#`) are its members' data, not a profile.
    const sent =
      this.mode === 'required' && !claim && verdict.kind === 'principalRecord' && !GROUP_KINDS.has(verdict.principal)
        ? this.profileSent(fact)
        : undefined;
    if (sent === 'public') return undefined;
    return { ref, verdict, authenticated: this.evidence.authenticatesAt(at), ...(sent ? { sent } : {}) };
  }

  /**
   * What of a read's items reaches clients: `public` when they reach some response and every one
   * only as attributes a public profile shows (`res.json({ name: user.name })`, a constant
   * projection minus the names deleted on the way); else the attribute sent that makes it
   * someone's data (a sensitive one first: `email`); undefined when the whole item, or a member
   * not known, may reach one, or none does. Writes never are public.
   */
  private profileSent(fact: AccessFact): 'public' | SentAttribute | undefined {
    if (!PUBLISHABLE_READS.has(fact.site.operation)) return undefined;
    // A profile is addressed by a public handle: looked up by an e-mail or a phone, it tells who holds that address.
    const selectors = fact.keys.flatMap((position) => {
      const attribute = position.compared ?? /^key\.([^.[]+)/i.exec(position.label)?.[1];
      return attribute ? [attribute] : [];
    });
    if (this.evidence.sensitiveAmong(undefined, selectors)) return undefined;
    const reads = this.readsOf(fact.site);
    if (reads.length === 0) return undefined;
    // A read in a helper or wrapper returns its items to every caller: of those it returned, only
    // the ones returned to the call this access's key went through (`getOther(userId)`) count.
    const ofThisAccess = ({ origin, read }: HandedItem) => returnedToAccess(fact, read.node, origin.via ?? []);
    const exposure = exposureFor(this.program, configuredModels(this.settings));
    const handed = exposure.handedOut(new Set(reads.map((read) => read.node))).filter(ofThisAccess);
    if (handed.length === 0) return undefined;
    let sensitive: SentAttribute | undefined;
    let unlisted: SentAttribute | undefined;
    for (const item of handed) {
      const names = exposure.attributesReaching(item);
      if (!names) return undefined;
      const secret = this.evidence.sensitiveAmong(this.evidence.refOfSite(item.read), names);
      if (secret) sensitive ??= { attribute: secret.attribute, response: item.site.node };
      const other = names.find((name) => !onProfile(name));
      if (other !== undefined) unlisted ??= { attribute: other, response: item.site.node };
    }
    return sensitive ?? unlisted ?? 'public';
  }

  /**
   * A read whose own conditions select only items marked public (`FilterExpression: 'isPublic =
   * :t'`, `:t` the constant `true`), or whose item is acted on only past a check that it is
   * (`if (!quest.published) throw …`), in the function that reads it or in the one whose request
   * value chose it. Writes are never public by design.
   */
  private onlyPublished(fact: AccessFact): boolean {
    if (!PUBLISHABLE_READS.has(fact.site.operation)) return false;
    const reads = this.readsOf(fact.site);
    if (reads.length === 0) return false;
    this.publishedReads ??= new PublishedReads(this.analysis.tracer, publicationMarks);
    const published = this.publishedReads;
    const inputNodes = [...fact.keys, ...fact.filters].flatMap((position) => position.nodes);
    const exits = new Set(fact.keys.flatMap((position) => sourcesOf(position.taint).map((origin) => origin.exitArg)));
    const [exit] = exits;
    const call = exits.size === 1 && exit ? callAround(exit) : undefined;
    return reads.every((read) => {
      const anchors = call ? [read.node, call] : [read.node];
      return anchors.some((anchor) =>
        published.onlyPublished({ site: read.node, anchor, inputNodes, input: read.input ?? fact.site.input }),
      );
    });
  }

  /** A login lookup whose item (some of it) reaches a response written before its password check. */
  private answersFirst(fact: AccessFact): boolean {
    const exposure = exposureFor(this.program, configuredModels(this.settings));
    const handed = exposure
      .handedOut(new Set([fact.site.node]))
      .filter(({ origin, read }) => returnedToAccess(fact, read.node, origin.via ?? []))
      .map((item) => item.site.node);
    return answeredBeforeCheck(this.analysis, credentials, fact, handed);
  }

  /** A read of an entity whose every item the app lists to the same callers (`ListedEntities`); writes never are. */
  private alreadyListed(fact: AccessFact, ref: EntityRef, at: ts.Node): boolean {
    if (!PUBLISHABLE_READS.has(fact.site.operation)) return false;
    const models = configuredModels(this.settings);
    const analysis = analysisFor(this.program, models);
    return listedFor(analysis, exposureFor(this.program, models), this.evidence).covers(fact, ref, at);
  }

  /**
   * The reads an access stands for: itself, or for a typed input literal
   * (`const params: GetCommandInput = { … }`), the calls of its file that send it.
   */
  private readsOf(site: SinkSite): SinkSite[] {
    if (!ts.isObjectLiteralExpression(site.node)) return [site];
    const literal = site.node;
    const holder = literal.parent;
    if (!ts.isVariableDeclaration(holder) || skipOuter(holder.initializer!) !== literal) return [];
    const definitions = this.analysis.tracer.definitions;
    return this.analysis.sites.inFile(literal.getSourceFile()).filter((other) => {
      if (ts.isObjectLiteralExpression(other.node) || !other.input) return false;
      const input = skipOuter(other.input);
      return ts.isIdentifier(input) && definitions.declarationOf(input) === holder;
    });
  }

  /**
   * Privileged access (SPEC §4): every request value in the access's keys is used past a check
   * that the principal holds an administrative role (or behind role-gate middleware), in the
   * function that reads it: at the access, or at a step of its flow there (the branch of
   * `isAdmin(groups) ? owner : sub` that only an administrator takes).
   */
  private privileged(fact: AccessFact): boolean {
    const guards = this.analysis.tracer.guards;
    const sources = fact.keys.flatMap((position) => sourcesOf(position.taint).map((origin) => ({ position, origin })));
    return (
      sources.length > 0 &&
      sources.every(({ position, origin }) => {
        const fn = functionAround(origin.node);
        const uses = [origin.exitArg, ...position.nodes, ...origin.steps.map((step) => step.node)].filter(
          (node): node is ts.Node => !!node && functionAround(node) === fn,
        );
        return uses.some((node) => guards.privilegedAt(node));
      })
    );
  }

  /**
   * A key value read from a request header or cookie is an identity or tenant the client claims
   * (`x-user-id`, `x-tenant-id`, a `userId` cookie), whatever the entity, unless its name says it
   * is a bearer secret (a session id, token or API key) or it is a standard HTTP header
   * (`accept-language`): the label of such a claim, if some key value is one.
   */
  private identityClaim(fact: AccessFact): string | undefined {
    for (const position of fact.keys) {
      for (const origin of sourcesOf(position.taint)) {
        const claim = claimedIdentity(origin);
        if (claim !== undefined) return claim;
      }
    }
    return undefined;
  }
}

/** Reads whose items may be public by design; a write never is. */
/** Nodes of a handler searched for its own principal call, for the message. */
const MAX_HINT_NODES = 2_000;
const PUBLISHABLE_READS: ReadonlySet<string> = new Set(['get', 'query', 'scan', 'batchGet', 'transactGet']);

/** The call an argument is passed to (`loadQuest(id)`, `loadQuest({ id })`). */
function callAround(argument: ts.Expression): ts.CallExpression | ts.NewExpression | undefined {
  let node: ts.Node = argument;
  for (let hop = 0; hop < 6; hop++) {
    const parent = parentOf(node);
    if (!parent) return undefined;
    if (
      (ts.isCallExpression(parent) || ts.isNewExpression(parent)) &&
      parent.arguments?.includes(node as ts.Expression)
    )
      return parent;
    if (isFunctionNode(parent) || ts.isStatement(parent)) return undefined;
    node = parent;
  }
  return undefined;
}
export function isScoped(fact: AccessFact): boolean {
  return fact.keys.some((position) => isPrincipal(position.taint)) || fact.witnesses.some(isPrincipal);
}

/**
 * The principal attribute that scopes an access when the caller's group scopes it, not the caller:
 * every principal value among its keys and witnesses is an attribute naming a group the caller
 * belongs to (`user.companyId`, `claims['custom:tenantId']`). The access stays within the tenant
 * boundary, but it selects colleagues' items, not the caller's own. Undefined otherwise.
 */
export function tenantScope(fact: AccessFact, isTenantAttribute: (name: string) => boolean): string | undefined {
  const scoping = [...fact.keys.map((position) => position.taint), ...fact.witnesses].filter(isPrincipal);
  let shown: string | undefined;
  for (const taint of scoping) {
    for (const alt of taint.alts) {
      for (const origin of alt) {
        if (origin.kind !== 'principal') continue;
        const path = origin.path?.filter((segment) => segment !== ANY) ?? [];
        const attribute = path.at(-1);
        if (attribute === undefined || !isTenantAttribute(attribute)) return undefined;
        const base = ts.isParameter(origin.node) ? origin.node.name.getText() : origin.label;
        shown ??= `\`${base}${path.map((segment) => (/^[A-Za-z_$][\w$]*$/.test(segment) ? `.${segment}` : `['${segment}']`)).join('')}\``;
      }
    }
  }
  return shown;
}

/** What a per-user entity's items hold, by the category of the attribute that shows it. */
const PER_USER_DATA: Partial<Record<SensitiveCategory, string>> = {
  'personal data': 'personal data',
  'payment data': 'payment data',
  credential: 'credentials',
  configured: 'sensitive data',
};

/** `Notes`, or `USER#` for a single-table entity. */
export function entityLabel(ref: EntityRef | undefined): string {
  if (!ref) return 'the table';
  if (ref.prefix && ref.whole) return `'${ref.prefix}'`;
  return ref.prefix ? `${ref.prefix}#` : ref.tableLabel;
}

/** The evidence of an unscoped access in one clause: why the items are someone's, or why they may not be. */
export function unscopedEvidenceText(access: UnscopedAccess, file: ts.SourceFile, cwd: string): string {
  const label = entityLabel(access.ref);
  const where = (node: ts.Node) => whereText(locationOf(node, cwd), file.fileName, cwd);
  const verdict = access.verdict;
  switch (verdict.kind) {
    case 'principalRecord': {
      const records = `${label} items are ${verdict.principal}s' own records`;
      const sent =
        access.sent && ` (their ${access.sent.attribute} reaches the response at ${where(access.sent.response)})`;
      return access.authenticated
        ? `${records}${sent ?? ''}`
        : `${records}${sent ?? ''} and no code authenticates the caller`;
    }
    case 'owned':
      if (verdict.how === 'stores')
        return verdict.via === 'parent'
          ? `${label} items belong to users: ${where(verdict.node)} stores ${verdict.attribute ?? 'an attribute'} of an item checked to be the caller's`
          : verdict.via === 'reference'
            ? `${label} items belong to users: ${where(verdict.node)} creates one keyed by ${verdict.attribute ?? 'an attribute'}, which an owned item holds`
            : `${label} items belong to users: ${where(verdict.node)} stores ${verdict.attribute ?? 'an attribute'} from the caller`;
      if (verdict.how === 'records')
        return `${label} items record their owner in ${verdict.attribute ?? 'an attribute'}: ${where(verdict.node)}`;
      if (verdict.how === 'scoped')
        return `${label} items belong to users: ${where(verdict.node)} reads them by the caller's key`;
      if (verdict.how === 'claimed')
        return `${label} items belong to whoever \`${verdict.claim ?? 'a header'}\` names: ${where(verdict.node)} reaches them by it`;
      return `${label} items belong to users: ${where(verdict.node)} checks them against the caller`;
    case 'keyed':
      return access.authenticated
        ? `${label} items belong to users: they are keyed by ${verdict.attribute}`
        : `${label} items belong to users: they are keyed by ${verdict.attribute} and no code authenticates the caller`;
    case 'claimed':
      return `the caller's identity is taken from \`${verdict.label}\`, which the client chooses`;
    case 'personal': {
      const held = `${label} items hold ${PER_USER_DATA[verdict.category] ?? 'personal data'} (${verdict.attribute}, ${where(verdict.node)})`;
      return access.authenticated
        ? `${held}, so they are someone's, not everyone's`
        : `${held} and no code authenticates the caller`;
    }
    case 'shared':
      return verdict.node
        ? `${label} items look shared (${where(verdict.node)} writes them with no owner), so this may be by design`
        : `no code authenticates a caller, so ${label} items look shared and this may be by design`;
    case 'unknown':
      return `nothing in the program shows that ${label} items are shared`;
  }
}

/**
 * How the fix is named in the framework of the request value (`req.user`,
 * `event.requestContext.authorizer`, `getServerSession(context.req, context.res, authOptions)`):
 * the request object model the value was read from, by its type or parameter; failing that, the
 * model whose conventional parameter name the source label starts with and which reads that part.
 */
export function principalHint(source: SourceOrigin, analysis: DynamoAnalysis): string {
  // A handler that verifies the caller itself (`getAuth().verifyIdToken(token)`) names its own caller.
  const verifier = principalCallIn(enclosingFunction(source.node), analysis);
  if (verifier) return `the caller \`${shortText(verifier.expression, 40)}(…)\` returns`;
  const requestObjects = analysis.tracer.model.requestObjects;
  const [root, part] = source.label.split('.');
  const object = requestObjectOf(source.node, analysis);
  const models = object ? objectModelsOf(analysis.tracer.checker, object.node, requestObjects) : [];
  // An untyped `event` may be any Lambda event: the one whose part the value was read from.
  const reads = (candidate: RequestObjectModel) =>
    object?.name !== undefined && part !== undefined && !!candidate.sources && Object.hasOwn(candidate.sources, part);
  const model = models.find(reads) ?? models[0];
  const principal = model?.principals?.[0];
  const held = principal && [...(object?.name === undefined ? [] : [object.name]), ...principal].join('.');
  const named = model?.callerHint ?? held;
  if (named) return `\`${named}\``;
  // A request object known by its type whose framework carries no caller (a web `Request`): no other framework's name for it.
  if (models.length || !root || !part) return 'the authenticated caller';
  for (const candidate of requestObjects) {
    const principal = candidate.principals?.[0];
    const conventional = candidate.parameters?.some((matcher) => 'names' in matcher && matcher.names?.includes(root));
    if (principal && conventional && candidate.sources && Object.hasOwn(candidate.sources, part))
      return `\`${root}.${principal.join('.')}\``;
  }
  return 'the authenticated caller';
}

/** A call of a principal function (a token verifier, a session lookup) in a handler's own body (bounded). */
function principalCallIn(fn: ts.Node, analysis: DynamoAnalysis): ts.CallExpression | undefined {
  if (!isFunctionNode(fn)) return undefined;
  const tracer = analysis.tracer;
  let seen = 0;
  for (const node of descendants(fn)) {
    if (++seen > MAX_HINT_NODES) return undefined;
    if (ts.isCallExpression(node) && tracer.calls(node, tracer.model.principalCalls)) return node;
  }
  return undefined;
}

/**
 * The request object a source expression reads (`context` of `context.params.slug`, by its name),
 * or the parameter it was destructured from (`{ params, locals }`: no name).
 */
function requestObjectOf(node: ts.Node, analysis: DynamoAnalysis): { node: ts.Node; name?: string } | undefined {
  let root = skipOuter(node as ts.Expression);
  while (ts.isPropertyAccessExpression(root) || ts.isElementAccessExpression(root) || ts.isCallExpression(root))
    root = skipOuter(root.expression);
  if (!ts.isIdentifier(root)) return undefined;
  const declaration = analysis.tracer.definitions.declarationOf(root);
  if (declaration && ts.isParameter(declaration)) return { node: declaration, name: root.text };
  if (!declaration || !ts.isBindingElement(declaration)) return undefined;
  const { holder } = bindingPath(declaration);
  return ts.isParameter(holder) ? { node: holder } : undefined;
}
