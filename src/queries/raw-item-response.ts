import ts from 'typescript';
import type { DynamoAnalysis } from '../engine/dynamodb/analysis.js';
import { analysisFor, exposureFor } from '../engine/analysis.js';
import type { ExposedItem } from '../engine/exposure/analysis.js';
import type { Projection } from '../engine/exposure/items.js';
import { deniedNames } from '../engine/exposure/deny-lists.js';
import { descendants, enclosingFunction, isFunctionNode, isWithin, shortText, skipOuter } from '../engine/ast.js';
import type { SinkSite } from '../engine/dynamodb/sites.js';
import type { AccessFact } from '../engine/dynamodb/access.js';
import { literalMember } from '../engine/flow/shapes.js';
import { constantString } from '../engine/strings.js';
import { flowLocations, formatFlow } from '../engine/report.js';
import type { FlowLocation } from '../engine/report.js';
import { ANY } from '../engine/flow/path.js';
import { locationOf, whereText } from '../engine/report.js';
import { configuredModels, tenantAttributeMatcher } from '../models/configured.js';
import { tableOf } from '../engine/evidence/entities.js';
import type { EntityRef } from '../engine/evidence/entities.js';
import { checkedHashes, isLoginLookup } from '../engine/evidence/credential-reads.js';
import { credentials } from '../models/auth.js';
import { entityLabel, isScoped, tenantScope, UnscopedJudge } from './evidence.js';
import type { EvidenceMode } from './evidence.js';
import type { SensitiveAttribute, SensitiveCategory } from '../engine/evidence/program-evidence.js';
import { sourcesOf } from '../engine/taint.js';
import type { Taint } from '../engine/taint.js';

/**
 * What even the owner of an item must not see of it: secrets, role and permission flags, the
 * operator's internal judgements, and names the user configured (not where the item is in its
 * life: the owner may see that their own item is deleted or blocked).
 */
const OWN_ITEM_CATEGORIES: ReadonlySet<SensitiveCategory> = new Set([
  'credential',
  'authorization',
  'internal state',
  'configured',
]);
/** What even an administrator must not see of anyone's item: secrets and names the user configured. */
const ADMIN_CATEGORIES: ReadonlySet<SensitiveCategory> = new Set(['credential', 'configured']);

export interface RawItemResponseOptions {
  /** Accept deny-lists (`const { secret, ...rest } = item`, `_.omit`, `delete item.x`) as projections. */
  readonly allowDenyList: boolean;
  readonly evidence: EvidenceMode;
}

export interface RawItemResponse {
  readonly node: ts.Node;
  readonly exposed: ExposedItem;
  /** The read, as shown to users: `` `Item` of GetCommand (line 12) ``, `` `Items` of QueryCommand (repositories/notes.ts:9) ``. */
  readonly readText: string;
  readonly flow: readonly FlowLocation[];
  readonly flowText: string;
  /** The deny-list on the way, as shown to users (`` `...rest` ``), when there is one. */
  readonly denyListText?: string;
  /** The read's constant projection, as shown to users (`` `'id, passwordHash'` (line 9) ``), when it names what no client should see. */
  readonly projectionText?: string;
  /** Why sending this item is a flaw (SPEC §5), in one clause; empty when nothing shows it (audit mode only). */
  readonly evidenceText: string;
}

/**
 * Whole DynamoDB items that reach an HTTP response in this file without a projection: neither a
 * constant `ProjectionExpression` on the read nor an allow-list of named fields on the way; and
 * projected reads whose projection names what no client should see (`projectedSecret`).
 */
export function findRawItemResponses(
  program: ts.Program,
  file: ts.SourceFile,
  options: RawItemResponseOptions,
  settings: Readonly<Record<string, unknown>> | undefined,
  cwd: string,
): RawItemResponse[] {
  const models = configuredModels(settings);
  const exposure = exposureFor(program, models);
  const out: RawItemResponse[] = [];
  // A deny-list after a projection only narrows a closed list of names: judged with the projection.
  const found = exposure
    .inFile(file)
    .map(({ items }) => items.filter((exposed) => !!exposed.projection || !exposed.denyList || !options.allowDenyList));
  // The keys of the read are judged on the settings-only analysis, as `no-unscoped-key` judges them.
  const keys = found.some((items) => items.length) ? analysisFor(program, models) : undefined;
  const judge = keys && new UnscopedJudge(program, keys, settings, [], 'required');
  const isTenant = tenantAttributeMatcher(settings);
  for (const items of found) {
    // A response carrying several whole items (`{ ...game, host }`) is a finding when any one of
    // them is: one report per site, naming the first item that is (in audit mode, else the first).
    let first: { exposed: ExposedItem; evidenceText: string } | undefined;
    let shown: typeof first;
    for (const exposed of items) {
      // A projection is an allow-list: in every mode, only a name on it that no client should see is a finding.
      const projection = exposed.projection;
      const secret = projection && judge && projectedSecret(exposed, projection, judge, keys);
      if (projection && !secret) continue;
      const evidenceText = secret ?? (judge ? exposureEvidence(exposed, judge, keys, isTenant, file, cwd) : '');
      first ??= { exposed, evidenceText };
      if (evidenceText) {
        shown = { exposed, evidenceText };
        break;
      }
    }
    if (!shown && options.evidence !== 'required') shown = first;
    if (!shown) continue;
    const { exposed, evidenceText } = shown;
    const { site, origin, read, projection } = exposed;
    const readStep = { label: readLabel(origin.path, read.api), node: read.node };
    const flow = flowLocations([readStep, ...origin.steps], { label: site.label, node: site.node }, cwd);
    out.push({
      node: site.node,
      exposed,
      readText: formatFlow(flow.slice(0, 1), file.fileName, cwd),
      flow,
      flowText: formatFlow(flow, file.fileName, cwd),
      denyListText: exposed.denyList && `\`${shortText(exposed.denyList, 40)}\``,
      projectionText:
        projection &&
        `\`${shortText(projection.node, 40)}\` (${whereText(locationOf(projection.node, cwd), file.fileName, cwd)})`,
      evidenceText,
    });
  }
  return out;
}

/**
 * Why a whole item must not reach the client (SPEC §5), or '' when the program shows it harmless:
 * (a) it was read by a key `no-unscoped-key` reports and its attributes are not known (an item
 * known to hold nothing sensitive adds nothing to the IDOR finding), (b) its entity holds a sensitive attribute
 * (for the caller's own item, one even its owner must not see: a secret, a role or internal flag; the
 * account a login looks up is the caller's own), (c) it is a principal's record read without the caller's key and its attributes are not known (one
 * known to hold nothing sensitive, a name and an id, shows nobody more than a projection would), (d) nothing is known of its
 * attributes and its entity is neither shared nor read with the caller's key.
 */
function exposureEvidence(
  exposed: ExposedItem,
  judge: UnscopedJudge,
  analysis: DynamoAnalysis,
  isTenant: (name: string) => boolean,
  file: ts.SourceFile,
  cwd: string,
): string {
  const read = exposed.read;
  // The reads as the functions the item passes through on its way made them (`getAllTasks` calling
  // a wrapper with the caller's id, its result sent by a route in another file).
  const files = new Set([
    file,
    read.node.getSourceFile(),
    ...exposed.origin.steps.map((step) => step.node.getSourceFile()),
  ]);
  const readFacts = [...files]
    .flatMap((each) => analysis.factsInFile(each))
    .filter((fact) => fact.site.node === read.node && cameOutOf(fact, exposed.origin));
  // A helper read by several callers (`findUser(req.user.email)` in /me, `findUser(req.params.email)`
  // elsewhere): the item this response sends was read with the keys its own handler passed.
  const responder = enclosingFunction(exposed.site.node);
  const chosenBy = (fns: readonly ts.Node[]) =>
    readFacts.filter((fact) => fact.keys.some((position) => fns.some((fn) => chosenWithin(position.taint, fn))));
  // Failing those, the keys a function on the item's way chose (`getAllTasks(request)` querying by
  // the caller's id, its result sent by a route elsewhere).
  const way = exposed.origin.steps
    .map((step) => (isFunctionNode(step.node) ? step.node : enclosingFunction(step.node)))
    .filter(isFunctionNode);
  const responderFacts = chosenBy([responder]);
  const local = responderFacts.length ? responderFacts : chosenBy(way);
  // One handler calling the helper twice (`findByCompany(user.companyId)`, `findByEmail(user.email)`):
  // the item one response sends was read with the values its own call passed.
  const returning = callsReturning(analysis, exposed, responder);
  const handed = valuesPassedTo(analysis, returning);
  const called = local.filter((fact) =>
    fact.keys.some((position) => originKeys(position.taint).some((key) => handed.has(key))),
  );
  const facts = called.length ? called : local.length ? local : readFacts;
  const othersItem = facts.some((fact) => judge.judge(fact));
  const evidence = judge.evidence;
  // A read inside a wrapper (`db.get(params)`, `list(table)`) is to the entity its caller names.
  const reader = enclosingFunction(read.node);
  const named = facts.find((fact) => fact.table && !isWithin(fact.table, reader));
  const passed = tablePassedBy(analysis, read, exposed.site.node, exposed.origin);
  const ref =
    (named && evidence.refOf(named.table, named.keys, !!named.site.mapper)) ??
    (passed && evidence.refOf(passed, [])) ??
    kindReadAt(evidence, read, returning) ??
    evidence.refOfSite(read) ??
    facts.map((fact) => evidence.refOf(fact.table, fact.keys, !!fact.site.mapper)).find((found) => !!found);
  const label = entityLabel(ref);
  // The caller's own item shows its owner their own personal data: only what even the owner must
  // not see makes it a finding (secrets, role and internal flags), unless a deny-list removed it.
  // Items selected by the caller's group (`user.companyId`) are colleagues' items, not the caller's
  // own, unless the group itself is all they record as their owner.
  // A response sent only past a check that the caller holds an administrative role (SPEC §4, the
  // judgement no-unscoped-key makes of privileged access) goes to an administrator, who sees
  // anyone's items by design: only what even an administrator must not see makes it a finding.
  if (analysis.tracer.guards.privilegedAt(exposed.site.node)) {
    const secret =
      ref && evidence.sensitiveAttribute(ref, ADMIN_CATEGORIES, exposed.denyList && deniedNames(exposed.denyList));
    return secret ? `${itemsHold(label, secret, file, cwd)}, which even an administrator must not see` : '';
  }
  // Items filtered in code to those whose attribute equals the caller's (`t.ownerId === user.sub`)
  // are the caller's own, whichever read fetched them — unless the attribute is the caller's group
  // (`t.companyId === user.companyId`), which keeps colleagues' items. The account a login looks up
  // is the one the client has just proved it owns (its password checked): the caller's own record.
  const filter = exposed.ownerFilter;
  const ownerFiltered = !!filter && !isTenant(filter.attribute) && !filter.principal.some(isTenant);
  const login = facts.length > 0 && facts.every((fact) => isLoginLookup(analysis, credentials, fact));
  if (ownerFiltered || login) {
    const denied = exposed.denyList && deniedNames(exposed.denyList);
    const secret = ref && evidence.sensitiveAttribute(ref, OWN_ITEM_CATEGORIES, denied);
    if (secret) return `${itemsHold(label, secret, file, cwd)}, which even their owner must not see`;
    // The hash a login compares is read from the very item it sends.
    const hash = login
      ? checkedHashes(analysis, credentials, read.node).find((found) => !denied?.has(found.attribute))
      : undefined;
    return hash
      ? `${label} items hold ${hash.attribute}, compared as the password hash at ${whereText(locationOf(hash.node, cwd), file.fileName, cwd)}, which even their owner must not see`
      : '';
  }
  // A table the client names (`TableName: event.pathParameters.table`): its items are those of any
  // table the function may read, whatever this app writes to its own.
  const tables = [passed, ...facts.map((fact) => fact.table)];
  const chosen = tables.find((table) => table && sourcesOf(analysis.tracer.value(table)).length > 0);
  if (chosen)
    return `the client chooses the table it is read from (${shortText(chosen, 40)}), so it may be any table's`;
  // Read by the caller's key: the principal, or an attribute of the caller's own record (`me.id` of
  // the row read by the caller's verified id, SPEC §5), as `no-unscoped-key` judges it.
  const guards = analysis.tracer.guards;
  const scoped = facts.filter(
    (fact) => isScoped(fact) || fact.keys.some((position) => guards.readByCaller(position.taint)),
  );
  const tenant = scoped.length ? scoped.map((fact) => tenantScope(fact, isTenant)) : [];
  const group = tenant.length > 0 && tenant.every((shown) => shown !== undefined) ? tenant[0] : undefined;
  // Items whose only recorded owner is the caller's group (`tenant: claims.tenant`) are the group's
  // own business records, not colleagues' items: the group's member sees them as an owner would.
  const groupsOwn =
    group !== undefined &&
    !!ref &&
    evidence.verdict(ref, file).kind !== 'principalRecord' &&
    evidence.storesOnlyGroups(ref, isTenant);
  const colleagues = groupsOwn ? undefined : group;
  const own = !othersItem && scoped.length > 0 && !colleagues;
  const sensitive =
    ref &&
    (own
      ? evidence.sensitiveAttribute(ref, OWN_ITEM_CATEGORIES, exposed.denyList && deniedNames(exposed.denyList))
      : evidence.sensitiveAttribute(ref));
  const known = !!ref && evidence.knowsAttributes(ref);
  // Another user's item, unless its known attributes hold nothing sensitive: then the IDOR is the finding.
  if (othersItem && (sensitive || !known)) return "the key that read it is not the caller's (no-unscoped-key)";
  if (sensitive) {
    const held = itemsHold(label, sensitive, file, cwd);
    return colleagues && !othersItem
      ? `${held}, and the key that read them is the caller's group (${colleagues}), which selects colleagues' items, not the caller's own`
      : held;
  }
  const verdict = ref && (colleagues || !scoped.length) ? evidence.verdict(ref, file) : undefined;
  // Colleagues' own records (the users of the caller's company), their attributes unknown.
  if (colleagues && !othersItem)
    return verdict?.kind === 'principalRecord' && !known
      ? `${label} items are ${verdict.principal}s' own records and the key that read them is the caller's group (${colleagues}), which selects colleagues' records, not the caller's own`
      : '';
  if (scoped.length) return '';
  if (verdict?.kind === 'principalRecord' && !known)
    return `${label} items are ${verdict.principal}s' own records and this one is not read by the caller's key`;
  if (verdict?.kind !== 'shared' && !known) return `nothing is known of the attributes of ${label} items`;
  return '';
}

/** What a sensitive attribute is, in a message. */
const CATEGORY_TEXT: Readonly<Record<SensitiveCategory, string>> = {
  credential: 'a credential',
  authorization: 'a role or permission',
  'lifecycle state': 'a lifecycle flag',
  'internal state': 'internal state',
  configured: 'configured as sensitive',
  'personal data': 'personal data',
  'payment data': 'payment data',
};

/**
 * A name a read's constant projection returns that even the item's owner must not see (a secret,
 * a role or internal flag; for an administrator's response, a secret), unless a deny-list on the
 * way removes it again, as the message's clause; `undefined` when it names none.
 */
function projectedSecret(
  exposed: ExposedItem,
  projection: Projection,
  judge: UnscopedJudge,
  analysis: DynamoAnalysis,
): string | undefined {
  const denied = exposed.denyList ? deniedNames(exposed.denyList) : new Set<string>();
  const admin = analysis.tracer.guards.privilegedAt(exposed.site.node);
  const secret = judge.evidence.sensitiveAmong(
    judge.evidence.refOfSite(exposed.read),
    [...projection.names].filter((name) => !denied.has(name)),
    admin ? ADMIN_CATEGORIES : OWN_ITEM_CATEGORIES,
  );
  return (
    secret &&
    `${secret.attribute}, ${CATEGORY_TEXT[secret.category]}, which even ${admin ? 'an administrator' : "the item's owner"} must not see`
  );
}

/**
 * `notes items hold email, written at create.ts:14`; `… hold user_id (the caller's email), …`:
 * declared where the attribute is a member of a type or class, else written.
 */
function itemsHold(label: string, held: SensitiveAttribute, file: ts.SourceFile, cwd: string): string {
  const node = held.node;
  const how = ts.isPropertySignature(node) || ts.isPropertyDeclaration(node) ? 'declared' : 'written';
  const what = held.holds ? `${held.attribute} (the caller's ${held.holds})` : held.attribute;
  return `${label} items hold ${what}, ${how} at ${whereText(locationOf(node, cwd), file.fileName, cwd)}`;
}

/**
 * Whether the item may come from this access: an item a wrapper's call returned (`getItem(game.hostId,
 * 'User')`) is that call's read, not the read another call of the wrapper made (`getItem(id, 'Game')`),
 * whatever outer call binds both. Accesses a wrapper makes through a helper of its own (`calledAt`
 * inside it) are every call's.
 */
function cameOutOf(fact: AccessFact, origin: ExposedItem['origin']): boolean {
  const own = origin.via?.[0];
  if (!own || !fact.calledAt || !isWithin(fact.site.node, own.fn)) return true;
  return fact.calledAt === own.call || isWithin(fact.calledAt, own.fn);
}

/** The request values and principal attributes of a value, as comparable keys (`p12:companyId`). */
function originKeys(taint: Taint): string[] {
  return taint.alts.flatMap((alt) =>
    alt.flatMap((origin) => {
      if (origin.kind === 'principal') return [`p${origin.node.pos}:${(origin.path ?? []).join('.')}`];
      if (origin.kind === 'source') return [`s${origin.node.pos}`];
      return [];
    }),
  );
}

/**
 * The values the responding function passes to the last function the item came out of, at its
 * calls (`callsReturning`: `this.service.findByCompany(user.companyId)` for an item
 * `findByCompany` returns), as origin keys.
 */
function valuesPassedTo(analysis: DynamoAnalysis, calls: readonly ts.CallExpression[]): ReadonlySet<string> {
  const out = new Set<string>();
  for (const call of calls)
    for (const argument of call.arguments) for (const key of originKeys(analysis.tracer.value(argument))) out.add(key);
  return out;
}

/**
 * The calls in the responding function of the function the item came out of: the call inside the
 * response itself, else every call of it in the handler.
 */
function callsReturning(analysis: DynamoAnalysis, exposed: ExposedItem, responder: ts.Node): ts.CallExpression[] {
  const returning = [...exposed.origin.steps]
    .reverse()
    .map((step) => step.node.parent)
    .find((parent) => isFunctionNode(parent) && parent !== responder);
  if (!returning || ts.isSourceFile(responder)) return [];
  const calls: ts.CallExpression[] = [];
  for (const node of descendants(responder))
    if (ts.isCallExpression(node) && analysis.tracer.definitions.callee(node) === returning) calls.push(node);
  const own = calls.filter((call) => isWithin(call, exposed.site.node));
  return own.length ? own : calls;
}

/**
 * The kind of item a key wrapper's calls read (`db.get(\`BRANCH#${id}\`, …)`), where every call
 * the item may come out of names the same one (`ProgramEvidence.refAtCall`).
 */
function kindReadAt(
  evidence: UnscopedJudge['evidence'],
  read: SinkSite,
  calls: readonly ts.CallExpression[],
): EntityRef | undefined {
  let found: EntityRef | undefined;
  for (const call of calls) {
    const ref = evidence.refAtCall(read, call);
    if (!ref || (found && (ref.table !== found.table || ref.prefix !== found.prefix))) return undefined;
    found = ref;
  }
  return found;
}

/** Whether some origin of a key value (a request value or the caller) is read inside `fn`. */
function chosenWithin(taint: Taint, fn: ts.Node): boolean {
  return taint.alts.some((alt) =>
    alt.some((origin) => (origin.kind === 'source' || origin.kind === 'principal') && isWithin(origin.node, fn)),
  );
}

/**
 * The table a helper's caller passes (`list('Notices')` for `list = (table) => …({ TableName: table })`):
 * the read's `TableName` is a parameter of the function that reads, bound by a call of it in the
 * function that sends the item.
 */
function tablePassedBy(
  analysis: DynamoAnalysis,
  read: SinkSite,
  sent: ts.Node,
  origin: ExposedItem['origin'],
): ts.Expression | undefined {
  const tracer = analysis.tracer;
  const reader = enclosingFunction(read.node);
  if (ts.isSourceFile(reader) || !read.input) return undefined;
  for (const shape of tracer.shapes.of(read.input)) {
    const table = shape.kind === 'literal' ? literalMember(shape, 'TableName') : undefined;
    const name = table && skipOuter(table);
    const declaration = name && ts.isIdentifier(name) ? tracer.definitions.declarationOf(name) : undefined;
    if (!declaration || !ts.isParameter(declaration) || declaration.parent !== reader) continue;
    const index = reader.parameters.indexOf(declaration);
    // The function that sends the item, or one the item came out of on its way (`findByCompany`
    // passing `process.env.USERS_TABLE` to the reading `findByIndex(table, …)`).
    const callers = [enclosingFunction(sent), ...functionsOnTheWay(origin)];
    for (const caller of callers) {
      for (const node of descendants(caller)) {
        if (!ts.isCallExpression(node) || tracer.definitions.callee(node) !== reader) continue;
        const argument = node.arguments[index];
        if (argument && constantString(tracer.definitions, argument).complete) return argument;
        if (caller !== callers[0] && argument && namesTable(tracer, argument)) return argument;
      }
    }
  }
  return undefined;
}

/** The functions an item came out of on its way to the response, by the steps that name them. */
function functionsOnTheWay(origin: ExposedItem['origin']): ts.Node[] {
  return origin.steps.map((step) => step.node.parent).filter((parent) => isFunctionNode(parent));
}

/**
 * A table argument that names its table itself (`process.env.USERS_TABLE`, also where a deployment
 * template resolves it to a table's name or resource), not a parameter handing on another's.
 */
function namesTable(tracer: DynamoAnalysis['tracer'], argument: ts.Expression): boolean {
  return /^(?:env:|res:|=)/.test(tableOf(tracer.definitions, tracer.checker, argument).table);
}

/** `` `Item` of GetCommand ``, `` `Items` of QueryCommand ``, `output of ScanCommand`. */
function readLabel(path: readonly string[], api: string): string {
  const field = path.find((segment) => segment !== ANY && !/^\d+$/.test(segment));
  return field ? `\`${field}\` of ${api}` : `output of ${api}`;
}
