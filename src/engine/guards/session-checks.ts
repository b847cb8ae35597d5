import ts from 'typescript';
import {
  bindingPath,
  descendants,
  equalityOf,
  isFalsy,
  isFunctionNode,
  parentOf,
  skipOuter,
  staticName,
} from '../ast.js';
import type { FunctionNode } from '../ast.js';
import { ANY } from '../flow/path.js';
import type { Tracer } from '../flow/tracer.js';
import { nameWords } from '../strings.js';
import { hasOrigin, sourcesOf } from '../taint.js';
import type { SessionCheckModel } from '../model.js';
import type { Guards } from './dominators.js';
import type { LoadedItems } from './loaded-items.js';
import type { ParamPart } from './summaries.js';

/** `!`, `&&`, `await` and constant conditions followed into a check's comparisons. */
const MAX_CONDITION_DEPTH = 8;
/** Comparing helpers followed into (`same(a, b)` returning `timingSafeEqual(…)`). */
const MAX_HELPER_DEPTH = 2;
/** Calls followed to the check a result is truthy only past (middleware → `checkSession` → `getAccount`). */
const MAX_PROVING_CALLS = 3;
/** Statements of a middleware searched for its check. */
const MAX_STATEMENTS = 64;
/** Expressions a stored secret is followed back through to the read it is computed from. */
const MAX_DERIVATION_NODES = 48;

/** A parameter part a function proved the client holds the secret of, and the check that proved it. */
export interface SessionProof {
  readonly part: ParamPart;
  readonly check: ts.IfStatement;
}

type Pair = readonly [ts.Expression, ts.Expression];

/**
 * Session checks (authentication by a stored secret): a middleware that reads the item a value of
 * its options names (`input.account`) and exits unless a secret attribute of that item (a session
 * token, a password or API key, `SessionCheckModel.secretWords`) equals a value the client sent has
 * authenticated that value: the client proved it holds the item's secret, so the value is the
 * caller's identity in every handler the middleware runs before. Comparing an attribute that is no
 * secret (`item.owner === input.owner`) proves nothing of the sort.
 */
export class SessionChecks {
  private readonly proofs = new Map<FunctionNode, readonly SessionProof[]>();
  private readonly helpers = new Map<FunctionNode, readonly (readonly [number, number])[]>();
  private readonly returns = new Map<FunctionNode, readonly { value: ts.Expression; proofs: Proof[] }[]>();

  constructor(
    private readonly tracer: Tracer,
    private readonly guards: Guards,
    private readonly items: LoadedItems,
    private readonly partOf: (fn: FunctionNode, node: ts.Expression) => ParamPart | undefined,
  ) {}

  /** The parts of `fn`'s parameters whose item's secret `fn` checked before going on (a middleware's exiting checks). */
  of(fn: FunctionNode): readonly SessionProof[] {
    if (!this.tracer.model.sessionChecks || !fn.body || !ts.isBlock(fn.body)) return [];
    let found = this.proofs.get(fn);
    if (found) return found;
    this.proofs.set(fn, []);
    const proofs: SessionProof[] = [];
    for (const statement of fn.body.statements.slice(0, MAX_STATEMENTS)) {
      // Checks after the middleware called on (`await next()`) came too late for the handler.
      if (this.callsOn(statement, fn)) break;
      if (!ts.isIfStatement(statement) || statement.elseStatement || !this.guards.exits(statement.thenStatement))
        continue;
      // What the framework hands the middleware (its `ctx`) came with the request: sent by the client.
      for (const { key } of this.conditionProofs(statement.expression, false, fn, 0))
        proofs.push({ part: key, check: statement });
    }
    found = proofs;
    this.proofs.set(fn, found);
    return found;
  }

  /** Whether a statement calls a function `fn` was handed (`next()`, `({ next }) => …`): the middleware calling on. */
  private callsOn(statement: ts.Statement, fn: FunctionNode): boolean {
    return [statement, ...descendants(statement)].some((node) => {
      if (!ts.isCallExpression(node) || !ts.isIdentifier(skipOuter(node.expression))) return false;
      const declaration = this.tracer.definitions.declarationOf(skipOuter(node.expression));
      const holder: ts.Node | undefined =
        declaration && ts.isBindingElement(declaration) ? bindingPath(declaration).holder : declaration;
      return !!holder && ts.isParameter(holder) && holder.parent === fn;
    });
  }

  /**
   * The secrets proven whenever `condition` evaluates to `holds`: a comparison of a stored secret
   * with a sent value, or the truthy result of a helper that returns one only past such a check
   * (`if (!(await vault.checkSession({ account, session })).success) throw …`).
   */
  private conditionProofs(condition: ts.Expression, holds: boolean, fn: FunctionNode, calls: number): Proof[] {
    return [
      ...this.compared(condition, holds, 0).flatMap((pair) => this.pairProofs(pair, fn)),
      ...this.truthyProofs(condition, holds, fn, calls, [], 0),
    ];
  }

  /** A comparison of a stored secret with a value sent by the client (or handed to `fn`), as proofs. */
  private pairProofs(pair: Pair, fn: FunctionNode): Proof[] {
    const model = this.tracer.model.sessionChecks;
    if (!model) return [];
    const proofs: Proof[] = [];
    for (const [stored, sent] of [pair, [pair[1], pair[0]] as const]) {
      const by = this.sentPart(sent, fn);
      if (!by) continue;
      for (const site of this.secretReads(stored, model))
        for (const key of this.items.inputParts(site, (node) => this.partOf(fn, node))) proofs.push({ key, sent: by });
    }
    return proofs;
  }

  /**
   * What a truthy value proves (`holds`), read through `!`, `&&`, constants and members: the
   * result of a helper call (or the member `path` of it) is truthy only where the helper returned
   * past a check.
   */
  private truthyProofs(
    value: ts.Expression,
    holds: boolean,
    fn: FunctionNode,
    calls: number,
    path: readonly string[],
    depth: number,
  ): Proof[] {
    if (depth > MAX_CONDITION_DEPTH || calls >= MAX_PROVING_CALLS) return [];
    const node = skipOuter(value);
    if (ts.isPrefixUnaryExpression(node) && node.operator === ts.SyntaxKind.ExclamationToken && !path.length)
      return this.truthyProofs(node.operand, !holds, fn, calls, path, depth + 1);
    if (ts.isAwaitExpression(node)) return this.truthyProofs(node.expression, holds, fn, calls, path, depth + 1);
    if (ts.isBinaryExpression(node) && !path.length) {
      const operator = node.operatorToken.kind;
      if (
        (operator === ts.SyntaxKind.AmpersandAmpersandToken && holds) ||
        (operator === ts.SyntaxKind.BarBarToken && !holds)
      )
        return [
          ...this.truthyProofs(node.left, holds, fn, calls, path, depth + 1),
          ...this.truthyProofs(node.right, holds, fn, calls, path, depth + 1),
        ];
      return [];
    }
    if (!holds) return [];
    if (ts.isPropertyAccessExpression(node))
      return this.truthyProofs(node.expression, holds, fn, calls, [node.name.text, ...path], depth + 1);
    if (ts.isIdentifier(node)) {
      const initializer = this.tracer.definitions.constInitializer(node);
      return initializer ? this.truthyProofs(initializer, holds, fn, calls, path, depth + 1) : [];
    }
    return ts.isCallExpression(node) ? this.lifted(node, fn, calls, path) : [];
  }

  /**
   * A helper's proofs restated at a call: those that hold at every return whose value (or member
   * `path` of it) may be truthy, with the helper's parameters replaced by what the call passes.
   */
  private lifted(
    call: ts.CallExpression,
    fn: FunctionNode,
    calls: number,
    path: readonly string[] | undefined,
  ): Proof[] {
    if (calls >= MAX_PROVING_CALLS) return [];
    const callee = this.tracer.definitions.callee(call);
    if (!callee) return [];
    let common: Proof[] | undefined;
    for (const { value, proofs } of this.returnProofs(callee, calls + 1)) {
      const member = path && memberOf(value, path);
      if (member && isFalsy(member)) continue;
      common = common ? common.filter((proof) => proofs.some((other) => sameProof(proof, other))) : [...proofs];
    }
    const out: Proof[] = [];
    for (const { key, sent } of common ?? []) {
      const keyValue = argumentPart(call, key);
      const keyPart = keyValue && this.partOf(fn, keyValue);
      const sentValue = sent === 'client' ? undefined : argumentPart(call, sent);
      const by = sent === 'client' ? 'client' : sentValue && this.sentPart(sentValue, fn);
      if (keyPart && by) out.push({ key: keyPart, sent: by });
    }
    return out;
  }

  /** For each own `return` of a helper, the proofs that hold there (conditions around it, exiting checks and proving calls before it). */
  private returnProofs(fn: FunctionNode, calls: number): readonly { value: ts.Expression; proofs: Proof[] }[] {
    let found = this.returns.get(fn);
    if (found) return found;
    this.returns.set(fn, []);
    found = this.tracer.definitions
      .returnExpressions(fn)
      .map((value) => ({ value, proofs: this.proofsAt(value, fn, calls) }));
    this.returns.set(fn, found);
    return found;
  }

  /** The proofs that hold at `node` in `fn`: the `if` branches it sits in, the exiting checks and proving calls before it. */
  private proofsAt(node: ts.Node, fn: FunctionNode, calls: number): Proof[] {
    const proofs: Proof[] = [];
    let child: ts.Node = node;
    for (let parent = parentOf(node); parent && parent !== fn; child = parent, parent = parentOf(parent)) {
      if (isFunctionNode(parent)) return [];
      if (ts.isIfStatement(parent) && child !== parent.expression)
        proofs.push(...this.conditionProofs(parent.expression, child === parent.thenStatement, fn, calls));
      if (!ts.isBlock(parent)) continue;
      const index = parent.statements.indexOf(child as ts.Statement);
      for (const statement of parent.statements.slice(Math.max(0, index - MAX_STATEMENTS), Math.max(0, index))) {
        if (
          ts.isIfStatement(statement) &&
          !statement.elseStatement &&
          this.guards.exits(statement.thenStatement, false)
        )
          proofs.push(...this.conditionProofs(statement.expression, false, fn, calls));
        // `const result = await this.getAccount(…)`: it returned, so it got past its check.
        const call = calledIn(statement);
        if (call) proofs.push(...this.lifted(call, fn, calls, undefined));
      }
    }
    return proofs;
  }

  /** The comparisons that hold whenever `condition` evaluates to `holds`. */
  private compared(condition: ts.Expression, holds: boolean, depth: number, helpers = 0): Pair[] {
    if (depth > MAX_CONDITION_DEPTH) return [];
    const node = skipOuter(condition);
    if (ts.isPrefixUnaryExpression(node) && node.operator === ts.SyntaxKind.ExclamationToken)
      return this.compared(node.operand, !holds, depth + 1, helpers);
    if (ts.isAwaitExpression(node)) return this.compared(node.expression, holds, depth + 1, helpers);
    if (ts.isIdentifier(node)) {
      const initializer = this.tracer.definitions.constInitializer(node);
      return initializer ? this.compared(initializer, holds, depth + 1, helpers) : [];
    }
    if (ts.isBinaryExpression(node)) {
      const operator = node.operatorToken.kind;
      if (
        (operator === ts.SyntaxKind.AmpersandAmpersandToken && holds) ||
        (operator === ts.SyntaxKind.BarBarToken && !holds)
      )
        return [
          ...this.compared(node.left, holds, depth + 1, helpers),
          ...this.compared(node.right, holds, depth + 1, helpers),
        ];
      return equalityOf(operator) === (holds ? 'equal' : 'unequal') ? [[node.left, node.right]] : [];
    }
    return holds && ts.isCallExpression(node) ? this.callCompared(node, depth, helpers) : [];
  }

  /**
   * What a truthy call proves: `sessions.some((s) => same(s.token, sent))` that one element's
   * callback held, `timingSafeEqual(a, b)` (a comparator of the model) that its arguments are equal,
   * a helper of the program that returns only such a comparison of two of its parameters, the same.
   */
  private callCompared(call: ts.CallExpression, depth: number, helpers: number): Pair[] {
    const callee = skipOuter(call.expression);
    const callback = call.arguments[0] && skipOuter(call.arguments[0]);
    if (
      ts.isPropertyAccessExpression(callee) &&
      (callee.name.text === 'some' || callee.name.text === 'find') &&
      callback &&
      (ts.isArrowFunction(callback) || ts.isFunctionExpression(callback))
    )
      return this.tracer.definitions
        .returnExpressions(callback)
        .flatMap((value) => this.compared(value, true, depth + 1, helpers));
    if (this.tracer.calls(call, this.tracer.model.sessionChecks?.comparators ?? []))
      return call.arguments.length >= 2 ? [[call.arguments[0]!, call.arguments[1]!]] : [];
    const fn = this.tracer.definitions.callee(call);
    if (!fn || helpers >= MAX_HELPER_DEPTH) return [];
    return this.comparedParameters(fn, helpers + 1).flatMap(([left, right]) => {
      const a = call.arguments[left];
      const b = call.arguments[right];
      return a && b ? [[a, b] as const] : [];
    });
  }

  /** The pairs of parameters a helper's every truthy return compares (`return timingSafeEqual(Buffer.from(a), Buffer.from(b))`). */
  private comparedParameters(fn: FunctionNode, helpers: number): readonly (readonly [number, number])[] {
    let found = this.helpers.get(fn);
    if (found) return found;
    this.helpers.set(fn, []);
    let common: (readonly [number, number])[] | undefined;
    for (const value of this.tracer.definitions.returnExpressions(fn)) {
      if (skipOuter(value).kind === ts.SyntaxKind.FalseKeyword) continue;
      const pairs = this.compared(value, true, 0, helpers).flatMap(([a, b]) => {
        const left = this.parametersIn(a, fn);
        const right = this.parametersIn(b, fn);
        return left.length === 1 && right.length === 1 && left[0] !== right[0] ? [[left[0]!, right[0]!] as const] : [];
      });
      common = common ? common.filter(([a, b]) => pairs.some(([c, d]) => a === c && b === d)) : pairs;
    }
    found = common ?? [];
    this.helpers.set(fn, found);
    return found;
  }

  /**
   * The parameters of `fn` a compared side is, or is converted from by calls (`Buffer.from(a)`,
   * `a.trim()`): not a property of one (`a.length` equal to `b.length` proves nothing of `a`).
   */
  private parametersIn(expression: ts.Expression, fn: FunctionNode, depth = 0): number[] {
    const node = skipOuter(expression);
    if (depth > MAX_CONDITION_DEPTH) return [];
    if (ts.isIdentifier(node)) {
      const declaration = this.tracer.definitions.declarationOf(node);
      return declaration && ts.isParameter(declaration) && declaration.parent === fn
        ? [fn.parameters.indexOf(declaration)]
        : [];
    }
    if (!ts.isCallExpression(node)) return [];
    const callee = skipOuter(node.expression);
    const found = new Set(node.arguments.flatMap((argument) => this.parametersIn(argument, fn, depth + 1)));
    if (ts.isPropertyAccessExpression(callee))
      for (const index of this.parametersIn(callee.expression, fn, depth + 1)) found.add(index);
    return [...found];
  }

  /**
   * A value the client sent (request data: `'client'`), or a part of `fn`'s parameters (what a
   * caller passes, or what the framework hands a middleware: its `ctx`, built from the request).
   * Never anything read from an item.
   */
  private sentPart(value: ts.Expression, fn: FunctionNode): ParamPart | 'client' | undefined {
    const taint = this.tracer.value(value);
    if (hasOrigin(taint, (origin) => origin.kind === 'produced')) return undefined;
    if (sourcesOf(taint).length) return 'client';
    return hasOrigin(taint, (origin) => origin.kind === 'param' && origin.fn === fn)
      ? this.partOf(fn, value)
      : undefined;
  }

  /**
   * The reads whose item's attribute named a secret a value is (`Item.sessions[].token`,
   * `Item.apiKey`), or, where the value walk loses the item (records rebuilt through a `Map`), the
   * reads a member named a secret is computed from (`active.token` of `normalize(Item.sessions).some((active) => …)`).
   */
  private secretReads(value: ts.Expression, model: SessionCheckModel): ts.Node[] {
    const namesSecret = (name: string | undefined) => {
      const words = name === undefined ? '' : ` ${nameWords(name)} `;
      return model.secretWords.some((secret) => words.includes(` ${secret} `));
    };
    const sites: ts.Node[] = [];
    const produced = this.tracer
      .value(value)
      .alts.flat()
      .filter((origin) => origin.kind === 'produced');
    for (const origin of produced) {
      const attribute = origin.path
        .slice(1)
        .filter((segment) => segment !== ANY && !/^\d+$/.test(segment))
        .at(-1);
      if (namesSecret(attribute)) sites.push(origin.site);
    }
    const node = skipOuter(value);
    if (!produced.length && ts.isPropertyAccessExpression(node) && namesSecret(node.name.text))
      sites.push(...this.derivedReads(node.expression, new Set()));
    return sites;
  }

  /** The reads a value is computed from: through variables, the arguments and receivers of calls, and the callbacks of array methods. */
  private derivedReads(expression: ts.Expression, seen: Set<ts.Node>): ts.Node[] {
    const node = skipOuter(expression);
    if (seen.has(node) || seen.size >= MAX_DERIVATION_NODES) return [];
    seen.add(node);
    const produced = this.tracer
      .value(node)
      .alts.flat()
      .flatMap((origin) => (origin.kind === 'produced' ? [origin.site] : []));
    if (produced.length) return produced;
    const from = (next: ts.Expression) => this.derivedReads(next, seen);
    if (ts.isAwaitExpression(node)) return from(node.expression);
    if (ts.isPropertyAccessExpression(node) || ts.isElementAccessExpression(node)) return from(node.expression);
    if (ts.isCallExpression(node)) {
      const callee = skipOuter(node.expression);
      return [
        ...node.arguments.flatMap(from),
        ...(ts.isPropertyAccessExpression(callee) ? from(callee.expression) : []),
      ];
    }
    if (!ts.isIdentifier(node)) return [];
    const declaration = this.tracer.definitions.declarationOf(node);
    if (declaration && ts.isVariableDeclaration(declaration) && declaration.initializer)
      return from(declaration.initializer);
    // `active` of `sessions.some((active) => …)`: an element of the receiver.
    const callback = declaration && ts.isParameter(declaration) ? declaration.parent : undefined;
    const call = callback?.parent;
    if (!callback || !call || !ts.isCallExpression(call) || !call.arguments.some((argument) => argument === callback))
      return [];
    const method = skipOuter(call.expression);
    return ts.isPropertyAccessExpression(method) ? from(method.expression) : [];
  }
}

/** A proof: the item `key` names holds a secret equal to `sent` (a parameter part, or a value the client sent). */
interface Proof {
  readonly key: ParamPart;
  readonly sent: ParamPart | 'client';
}

function sameProof(a: Proof, b: Proof): boolean {
  const samePart = (x: ParamPart | 'client', y: ParamPart | 'client') =>
    x === 'client' || y === 'client'
      ? x === y
      : x.index === y.index && x.path.length === y.path.length && x.path.every((segment, i) => segment === y.path[i]);
  return samePart(a.key, b.key) && samePart(a.sent, b.sent);
}

/** The value at `path` of an object literal (`success` of `{ success: false }`), when written there. */
function memberOf(value: ts.Expression, path: readonly string[]): ts.Expression | undefined {
  let node: ts.Expression | undefined = skipOuter(value);
  for (const name of path) {
    if (!node || !ts.isObjectLiteralExpression(node)) return undefined;
    const member: ts.ObjectLiteralElementLike | undefined = node.properties.find(
      (property) => !!property.name && staticName(property.name) === name,
    );
    node = member && ts.isPropertyAssignment(member) ? skipOuter(member.initializer) : undefined;
  }
  return node;
}

/** The value a call passes at a parameter part: `account` of `f({ account, session })` for part 0, ['account']. */
function argumentPart(call: ts.CallExpression, part: ParamPart): ts.Expression | undefined {
  const argument = call.arguments[part.index];
  return argument && !ts.isSpreadElement(argument)
    ? part.path.length
      ? (memberOf(argument, part.path) ?? shorthandOf(argument, part.path))
      : argument
    : undefined;
}

/** `account` in `f({ account })`: a shorthand member is read as its name. */
function shorthandOf(argument: ts.Expression, path: readonly string[]): ts.Expression | undefined {
  const node = skipOuter(argument);
  if (path.length !== 1 || !ts.isObjectLiteralExpression(node)) return undefined;
  const member = node.properties.find(
    (property): property is ts.ShorthandPropertyAssignment =>
      ts.isShorthandPropertyAssignment(property) && property.name.text === path[0],
  );
  return member?.name;
}

/** The call a statement makes and goes on past (`await f(…)`, `const x = await f(…)`). */
function calledIn(statement: ts.Statement): ts.CallExpression | undefined {
  const expression = ts.isExpressionStatement(statement)
    ? statement.expression
    : ts.isVariableStatement(statement) && statement.declarationList.declarations.length === 1
      ? statement.declarationList.declarations[0]!.initializer
      : undefined;
  let node = expression && skipOuter(expression);
  if (node && ts.isAwaitExpression(node)) node = skipOuter(node.expression);
  return node && ts.isCallExpression(node) ? node : undefined;
}
