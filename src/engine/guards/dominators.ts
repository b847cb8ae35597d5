import ts from 'typescript';
import {
  calledName,
  descendants,
  equalityOf,
  isFunctionNode,
  outermostReads,
  parentOf,
  shortText,
  skipOuter,
  statementList,
  staticName,
} from '../ast.js';
import type { FunctionNode } from '../ast.js';
import { isListedRoleTest, isPrivilegeTest, isRoleTest, roleList } from './privilege.js';
import { Checks } from '../checks.js';
import type { ValueCheck } from '../checks.js';
import { THIS } from '../flow/classes.js';
import type { Definitions } from '../definitions.js';
import type { Tracer } from '../flow/tracer.js';
import { CLEAN, hasOrigin, isPrincipal, mapOrigins, single, strongest } from '../taint.js';
import type { Origin, Sanitization, Taint } from '../taint.js';
import type { Specifier } from '../types.js';
import { AccessPaths, pathWithin } from './access-paths.js';
import { LoadedItems } from './loaded-items.js';
import { foundAtIndex, INDEX_METHODS, membershipOf, TRUTHY_METHODS } from './membership.js';
import type { MembershipMethods } from './membership.js';
import type { Either, Equality, Fact, GuardCall, UseFacts, ValueRef } from './facts.js';
import { isTrusted } from './facts.js';
import { RouteMiddleware } from './middleware-index.js';
import { RouteGuards } from './route-guards.js';
import { outcomeChecked } from './outcomes.js';
import { PipelineSteps } from './pipelines.js';
import { forArguments, HelperSummaries, summaryFacts } from './summaries.js';
import { SessionChecks } from './session-checks.js';

/** Statements searched back from a use for a guard. */
const MAX_STATEMENTS_BACK = 400;
/** `const ok = a && b; if (!ok) …` chains of named conditions followed. */
const MAX_CONDITION_ALIASES = 4;
/** `a && b && c` exits nest their alternatives: followed this deep. */
const MAX_NESTED_ALTERNATIVES = 4;
/** Values an alternative of a check is read for, at most (more: taken as reading the request). */
const MAX_CONDITION_READS = 32;
/** Coercions to text unwrapped from a compared value (`String(x.toString() || '')`). */
const MAX_COERCIONS = 4;

/**
 * Dominating facts (the barrier guards of CodeQL, sanitizers by side effect in Semgrep): what the
 * code before a use proves about its value. Early exits (`if (a !== b) return`), the branch a use
 * sits in (`if (a === b) { use }`), helpers that throw unless their arguments match
 * (`assertOwner(item, user)`), route middleware that ends the request on a mismatch, and
 * configured guard calls.
 */
export class Guards {
  readonly checks: Checks;
  readonly accessPaths: AccessPaths;
  private readonly summaries: HelperSummaries;
  private readonly middleware: RouteMiddleware;
  private readonly routeGuards: RouteGuards;
  private readonly sessions: SessionChecks;
  private readonly items: LoadedItems;
  private readonly pipelines: PipelineSteps;
  private readonly privileged = new Map<ts.Node, boolean>();
  private readonly statementMemo = new Map<ts.Statement, readonly Fact[]>();
  private readonly literalSwitches = new Map<ts.SwitchStatement, boolean>();
  private readonly checkedItems = new Map<ts.Node, boolean>();
  /** Items whose check is being read: asked again inside it, they prove nothing (`checkedItem`). */
  private readonly checkingItems = new Set<ts.Node>();

  constructor(
    private readonly tracer: Tracer,
    program: ts.Program | undefined,
    registrars: ReadonlySet<string>,
  ) {
    this.checks = new Checks(tracer, tracer.model.validators ?? []);
    this.accessPaths = new AccessPaths(tracer.checker, tracer.definitions);
    this.items = new LoadedItems(tracer, this.accessPaths);
    this.pipelines = new PipelineSteps(tracer, this.accessPaths, (statement) => this.exits(statement, false), program);
    this.summaries = new HelperSummaries(this, tracer.definitions);
    this.middleware = new RouteMiddleware(
      tracer.definitions,
      tracer.passed,
      program,
      registrars,
      tracer.model.requestObjects,
    );
    this.routeGuards = new RouteGuards(tracer, this);
    this.sessions = new SessionChecks(tracer, this, this.items, (fn, node) =>
      this.summaries.parameterPart(fn, { node, path: [] }),
    );
  }

  /**
   * What every path to `use` has proven about it: equality with a value that has no request
   * origin (a principal, or a parameter a caller may bind to one) — which makes it both scoped
   * and validated — or a check of its text (a check of an object covers its properties). `path`
   * is the part of `use` read further on: `file_id` of `new_file` in `{ ...new_file }` keying a put.
   */
  inspect(use: ts.Expression, path: readonly string[]): UseFacts {
    const base = this.accessPaths.of(use);
    return base ? this.inspectKey(use, [base, ...path].join('.')) : {};
  }

  /** What every path to `use` has proven about the value whose access path is `key` (see `inspect`). */
  private inspectKey(use: ts.Node, key: string): UseFacts {
    let checked: Sanitization | undefined;
    for (const fact of this.factsBefore(use)) {
      if ('how' in fact) {
        const subject = 'ref' in fact ? this.accessPaths.ofRef(fact.ref) : this.accessPaths.of(fact.subject);
        const covers = subject && pathWithin(key, subject);
        if (covers && !('subject' in fact && this.reassignedBetween(fact.subject, use)))
          checked = strongest(checked, fact.how);
        continue;
      }
      if ('privileged' in fact) continue;
      if ('either' in fact || 'anyOf' in fact) {
        const alternatives = 'anyOf' in fact ? fact.anyOf : this.equalityAlternatives(fact, 0);
        const taint = this.verifiedAlternatives(alternatives, key);
        if (taint) return { principal: taint };
        continue;
      }
      if ('verified' in fact) {
        if (this.accessPaths.ofRef(fact.verified) !== key) continue;
        const taint = this.valueOf(fact.owner);
        if (isTrusted(taint)) return { principal: taint };
        continue;
      }
      if ('authenticated' in fact) {
        if (this.accessPaths.ofRef(fact.authenticated) !== key) continue;
        return { principal: single({ kind: 'principal', node: fact.by, label: shortText(fact.by, 50) }) };
      }
      if ('found' in fact) {
        const bound = this.foundOwned(fact.found, key);
        if (bound) return { principal: bound.taint, ...(bound.keyTable ? { foundIn: bound.keyTable } : {}) };
        continue;
      }
      if ('guardCall' in fact) {
        if (fact.args.some((argument) => this.accessPaths.of(argument) === key)) {
          return {
            principal: single({ kind: 'principal', node: fact.guardCall, label: shortText(fact.guardCall, 50) }),
          };
        }
        continue;
      }
      const other =
        this.accessPaths.ofRef(fact.left) === key
          ? fact.right
          : this.accessPaths.ofRef(fact.right) === key
            ? fact.left
            : undefined;
      const taint = other ? this.valueOf(other) : this.verifiedLoad(fact, key);
      if (taint && isTrusted(taint)) return { principal: taint };
    }
    // A pipeline resolver's earlier function checked the caller and would have ended the resolver.
    const check = this.pipelines.guardOf(use);
    if (check) return { checked, scopedBy: single({ kind: 'principal', node: check, label: shortText(check, 50) }) };
    return { checked };
  }

  /**
   * Load, check, act: `const item = await repo.find(id); if (item.ownerId !== user.sub) throw …;`
   * then `repo.delete(id)`. The item was read with the same value and its owner proven to be the
   * caller, so later uses of that value are scoped.
   */
  private verifiedLoad(fact: Equality, key: string): Taint | undefined {
    for (const [item, owner] of [
      [fact.left, fact.right],
      [fact.right, fact.left],
    ] as const) {
      if (ts.isParameter(item.node) || !this.items.loadedWith(item.node, key)) continue;
      if (!hasOrigin(this.rawValue(item), (origin) => origin.kind === 'produced')) continue;
      const taint = this.valueOf(owner);
      if (isTrusted(taint)) return taint;
    }
    return undefined;
  }

  /**
   * Load, check, act with alternatives: past `if (call.initiatedBy !== me && call.ownerId !== me)
   * return 403`, the item the key loaded is the caller's whichever alternative holds, when every
   * alternative ties it to the caller (`verifiedLoad`); one that does not (a public flag, a request
   * value) proves nothing. Only with the caller itself on every side: where an alternative compares
   * with a parameter (a service method's `user`), what each caller passes decides, and one caller's
   * object would stand for the key in that caller's report.
   */
  private verifiedAlternatives(alternatives: readonly (readonly Equality[])[], key: string): Taint | undefined {
    let proof: Taint | undefined;
    for (const equalities of alternatives) {
      const found = equalities.map((equality) => this.verifiedLoad(equality, key)).find((taint) => !!taint);
      if (!found || hasOrigin(found, (origin) => origin.kind === 'param')) return undefined;
      proof ??= found;
    }
    return proof;
  }

  /**
   * Load, find, act: `const out = await ddb.send(new QueryCommand({ …, FilterExpression: 'user_id
   * = :uid', ExpressionAttributeValues: { ':id': id, ':uid': sub } })); if (out.Count === 0)
   * return 404;` then `delete({ Key: { id } })`. The read bound an attribute to the caller and
   * execution goes on only if it found an item, so the caller owns the item named by the values
   * it was passed (in the read's own table, only together with the caller's key: `keyTable`).
   */
  private foundOwned(found: ts.Expression, key: string): { taint: Taint; keyTable?: ts.Expression } | undefined {
    if (!this.items.loadedWith(found, key) && !this.foundByItem(found, (item) => this.items.loadedWith(item, key)))
      return undefined;
    return this.foundBound(found);
  }

  /** The caller a present read bound (see `LoadedItems.callerBoundBy`), when `found` is a read's result and its presence says it found something. */
  private foundBound(found: ts.Expression): { taint: Taint; keyTable?: ts.Expression } | undefined {
    if (!hasOrigin(this.rawValue({ node: found, path: [] }), (origin) => origin.kind === 'produced')) return undefined;
    // perf: the type query is asked last, of the few presence tests that reach this far.
    if (!this.presenceMeans(found)) return undefined;
    return this.items.callerBoundBy(found);
  }

  /**
   * Load, look up, act: the read that `found` holds was passed an attribute of an item read earlier
   * (`getRecord(EntityUsers, { userId: sub, entityId: task.entityId })`) that `loaded` accepts. When
   * that read bound the caller and found something, the caller belongs to what the item names, so
   * the item is the caller's as after `if (task.ownerId !== sub) throw` (read-check-act).
   */
  private foundByItem(found: ts.Expression, loaded: (item: ts.Expression) => boolean): boolean {
    const parts = this.items.loadedParts(found, (node) =>
      loaded(node) && hasOrigin(this.rawValue({ node, path: [] }), (origin) => origin.kind === 'produced')
        ? node
        : undefined,
    );
    return parts.length > 0;
  }

  /**
   * The caller, as proven by presence tests after `node` of lookups keyed by the caller and an
   * attribute of what `site` read (`foundByItem`): the read's item is the caller's wherever execution
   * goes on past them. In the lookup's own table the proof says nothing (`PrincipalOrigin.foundIn`).
   */
  lookupsAfter(node: ts.Node, site: ts.Node): Taint[] {
    const out: Taint[] = [];
    for (const fact of this.factsAfter(node)) {
      if (!('found' in fact)) continue;
      const produced = (item: ts.Expression) =>
        hasOrigin(
          this.rawValue({ node: item, path: [] }),
          (origin) => origin.kind === 'produced' && origin.site === site,
        );
      if (!this.foundByItem(fact.found, produced)) continue;
      const bound = this.foundBound(fact.found);
      if (!bound?.keyTable) continue;
      const proof = { table: bound.keyTable, instead: CLEAN };
      out.push(
        mapOrigins(bound.taint, (origin) => (origin.kind === 'principal' ? { ...origin, foundIn: proof } : origin)),
      );
    }
    return out;
  }

  /** Whether a value being present says a read found something: not an array of items, which is there even when empty. */
  private presenceMeans(value: ts.Expression): boolean {
    const node = skipOuter(value);
    const name = ts.isPropertyAccessExpression(node) ? node.name.text : ts.isIdentifier(node) ? node.text : undefined;
    if (name !== undefined && LIST_OUTPUTS.has(name)) return false;
    const checker = this.tracer.checker;
    const type = checker.getTypeAtLocation(node);
    return !checker.isArrayType(checker.getNonNullableType(type));
  }

  /**
   * Whether a value is the caller's wherever its function runs: the principal, or an attribute of
   * the caller's own record — not a parameter, which a caller binds.
   */
  callerOnly(ref: ValueRef): boolean {
    const taint = this.valueOf(ref);
    return isTrusted(taint) && isPrincipal(taint) && !hasOrigin(taint, (origin) => origin.kind === 'param');
  }

  /**
   * The parts of a helper's parameters (`partOf`) that the read which loaded `ref`'s item was
   * passed, when `ref` is a value read from DynamoDB (`task.teamId` after `const task = await
   * getTask(taskId)`).
   */
  loadedParameters<T>(
    ref: ValueRef,
    partOf: (node: ts.Expression) => T | undefined,
  ): { parts: T[]; principalRecord: boolean } {
    const none = { parts: [], principalRecord: false };
    if (ts.isParameter(ref.node)) return none;
    const taint = this.rawValue(ref);
    if (!hasOrigin(taint, (origin) => origin.kind === 'produced')) return none;
    const parts = this.items.loadedParts(ref.node, partOf);
    return { parts, principalRecord: parts.length > 0 && this.items.principalRecordValue(taint) };
  }

  /**
   * Whether a value is (an attribute of) the caller's own record, read by keys of the principal
   * (see `LoadedItems.asCaller`): what a role test reads there is the caller's role (SPEC §4).
   */
  ownRecordValue(node: ts.Expression, taint: Taint): boolean {
    // A cache the service holds, asked before the read (`cached ? JSON.parse(cached) : await
    // this.users.get(id)`), answers with a copy of the same record: alternatives that are only the
    // instance's own members (`this.redis`, injected, never a request value) are set aside.
    const read = { alts: taint.alts.filter((alt) => !(alt.length > 0 && alt.every(isReceiverState))) };
    if (read.alts.length === 0) return false;
    const caller = this.items.asCaller({ node, path: [] }, read);
    return isTrusted(caller) && isPrincipal(caller);
  }

  /** Whether a value is an attribute of the caller's own record (see `LoadedItems.readByCaller`). */
  readByCaller(taint: Taint): boolean {
    return this.items.readByCaller(taint);
  }

  /**
   * A value, where an attribute of the caller's own record (see `LoadedItems.asCaller`) or of an
   * item proven the caller's (`checkedItem`) stands for the caller.
   */
  private trustedValue(ref: ValueRef): Taint {
    const taint = this.items.asCaller(ref, this.rawValue(ref));
    if (isTrusted(taint) && isPrincipal(taint)) return taint;
    return this.checkedItem(ref)
      ? single({ kind: 'principal', node: ref.node, label: shortText(ref.node, 50) })
      : taint;
  }

  /**
   * Whether a value is (an attribute of) an item that the code before it proved the caller's: read
   * by request values that a check on the item then tied to the caller (`const school = await
   * getSchool(schoolId); if (!school.admins.includes(user.id)) throw …`). Such an item is the
   * caller's as much as their own id is: a child compared with it (`feed.school.id !== school.id`)
   * or stored under it belongs to the caller too. A check that itself compares with such an item
   * is not followed again (a chain of items proves nothing more than its first link).
   */
  checkedItem(ref: ValueRef): boolean {
    if (ts.isParameter(ref.node) || this.checkingItems.has(ref.node)) return false;
    const known = this.checkedItems.get(ref.node);
    if (known !== undefined) return known;
    this.checkingItems.add(ref.node);
    let proven = false;
    try {
      if (hasOrigin(this.rawValue(ref), (origin) => origin.kind === 'produced')) {
        const keys = this.items.loadedParts(ref.node, (node) =>
          hasOrigin(this.tracer.value(node), (origin) => origin.kind === 'source')
            ? this.accessPaths.of(node)
            : undefined,
        );
        proven = keys.length > 0 && keys.every((key) => this.inspectKey(ref.node, key).principal !== undefined);
      }
    } finally {
      this.checkingItems.delete(ref.node);
    }
    this.checkedItems.set(ref.node, proven);
    return proven;
  }

  /**
   * Equalities that hold wherever execution continues past the checks that follow `node`, each as
   * its alternatives: past `if (file.ownerId !== me && !file.sharedWith.includes(myEmail)) return`,
   * one of two equalities holds (the caller owns the file, or is in its share list). An equality
   * alone is one alternative; each alternative lists the equalities that hold together in it.
   */
  equalitiesAfter(node: ts.Node): (readonly Equality[])[][] {
    const out: (readonly Equality[])[][] = [];
    for (const fact of this.factsAfter(node)) {
      if ('left' in fact) out.push([[fact]]);
      else if ('either' in fact) out.push(this.equalityAlternatives(fact, 0));
      else if ('anyOf' in fact) out.push([...fact.anyOf]);
    }
    return out;
  }

  /** The facts of the statements after `node`, in its blocks up to its function: what holds where execution goes on past them. */
  private *factsAfter(node: ts.Node): Generator<Fact> {
    let child: ts.Node = node;
    for (let parent = parentOf(node); parent && !isBoundary(parent); child = parent, parent = parentOf(parent)) {
      const statements = statementList(parent);
      if (!statements) continue;
      const index = statements.indexOf(child as ts.Statement);
      for (const statement of statements.slice(index + 1)) yield* this.statementFacts(statement, []);
    }
  }

  /** The equalities each alternative of an `either` fact proves (nested alternatives flattened, bounded). */
  equalityAlternatives(fact: Either, depth: number): (readonly Equality[])[] {
    return fact.either.flatMap((condition) => {
      // `req.body.role === 'admin' && post.companyId === me.companyId`: the client chooses to take it.
      if (this.readsRequest(condition)) return [[]];
      const facts = [...this.conditionFacts(condition, fact.holds, [])];
      const nested = facts.filter((inner): inner is Either => 'either' in inner);
      const equalities = facts.filter((inner): inner is Equality => 'left' in inner);
      if (nested.length === 1 && equalities.length === 0 && depth < MAX_NESTED_ALTERNATIVES)
        return this.equalityAlternatives(nested[0]!, depth + 1);
      return [equalities];
    });
  }

  /** Whether the variable a checked expression reads (or a property on its path) is written between the check and the use. */
  private reassignedBetween(checked: ts.Expression, use: ts.Node): boolean {
    let root = skipOuter(checked);
    while (ts.isPropertyAccessExpression(root) || ts.isElementAccessExpression(root)) root = skipOuter(root.expression);
    if (!ts.isIdentifier(root) || checked.getSourceFile() !== use.getSourceFile()) return false;
    const symbol = this.tracer.checker.getSymbolAtLocation(root);
    const declaration = symbol?.valueDeclaration;
    if (!symbol || !declaration) return false;
    const between = (node: ts.Node) => node.pos >= checked.end && node.end <= use.pos;
    return (
      this.tracer.definitions.writes(symbol, declaration).some((write) => between(write.assignment)) ||
      this.tracer.definitions.propertyWrites(symbol, declaration).some((write) => between(write.value))
    );
  }

  /** A value a check compares, where an attribute of the caller's own record stands for the caller (see `trustedValue`). */
  valueOf(ref: ValueRef): Taint {
    return this.trustedValue(ref);
  }

  private rawValue(ref: ValueRef): Taint {
    return ts.isParameter(ref.node)
      ? this.tracer.parameterValue(ref.node, ref.path)
      : this.tracer.value(ref.node, ref.path);
  }

  /** Every fact that holds at a use, for questions asked outside the guards (a publication check, `guards/published.ts`). */
  factsAt(use: ts.Node): Iterable<Fact> {
    return this.factsBefore(use);
  }

  private *factsBefore(use: ts.Node): Generator<Fact> {
    const guardFunctions = this.tracer.model.guardFunctions ?? [];
    let child: ts.Node = use;
    for (let parent = parentOf(use); parent; child = parent, parent = parentOf(parent)) {
      if (ts.isIfStatement(parent) && child !== parent.expression) {
        yield* this.conditionFacts(parent.expression, child === parent.thenStatement, guardFunctions);
      } else if (ts.isConditionalExpression(parent) && child !== parent.condition) {
        yield* this.conditionFacts(parent.condition, child === parent.whenTrue, guardFunctions);
      } else if (
        ts.isBinaryExpression(parent) &&
        parent.operatorToken.kind === ts.SyntaxKind.AmpersandAmpersandToken &&
        child === parent.right
      ) {
        yield* this.conditionFacts(parent.left, true, guardFunctions);
      } else if (ts.isCaseClause(parent) && child !== parent.expression && this.literalSwitch(parent.parent.parent)) {
        // Inside `case 'open':` of a switch over constants, the value is one of them.
        yield { subject: parent.parent.parent.expression, how: 'allowListed' };
      }
      const statements = statementList(parent);
      if (statements) {
        const index = statements.indexOf(child as ts.Statement);
        for (let i = index - 1; i >= Math.max(0, index - MAX_STATEMENTS_BACK); i--)
          yield* this.factsOfStatement(statements[i]!, guardFunctions);
      }
      if (isFunctionNode(parent)) yield* this.middlewareFacts(parent);
      if (isBoundary(parent)) return;
    }
  }

  /**
   * `statementFacts` of a statement before a use, kept: every use after it asks again, and a long
   * handler has hundreds of uses after hundreds of statements. The guard list is the model's, the
   * same for every use. A statement asked while its own facts are being read proves nothing.
   */
  private factsOfStatement(statement: ts.Statement, guardFunctions: readonly Specifier[]): readonly Fact[] {
    const kept = this.statementMemo.get(statement);
    if (kept) return kept;
    this.statementMemo.set(statement, []);
    const facts = [...this.statementFacts(statement, guardFunctions)];
    this.statementMemo.set(statement, facts);
    return facts;
  }

  /**
   * What a statement before a use proves: an exiting `if`, a guard call, a `try` whose catch exits.
   * With `returns` false (the body of a helper its caller calls on past), only a throw or a call
   * that never returns leaves: a `return` hands control back to the caller, which goes on.
   */
  *statementFacts(statement: ts.Statement, guardFunctions: readonly Specifier[], returns = true): Generator<Fact> {
    if (ts.isIfStatement(statement)) {
      const thenExits = this.exits(statement.thenStatement, returns);
      const elseExits = statement.elseStatement ? this.exits(statement.elseStatement, returns) : false;
      if (thenExits && !elseExits) yield* this.conditionFacts(statement.expression, false, guardFunctions);
      if (elseExits && !thenExits) yield* this.conditionFacts(statement.expression, true, guardFunctions);
      return;
    }
    if (ts.isSwitchStatement(statement)) {
      // A switch over constants whose `default` exits: past it, the value is one of the cases.
      const fallback = statement.caseBlock.clauses.find(ts.isDefaultClause);
      if (
        fallback &&
        fallback.statements.some((inner) => this.exits(inner, returns)) &&
        this.literalSwitch(statement)
      ) {
        yield { subject: statement.expression, how: 'allowListed' };
      }
      return;
    }
    if (ts.isTryStatement(statement)) {
      if (statement.catchClause && !this.exits(statement.catchClause.block, returns)) return;
      for (const inner of statement.tryBlock.statements) yield* this.statementFacts(inner, guardFunctions, returns);
      return;
    }
    if (ts.isExpressionStatement(statement)) {
      const call = callOf(statement.expression);
      const asserted = call && this.assertedCondition(call);
      if (asserted) yield* this.conditionFacts(asserted, true, guardFunctions);
      if (call) yield* this.checks.afterCall(call);
    }
    if (ts.isExpressionStatement(statement) || ts.isVariableStatement(statement)) {
      const expressions = ts.isExpressionStatement(statement)
        ? [statement.expression]
        : statement.declarationList.declarations.flatMap((d) => (d.initializer ? [d.initializer] : []));
      for (const expression of expressions) {
        const call = callOf(expression);
        if (!call) continue;
        yield* this.wrapperChecks(call);
        const configured = guardCallOfExpression(this.tracer, call, guardFunctions);
        if (configured) yield configured;
        yield* this.helperFacts(call);
      }
    }
  }

  /**
   * Validation through a wrapper object (SPEC §4): `Schema.safeParse({ host: hostId })` whose
   * failure exits, or `Schema.parse({ host: hostId })` that throws on it, validates `hostId` as the
   * schema's `host` field (a field the schema does not declare is not checked).
   */
  private *wrapperChecks(call: ts.CallExpression): Generator<ValueCheck> {
    const parse = this.checks.parse(call);
    const literal = parse && skipOuter(parse.argument);
    if (!parse || !literal || !ts.isObjectLiteralExpression(literal)) return;
    const outcome = parse.successPath ?? parse.outcomePath;
    const holds = outcome ? outcomeChecked(this, call, outcome) : parse.resultPath === undefined;
    if (!holds) return;
    for (const member of literal.properties) {
      if (!ts.isPropertyAssignment(member) && !ts.isShorthandPropertyAssignment(member)) continue;
      const name = staticName(member.name);
      if (name === undefined || !this.checks.declaresField(call, parse.resultPath, name)) continue;
      const value = ts.isPropertyAssignment(member) ? member.initializer : member.name;
      yield { subject: value, how: parse.how };
    }
  }

  /**
   * `assertOwner(item, req.user)` where `assertOwner` throws unless `item.ownerId === user.sub`;
   * `assertNoteId(id)` where it throws unless `/^…$/.test(id)`.
   */
  private *helperFacts(call: ts.CallExpression): Generator<Fact> {
    const fn = this.tracer.definitions.callee(call);
    if (!fn) return;
    const summary = forArguments(this.summaries.of(fn), call.arguments);
    yield* summaryFacts(summary, call.arguments);
    if (summary.privileged) yield { privileged: call };
  }

  /** `router.delete('/notes/:id', requireOwner, handler)`: what the middleware before `handler` proves. */
  private *middlewareFacts(handler: FunctionNode): Generator<Fact> {
    for (const chain of this.middleware.before(handler)) {
      for (const middleware of chain) {
        yield* summaryFacts(this.summaries.of(middleware, true), handler.parameters);
        for (const { part, check } of this.sessions.of(middleware)) {
          const parameter = handler.parameters[part.index];
          if (parameter) yield { authenticated: { node: parameter, path: part.path }, by: check };
        }
      }
    }
  }

  /** Facts that hold when `condition` evaluates to `holds`. */
  *conditionFacts(
    condition: ts.Expression,
    holds: boolean,
    guardFunctions: readonly Specifier[],
    depth = 0,
  ): Generator<Fact> {
    const node = skipOuter(condition);
    // `const wellFormed = RE.test(id); if (!wellFormed) return …`: the test, kept in a constant.
    if (ts.isIdentifier(node) && depth < MAX_CONDITION_ALIASES) {
      if (holds) yield { found: node };
      const initializer = this.tracer.definitions.constInitializer(node);
      if (initializer) yield* this.conditionFacts(initializer, holds, guardFunctions, depth + 1);
      return;
    }
    if (ts.isPrefixUnaryExpression(node) && node.operator === ts.SyntaxKind.ExclamationToken) {
      yield* this.conditionFacts(node.operand, !holds, guardFunctions, depth);
      return;
    }
    const present = presenceTest(node, holds);
    if (present) yield { found: present };
    // `if (!(await isOwner(user, id))) return`: an awaited check is a check like its synchronous form.
    if (ts.isAwaitExpression(node)) {
      yield* this.conditionFacts(node.expression, holds, guardFunctions, depth);
      return;
    }
    // `user.isAdmin`, `groups.includes('admin')`, `user.role === 'admin' || user.role === 'staff'`.
    if (holds && isRoleTest(this.tracer, node)) yield { privileged: node };
    if (ts.isBinaryExpression(node)) {
      const operator = node.operatorToken.kind;
      if (
        (operator === ts.SyntaxKind.BarBarToken && !holds) ||
        (operator === ts.SyntaxKind.AmpersandAmpersandToken && holds)
      ) {
        yield* this.conditionFacts(node.left, holds, guardFunctions, depth);
        yield* this.conditionFacts(node.right, holds, guardFunctions, depth);
        return;
      }
      if (operator === ts.SyntaxKind.BarBarToken && holds) {
        // `s === 'open' || s === 'closed'`: a check holds if every alternative makes it.
        yield* this.commonChecks(node.left, node.right, guardFunctions, depth);
        yield { either: [node.left, node.right], holds };
        return;
      }
      // `if (id !== user.sub && user.role !== 'admin') return`: past it, either the ids are equal
      // or the caller holds a privilege. A privilege test of the principal alone authorises too.
      if (operator === ts.SyntaxKind.AmpersandAmpersandToken && !holds) {
        // `if (x && x !== user.sub) return 403`, `if (item && item.ownerId !== me) throw`: past
        // it, x (the item) is absent or the caller's, so a key from it is the caller's, as past
        // `if (x !== user.sub)`. Only when the presence test is of the value the comparison reads.
        if (this.presenceOfCompared(node.left, node.right))
          yield* this.conditionFacts(node.right, false, guardFunctions, depth);
        if (this.failsOnlyWhenPrivileged(node.right))
          yield* this.conditionFacts(node.left, false, guardFunctions, depth);
        else if (this.failsOnlyWhenPrivileged(node.left))
          yield* this.conditionFacts(node.right, false, guardFunctions, depth);
        else yield { either: [node.left, node.right], holds };
        return;
      }
      // `list.findIndex((p) => p.userId === me) !== -1`, `ids.indexOf(me) === -1` failing.
      const search = foundAtIndex(this.tracer, node, holds);
      if (search) yield* this.membershipFacts(search, INDEX_METHODS);
      const equal = equalityOf(operator) === 'equal';
      const notEqual = equalityOf(operator) === 'unequal';
      if ((equal && holds) || (notEqual && !holds)) {
        if (notEqual && isRoleTest(this.tracer, node)) yield { privileged: node };
        yield {
          left: { node: comparedValue(node.left, this.tracer.definitions), path: [] },
          right: { node: comparedValue(node.right, this.tracer.definitions), path: [] },
        };
        yield* this.checks.whenEqual(node.left, node.right);
      } else if (equal || notEqual) {
        yield* this.checks.whenNotEqual(node.left, node.right);
      } else if (holds) {
        yield* this.checks.whenTrue(node);
      }
      return;
    }
    if (holds && ts.isCallExpression(node)) {
      const call = guardCallOfExpression(this.tracer, node, guardFunctions);
      if (call) yield call;
      yield* this.checks.whenTrue(node);
      yield* this.predicateFacts(node);
      yield* this.membershipFacts(node, TRUTHY_METHODS);
    }
  }

  /**
   * `me.availableCars.includes(carId)`, `task.members.includes(user.sub)`: a value found in a list
   * stands as equal to the list (under the same coercions as an equality's side). What that proves is asked where the fact is used, as of any
   * equality: a value found in the caller's list (the principal's, or the caller's own record's)
   * is one the caller was granted; a caller found in an item's member list may use that item.
   * `methods` are those whose result, as the condition tests it, says the value was found: a truthy
   * `includes`/`some`/`find`, or an index (`indexOf`, `findIndex`) other than -1.
   */
  private *membershipFacts(call: ts.CallExpression, methods: MembershipMethods): Generator<Equality> {
    const found = membershipOf(this.tracer, call, methods);
    if (found)
      yield {
        left: { node: comparedValue(found.value, this.tracer.definitions), path: [] },
        right: { node: found.list, path: [] },
      };
  }

  /** `isNoteId(id)` where `isNoteId` returns `/^…$/.test(value)`: what the helper's truthy result proves about its arguments. */
  private *predicateFacts(call: ts.CallExpression): Generator<Fact> {
    const fn = this.tracer.definitions.callee(call);
    if (!fn) return;
    const summary = this.summaries.predicate(fn);
    yield* summaryFacts(summary, call.arguments);
    if (summary.privileged) yield { privileged: call };
  }

  /**
   * Whether `presence` only tests for presence (`x`, `x != null`, `a && a.b`) values that a
   * comparison in `comparison` reads, itself or a property of it (`item` of `item.ownerId !== me`).
   */
  private presenceOfCompared(presence: ts.Expression, comparison: ts.Expression): boolean {
    const tested: ts.Expression[] = [];
    const collect = (expression: ts.Expression): boolean => {
      const node = skipOuter(expression);
      if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.AmpersandAmpersandToken)
        return collect(node.left) && collect(node.right);
      const subject =
        ts.isIdentifier(node) || ts.isPropertyAccessExpression(node) || ts.isElementAccessExpression(node)
          ? node
          : presenceTest(node, true);
      if (subject) tested.push(subject);
      return subject !== undefined;
    };
    if (!collect(presence)) return false;
    const compared: string[] = [];
    for (const node of descendants(comparison)) {
      if (!ts.isBinaryExpression(node) || !equalityOf(node.operatorToken.kind)) continue;
      for (const side of [node.left, node.right]) {
        const key = this.accessPaths.of(comparedValue(side, this.tracer.definitions));
        if (key) compared.push(key);
      }
    }
    return tested.every((subject) => {
      const key = this.accessPaths.of(subject);
      return key !== undefined && compared.some((read) => pathWithin(read, key));
    });
  }

  /**
   * Whether a part of an exit condition is false only for a privileged caller: a privilege test of
   * the principal (`user.role !== 'admin'`), or an `||` with one (`user.role !== 'admin' ||
   * item.companyId !== user.companyId`: past the exit, the caller is an admin, of the same company).
   */
  private failsOnlyWhenPrivileged(condition: ts.Expression): boolean {
    const node = skipOuter(condition);
    if (isPrivilegeTest(this.tracer, node)) return true;
    return (
      ts.isBinaryExpression(node) &&
      node.operatorToken.kind === ts.SyntaxKind.BarBarToken &&
      (this.failsOnlyWhenPrivileged(node.left) || this.failsOnlyWhenPrivileged(node.right))
    );
  }

  private *commonChecks(
    left: ts.Expression,
    right: ts.Expression,
    guardFunctions: readonly Specifier[],
    depth: number,
  ): Generator<ValueCheck> {
    const rightChecks = [...this.conditionFacts(right, true, guardFunctions, depth)].filter(
      (fact) => 'subject' in fact,
    );
    for (const fact of this.conditionFacts(left, true, guardFunctions, depth)) {
      if (!('subject' in fact)) continue;
      const key = this.accessPaths.of(fact.subject);
      const other = key && rightChecks.find((candidate) => this.accessPaths.of(candidate.subject) === key);
      if (other) yield { subject: fact.subject, how: fact.how === other.how ? fact.how : 'validated' };
    }
  }

  /** A switch whose cases are all constants. */
  private literalSwitch(statement: ts.SwitchStatement): boolean {
    // perf: asked for every use inside any of its cases.
    let literal = this.literalSwitches.get(statement);
    if (literal === undefined) {
      literal = statement.caseBlock.clauses.every(
        (clause) => ts.isDefaultClause(clause) || this.checks.isConstant(clause.expression),
      );
      this.literalSwitches.set(statement, literal);
    }
    return literal;
  }

  /**
   * Whether a dominating check before `node` lets only an administrative role through (SPEC §4,
   * privileged access): a role test of the principal with an exit, or route middleware that the
   * settings name as a role gate, or whose own body exits unless the caller holds such a role, or a
   * guard class decorating the route (`@UseGuards(RolesGuard)`, `guards/route-guards.ts`) that does.
   */
  privilegedAt(node: ts.Node): boolean {
    const cached = this.privileged.get(node);
    if (cached !== undefined) return cached;
    this.privileged.set(node, false);
    let found = false;
    for (const fact of this.factsBefore(node)) {
      if ('privileged' in fact) {
        found = true;
        break;
      }
    }
    if (!found) {
      const gates = this.tracer.model.privilege?.gates ?? [];
      for (let parent = parentOf(node); parent && !found; parent = parentOf(parent)) {
        if (!isFunctionNode(parent)) continue;
        for (const chain of [...this.middleware.argumentsBefore(parent), ...this.middleware.usedBefore(parent)]) {
          if (chain.some((argument) => this.isRoleGate(argument, gates))) found = true;
        }
        if (!found && this.gatedByWrappers(parent)) found = true;
        if (!found && this.routeGuards.privileged(parent)) found = true;
        if (isBoundary(parent)) break;
      }
    }
    this.privileged.set(node, found);
    return found;
  }

  /**
   * `export const handler = wrap(async (event) => …)` where `wrap` calls the function it is handed
   * only past a role gate (`if (!allowed.some((g) => groups.includes(g))) return 403` before
   * `await fn(event)`): the function runs for privileged callers only. Every wrapper it is handed
   * to must gate every call of it; a function handed to none, or to a library's function, is not.
   */
  private gatedByWrappers(fn: FunctionNode): boolean {
    const passed = this.tracer.passed;
    const sites = passed.handedAt(fn);
    return (
      sites.length > 0 &&
      sites.every(({ call, position }) => {
        const wrapper = this.tracer.definitions.callee(call);
        const parameter = wrapper?.parameters[position];
        if (!wrapper || !parameter || parameter.dotDotDotToken || !ts.isIdentifier(parameter.name)) return false;
        const runs = passed.callsOfParameter(wrapper, parameter);
        return runs.length > 0 && runs.every((run) => this.privilegedAt(run));
      })
    );
  }

  /** Whether a condition reads a value the client sends (the outermost reads of it, bounded). */
  private readsRequest(condition: ts.Expression): boolean {
    let read = 0;
    for (const node of outermostReads(condition)) {
      if (++read > MAX_CONDITION_READS) return true;
      if (hasOrigin(this.tracer.value(node), (origin) => origin.kind === 'source')) return true;
    }
    return false;
  }

  /**
   * Whether a route registration runs middleware before the handler (authentication, as often as
   * not): an argument before it that is not a constant (the route's path).
   */
  behindMiddleware(handler: FunctionNode): boolean {
    return this.middleware
      .argumentsBefore(handler)
      .some((chain) => chain.some((argument) => !this.checks.isConstant(argument)));
  }

  /** `requireAdmin`, `requireRole('admin')`, `auth.requireAdmin`: middleware named as a role gate, or one that exits unless the caller holds a role. */
  private isRoleGate(argument: ts.Expression, gates: readonly string[]): boolean {
    let node = skipOuter(argument);
    if (ts.isCallExpression(node)) node = skipOuter(node.expression);
    const name = ts.isPropertyAccessExpression(node) ? node.name.text : ts.isIdentifier(node) ? node.text : undefined;
    if (name !== undefined && gates.includes(name)) return true;
    const call = skipOuter(argument);
    if (ts.isCallExpression(call) && this.roleGateFactory(call)) return true;
    const fn = this.middleware.functionOf(argument);
    if (!fn?.body || !ts.isBlock(fn.body)) return false;
    return fn.body.statements.some((statement) => {
      for (const fact of this.statementFacts(statement, [])) if ('privileged' in fact) return true;
      return false;
    });
  }

  /**
   * `requireRole('manager', 'admin')` where `requireRole(...roles)` returns middleware that exits
   * unless `roles.includes(req.user.role)`: the role names are the call's, and each names an
   * administrative role, so the middleware gates as `role === 'admin'` does.
   */
  private roleGateFactory(call: ts.CallExpression): boolean {
    const factory = this.tracer.definitions.callee(call);
    if (!factory?.body) return false;
    const returned = this.tracer.definitions.returnExpressions(factory);
    return returned.some((expression) => {
      const gate = skipOuter(expression);
      if (!(ts.isArrowFunction(gate) || ts.isFunctionExpression(gate)) || !ts.isBlock(gate.body)) return false;
      return gate.body.statements.some(
        (statement) =>
          ts.isIfStatement(statement) &&
          !statement.elseStatement &&
          this.exits(statement.thenStatement) &&
          this.deniesUnlessListed(statement.expression, factory, call),
      );
    });
  }

  /** `!roles.includes(user.role)` with `roles` a parameter of the factory bound at `call` to role names only. */
  private deniesUnlessListed(condition: ts.Expression, factory: FunctionNode, call: ts.CallExpression): boolean {
    const node = skipOuter(condition);
    if (!ts.isPrefixUnaryExpression(node) || node.operator !== ts.SyntaxKind.ExclamationToken) return false;
    return isListedRoleTest(this.tracer, node.operand, (list) => {
      const parameter = ts.isIdentifier(list) ? this.tracer.definitions.declarationOf(list) : undefined;
      if (!parameter || !ts.isParameter(parameter) || parameter.parent !== factory) return undefined;
      const index = factory.parameters.indexOf(parameter);
      if (!parameter.dotDotDotToken) {
        const bound = call.arguments[index];
        return bound ? roleList(this.tracer, bound) : undefined;
      }
      const bound = call.arguments.slice(index).map((argument) => skipOuter(argument));
      return bound.every(ts.isStringLiteralLike) ? bound.map((argument) => argument.text) : undefined;
    });
  }

  /**
   * Whether a statement always leaves the enclosing block: return (unless `returns` is false),
   * throw, continue, break, or a call that never returns (Koa's `ctx.throw(403)`, a helper typed `never`).
   */
  exits(statement: ts.Statement, returns = true): boolean {
    if (
      (returns && ts.isReturnStatement(statement)) ||
      ts.isThrowStatement(statement) ||
      ts.isContinueStatement(statement) ||
      ts.isBreakStatement(statement)
    ) {
      return true;
    }
    if (ts.isBlock(statement)) return statement.statements.some((inner) => this.exits(inner, returns));
    if (ts.isIfStatement(statement))
      return (
        !!statement.elseStatement &&
        this.exits(statement.thenStatement, returns) &&
        this.exits(statement.elseStatement, returns)
      );
    if (ts.isExpressionStatement(statement)) {
      const call = callOf(statement.expression);
      const declarations = call ? this.calleeDeclarations(call) : [];
      // Read from the declared return type: cheaper than resolving the call's signature.
      if (
        declarations.length > 0 &&
        declarations.every((declaration) => declaration.type?.kind === ts.SyntaxKind.NeverKeyword)
      )
        return true;
      // Or from the body of the program's own function: `deny(403)` where `deny` always throws.
      const fn = call && this.tracer.definitions.callee(call);
      return !!fn && this.summaries.neverReturns(fn, ts.isAwaitExpression(skipOuter(statement.expression)));
    }
    return false;
  }

  /** `assert(cond)`, `ctx.assert(cond, 403)`: an assertion function's checked condition. */
  private assertedCondition(call: ts.CallExpression): ts.Expression | undefined {
    for (const declaration of this.calleeDeclarations(call)) {
      const type = declaration.type;
      if (
        !type ||
        !ts.isTypePredicateNode(type) ||
        !type.assertsModifier ||
        type.type ||
        !ts.isIdentifier(type.parameterName)
      )
        continue;
      const name = type.parameterName.text;
      const index = declaration.parameters.findIndex(
        (parameter) => ts.isIdentifier(parameter.name) && parameter.name.text === name,
      );
      return index >= 0 ? call.arguments[index] : undefined;
    }
    return undefined;
  }

  /** The signatures a call may run, from its callee's declarations. */
  private calleeDeclarations(call: ts.CallExpression): ts.SignatureDeclaration[] {
    const callee = skipOuter(call.expression);
    const nameNode = ts.isPropertyAccessExpression(callee) ? callee.name : callee;
    const symbol = this.tracer.definitions.symbolOf(nameNode);
    const out: ts.SignatureDeclaration[] = [];
    for (const declaration of symbol?.declarations ?? []) {
      if (ts.isFunctionLike(declaration)) out.push(declaration);
      else if (
        ts.isVariableDeclaration(declaration) ||
        ts.isPropertySignature(declaration) ||
        ts.isPropertyDeclaration(declaration)
      ) {
        const type = declaration.type;
        if (type && ts.isFunctionTypeNode(type)) out.push(type);
      }
    }
    return out;
  }
}

/** Guards do not reach across named functions and methods: those run in other contexts. */
function isBoundary(node: ts.Node): boolean {
  return ts.isSourceFile(node) || (isFunctionNode(node) && !ts.isArrowFunction(node) && !ts.isFunctionExpression(node));
}

function callOf(expression: ts.Expression): ts.CallExpression | undefined {
  let node = skipOuter(expression);
  if (ts.isAwaitExpression(node)) node = skipOuter(node.expression);
  return ts.isCallExpression(node) ? node : undefined;
}

/** A call to a configured guard function, matched through the checker's symbols like every specifier. */
function guardCallOfExpression(
  tracer: Tracer,
  expression: ts.Expression,
  guardFunctions: readonly Specifier[],
): GuardCall | undefined {
  if (guardFunctions.length === 0) return undefined;
  const node = callOf(expression);
  return node && tracer.calls(node, guardFunctions) ? { guardCall: node, args: node.arguments } : undefined;
}

/** Array-valued outputs of a read: present even when the read found nothing. */
const LIST_OUTPUTS: ReadonlySet<string> = new Set(['Items', 'Responses']);

/**
 * The value a condition proves present where it evaluates to `holds`: `item`, `out.Item`,
 * `out.Count !== 0`, `out.Items.length > 0`, `item != null` (`!x` and `x === 0` when false). An
 * array of items (`out.Items`) is present even when empty, so it proves nothing.
 */
function presenceTest(node: ts.Expression, holds: boolean): ts.Expression | undefined {
  const readable = (expression: ts.Expression) => {
    const inner = skipOuter(expression);
    return ts.isPropertyAccessExpression(inner) || ts.isElementAccessExpression(inner) || ts.isIdentifier(inner)
      ? inner
      : undefined;
  };
  if (holds && (ts.isPropertyAccessExpression(node) || ts.isElementAccessExpression(node))) return readable(node);
  if (!ts.isBinaryExpression(node)) return undefined;
  const operator = node.operatorToken.kind;
  const left = skipOuter(node.left);
  const right = skipOuter(node.right);
  const empty = (side: ts.Expression) =>
    (ts.isNumericLiteral(side) && side.text === '0') ||
    side.kind === ts.SyntaxKind.NullKeyword ||
    (ts.isIdentifier(side) && side.text === 'undefined');
  const pair: readonly [ts.Expression, ts.Expression] | undefined = empty(right)
    ? [left, right]
    : empty(left)
      ? [right, left]
      : undefined;
  if (pair) {
    const [subject, other] = pair;
    const equal = equalityOf(operator) === 'equal';
    const notEqual = equalityOf(operator) === 'unequal';
    // `x > 0` (or `0 < x`) holding; `x <= 0` failing.
    const greater =
      (other === right && operator === ts.SyntaxKind.GreaterThanToken) ||
      (other === left && operator === ts.SyntaxKind.LessThanToken);
    const notGreater =
      (other === right && operator === ts.SyntaxKind.LessThanEqualsToken) ||
      (other === left && operator === ts.SyntaxKind.GreaterThanEqualsToken);
    if ((equal && !holds) || ((notEqual || greater) && holds) || (notGreater && !holds)) return readable(subject);
  }
  // `x < 1` failing, `x >= 1` holding.
  const one = ts.isNumericLiteral(right) && right.text === '1';
  if (
    one &&
    ((operator === ts.SyntaxKind.LessThanToken && !holds) ||
      (operator === ts.SyntaxKind.GreaterThanEqualsToken && holds))
  )
    return readable(left);
  return undefined;
}

/** Methods that turn an id into its text, or normalise its case or surrounding space: the same identity. */
const TEXT_NORMALISERS: ReadonlySet<string> = new Set(['toString', 'trim', 'toLowerCase', 'toUpperCase']);

/**
 * The value one side of an equality compares, under coercions to text that keep it: `String(x)`,
 * `x.toString()`, `x.trim()`, `x.toLowerCase()`, `` `${x}` ``, and an empty-text fallback (`x || ''`,
 * `x ?? ''`, which no caller's id equals). `String(rec.userId || '').trim() !== String(me)` compares
 * `rec.userId` with `me`, and so does `ownerId !== String(me)` past `const ownerId =
 * String(rec.userId || '').trim()`: a constant that holds a coercion names what it coerces.
 */
function comparedValue(side: ts.Expression, definitions: Definitions): ts.Expression {
  let node = skipOuter(side);
  for (let hop = 0; hop < MAX_COERCIONS; hop++) {
    const uncoerced = uncoerce(node);
    if (uncoerced) {
      node = uncoerced;
      continue;
    }
    const held = ts.isIdentifier(node) ? definitions.constInitializer(node) : undefined;
    const heldUncoerced = held && uncoerce(skipOuter(held));
    if (!heldUncoerced) break;
    node = heldUncoerced;
  }
  return node;
}

/** What one coercion to text (`String(x)`, `x.trim()`, `` `${x}` ``, `x || ''`) is applied to. */
function uncoerce(node: ts.Expression): ts.Expression | undefined {
  if (
    ts.isCallExpression(node) &&
    node.arguments.length === 1 &&
    calledName(node.expression) === 'String' &&
    ts.isIdentifier(skipOuter(node.expression))
  )
    return skipOuter(node.arguments[0]!);
  if (
    ts.isCallExpression(node) &&
    node.arguments.length === 0 &&
    ts.isPropertyAccessExpression(skipOuter(node.expression)) &&
    TEXT_NORMALISERS.has(calledName(node.expression) ?? '')
  )
    return skipOuter((skipOuter(node.expression) as ts.PropertyAccessExpression).expression);
  if (
    ts.isTemplateExpression(node) &&
    node.head.text === '' &&
    node.templateSpans.length === 1 &&
    node.templateSpans[0]!.literal.text === ''
  )
    return skipOuter(node.templateSpans[0]!.expression);
  if (
    ts.isBinaryExpression(node) &&
    (node.operatorToken.kind === ts.SyntaxKind.BarBarToken ||
      node.operatorToken.kind === ts.SyntaxKind.QuestionQuestionToken) &&
    ts.isStringLiteralLike(skipOuter(node.right)) &&
    (skipOuter(node.right) as ts.StringLiteralLike).text === ''
  )
    return skipOuter(node.left);
  return undefined;
}

/** A member of the instance a method runs on (`this.redis`): state the program holds, not a value a client sends. */
function isReceiverState(origin: Origin): boolean {
  return origin.kind === 'param' && origin.index === THIS && origin.path.length > 0;
}
