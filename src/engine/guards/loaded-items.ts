import ts from 'typescript';
import { bindingPath, descendants, memberValue, shortText, skipOuter } from '../ast.js';
import { isPrincipalKeyName, keyPrefix, principalKindNamed, tableOf } from '../evidence/entities.js';
import type { Tracer } from '../flow/tracer.js';
import { constantString, equalityPlaceholders, nameWords } from '../strings.js';
import { ANY } from '../flow/path.js';
import { isClean, isPrincipal as isPrincipalTaint, single } from '../taint.js';
import type { Taint } from '../taint.js';
import { requestOfPromise } from '../dynamodb/sites.js';
import type { AccessPaths } from './access-paths.js';
import { isTrusted } from './facts.js';
import type { ValueRef } from './facts.js';

/** `const post = out.Item; const out = await …`: variables followed back to the call that loaded an item. */
const MAX_HOLDER_HOPS = 4;
/** How many functions up a parameter is followed to the principal its callers pass, and how many calls each may have. */
const MAX_CALLER_DEPTH = 2;
const MAX_PRINCIPAL_CALLERS = 8;
/** Parameters of a helper's read kept as what it loaded an item with. */
const MAX_LOADED_PARTS = 4;

/**
 * Items read from DynamoDB, as the guards see them: the read that loaded a checked variable
 * (read-check-act), and the caller's own record, whose attributes stand for the caller (SPEC §5).
 */
export class LoadedItems {
  constructor(
    private readonly tracer: Tracer,
    private readonly accessPaths: AccessPaths,
  ) {}

  /**
   * A value, where an attribute of the caller's own record stands for the caller (SPEC §5):
   * `const me = await getUser(claims.sub); if (post.author !== me.username) return 403`. The
   * record must be read by keys that all derive from the principal, from an entity whose table,
   * key prefix or key attribute names a principal kind (`users`, `USER#`, `username`).
   */
  asCaller(ref: ValueRef, taint: Taint, depth = MAX_CALLER_DEPTH): Taint {
    const passed = this.passedCaller(ref, taint, depth);
    if (passed) return passed;
    if (isTrusted(taint) || ts.isParameter(ref.node)) return taint;
    const produced = taint.alts.flatMap((alt) => alt);
    // Whose an item is (`ownerId` of the caller's trip membership) names someone else.
    if (produced.length === 0 || produced.some((origin) => origin.kind !== 'produced' || this.namesOwner(origin.path)))
      return taint;
    const sites = new Set(produced.map((origin) => (origin.kind === 'produced' ? origin.site : undefined)));
    for (const site of sites) if (!site || !this.readsPrincipalRecord(site)) return taint;
    // Passed the caller (`getUser(claims.sub)`), or read by the caller's own values where it runs
    // (`authenticate(event)` reading the row of the email a token check returned).
    const call = this.holderCall(ref.node);
    const byCaller =
      (call !== undefined && this.principalArguments(call)) ||
      [...sites].every(
        (site) =>
          site && (ts.isCallExpression(site) || ts.isNewExpression(site)) && this.principalArguments(site, true),
      );
    if (!byCaller) return taint;
    return single({ kind: 'principal', node: ref.node, label: shortText(ref.node, 50) });
  }

  /**
   * Whether every value a call is passed is constant or the principal's, and some is the principal's.
   * `throughCallers`: a parameter of the enclosing function counts as the principal's where every
   * call of that function passes the principal there (`getUserByEmail(email)` called only with the
   * email a token check returned).
   */
  private principalArguments(call: ts.CallExpression | ts.NewExpression, throughCallers = false): boolean {
    let principal = false;
    const stack: ts.Node[] = [...(call.arguments ?? [])];
    for (let budget = 200; stack.length; budget--) {
      if (budget === 0) return false;
      const current = stack.pop()!;
      if (ts.isIdentifier(current) || ts.isPropertyAccessExpression(current) || ts.isCallExpression(current)) {
        if (ts.isPropertyAccessExpression(current.parent) && current.parent.name === current) continue;
        if (ts.isPropertyAssignment(current.parent) && current.parent.name === current) continue;
        const taint = this.tracer.value(current);
        if (!isClean(taint)) {
          const caller = isPrincipalTaint(taint) && isTrusted(taint);
          if (!caller && !(throughCallers && this.passedPrincipal(taint, MAX_CALLER_DEPTH))) return false;
          principal = true;
          continue;
        }
        if (ts.isIdentifier(current)) continue;
      }
      current.forEachChild((child) => {
        stack.push(child);
      });
    }
    return principal;
  }

  /**
   * Whether a value (a key a query reads) is an attribute of the caller's own record: every origin
   * an item of a principal kind's read keyed only by the caller where it runs (`App.entities.booking
   * .query.byUser({ username: me.username })` with `me` the row read by the email Cognito returned).
   */
  readByCaller(taint: Taint): boolean {
    const origins = taint.alts.flat();
    if (origins.length === 0 || taint.alts.some((alt) => alt.length === 0)) return false;
    const sites = new Set<ts.Node>();
    for (const origin of origins) {
      // Whose an item is (`ownerId` of the caller's trip membership) names someone else.
      if (origin.kind !== 'produced' || this.namesOwner(origin.path)) return false;
      sites.add(origin.site);
    }
    return [...sites].every(
      (site) =>
        (ts.isCallExpression(site) || ts.isNewExpression(site)) &&
        this.readsPrincipalRecord(site) &&
        this.principalArguments(site, true),
    );
  }

  /** Whether the attribute a path ends in records whose an item is (`ownerId`, `created_by`: model data). */
  private namesOwner(path: readonly string[]): boolean {
    const attribute = path.findLast((segment) => segment !== ANY);
    const references = this.tracer.model.principalRecords?.ownerReferences;
    return attribute !== undefined && !!references?.includes(nameWords(attribute));
  }

  /**
   * A parameter that every call of its function (some, at most `MAX_PRINCIPAL_CALLERS`) passes the
   * caller or the caller's own record: `deleteBooking(me, whose)` with `if (whose !== me.username)
   * return`, called only with `me = await authenticate(event)`.
   */
  private passedCaller(ref: ValueRef, taint: Taint, depth: number): Taint | undefined {
    const origins = taint.alts.flat();
    // An attribute of a parameter (`me.username`): a parameter passed the caller itself is bound at each call.
    if (depth === 0 || origins.length === 0) return undefined;
    if (origins.some((origin) => origin.kind !== 'param' || origin.path.length === 0)) return undefined;
    const callers = origins.every((origin) => {
      if (origin.kind !== 'param') return false;
      const bound = this.tracer.definitions.argumentsBound(origin.fn, origin.index, MAX_PRINCIPAL_CALLERS);
      return (
        !!bound &&
        bound.every((argument) => {
          const passed = this.asCaller(
            { node: argument, path: origin.path },
            this.tracer.value(argument, origin.path),
            depth - 1,
          );
          return isPrincipalTaint(passed) && isTrusted(passed);
        })
      );
    });
    return callers ? single({ kind: 'principal', node: ref.node, label: shortText(ref.node, 50) }) : undefined;
  }

  /**
   * Whether a value is only parameters of functions whose every call (some, at most
   * `MAX_PRINCIPAL_CALLERS`) passes the principal there, directly or through such a parameter again.
   */
  private passedPrincipal(taint: Taint, depth: number): boolean {
    const origins = taint.alts.flat();
    if (depth === 0 || origins.length === 0) return false;
    return origins.every((origin) => {
      if (origin.kind === 'principal') return isTrusted(taint);
      if (origin.kind !== 'param') return false;
      const bound = this.tracer.definitions.argumentsBound(origin.fn, origin.index, MAX_PRINCIPAL_CALLERS);
      return (
        !!bound &&
        bound.every((argument) => {
          const passed = this.tracer.value(argument, origin.path);
          return (isPrincipalTaint(passed) && isTrusted(passed)) || this.passedPrincipal(passed, depth - 1);
        })
      );
    });
  }

  /** Whether every origin of a value is a read of a principal kind's record (`users`, `USER#`, `username`). */
  principalRecordValue(taint: Taint): boolean {
    const origins = taint.alts.flat();
    return (
      origins.length > 0 &&
      origins.every((origin) => origin.kind === 'produced' && this.readsPrincipalRecord(origin.site))
    );
  }

  /** Whether a DynamoDB read site reads a principal kind's record, by its table, key prefix or key attribute names. */
  private readsPrincipalRecord(site: ts.Node): boolean {
    const records = this.tracer.model.principalRecords;
    if (!records) return false;
    // A data mapper's entity method (`entities.user.get({ username })`): the entity's name, and the key it is given.
    if (ts.isCallExpression(site)) {
      const callee = skipOuter(site.expression);
      const receiver = ts.isPropertyAccessExpression(callee) ? skipOuter(callee.expression) : undefined;
      const entity =
        receiver &&
        (ts.isPropertyAccessExpression(receiver) ? receiver.name : ts.isIdentifier(receiver) ? receiver : undefined);
      if (entity && ts.isIdentifier(entity) && principalKindNamed(entity.text, records)) return true;
      const key = site.arguments[0] && skipOuter(site.arguments[0]);
      if (
        key &&
        ts.isObjectLiteralExpression(key) &&
        key.properties.some(
          (member) =>
            member.name !== undefined &&
            (ts.isIdentifier(member.name) || ts.isStringLiteral(member.name)) &&
            isPrincipalKeyName(member.name.text, records),
        )
      )
        return true;
    }

    const stack: ts.Node[] = [site];
    for (let budget = 300; stack.length && budget > 0; budget--) {
      const current = stack.pop()!;
      if (ts.isPropertyAssignment(current) || ts.isShorthandPropertyAssignment(current)) {
        const name = ts.isIdentifier(current.name) || ts.isStringLiteral(current.name) ? current.name.text : '';
        if (name === 'TableName' && ts.isPropertyAssignment(current)) {
          const table = tableOf(this.tracer.definitions, this.tracer.checker, current.initializer);
          if (principalKindNamed(table.tableLabel, records)) return true;
        }
        if (
          name === 'Key' &&
          ts.isPropertyAssignment(current) &&
          ts.isObjectLiteralExpression(skipOuter(current.initializer))
        ) {
          const literal = skipOuter(current.initializer) as ts.ObjectLiteralExpression;
          for (const member of literal.properties) {
            const memberName =
              member.name && (ts.isIdentifier(member.name) || ts.isStringLiteral(member.name)) ? member.name.text : '';
            if (memberName && isPrincipalKeyName(memberName, records)) return true;
            const value = ts.isPropertyAssignment(member) ? member.initializer : undefined;
            const prefix = value && keyPrefix(this.tracer.definitions, value);
            if (prefix && principalKindNamed(prefix, records)) return true;
          }
        }
      }
      current.forEachChild((child) => {
        stack.push(child);
      });
      // `ddb.send(new GetCommand(params))`: the input literal a constant names.
      if (ts.isIdentifier(current) && !ts.isPropertyAssignment(current.parent)) {
        const declaration = this.tracer.definitions.declarationOf(current);
        if (
          declaration &&
          ts.isVariableDeclaration(declaration) &&
          declaration.initializer &&
          ts.isObjectLiteralExpression(skipOuter(declaration.initializer))
        )
          stack.push(declaration.initializer);
      }
    }
    return false;
  }

  /**
   * The call whose result the variable an expression reads holds: `post` in `post.author` after
   * `const post = out.Item` and `const out = await ddb.send(…)`, or `const { Item } = await …`.
   */
  private holderCall(expression: ts.Expression): ts.CallExpression | ts.NewExpression | undefined {
    let node = skipOuter(expression);
    for (let hop = 0; hop < MAX_HOLDER_HOPS; hop++) {
      while (ts.isPropertyAccessExpression(node) || ts.isElementAccessExpression(node))
        node = skipOuter(node.expression);
      if (ts.isAwaitExpression(node)) node = skipOuter(node.expression);
      if (ts.isCallExpression(node)) return requestOfPromise(node) ?? node;
      if (ts.isNewExpression(node)) return node;
      if (!ts.isIdentifier(node)) return undefined;
      let declaration: ts.Node | undefined = this.tracer.definitions.declarationOf(node);
      if (declaration && ts.isBindingElement(declaration)) declaration = bindingPath(declaration).holder;
      if (!declaration || !ts.isVariableDeclaration(declaration)) return undefined;
      const initializer = declaration.initializer ?? this.soleAssignment(declaration);
      if (!initializer) return undefined;
      node = skipOuter(initializer);
    }
    return undefined;
  }

  /**
   * `let item; try { item = await getItem(…) } catch { … }`: a variable declared without a value
   * and assigned once holds that assignment's value wherever it is present (elsewhere it is
   * `undefined`, which a presence test rules out).
   */
  private soleAssignment(declaration: ts.VariableDeclaration): ts.Expression | undefined {
    if (!ts.isIdentifier(declaration.name)) return undefined;
    const symbol = this.tracer.checker.getSymbolAtLocation(declaration.name);
    const writes = symbol ? this.tracer.definitions.writes(symbol, declaration) : [];
    const [write] = writes;
    return writes.length === 1 && !write!.path && write!.assignment.operatorToken.kind === ts.SyntaxKind.EqualsToken
      ? write!.assignment.right
      : undefined;
  }

  /**
   * Whether the variable an expression reads was initialised by a call that was passed `key`,
   * directly or in the input a constant holds (`ddb.send(command)` after `const command = new QueryCommand({ … })`).
   * Whole reads only: a read passed `req.params.projectId` was not passed `req.params`, so a check
   * of its item says nothing of `req.params.taskId`.
   */
  loadedWith(expression: ts.Expression, key: string): boolean {
    const init = this.holderCall(expression);
    if (!init) return false;
    let found = false;
    this.walkInput(init, (node) => {
      if (!ts.isIdentifier(node) && !ts.isPropertyAccessExpression(node)) return false;
      if (isObjectOfAccess(node)) return false;
      found = this.accessPaths.of(node) === key;
      return found;
    });
    return found;
  }

  /**
   * The values of the input of the read that loaded the variable an expression reads which `partOf`
   * names (a helper's parameters: `getTask(taskId)`), whole reads only (`params.id`, not `params` in it).
   */
  loadedParts<T>(expression: ts.Expression, partOf: (node: ts.Expression) => T | undefined): T[] {
    const init = this.holderCall(expression);
    return init ? this.inputParts(init, partOf) : [];
  }

  /** The values of a read's input that `partOf` names (see `loadedParts`), for a read site (`guards/session-checks.ts`). */
  inputParts<T>(read: ts.Node, partOf: (node: ts.Expression) => T | undefined): T[] {
    if (!ts.isCallExpression(read) && !ts.isNewExpression(read)) return [];
    const out: T[] = [];
    this.walkInput(read, (node) => {
      if (!ts.isIdentifier(node) && !ts.isPropertyAccessExpression(node)) return false;
      if (ts.isIdentifier(node) && isNameOfMember(node)) return false;
      if (isObjectOfAccess(node)) return false;
      const part = partOf(node);
      if (part !== undefined) out.push(part);
      return out.length >= MAX_LOADED_PARTS;
    });
    return out;
  }

  /**
   * The caller, when the read that loaded an expression's variable binds an attribute to the
   * caller in its own conditions: a `Key` member, or an equality of its `KeyConditionExpression`
   * or `FilterExpression` (`user_id = :uid`, `:uid` the principal) with no `OR`/`NOT`. Whatever
   * such a read finds belongs to the caller. `keyTable`: the read bound the caller in its key only,
   * so what it found is the caller's row of that table (see `PrincipalOrigin.foundIn`).
   */
  callerBoundBy(expression: ts.Expression): { taint: Taint; keyTable?: ts.Expression } | undefined {
    const init = this.holderCall(expression);
    if (!init) return undefined;
    let inKey: { taint: Taint; keyTable: ts.Expression } | undefined;
    let inFilter: Taint | undefined;
    const trusted = (value: ts.Expression) => {
      const taint = this.tracer.value(value);
      return isPrincipalTaint(taint) && isTrusted(taint) ? taint : undefined;
    };
    const bindsKey = (table: ts.Expression, key: ts.ObjectLiteralExpression) => {
      for (const value of memberValues(key)) {
        const taint = trusted(value);
        if (taint) inKey ??= { taint, keyTable: table };
      }
    };
    this.walkInput(init, (node) => {
      if (!ts.isObjectLiteralExpression(node)) return false;
      const member = (name: string) => memberOf(node, name);
      // Without its table named beside it, a read bound by its key proves nothing it could be told from.
      const table = member('TableName');
      const key = member('Key');
      if (table && key && ts.isObjectLiteralExpression(key)) bindsKey(table, key);
      const values = member('ExpressionAttributeValues');
      if (values && ts.isObjectLiteralExpression(values)) {
        const text = (name: string) => {
          const written = member(name);
          const condition = written && constantString(this.tracer.definitions, written);
          return condition?.complete && !/\b(?:OR|NOT)\b/i.test(condition.text)
            ? equalityPlaceholders(condition.text)
            : [];
        };
        const [keyEqualities, filterEqualities] = [text('KeyConditionExpression'), text('FilterExpression')];
        for (const property of values.properties) {
          if (!ts.isPropertyAssignment(property)) continue;
          const name = propertyName(property) ?? '';
          const bindsFilter = filterEqualities.includes(name);
          if (!bindsFilter && !(table && keyEqualities.includes(name))) continue;
          const taint = trusted(property.initializer);
          if (taint && bindsFilter) inFilter ??= taint;
          else if (taint && table) inKey ??= { taint, keyTable: table };
        }
      }
      return inFilter !== undefined;
    });
    if (!inFilter && !inKey) {
      const wrapped = this.wrappedRead(init);
      if (wrapped) bindsKey(wrapped.table, wrapped.key);
    }
    return inFilter ? { taint: inFilter } : inKey;
  }

  /**
   * The table and key a call passes to a thin read wrapper: `getRecord(TABLE, { userId: sub,
   * entityId })` where `getRecord(tableName, keys)` reads `{ TableName: tableName, Key: keys }`.
   * The wrapper's own table where it names one itself.
   */
  private wrappedRead(
    call: ts.CallExpression | ts.NewExpression,
  ): { table: ts.Expression; key: ts.ObjectLiteralExpression } | undefined {
    const fn = ts.isCallExpression(call) ? this.tracer.definitions.callee(call) : undefined;
    if (!fn?.body) return undefined;
    const passed = (expression: ts.Expression) => {
      const node = skipOuter(expression);
      const parameter = ts.isIdentifier(node) ? this.tracer.definitions.declarationOf(node) : undefined;
      if (!parameter || !ts.isParameter(parameter) || parameter.parent !== fn || parameter.dotDotDotToken)
        return undefined;
      const argument = call.arguments?.[fn.parameters.indexOf(parameter)];
      return argument && !ts.isSpreadElement(argument) ? skipOuter(argument) : undefined;
    };
    for (const node of descendants(fn.body)) {
      if (!ts.isObjectLiteralExpression(node)) continue;
      const table = memberOf(node, 'TableName');
      const key = memberOf(node, 'Key');
      const keyPassed = key && passed(key);
      if (table && keyPassed && ts.isObjectLiteralExpression(keyPassed))
        return { table: passed(table) ?? table, key: keyPassed };
    }
    return undefined;
  }

  /** Visits the nodes of a call's arguments, through constants that hold them, until `visit` says stop. */
  private walkInput(call: ts.CallExpression | ts.NewExpression, visit: (node: ts.Node) => boolean): void {
    const stack: ts.Node[] = [...(call.arguments ?? [])];
    const followed = new Set<ts.Node>();
    for (let budget = 400; stack.length && budget > 0; budget--) {
      const current = stack.pop()!;
      if (visit(current)) return;
      if (ts.isIdentifier(current) && !isNameOfMember(current)) {
        const declaration = this.tracer.definitions.declarationOf(current);
        if (
          declaration &&
          ts.isVariableDeclaration(declaration) &&
          declaration.initializer &&
          declaration.parent.flags & ts.NodeFlags.Const &&
          !followed.has(declaration) &&
          followed.size < MAX_HOLDER_HOPS
        ) {
          followed.add(declaration);
          const initializer = skipOuter(declaration.initializer);
          if (ts.isObjectLiteralExpression(initializer) || ts.isNewExpression(initializer)) stack.push(initializer);
        }
      }
      current.forEachChild((child) => {
        stack.push(child);
      });
    }
  }
}

/** The value of a literal's member written `name: value` (outer parentheses and assertions skipped). */
function memberOf(literal: ts.ObjectLiteralExpression, name: string): ts.Expression | undefined {
  const found = literal.properties.find(
    (property): property is ts.PropertyAssignment =>
      ts.isPropertyAssignment(property) && propertyName(property) === name,
  );
  return found && skipOuter(found.initializer);
}

/** The values of a key literal's members, shorthand ones (`{ userId }`) included. */
function memberValues(literal: ts.ObjectLiteralExpression): ts.Expression[] {
  return literal.properties.flatMap((property) => memberValue(property) ?? []);
}

function propertyName(property: ts.PropertyAssignment): string | undefined {
  const name = property.name;
  return ts.isIdentifier(name) || ts.isStringLiteral(name) ? name.text : undefined;
}

/** `x` in `a.x` or `{ x: 1 }`: a name, not a read of a variable. */
function isNameOfMember(node: ts.Identifier): boolean {
  const parent = node.parent;
  return (
    (ts.isPropertyAccessExpression(parent) && parent.name === node) ||
    (ts.isPropertyAssignment(parent) && parent.name === node)
  );
}

/** `req.params` in `req.params.id`: the object a property is read from, not a value read whole. */
function isObjectOfAccess(node: ts.Expression): boolean {
  return ts.isPropertyAccessExpression(node.parent) && node.parent.expression === node;
}
