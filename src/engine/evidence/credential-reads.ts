import ts from 'typescript';
import {
  argumentAt,
  calledName,
  descendants,
  enclosingFunction,
  equalityOf,
  isFalsy,
  isFunctionNode,
  isGlobalMethodCall,
  isWithin,
  ownSourceFiles,
  referencesOf,
  skipOuter,
} from '../ast.js';
import type { FunctionNode } from '../ast.js';
import { substitute } from '../flow/arguments.js';
import { returnedToAccess } from '../dynamodb/access.js';
import type { AccessFact } from '../dynamodb/access.js';
import type { DynamoAnalysis } from '../dynamodb/analysis.js';
import { producedOf } from '../dynamodb/callback-results.js';
import type { CredentialModel, PasswordVerifierModel } from '../model.js';
import { hasOrigin, sourcesOf } from '../taint.js';
import type { ReturnedThrough, SourceOrigin, Taint } from '../taint.js';
import { specifierNames, symbolMatches } from '../types.js';
import { nameWords } from '../strings.js';
import { ANY } from '../flow/path.js';
import type { Specifier } from '../types.js';

/** How many verifier calls a program's index follows back (bounded: a login has one or two). */
const MAX_VERIFIER_CALLS = 64;
/** Helpers a password hash is followed out of to their callers (`checkPassword(pw, hash)` calling `bcrypt.compare`). */
const MAX_VERIFIER_HELPERS = 2;
/** Functions followed outward from a verifier's own function (a closure inside the handler). */
const MAX_ENCLOSING = 8;

/** A verifier call that checks a read's item, and the function it is written in. */
interface Check {
  readonly checker: ts.Node;
  /** The verifier call, or the comparison of a digest with the stored hash, or an identity provider's sign-in request. */
  readonly call: ts.CallExpression | ts.NewExpression | ts.BinaryExpression;
  /** The item attribute the verifier compared as the stored hash (`passwordHash` of `user.passwordHash`), when named. */
  readonly hash?: CheckedHash;
  /**
   * A presented secret (`if (record.otp !== otp) return …`): the exiting comparison of a stored
   * one-time code or token, the `sessionChecks` words, with the value the client sent.
   */
  readonly presented?: ts.IfStatement;
  /** The value the client presented there (`otp` of `record.otp !== otp`). */
  readonly sent?: ts.Expression;
  /** A presented secret checked through a helper that returns the comparison (`verifyPin`), tested by `presented`. */
  readonly helper?: TestedHelper;
  /** The calls that returned the checked item out of a shared read (`db.get(key)` of a wrapper), innermost first. */
  readonly via?: readonly ReturnedThrough[];
}

/** A helper returning a presented secret's comparison, and whether what follows the caller's exiting `if` runs only on a match. */
interface TestedHelper {
  readonly fn: FunctionNode;
  readonly matchFollows: boolean;
}

/** An attribute of a read's item that a login compares as the password hash, and the expression that reads it. */
export interface CheckedHash {
  readonly attribute: string;
  readonly node: ts.Expression;
}

/** A read site → the verifier calls that check the password hash of the item it produced. */
type CredentialReads = ReadonlyMap<ts.Node, readonly Check[]>;

const cache = new WeakMap<DynamoAnalysis, CredentialReads>();

/** An identity provider's sign-in: the request values it checks the password of, and the functions they pass on the way. */
interface SignIn {
  readonly accounts: ReadonlySet<string>;
  readonly checks: readonly Check[];
}

const signIns = new WeakMap<DynamoAnalysis, readonly SignIn[]>();
/** How many callers' calls a sign-in's account name is followed up through (a service method, its controller). */
const MAX_SIGN_IN_HOPS = 3;
/** How many calls of one function are followed (a login helper has one or two). */
const MAX_SIGN_IN_CALLS = 8;

/**
 * Whether an access is a login lookup: a read whose item's password hash goes to a password
 * verifier (`bcrypt.compare(password, user.passwordHash)`) in the function the request value
 * passes through on its way to the read, or in a closure written inside that function (`const
 * authenticate = async () => { … return bcrypt.compare(…) }`), so the client names the account it
 * then proves it owns. A helper shared with other routes (`getUser(email)`) is a login lookup only
 * where the value passes through the checking function. A read of the same account again after
 * the check (the same request values as a checked read, keyed the same way) is part of the login.
 */
export function isLoginLookup(analysis: DynamoAnalysis, credentials: CredentialModel, fact: AccessFact): boolean {
  let reads = cache.get(analysis);
  if (!reads) cache.set(analysis, (reads = findCredentialReads(analysis, credentials)));
  const checks = reads.get(fact.site.node)?.filter((check) => checksItemOf(fact, check));
  if (checks?.length && passesThroughChecker(fact, checks)) return true;
  if (rereadAfterCheck(analysis, reads, fact)) return true;
  return signedInAccount(analysis, credentials.verifiers, fact);
}

/**
 * Whether one of `responses` (where the read's item, or some of it, reaches a client) runs before
 * the password check of a login lookup: written earlier, in the checking function or one it is
 * written in (`if (req.query.peek) return res.json({ name: user.name })` above
 * `checkPassword(password, user.password)`). The item then leaves the server whatever the password.
 * A mailed code proves the mailbox, not a right to the rest of the row: a presented secret's
 * lookup answered anywhere on its way (the checking function, or one its key flows through) is answered.
 */
export function answeredBeforeCheck(
  analysis: DynamoAnalysis,
  credentials: CredentialModel,
  fact: AccessFact,
  responses: readonly ts.Node[],
): boolean {
  let reads = cache.get(analysis);
  if (!reads) cache.set(analysis, (reads = findCredentialReads(analysis, credentials)));
  const checks = (reads.get(fact.site.node) ?? []).filter(
    (check) => checksItemOf(fact, check) && passesThroughChecker(fact, [check]),
  );
  // The functions the access's key flows through (a route whose helper checked the code).
  const flow = new Set(
    fact.keys.flatMap((position) =>
      sourcesOf(position.taint).flatMap((source) =>
        [source.node, ...source.steps.map((step) => step.node)].map(enclosingFunction),
      ),
    ),
  );
  return checks.some((check) => {
    const scopes = scopesOf([check]);
    // The helper gives back only whether the secret matched: the item leaves the server only from inside it.
    const helper = check.helper?.fn;
    if (helper) return responses.some((response) => isWithin(response, helper));
    if (check.presented)
      return responses.some(
        (response) => scopes.has(enclosingFunction(response)) || flow.has(enclosingFunction(response)),
      );
    return responses.some(
      (response) =>
        response.getSourceFile() === check.call.getSourceFile() &&
        response.end <= check.call.getStart() &&
        scopes.has(enclosingFunction(response)),
    );
  });
}

/**
 * The item attributes a login lookup's verifier compares as the stored password hash
 * (`passwordHash` of `bcrypt.compare(password, user.passwordHash)`): the item the read returns holds them.
 */
export function checkedHashes(analysis: DynamoAnalysis, credentials: CredentialModel, site: ts.Node): CheckedHash[] {
  let reads = cache.get(analysis);
  if (!reads) cache.set(analysis, (reads = findCredentialReads(analysis, credentials)));
  return (reads.get(site) ?? []).flatMap((check) => (check.hash ? [check.hash] : []));
}

/**
 * A read keyed by the account name an identity provider then checks the password of (`User.scan('email').eq(email)`,
 * then Cognito `InitiateAuth` with `AuthParameters: { USERNAME: email, PASSWORD: password }`), in a
 * function that value passes through on its way to the sign-in: the client names the account it
 * proves it owns, as with `bcrypt.compare`.
 */
function signedInAccount(
  analysis: DynamoAnalysis,
  verifiers: readonly PasswordVerifierModel[],
  fact: AccessFact,
): boolean {
  const sources = fact.keys.flatMap((position) => sourcesOf(position.taint));
  if (sources.length === 0) return false;
  let found = signIns.get(analysis);
  if (!found) signIns.set(analysis, (found = findSignIns(analysis, verifiers)));
  return found.some(
    (signIn) =>
      sources.every((source) => signIn.accounts.has(sourceKey(source))) && passesThroughChecker(fact, signIn.checks),
  );
}

/** The identity provider sign-ins of a program, with the request values sent as their account names. */
function findSignIns(analysis: DynamoAnalysis, verifiers: readonly PasswordVerifierModel[]): SignIn[] {
  const models = verifiers.filter((verifier) => verifier.signIn);
  const names = [...new Set(models.flatMap((verifier) => specifierNames(verifier.callee)))];
  const out: SignIn[] = [];
  let followed = 0;
  if (names.length === 0) return out;
  for (const file of ownSourceFiles(analysis.program)) {
    if (!names.some((name) => file.text.includes(name))) continue;
    for (const node of descendants(file)) {
      if (!ts.isCallExpression(node) && !ts.isNewExpression(node)) continue;
      const name = calledName(node.expression);
      if (name === undefined || !names.includes(name)) continue;
      const model = models.find((candidate) => analysis.tracer.calls(node, [candidate.callee]));
      const request = model?.signIn && node.arguments?.[model.hash];
      if (!model?.signIn || !request || followed++ >= MAX_VERIFIER_CALLS) continue;
      // The password must be the caller's to prove: a sign-in request without one checks nothing.
      const password = analysis.tracer.value(request, [...model.signIn.password]);
      if (!hasOrigin(password, () => true)) continue;
      out.push(accountsOf(analysis, node, analysis.tracer.value(request, [...model.signIn.account])));
    }
  }
  return out;
}

/** The request values an account name holds, followed up through the calls of the functions whose parameters it is. */
function accountsOf(analysis: DynamoAnalysis, call: ts.CallExpression | ts.NewExpression, account: Taint): SignIn {
  const accounts = new Set<string>();
  const checks: Check[] = [{ checker: enclosingFunction(call), call }];
  let pending: { taint: Taint; hops: number }[] = [{ taint: account, hops: 0 }];
  while (pending.length) {
    const next: { taint: Taint; hops: number }[] = [];
    for (const { taint, hops } of pending) {
      for (const source of sourcesOf(taint)) accounts.add(sourceKey(source));
      if (hops >= MAX_SIGN_IN_HOPS) continue;
      const fns = new Set<FunctionNode>();
      for (const origin of taint.alts.flat())
        if (origin.kind === 'param' && isFunctionNode(origin.fn)) fns.add(origin.fn);
      for (const fn of fns) {
        for (const caller of analysis.tracer.definitions.callersOf(fn).slice(0, MAX_SIGN_IN_CALLS)) {
          checks.push({ checker: enclosingFunction(caller), call: caller });
          next.push({ taint: substitute(analysis.tracer, taint, caller, fn, false), hops: hops + 1 });
        }
      }
    }
    pending = next;
  }
  return { accounts, checks };
}

/** Whether a step of the key's flow lies in a checking function, or in a function a checking closure is written in. */
function passesThroughChecker(fact: AccessFact, checks: readonly Check[]): boolean {
  const scopes = scopesOf(checks);
  return fact.keys.some((position) =>
    sourcesOf(position.taint).some((source) =>
      [source.node, ...source.steps.map((step) => step.node)].some((node) => scopes.has(enclosingFunction(node))),
    ),
  );
}

/** The checking functions, and the functions each is written in. */
function scopesOf(checks: readonly Check[]): Set<ts.Node> {
  const scopes = new Set<ts.Node>();
  for (const { checker } of checks) {
    let scope: ts.Node = checker;
    for (let depth = 0; depth < MAX_ENCLOSING && !ts.isSourceFile(scope); depth++) {
      scopes.add(scope);
      scope = enclosingFunction(scope);
    }
  }
  return scopes;
}

/**
 * A read keyed by exactly the request values of a checked login read, after its check (`const r2 =
 * await db.query(q)` once `bcrypt.compare` accepted the item `db.query(q)` returned): the account
 * the client has just proved it owns. Also an access the checking function makes on its way out
 * because of the checked item itself (`if (expired(record.createdAt)) { await del(key); return … }`,
 * the attempt counter on a wrong code): the check's own upkeep of the credential row.
 */
function rereadAfterCheck(analysis: DynamoAnalysis, reads: CredentialReads, fact: AccessFact): boolean {
  const sources = fact.keys.flatMap((position) => sourcesOf(position.taint));
  const first = sources[0];
  if (!first) return false;
  const site = fact.site.node;
  for (const [read, checks] of reads) {
    if (read === site && checks.some((check) => checksItemOf(fact, check))) continue;
    const before = checks.filter((check) =>
      check.helper
        ? pastTestedCheck(fact, check.helper, check.presented)
        : check.call.getSourceFile() !== site.getSourceFile() ||
          check.call.end <= site.getStart() ||
          passedOrRejected(analysis, fact, read, check),
    );
    if (!before.length) continue;
    // The checked read is reached from the request value's file, or from the function that checks it.
    const files = new Set([first.node.getSourceFile(), ...before.map((check) => check.call.getSourceFile())]);
    const checked = [...files]
      .flatMap((file) => analysis.factsInFile(file))
      .filter((candidate) => candidate.site.node === read && before.some((check) => checksItemOf(candidate, check)));
    const keyed = new Set(
      checked.flatMap((candidate) => candidate.keys.flatMap((position) => sourcesOf(position.taint).map(sourceKey))),
    );
    // A key the check proved equal to the presented code (`if (item.otp !== otp) return` read as the
    // item's owner being `otp`) stands for the account that code belongs to: the one just checked.
    const sentBy = (source: SourceOrigin) => before.some((check) => presentedThrough(analysis, check, source));
    if (!sources.every((source) => keyed.has(sourceKey(source)) || sentBy(source))) continue;
    if (checked.some((candidate) => passesThroughChecker(candidate, before))) return true;
  }
  return false;
}

/**
 * Whether an access's key passes through the function that tested a helper's check after the `if`
 * that exits on its failure (`await Player.remove(roundId, playerName)` below `if (!pinValid) return
 * 401`): a statement of the `if`'s own list, after it, holds a step of the key's flow.
 */
function pastTestedCheck(fact: AccessFact, helper: TestedHelper, presented: ts.IfStatement | undefined): boolean {
  const list = presented?.parent;
  if (!presented || !list || !helper.matchFollows) return false;
  const follows = (node: ts.Node) => {
    for (let child = node; !ts.isSourceFile(child) && !isFunctionNode(child); child = child.parent)
      if (child.parent === list) return child.pos >= presented.end;
    return false;
  };
  return fact.keys.some((position) =>
    sourcesOf(position.taint).some((source) =>
      [source.node, ...source.steps.map((step) => step.node), ...(source.exitArg ? [source.exitArg] : [])].some(
        follows,
      ),
    ),
  );
}

/** Whether an access is the read whose item a check compared, not another caller of the wrapper it reads through. */
function checksItemOf(fact: AccessFact, check: Check): boolean {
  return returnedToAccess(fact, fact.site.node, check.via ?? []);
}

/** Whether a request value reached a presented check as the value the client presented (its variable or parameter). */
function presentedThrough(analysis: DynamoAnalysis, check: Check, source: SourceOrigin): boolean {
  const sent = check.sent && skipOuter(check.sent);
  if (!sent) return false;
  const declaration = ts.isIdentifier(sent) ? analysis.tracer.definitions.declarationOf(sent) : undefined;
  return [source.node, ...source.steps.map((step) => step.node)].some(
    (node) => node === sent || (!!declaration && isWithin(node, declaration)),
  );
}

/** Nodes of a condition searched for a value of the checked item (`isExpired(record.createdAt)`). */
const MAX_CONDITION_NODES = 32;

/**
 * Whether an access's key leaves the checking function (its latest step there, or the argument it
 * is passed on by) after the check, or from a branch that ends the request under a condition on
 * the checked item (`read`'s): the expired or locked-out row cleaned up, the attempt counter of a
 * wrong code stepped.
 */
function passedOrRejected(analysis: DynamoAnalysis, fact: AccessFact, read: ts.Node, check: Check): boolean {
  const fn = enclosingFunction(check.call);
  const exits = fact.keys.flatMap((position) =>
    sourcesOf(position.taint).flatMap((source) => {
      const flow = [source.node, ...source.steps.map((step) => step.node), ...(source.exitArg ? [source.exitArg] : [])];
      const inside = flow.filter((node) => enclosingFunction(node) === fn);
      return inside.length ? [inside.reduce((latest, node) => (node.pos > latest.pos ? node : latest))] : [];
    }),
  );
  return exits.some((node) => node.getStart() >= check.call.end || onRejectionPath(analysis, node, fn, read));
}

/** Whether `node` lies in a branch of `fn` that exits and is taken by a condition on the item `read` produced. */
function onRejectionPath(analysis: DynamoAnalysis, node: ts.Node, fn: ts.Node, read: ts.Node): boolean {
  for (let child = node; !ts.isSourceFile(child) && child.parent !== fn; child = child.parent) {
    const parent = child.parent;
    if (!ts.isIfStatement(parent) || child === parent.expression) continue;
    if (!analysis.tracer.guards.exits(child as ts.Statement)) continue;
    const condition = [parent.expression, ...descendants(parent.expression)].slice(0, MAX_CONDITION_NODES);
    const readsItem = condition.some(
      (part) =>
        ts.isExpression(part) &&
        analysis.tracer
          .value(part)
          .alts.flat()
          .some((origin) => producedOf(analysis.sites, origin)?.site === read),
    );
    if (readsItem) return true;
  }
  return false;
}

/** One request value: where it is read and what of the request it is (`req.body.email`). */
function sourceKey(source: SourceOrigin): string {
  return `${source.node.getSourceFile().fileName}:${String(source.node.pos)}:${source.label}`;
}

/**
 * From the verifier calls (and digest and password comparisons) back to the reads that produced
 * their hash, once per analysis (program and configuration).
 */
function findCredentialReads(analysis: DynamoAnalysis, credentials: CredentialModel): CredentialReads {
  const reads = new Map<ts.Node, Check[]>();
  const { verifiers, secretWords } = credentials;
  const callers = verifiers.filter((verifier) => !verifier.digest && !verifier.signIn);
  const digests = verifiers.filter((verifier) => verifier.digest).map((verifier) => verifier.callee);
  const names = [...new Set(callers.flatMap((verifier) => specifierNames(verifier.callee)))];
  const digestNames = [...new Set(digests.flatMap(specifierNames))];
  const namer = (list: readonly string[]) => (name: string) => {
    const words = ` ${nameWords(name)} `;
    return list.some((secret) => words.includes(` ${secret} `));
  };
  const namesSecret = namer(secretWords);
  // The secrets a client presents again (session tokens, mailed one-time codes): the session checks' words.
  const presentedWords = analysis.tracer.model.sessionChecks?.secretWords ?? [];
  const namesPresented = namer(presentedWords);
  const comparators = analysis.tracer.model.sessionChecks?.comparators ?? [];
  // The word a stored secret and the value the client sent are both named by (`otp` of `record.otp !== otp`).
  const sharedWord = (stored: ts.Expression, sent: ts.Expression) =>
    presentedWords.find(
      (word) => mayBeSecret(stored, namer([word])) && fromRequestSecret(analysis, namer([word]), sent, 0),
    );
  // Cheap before the walk back from the other side: a read's attribute named a secret, or a helper's parameter.
  const mayBeSecret = (stored: ts.Expression, named = namesSecret) =>
    analysis.tracer
      .value(stored)
      .alts.flat()
      .some((found) => {
        if (found.kind === 'param') return found.path.length === 0;
        const produced = producedOf(analysis.sites, found);
        const name = produced && attributeOf(produced.path);
        return name !== undefined && name !== ANY && named(name);
      });
  let followed = 0;
  // `attribute`: what the stored side must be named, when only its name says it is the password.
  const record = (stored: ts.Expression, check: Check, helpers = 0, attribute?: (name: string) => boolean) => {
    // The item a read produced, or the result parameter of its callback (`query(params, (err, out) => …)`).
    for (const found of analysis.tracer.value(stored).alts.flat()) {
      if (found.kind === 'param' && found.path.length === 0 && isFunctionNode(found.fn)) {
        // A helper handed the hash (`checkPassword(pw, user.passwordHash)`) checks what each caller hands it.
        if (helpers >= MAX_VERIFIER_HELPERS) continue;
        for (const call of analysis.tracer.definitions.callersOf(found.fn)) {
          const argument = ts.isCallExpression(call) ? argumentAt(call, found.index) : undefined;
          if (argument && ts.isCallExpression(call) && followed++ < MAX_VERIFIER_CALLS)
            record(argument, { checker: enclosingFunction(call), call }, helpers + 1, attribute);
        }
        continue;
      }
      const origin = producedOf(analysis.sites, found);
      if (!origin) continue;
      // The attribute the hash is read from: the last name of its path in the read's output (`Items.*.passwordHash`).
      const name = attributeOf(origin.path);
      const named = name !== undefined && name !== ANY && !/^\d+$/.test(name);
      if (attribute && !(named && attribute(name))) continue;
      const checks = reads.get(origin.site) ?? [];
      const hashed = named && !check.hash ? { ...check, hash: { attribute: name, node: stored } } : check;
      const via = origin.via?.length ? { via: origin.via } : {};
      if (!checks.some((known) => known.call === check.call)) checks.push({ ...hashed, ...via });
      reads.set(origin.site, checks);
    }
  };
  for (const file of ownSourceFiles(analysis.program)) {
    const calls = names.some((name) => file.text.includes(name));
    const compares = digestNames.some((name) => file.text.includes(name));
    const words = file.text.replace(/[^A-Za-z]+/g, ' ');
    const passwords = namesSecret(words);
    const presents = namesPresented(words);
    if (!calls && !compares && !passwords && !presents) continue;
    for (const node of descendants(file)) {
      if ((compares || passwords || presents) && ts.isBinaryExpression(node) && equalityOf(node.operatorToken.kind)) {
        // `digest(request password) === item.hash`, or the app's own check of a password attribute
        // (`encrypt(req.body.password) === user.password`), either way round.
        for (const [computed, stored] of [
          [node.left, node.right],
          [node.right, node.left],
        ] as const) {
          const digest = compares && digestOfRequest(analysis, digests, computed);
          const password =
            !digest && passwords && mayBeSecret(stored) && fromRequestSecret(analysis, namesSecret, computed, 0);
          // A one-time code or token the client presents counts only where a mismatch ends the request.
          // The client presents the very secret the row stores: both sides are named by one secret word.
          const stops = !digest && !password && presents ? stopsOnMismatch(analysis, node) : [];
          const word = stops.length && mayBeSecret(stored, namesPresented) ? sharedWord(stored, computed) : undefined;
          if ((!digest && !password && !word) || followed++ >= MAX_VERIFIER_CALLS) continue;
          // A check through a helper is made in the function that tests the helper's result, by its call there.
          const checks: Check[] = word
            ? stops.map(({ check, call, helper }) => ({
                checker: enclosingFunction(call ?? node),
                call: call ?? node,
                presented: check,
                sent: computed,
                ...(helper ? { helper } : {}),
              }))
            : [{ checker: enclosingFunction(node), call: node }];
          for (const check of checks)
            record(stored, check, 0, password ? namesSecret : word ? namer([word]) : undefined);
          break;
        }
        continue;
      }
      if (
        compares &&
        ts.isCallExpression(node) &&
        node.arguments.length === 2 &&
        analysis.tracer.calls(node, comparators)
      ) {
        // `timingSafeEqual(Buffer.from(user.hash, 'hex'), scryptSync(password, salt, 64))`, either way round.
        const [first, second] = [
          bufferedValue(analysis, node.arguments[0]!),
          bufferedValue(analysis, node.arguments[1]!),
        ];
        for (const [computed, stored] of [
          [first, second],
          [second, first],
        ] as const) {
          if (!digestOfRequest(analysis, digests, computed) || followed++ >= MAX_VERIFIER_CALLS) continue;
          record(stored, { checker: enclosingFunction(node), call: node });
          break;
        }
        continue;
      }
      if (!calls || !ts.isCallExpression(node)) continue;
      const name = calledName(node.expression);
      if (name === undefined || !names.includes(name)) continue;
      const verifier = callers.find((candidate) => analysis.tracer.calls(node, [candidate.callee]));
      const hash = verifier && node.arguments[verifier.hash];
      if (!hash || followed++ >= MAX_VERIFIER_CALLS) continue;
      record(hash, { checker: enclosingFunction(node), call: node });
    }
  }
  return reads;
}

/** `!`, `&&`, `||`, `await` and parentheses followed from a comparison up to the `if` it decides. */
const MAX_CONDITION_DEPTH = 8;
/** Helpers a comparison's result is followed out of to the `if` a caller tests it with (`verifyPin` → its route). */
const MAX_TESTED_HELPERS = 2;
/** Nodes of a function searched for the uses of a constant holding a check's result. */
const MAX_RESULT_USE_NODES = 4000;

/** An exiting `if` a presented secret's check ends the request with, and the helper call it tests, when through one. */
interface Stop {
  readonly check: ts.IfStatement;
  /** Whether the statements after `check` run only when the sides matched (its mismatch branch exits). */
  readonly matchFollows: boolean;
  /** `verifyPin(roundId, playerName, pin)` of `if (!(await verifyPin(…))) return …`: the call in the `if`'s function. */
  readonly call?: ts.CallExpression;
  /** The helper that made the comparison, when the `if` tests its result. */
  readonly helper?: TestedHelper;
}

/**
 * The `if`s that end the request when a comparison's sides differ: `if (!record || record.otp !==
 * otp) return …` (a mismatch makes the condition true, and its branch exits), or `if (record.otp
 * === otp) { … } else throw …` (a mismatch makes it false, and the other branch exits, or the
 * matching branch does, so what follows it is the mismatch). A helper that returns the comparison
 * (`return player.pinHash === hashPin(pin, …)`, its other returns falsy) stops where a caller's
 * `if` exits on its falsy result (`const ok = await verifyPin(…); if (!ok) return 401`). A check
 * whose mismatch goes on, or whose result nobody tests, stops nothing.
 */
function stopsOnMismatch(analysis: DynamoAnalysis, comparison: ts.BinaryExpression): Stop[] {
  const fn = enclosingFunction(comparison);
  return stopsWhen(analysis, comparison, equalityOf(comparison.operatorToken.kind) === 'unequal', 0).map((stop) =>
    stop.call && !ts.isSourceFile(fn) ? { ...stop, helper: { fn, matchFollows: stop.matchFollows } } : stop,
  );
}

/**
 * The exiting `if`s that `start`'s value decides, given the truth value (`whenDiffering`) it has on
 * a mismatch; `held` counts the constants it was followed through.
 */
function stopsWhen(
  analysis: DynamoAnalysis,
  start: ts.Expression,
  whenDiffering: boolean,
  helpers: number,
  held = 0,
): Stop[] {
  let node: ts.Node = start;
  for (let depth = 0; depth < MAX_CONDITION_DEPTH; depth++) {
    const parent = node.parent;
    if (ts.isParenthesizedExpression(parent) || ts.isAwaitExpression(parent)) {
      node = parent;
      continue;
    }
    if (ts.isPrefixUnaryExpression(parent) && parent.operator === ts.SyntaxKind.ExclamationToken) {
      whenDiffering = !whenDiffering;
      node = parent;
      continue;
    }
    if (ts.isBinaryExpression(parent)) {
      // Only where the part decides the whole: true under `||`, false under `&&`.
      const operator = parent.operatorToken.kind;
      const decides =
        (operator === ts.SyntaxKind.BarBarToken && whenDiffering) ||
        (operator === ts.SyntaxKind.AmpersandAmpersandToken && !whenDiffering);
      if (!decides) return [];
      node = parent;
      continue;
    }
    if (ts.isReturnStatement(parent) || (ts.isArrowFunction(parent) && parent.body === node))
      return whenDiffering ? [] : testedResults(analysis, enclosingFunction(node), node as ts.Expression, helpers);
    if (ts.isVariableDeclaration(parent) && parent.initializer === node)
      return held >= MAX_CONDITION_DEPTH
        ? []
        : resultUses(analysis, parent).flatMap((use) => stopsWhen(analysis, use, whenDiffering, helpers, held + 1));
    if (!ts.isIfStatement(parent) || parent.expression !== node) return [];
    const guards = analysis.tracer.guards;
    const elseExits = !!parent.elseStatement && guards.exits(parent.elseStatement);
    const stops = whenDiffering ? guards.exits(parent.thenStatement) : elseExits || guards.exits(parent.thenStatement);
    return stops ? [{ check: parent, matchFollows: whenDiffering || elseExits }] : [];
  }
  return [];
}

/**
 * Where a helper returning a check's result (falsy on a mismatch) is called and the request ends
 * on a falsy result; only where the helper's every other return is falsy (`if (!player) return
 * false`), so that its truthy result means the check passed.
 */
function testedResults(
  analysis: DynamoAnalysis,
  fn: FunctionNode | ts.SourceFile,
  returned: ts.Expression,
  helpers: number,
): Stop[] {
  if (ts.isSourceFile(fn) || helpers >= MAX_TESTED_HELPERS) return [];
  const definitions = analysis.tracer.definitions;
  if (!definitions.returnExpressions(fn).every((value) => skipOuter(value) === skipOuter(returned) || isFalsy(value)))
    return [];
  return definitions
    .callersOf(fn)
    .slice(0, MAX_SIGN_IN_CALLS)
    .flatMap((call) =>
      ts.isCallExpression(call)
        ? stopsWhen(analysis, call, false, helpers + 1).map((stop) => ({ ...stop, call: stop.call ?? call }))
        : [],
    );
}

/** The uses of a constant that holds a check's result (`pinValid` of `if (!pinValid)`), in the function it is declared in. */
function resultUses(analysis: DynamoAnalysis, declaration: ts.VariableDeclaration): ts.Identifier[] {
  const name = declaration.name;
  const list = declaration.parent;
  if (!ts.isIdentifier(name) || !ts.isVariableDeclarationList(list) || !(list.flags & ts.NodeFlags.Const)) return [];
  const definitions = analysis.tracer.definitions;
  return referencesOf(
    enclosingFunction(declaration),
    name,
    declaration,
    (node) => definitions.symbolOf(node),
    MAX_RESULT_USE_NODES,
  ).filter((use) => definitions.declarationOf(use) === declaration);
}

/** The type tags of the low-level client's attribute values: `user.Item.password.S` is `password`. */
const ATTRIBUTE_VALUE_TAGS = new Set(['S', 'N', 'B', 'BOOL']);

/** The attribute a path into a read's output ends at (`Items.*.passwordHash`), past an attribute value's type tag. */
function attributeOf(path: readonly string[]): string | undefined {
  const last = path.at(-1);
  return last !== undefined && path.length > 1 && ATTRIBUTE_VALUE_TAGS.has(last) ? path.at(-2) : last;
}

/** How many expressions a password is followed back through (`${iv}:${crypted}` ← `crypted += …` ← `cipher.update(password)`). */
const MAX_DERIVATION_NODES = 48;

/**
 * Whether a value is computed from a request value named a secret (`req.body.password`, the
 * `password` of `const { password } = req.body`, a request value held in a variable or member so
 * named, `otp` of `const { otp } = await request.json()`): through the variables that hold it (also `+=`),
 * templates, concatenation, and the arguments and receivers of the calls made with it
 * (`cipher.update(password, …)`, `encrypt(password)`); a helper's parameter, through what its
 * callers hand it (`checkPassword(req.body.password, user.password)`), at most `MAX_VERIFIER_HELPERS` deep.
 */
function fromRequestSecret(
  analysis: DynamoAnalysis,
  namesSecret: (name: string) => boolean,
  expression: ts.Expression,
  helpers: number,
  seen = new Set<ts.Node>(),
): boolean {
  const node = skipOuter(expression);
  if (seen.has(node) || seen.size >= MAX_DERIVATION_NODES) return false;
  seen.add(node);
  const from = (next: ts.Expression) => fromRequestSecret(analysis, namesSecret, next, helpers, seen);
  // Named by the request's member (`req.body.password`), or, where the label is the whole body
  // (`const { otp } = await request.json()`), by the name the request value is read under here.
  const sources = sourcesOf(analysis.tracer.value(node));
  const requestPassword = sources.some((source) => namesSecret(source.label.split('.').at(-1) ?? ''));
  if (requestPassword) return true;
  const name = ts.isIdentifier(node) ? node.text : ts.isPropertyAccessExpression(node) ? node.name.text : undefined;
  if (sources.length && name !== undefined && namesSecret(name)) return true;
  if (ts.isAwaitExpression(node)) return from(node.expression);
  if (ts.isTemplateExpression(node)) return node.templateSpans.some((span) => from(span.expression));
  if (ts.isBinaryExpression(node)) {
    // `a + b`, `crypted += more`; a plain assignment holds its right side.
    const kind = node.operatorToken.kind;
    if (kind === ts.SyntaxKind.EqualsToken) return from(node.right);
    return (
      (kind === ts.SyntaxKind.PlusToken || kind === ts.SyntaxKind.PlusEqualsToken) &&
      (from(node.left) || from(node.right))
    );
  }
  if (ts.isCallExpression(node)) {
    const callee = skipOuter(node.expression);
    return node.arguments.some(from) || (ts.isPropertyAccessExpression(callee) && from(callee.expression));
  }
  if (!ts.isIdentifier(node)) return false;
  const declaration = analysis.tracer.definitions.declarationOf(node);
  if (declaration && ts.isVariableDeclaration(declaration))
    return analysis.tracer.definitions.reaching(declaration, node).some(from);
  if (!declaration || !ts.isParameter(declaration) || helpers >= MAX_VERIFIER_HELPERS) return false;
  const fn = declaration.parent;
  if (!isFunctionNode(fn)) return false;
  const index = fn.parameters.indexOf(declaration);
  return analysis.tracer.definitions
    .callersOf(fn)
    .slice(0, MAX_SIGN_IN_CALLS)
    .some((call) => {
      const argument = ts.isCallExpression(call) ? argumentAt(call, index) : undefined;
      return !!argument && fromRequestSecret(analysis, namesSecret, argument, helpers + 1, seen);
    });
}

/** How many variables and method calls a digest is followed back through (`hash.update(pw).digest('hex')`). */
const MAX_DIGEST_HOPS = 8;

/**
 * Whether an expression is a digest the program computes of request data: the result of a digest
 * function (`createHash('sha1')`, `pbkdf2Sync(pw, salt, …)`), possibly through the methods called on
 * it (`.update(pw + salt).digest('hex')`, `.toString('hex')`) and constant variables, where an
 * argument along the way carries a request value or a parameter (the password handed to a helper).
 */
function digestOfRequest(analysis: DynamoAnalysis, digests: readonly Specifier[], expression: ts.Expression): boolean {
  const chain = digestChain(analysis, digests, expression, 0);
  return (
    !!chain &&
    chain.some((call) =>
      call.arguments.some((argument) =>
        hasOrigin(analysis.tracer.value(argument), (origin) => origin.kind === 'source' || origin.kind === 'param'),
      ),
    )
  );
}

/** The calls from a digest function to `expression`'s value, or `undefined` when it is not one. */
function digestChain(
  analysis: DynamoAnalysis,
  digests: readonly Specifier[],
  expression: ts.Expression,
  hops: number,
): ts.CallExpression[] | undefined {
  if (hops > MAX_DIGEST_HOPS) return undefined;
  const node = skipOuter(expression);
  if (ts.isAwaitExpression(node)) return digestChain(analysis, digests, node.expression, hops + 1);
  if (ts.isIdentifier(node)) {
    const declaration = analysis.tracer.definitions.declarationOf(node);
    if (!declaration || !ts.isVariableDeclaration(declaration) || !ts.isIdentifier(declaration.name)) return undefined;
    const values = analysis.tracer.definitions.reaching(declaration, node);
    // Every value the variable may hold is a digest.
    const chains = values.map((value) => digestChain(analysis, digests, value, hops + 1));
    return values.length && chains.every((chain) => chain !== undefined) ? chains.flat() : undefined;
  }
  if (!ts.isCallExpression(node)) return undefined;
  if (analysis.tracer.calls(node, digests) || promisifiedDigest(analysis, digests, node.expression)) return [node];
  const callee = skipOuter(node.expression);
  if (!ts.isPropertyAccessExpression(callee)) return undefined;
  const inner = digestChain(analysis, digests, callee.expression, hops + 1);
  return inner && [...inner, node];
}

/** `scryptAsync(…)` where `const scryptAsync = promisify(scrypt)`: a call of the digest function it wraps. */
function promisifiedDigest(analysis: DynamoAnalysis, digests: readonly Specifier[], callee: ts.Expression): boolean {
  const name = skipOuter(callee);
  const declaration = ts.isIdentifier(name) ? analysis.tracer.definitions.declarationOf(name) : undefined;
  if (!declaration || !ts.isVariableDeclaration(declaration) || !declaration.initializer) return false;
  const wrap = skipOuter(declaration.initializer);
  if (!ts.isCallExpression(wrap) || calledName(wrap.expression) !== 'promisify') return false;
  const wrapped = wrap.arguments[0] && skipOuter(wrap.arguments[0]);
  if (!wrapped || !ts.isIdentifier(wrapped)) return false;
  const { checker, definitions } = analysis.tracer;
  return symbolMatches(checker, checker.getSymbolAtLocation(wrapped), digests, (alias) =>
    definitions.imports?.aliasTarget(alias),
  );
}

/**
 * The text a buffer is made of (`Buffer.from(user.hash, 'hex')` → `user.hash`), also through a
 * constant holding it: the comparator's side as stored.
 */
function bufferedValue(analysis: DynamoAnalysis, expression: ts.Expression): ts.Expression {
  const own = skipOuter(expression);
  const held = ts.isIdentifier(own) ? analysis.tracer.definitions.constInitializer(own) : undefined;
  const node = held ? skipOuter(held) : own;
  return ts.isCallExpression(node) && node.arguments[0] && isGlobalMethodCall(node, 'Buffer', 'from')
    ? node.arguments[0]
    : expression;
}
