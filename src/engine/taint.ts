import type * as ts from 'typescript';

/** One hop of a flow, in source-to-sink order, for messages and SARIF code flows. */
export interface Step {
  readonly label: string;
  readonly node: ts.Node;
}

/**
 * A value read from a client-controlled part of a request. Every such value carries identity
 * taint (the client chose which item; removed only by ownership scoping) and may carry content
 * taint in two strengths:
 * - `content`: the client may choose any text. Only allow-lists, constant lookups, literal and
 *   numeric types remove it (what `no-expression-injection` asks).
 * - `validated`: a validator (schema, anchored pattern, type predicate) has checked the text,
 *   which is enough for a key or filter value (`no-unvalidated-input`) but still lets the client
 *   pick an attribute or index name.
 */
export interface SourceOrigin {
  readonly kind: 'source';
  readonly node: ts.Node;
  readonly label: string;
  readonly sourceType: string;
  readonly steps: readonly Step[];
  readonly content: boolean;
  readonly validated: boolean;
  /** The first call argument through which the value left the function that read it. */
  readonly exitArg?: ts.Expression;
  /** The server produced the value in an earlier step (a GraphQL parent object); see `serverProducedSources`. */
  readonly serverProduced?: true;
}

/** The authenticated caller: a principal value carries neither kind of taint. */
export interface PrincipalOrigin {
  readonly kind: 'principal';
  readonly node: ts.Node;
  readonly label: string;
  /** The attribute of the principal the value is, when known: `['companyId']` for `req.user.companyId`. */
  readonly path?: readonly string[];
  /**
   * The value stands for the caller only because a read of `table` that bound the caller in its key
   * found an item by it (`Guards.foundOwned`). That proves the value for accesses to other tables;
   * in `table` itself only the access's own key says whose item it is, and the value is `instead`.
   */
  readonly foundIn?: { readonly table: ts.Expression; readonly instead: Taint };
}

/** A value that still depends on a parameter: resolved at each call site (function summaries). */
export interface ParamOrigin {
  readonly kind: 'param';
  readonly fn: ts.SignatureDeclaration;
  readonly index: number;
  readonly path: readonly string[];
  readonly steps: readonly Step[];
  readonly content: boolean;
  readonly validated: boolean;
}

/** A value produced by a modelled call, such as the items returned by a DynamoDB read. */
export interface ProducedOrigin {
  readonly kind: 'produced';
  readonly producer: string;
  readonly site: ts.Node;
  readonly path: readonly string[];
  readonly steps: readonly Step[];
  /**
   * The calls whose returns carried the value out of the function that read it, innermost first:
   * a wrapper's read (`(params) => client.get(params)`) was made with the input its caller passed.
   */
  readonly via?: readonly ReturnedThrough[];
}

/** A call that returned a produced value, and the function it called. */
export interface ReturnedThrough {
  readonly call: ts.CallExpression;
  readonly fn: ts.SignatureDeclaration;
}

export type Origin = SourceOrigin | PrincipalOrigin | ParamOrigin | ProducedOrigin;

/**
 * A value as a disjunction of alternatives, each a mix of origins. Alternatives come from
 * `a ?? b`, conditionals and several reaching definitions; mixes from templates, concatenation
 * and objects. A value is principal-derived only if every alternative contains a principal:
 * `req.user?.sub ?? req.query.owner` is not, `${sub}#${req.query.kind}` is.
 */
export interface Taint {
  readonly alts: readonly (readonly Origin[])[];
}

/** A constant or otherwise uninteresting value. */
export const CLEAN: Taint = Object.freeze({ alts: Object.freeze([Object.freeze([])]) });

/**
 * No value at all (a property read of an object literal that lacks it): an alternative that adds no
 * origin, so `alternatives` drops it and `mix` skips it; a whole taint of it is clean.
 */
export const NOTHING: Taint = Object.freeze({ alts: Object.freeze([]) });

/** Bounds the alternative explosion of long `?:`/`||` chains and cross products. */
const MAX_ALTS = 24;
const MAX_ORIGINS_PER_ALT = 24;

/** A request value read at `node`, its text as free as the client sent it unless a framework checked it. */
export function requestSource(
  node: ts.Node,
  label: string,
  sourceType: string,
  checked?: Sanitization,
  serverProduced?: boolean,
): Taint {
  return single({
    kind: 'source',
    node,
    label,
    sourceType,
    steps: [{ label: `\`${label}\``, node }],
    content: checked !== 'allowListed',
    validated: checked !== undefined,
    ...(serverProduced ? { serverProduced: true } : {}),
  });
}

export function single(origin: Origin): Taint {
  return { alts: [[origin]] };
}

export function isClean(taint: Taint): boolean {
  return taint.alts.every((alt) => alt.length === 0);
}

/** Any one of the values may flow. */
export function alternatives(taints: readonly Taint[]): Taint {
  const alts: (readonly Origin[])[] = [];
  for (const taint of taints) alts.push(...taint.alts);
  if (alts.length === 0) return CLEAN;
  return bound(dedupeAlts(alts));
}

/** All of the values flow together into one (a template, a concatenation, an object). */
export function mix(taints: readonly Taint[]): Taint {
  let alts: (readonly Origin[])[] = [[]];
  for (const taint of taints) {
    if (isClean(taint)) continue;
    const next: (readonly Origin[])[] = [];
    for (const left of alts) {
      for (const right of taint.alts)
        next.push(left.length === 0 ? right : right.length === 0 ? left : [...left, ...right]);
    }
    alts = bound(dedupeAlts(next)).alts as (readonly Origin[])[];
  }
  return { alts };
}

export function mapOrigins(taint: Taint, map: (origin: Origin) => Origin | undefined): Taint {
  if (isClean(taint)) return taint;
  return {
    alts: taint.alts.map((alt) => {
      const out: Origin[] = [];
      for (const origin of alt) {
        const mapped = map(origin);
        if (mapped) out.push(mapped);
      }
      return out;
    }),
  };
}

/** Replaces origins by whole taints (parameter substitution at a call site). */
export function flatMapOrigins(taint: Taint, expand: (origin: Origin) => Taint | undefined): Taint {
  if (isClean(taint)) return taint;
  const alts: Taint[] = [];
  for (const alt of taint.alts) {
    alts.push(mix(alt.map((origin) => expand(origin) ?? single(origin))));
  }
  return alternatives(alts);
}

/** Appends a hop to every flow still being followed. */
export function withStep(taint: Taint, step: Step): Taint {
  return mapOrigins(taint, (origin) => {
    if (origin.kind === 'principal') return origin;
    return { ...origin, steps: appendStep(origin.steps, step) };
  });
}

/** Keeps the flows, drops the client's control over the text (`Number(x)`, `parseInt`, an allow-list). */
export function dropContent(taint: Taint): Taint {
  return mapOrigins(taint, (origin) =>
    (origin.kind === 'source' || origin.kind === 'param') && (origin.content || !origin.validated)
      ? { ...origin, content: false, validated: true }
      : origin,
  );
}

/** Keeps the flows and the text, records that a validator checked it (`schema.parse(x)`). */
export function markValidated(taint: Taint): Taint {
  return mapOrigins(taint, (origin) =>
    (origin.kind === 'source' || origin.kind === 'param') && !origin.validated
      ? { ...origin, validated: true }
      : origin,
  );
}

/** How strongly a check constrains a value: a validator, or an allow-list of constants. */
export type Sanitization = 'validated' | 'allowListed';

export function strongest(current: Sanitization | undefined, next: Sanitization | undefined): Sanitization | undefined {
  if (current === 'allowListed' || next === 'allowListed') return 'allowListed';
  return current ?? next;
}

export function sanitize(taint: Taint, how: Sanitization): Taint {
  return how === 'allowListed' ? dropContent(taint) : markValidated(taint);
}

export function isPrincipal(taint: Taint): boolean {
  return taint.alts.length > 0 && taint.alts.every((alt) => alt.some((origin) => origin.kind === 'principal'));
}

export function sourcesOf(taint: Taint): SourceOrigin[] {
  const seen = new Set<string>();
  const out: SourceOrigin[] = [];
  for (const alt of taint.alts) {
    for (const origin of alt) {
      if (origin.kind !== 'source') continue;
      const key = `${origin.node.pos}:${origin.node.end}:${origin.label}:${origin.exitArg?.pos ?? ''}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push(origin);
    }
  }
  return out;
}

export function hasOrigin(taint: Taint, test: (origin: Origin) => boolean): boolean {
  return taint.alts.some((alt) => alt.some(test));
}

const MAX_STEPS = 12;

function appendStep(steps: readonly Step[], step: Step): readonly Step[] {
  const last = steps[steps.length - 1];
  if (last?.node === step.node && last.label === step.label) return steps;
  const next = [...steps, step];
  // Long chains keep their ends: the source, and the hops nearest the sink.
  return next.length > MAX_STEPS ? [next[0]!, ...next.slice(next.length - MAX_STEPS + 1)] : next;
}

function dedupeAlts(alts: (readonly Origin[])[]): (readonly Origin[])[] {
  if (alts.length < 2) return alts;
  const seen = new Set<string>();
  const out: (readonly Origin[])[] = [];
  for (const alt of alts) {
    const key = alt.map(originKey).sort().join('|');
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(alt);
  }
  return out;
}

function originKey(origin: Origin): string {
  switch (origin.kind) {
    case 'source':
      return `s${origin.node.pos}:${origin.label}:${origin.content}:${origin.validated}:${origin.exitArg?.pos ?? ''}`;
    case 'principal':
      return `p${origin.node.pos}:${origin.path?.join('.') ?? ''}:${origin.foundIn?.table.pos ?? ''}`;
    case 'param':
      return `a${origin.fn.pos}:${origin.index}:${origin.path.join('.')}:${origin.content}:${origin.validated}`;
    case 'produced':
      // The same read returned through different calls was made with different inputs.
      return `r${origin.site.pos}:${origin.path.join('.')}:${origin.via?.map((hop) => hop.call.pos).join(',') ?? ''}`;
  }
}

/**
 * Past the bound, the alternatives collapse into one mix. That can only make a value look
 * principal-derived, never request-derived: the engine stays silent rather than guess.
 */
function bound(alts: (readonly Origin[])[]): Taint {
  const trimmed = alts.map((alt) => (alt.length > MAX_ORIGINS_PER_ALT ? alt.slice(0, MAX_ORIGINS_PER_ALT) : alt));
  if (trimmed.length <= MAX_ALTS) return { alts: trimmed };
  const merged: Origin[] = [];
  for (const alt of trimmed) merged.push(...alt);
  return { alts: [merged.slice(0, MAX_ORIGINS_PER_ALT * 2)] };
}
