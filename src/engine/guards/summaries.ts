import ts from 'typescript';
import { bindingPath, findProperty, holdsReturn, isFalsy, returnStatements, skipOuter } from '../ast.js';
import type { FunctionNode } from '../ast.js';
import type { Definitions } from '../definitions.js';
import type { Sanitization } from '../taint.js';
import type { Guards } from './dominators.js';
import type { Either, Equality, Fact, ValueRef } from './facts.js';

/** An equality a function establishes between parts of its parameters before it returns normally. */
export interface ParamPart {
  readonly index: number;
  readonly path: readonly string[];
}

interface ParamEquality {
  readonly left: ParamPart;
  readonly right: ParamPart;
}

/** What a function proves about its parameters whenever it returns normally (or calls on, for middleware). */
export interface FunctionSummary {
  readonly equalities: readonly ParamEquality[];
  readonly checks: readonly { readonly part: ParamPart; readonly how: Sanitization }[];
  /** An item read with `loaded` has an attribute equal to `owner` (a load-and-authorize helper). */
  readonly verified?: readonly { readonly loaded: ParamPart; readonly owner: ParamPart }[];
  /**
   * A parameter part equal to (or found in) a value that is the caller's wherever the function
   * runs: `user.availableCars.includes(carId)` with `user` the caller's own record.
   */
  readonly callers?: readonly { readonly part: ParamPart; readonly value: ValueRef }[];
  /** Parameters the function throws unless present (`if (!entityUser) throw …`): at a call, a presence test of the argument. */
  readonly present?: readonly number[];
  /**
   * The caller holds an administrative role (SPEC §4): the function stops every other caller
   * before it returns (`requireAdmin(ctx)` calling `util.unauthorized()` unless `isAdmin(groups)`),
   * or, as a predicate, returns a truthy value only past such a test.
   */
  readonly privileged?: true;
  /** One of several sets of equalities holds (a predicate returning `item.ownerId === id || item.assigneeId === id`). */
  readonly anyOf?: readonly (readonly ParamEquality[])[][];
  /**
   * A helper that returns normally in several places: what each way proves, and the parameter
   * parts it tested present on the way. A call proves what every way its arguments allow proves
   * (`forArguments`).
   */
  readonly alternatives?: readonly Alternative[];
}

interface Alternative {
  readonly summary: FunctionSummary;
  readonly requires: readonly ParamPart[];
}

/** Ways a helper returns normally that are told apart; past this many, it proves nothing. */
const MAX_ALTERNATIVES = 8;

const EMPTY_SUMMARY: FunctionSummary = { equalities: [], checks: [] };

/**
 * Summaries of helpers and middleware: what a function proves about its parameters whenever it
 * returns normally (`assertOwner(item, user)` throws unless `item.ownerId === user.sub`), computed
 * once per function and restated at each call.
 */
export class HelperSummaries {
  private readonly byFunction = new Map<FunctionNode, FunctionSummary>();
  private readonly byMiddleware = new Map<FunctionNode, FunctionSummary>();
  private readonly predicates = new Map<FunctionNode, FunctionSummary>();
  private readonly nonReturning = new Map<FunctionNode, boolean>();

  constructor(
    private readonly guards: Guards,
    private readonly definitions: Definitions,
  ) {}

  /**
   * The equalities between parameter parts, and the checks of them, that hold whenever `fn`
   * returns normally. A helper's caller goes on after any `return` (`if (item.owner !== u.sub)
   * return;` proves nothing to it): only throws leave. Route middleware (`asMiddleware`) stops
   * the request by returning without calling on, so there a `return` leaves too.
   */
  of(fn: FunctionNode, asMiddleware = false): FunctionSummary {
    const memo = asMiddleware ? this.byMiddleware : this.byFunction;
    const cached = memo.get(fn);
    if (cached) return cached;
    memo.set(fn, EMPTY_SUMMARY);
    const body = fn.body && ts.isBlock(fn.body) ? fn.body : undefined;
    const summary =
      body && !asMiddleware && holdsReturn(body) ? this.byWays(fn, body) : this.straight(fn, body, asMiddleware);
    memo.set(fn, summary);
    return summary;
  }

  /** A function that leaves normally only at its end (or, as middleware, only by calling on). */
  private straight(fn: FunctionNode, body: ts.Block | undefined, asMiddleware: boolean): FunctionSummary {
    const facts: Fact[] = [];
    // A role test proves the role to the caller only if no `return` of the helper comes before it.
    let returned = asMiddleware;
    let privileged = false;
    for (const statement of body?.statements ?? []) {
      const own = [...this.guards.statementFacts(statement, [], asMiddleware)];
      if (!returned && own.some((fact) => 'privileged' in fact)) privileged = true;
      returned ||= holdsReturn(statement);
      facts.push(...own);
    }
    return this.summaryOf(fn, facts, privileged);
  }

  /**
   * A helper with `return`s proves to its caller what every way out of it proves: each `return`,
   * and the end of the body where it is reached, with the conditions and statements that lead
   * there. `if (assistantId) { if (rec.assignedId === assistantId) return; throw … } if (coachId &&
   * rec.coachId === coachId) return; throw …` returns with one equality or the other, and which
   * one a call gets depends on the parameter it passes.
   */
  private byWays(fn: FunctionNode, body: ts.Block): FunctionSummary {
    const ways: (Fact[] | undefined)[] = returnStatements(body).map((end) => this.factsOnTheWay(body, end));
    if (!this.guards.exits(body, true))
      ways.push(body.statements.flatMap((statement) => [...this.guards.statementFacts(statement, [], true)]));
    if (ways.length > MAX_ALTERNATIVES) return EMPTY_SUMMARY;
    const alternatives = ways.map((facts = []) => ({
      summary: this.summaryOf(
        fn,
        facts,
        facts.some((fact) => 'privileged' in fact),
      ),
      requires: facts.flatMap((fact) => {
        const part = 'found' in fact ? this.parameterPart(fn, { node: fact.found, path: [] }) : undefined;
        return part ? [part] : [];
      }),
    }));
    return alternatives.length === 1 ? alternatives[0]!.summary : { ...EMPTY_SUMMARY, alternatives };
  }

  /** The facts that hold at a `return` of a function body: its branches' conditions and the exits before it. */
  private factsOnTheWay(body: ts.Block, end: ts.ReturnStatement): Fact[] | undefined {
    const facts: Fact[] = [];
    for (let child: ts.Node = end; child !== body; child = child.parent) {
      const parent = child.parent;
      if (ts.isBlock(parent)) {
        for (const statement of parent.statements.slice(0, parent.statements.indexOf(child as ts.Statement)))
          facts.push(...this.guards.statementFacts(statement, [], true));
      } else if (ts.isIfStatement(parent)) {
        facts.push(...this.guards.conditionFacts(parent.expression, child === parent.thenStatement, []));
      } else {
        // A loop, `try`, `switch` or label on the way: its own conditions are not followed.
        return undefined;
      }
    }
    return facts;
  }

  /**
   * Whether a call of `fn` never returns normally, whatever its declared return type: its body
   * always throws or calls a function that never returns (`function deny(status) { throw new
   * HttpError(status); }`). An async function only rejects, so it leaves only when `awaited`; a
   * generator's body does not run at the call.
   */
  neverReturns(fn: FunctionNode, awaited: boolean): boolean {
    if (!fn.body || !ts.isBlock(fn.body) || fn.asteriskToken) return false;
    const isAsync = ts.getCombinedModifierFlags(fn) & ts.ModifierFlags.Async;
    if (isAsync && !awaited) return false;
    let known = this.nonReturning.get(fn);
    if (known === undefined) {
      // A function that calls itself is not proven to leave by that call.
      this.nonReturning.set(fn, false);
      // A `return` anywhere in it (`if (status < 500) return; throw …`) leaves normally on some path.
      known = !holdsReturn(fn.body) && this.guards.exits(fn.body, false);
      this.nonReturning.set(fn, known);
    }
    return known;
  }

  /** The facts that are about `fn`'s parameters, as its summary. */
  private summaryOf(fn: FunctionNode, facts: readonly Fact[], privileged = false): FunctionSummary {
    const equalities: ParamEquality[] = [];
    const checks: FunctionSummary['checks'][number][] = [];
    const verified: NonNullable<FunctionSummary['verified']>[number][] = [];
    const callers: NonNullable<FunctionSummary['callers']>[number][] = [];
    const present: number[] = [];
    const anyOf: (readonly ParamEquality[])[][] = [];
    for (const fact of facts) {
      if ('found' in fact) {
        const part = this.parameterPart(fn, { node: fact.found, path: [] });
        if (part?.path.length === 0) present.push(part.index);
        continue;
      }
      if ('left' in fact) {
        const left = this.parameterPart(fn, fact.left);
        const right = this.parameterPart(fn, fact.right);
        if (left && right) equalities.push({ left, right });
        else if (left || right) {
          const [part, other] = left ? [left, fact.right] : [right!, fact.left];
          // `user.availableCars.includes(carId)`: the other side is the caller's wherever `fn` runs.
          if (this.guards.callerOnly(other)) callers.push({ part, value: other });
          else {
            // `if (task.teamId !== user.teamId) return null` with `task = await getTask(taskId)`.
            const { parts, principalRecord } = this.guards.loadedParameters(other, (node) =>
              this.parameterPart(fn, { node, path: [] }),
            );
            for (const loaded of parts) {
              verified.push({ loaded, owner: part });
              // `user.availableCars.includes(carId)` with `user` a principal record read by
              // `username`: passed the caller's name there, the record is the caller's own.
              if (principalRecord) equalities.push({ left: part, right: loaded });
            }
          }
        }
      } else if ('subject' in fact) {
        const part = this.parameterPart(fn, { node: fact.subject, path: [] });
        if (part) checks.push({ part, how: fact.how });
      } else if ('either' in fact) {
        const alternatives = this.parameterAlternatives(fn, fact);
        if (alternatives) anyOf.push(alternatives);
      }
    }
    return summaryOfParts({ equalities, checks, verified, callers, present, anyOf, privileged });
  }

  /**
   * The alternatives of an `either` fact as equalities between parameter parts, when every
   * alternative has one: `txn.ownerId === id || txn.visibleTo.includes(id)` in `visibleTo(txn, id)`.
   */
  private parameterAlternatives(fn: FunctionNode, fact: Either): ParamEquality[][] | undefined {
    const alternatives: ParamEquality[][] = [];
    for (const equalities of this.guards.equalityAlternatives(fact, 0)) {
      const mapped = equalities.flatMap((equality) => {
        const left = this.parameterPart(fn, equality.left);
        const right = this.parameterPart(fn, equality.right);
        return left && right ? [{ left, right }] : [];
      });
      if (!mapped.length) return undefined;
      alternatives.push(mapped);
    }
    return alternatives.length ? alternatives : undefined;
  }

  /** `user.sub` inside `fn(item, user)` → parameter 1, path ['sub']. */
  parameterPart(fn: FunctionNode, ref: ValueRef, depth = 0): { index: number; path: readonly string[] } | undefined {
    if (depth > 8) return undefined;
    if (ts.isParameter(ref.node))
      return ref.node.parent === fn ? { index: fn.parameters.indexOf(ref.node), path: ref.path } : undefined;
    const node = skipOuter(ref.node);
    if (ts.isPropertyAccessExpression(node) || ts.isElementAccessExpression(node)) {
      const name = ts.isPropertyAccessExpression(node)
        ? node.name.text
        : this.definitions.elementName(node.argumentExpression);
      return name === undefined
        ? undefined
        : this.parameterPart(fn, { node: node.expression, path: [name, ...ref.path] }, depth + 1);
    }
    if (!ts.isIdentifier(node)) return undefined;
    const declaration = this.definitions.declarationOf(node);
    if (!declaration) return undefined;
    if (ts.isParameter(declaration)) return this.parameterPart(fn, { node: declaration, path: ref.path }, depth + 1);
    if (
      ts.isVariableDeclaration(declaration) &&
      declaration.initializer &&
      (declaration.parent.flags & ts.NodeFlags.Const) !== 0
    ) {
      return this.parameterPart(fn, { node: declaration.initializer, path: ref.path }, depth + 1);
    }
    if (ts.isBindingElement(declaration)) {
      const { holder, path } = bindingPath(declaration);
      if (ts.isParameter(holder))
        return this.parameterPart(fn, { node: holder, path: [...path, ...ref.path] }, depth + 1);
      if (ts.isVariableDeclaration(holder) && holder.initializer) {
        return this.parameterPart(fn, { node: holder.initializer, path: [...path, ...ref.path] }, depth + 1);
      }
    }
    return undefined;
  }

  /**
   * What a helper's truthy result proves about its arguments: `isNoteId(id)` returning
   * `/^…$/.test(value)`, `isOwner(user, id)` returning `id === user.sub`, or returning `true` only
   * past `if (id !== user.sub) return false`. Sync or async alike: the caller awaits the result.
   */
  predicate(fn: FunctionNode): FunctionSummary {
    let summary = this.predicates.get(fn);
    if (!summary) {
      this.predicates.set(fn, EMPTY_SUMMARY);
      const facts: Fact[] = [];
      let privileged = false;
      if (fn.body && !ts.isBlock(fn.body)) {
        facts.push(...this.guards.conditionFacts(fn.body, true, []));
      } else {
        // `if (isManager(user)) return true; return task.teamId === user.teamId`: a return only an
        // administrative role reaches authorises that role (SPEC §4); the others must prove the rest.
        const returns = this.definitions.returnExpressions(fn).filter((expression) => !isFalsy(expression));
        const truthy = returns.flatMap((expression) => this.unprivileged(fn, expression));
        // `isAuthorised(ctx)` returning `true` only past `if (!isAdmin(groups)) util.unauthorized()`.
        privileged = returns.length > 0 && truthy.length === 0;
        const returned = truthy.length === 1 ? truthy[0]! : undefined;
        if (returned) {
          if (skipOuter(returned).kind !== ts.SyntaxKind.TrueKeyword)
            facts.push(...this.guards.conditionFacts(returned, true, []));
          facts.push(...this.dominatingFacts(fn, returned));
        }
      }
      // `(ctx) => isAdmin(ctx.identity.groups)`: the one truthy result is a role test's.
      privileged ||= facts.some((fact) => 'privileged' in fact);
      summary = this.summaryOf(fn, facts, privileged);
      this.predicates.set(fn, summary);
    }
    return summary;
  }

  /**
   * A truthy return, or none when only a caller holding an administrative role reaches it (inside
   * `if (user.role === 'admin')`, or its `else` when the test is negated); of a returned
   * `isAdmin(user) || item.ownerId === user.sub`, the alternatives that are not role tests.
   */
  private unprivileged(fn: FunctionNode, returned: ts.Expression): ts.Expression[] {
    const privileged = (condition: ts.Expression, holds: boolean) => {
      for (const fact of this.guards.conditionFacts(condition, holds, [])) if ('privileged' in fact) return true;
      return false;
    };
    let child: ts.Node = returned;
    for (let parent = child.parent; parent !== fn && !ts.isSourceFile(parent); child = parent, parent = parent.parent) {
      if (ts.isIfStatement(parent) && child !== parent.expression) {
        if (privileged(parent.expression, child === parent.thenStatement)) return [];
      } else if (ts.isBlock(parent)) {
        const index = parent.statements.indexOf(child as ts.Statement);
        for (const statement of parent.statements.slice(0, Math.max(0, index))) {
          for (const fact of this.guards.statementFacts(statement, [])) if ('privileged' in fact) return [];
        }
      }
    }
    const alternatives: ts.Expression[] = [];
    const split = (expression: ts.Expression) => {
      const node = skipOuter(expression);
      if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.BarBarToken) {
        split(node.left);
        split(node.right);
      } else if (!privileged(node, true)) alternatives.push(node);
    };
    split(returned);
    return alternatives.length === 1 ? alternatives : [returned];
  }

  /** The facts of the statements before a returned expression, in its blocks up to the function body. */
  private dominatingFacts(fn: FunctionNode, returned: ts.Expression): Fact[] {
    const out: Fact[] = [];
    let child: ts.Node = returned;
    for (let parent = child.parent; parent !== fn; child = parent, parent = parent.parent) {
      if (ts.isBlock(parent) || ts.isSourceFile(parent)) {
        const statements = parent.statements;
        const index = statements.indexOf(child as ts.Statement);
        for (const statement of statements.slice(0, Math.max(0, index)))
          out.push(...this.guards.statementFacts(statement, []));
      } else if (!ts.isReturnStatement(parent)) {
        // Inside a branch, loop or expression: its own conditions are not followed.
        return [];
      }
    }
    return out;
  }
}

/** A summary's facts about parameters, restated on the values passed to them (arguments, or a handler's own parameters). */
export function* summaryFacts(
  summary: FunctionSummary,
  values: readonly (ts.Expression | ts.ParameterDeclaration)[],
): Generator<Fact> {
  const ref = (part: ParamPart): ValueRef | undefined => {
    const node = values[part.index];
    return node && !ts.isSpreadElement(node) ? { node, path: part.path } : undefined;
  };
  for (const equality of summary.equalities) {
    const left = ref(equality.left);
    const right = ref(equality.right);
    if (left && right) yield { left, right };
  }
  for (const check of summary.checks) {
    const checked = ref(check.part);
    if (checked) yield { ref: checked, how: check.how };
  }
  for (const { loaded, owner } of summary.verified ?? []) {
    const verified = ref(loaded);
    const by = ref(owner);
    if (verified && by) yield { verified, owner: by };
  }
  for (const { part, value } of summary.callers ?? []) {
    const passed = ref(part);
    if (passed) yield { left: passed, right: value };
  }
  for (const alternatives of summary.anyOf ?? []) {
    const restated = alternatives.map((equalities) =>
      equalities.flatMap((equality): Equality[] => {
        const left = ref(equality.left);
        const right = ref(equality.right);
        return left && right ? [{ left, right }] : [];
      }),
    );
    if (restated.every((equalities) => equalities.length)) yield { anyOf: restated };
  }
  for (const index of summary.present ?? []) {
    const passed = values[index];
    if (passed && !ts.isParameter(passed) && !ts.isSpreadElement(passed)) yield { found: passed };
  }
}

/**
 * What a call of a helper proves with these arguments: of a helper that returns in several ways,
 * what every way the arguments allow proves. A way that tested a parameter part present is ruled
 * out where the call passes an object literal without that property, or `undefined` or `null`
 * (`assertScope(rec, { coachId })` never returns by the `assistantId` way).
 */
export function forArguments(summary: FunctionSummary, values: readonly ts.Expression[]): FunctionSummary {
  if (!summary.alternatives) return summary;
  const allowed = summary.alternatives.filter(
    (way) => !way.requires.some((part) => missingFrom(values[part.index], part.path)),
  );
  return commonSummary(allowed.map((way) => way.summary));
}

function missingFrom(value: ts.Expression | undefined, path: readonly string[]): boolean {
  const node = value && skipOuter(value);
  if (!node) return false;
  if (node.kind === ts.SyntaxKind.NullKeyword || (ts.isIdentifier(node) && node.text === 'undefined')) return true;
  if (!ts.isObjectLiteralExpression(node) || !path.length) return false;
  if (node.properties.some(ts.isSpreadAssignment)) return false;
  return !findProperty(node, path[0]!);
}

/** The facts every one of several summaries proves. */
function commonSummary(summaries: readonly FunctionSummary[]): FunctionSummary {
  const [first, ...rest] = summaries;
  if (!first) return EMPTY_SUMMARY;
  if (!rest.length) return first;
  const inAll = <T>(pick: (summary: FunctionSummary) => readonly T[] | undefined, key: (item: T) => string): T[] =>
    (pick(first) ?? []).filter((item) =>
      rest.every((other) => (pick(other) ?? []).some((candidate) => key(candidate) === key(item))),
    );
  const part = ({ index, path }: ParamPart) => `${index}:${path.join('.')}`;
  const verified = inAll(
    (summary) => summary.verified,
    (item) => `${part(item.loaded)}=${part(item.owner)}`,
  );
  const callers = inAll(
    (summary) => summary.callers,
    (item) => `${part(item.part)}=${item.value.node.pos}:${item.value.path.join('.')}`,
  );
  const present = inAll((summary) => summary.present, String);
  const anyOf = inAll(
    (summary) => summary.anyOf,
    (alternatives) =>
      alternatives
        .map((equalities) => equalities.map((item) => `${part(item.left)}=${part(item.right)}`).join('&'))
        .join('|'),
  );
  return summaryOfParts({
    equalities: inAll(
      (summary) => summary.equalities,
      (item) => [part(item.left), part(item.right)].sort().join('='),
    ),
    checks: inAll(
      (summary) => summary.checks,
      (item) => `${part(item.part)}:${item.how}`,
    ),
    verified,
    callers,
    present,
    anyOf,
    privileged: summaries.every((summary) => summary.privileged),
  });
}

/** A summary of these parts, leaving out the empty ones (`EMPTY_SUMMARY` when every one is). */
function summaryOfParts(parts: {
  readonly equalities: readonly ParamEquality[];
  readonly checks: FunctionSummary['checks'];
  readonly verified: NonNullable<FunctionSummary['verified']>;
  readonly callers: NonNullable<FunctionSummary['callers']>;
  readonly present: readonly number[];
  readonly anyOf: NonNullable<FunctionSummary['anyOf']>;
  readonly privileged: boolean;
}): FunctionSummary {
  const { equalities, checks, verified, callers, present, anyOf, privileged } = parts;
  if (
    !equalities.length &&
    !checks.length &&
    !verified.length &&
    !callers.length &&
    !present.length &&
    !anyOf.length &&
    !privileged
  )
    return EMPTY_SUMMARY;
  return {
    equalities,
    checks,
    ...(verified.length ? { verified } : {}),
    ...(callers.length ? { callers } : {}),
    ...(present.length ? { present } : {}),
    ...(anyOf.length ? { anyOf } : {}),
    ...(privileged ? { privileged: true } : {}),
  };
}
