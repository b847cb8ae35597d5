import type ts from 'typescript';
import type { ValueCheck } from '../checks.js';
import { hasOrigin, isClean } from '../taint.js';
import type { Sanitization, Taint } from '../taint.js';

/** A value named by an expression or a parameter, and a property path inside it. */
export interface ValueRef {
  readonly node: ts.Expression | ts.ParameterDeclaration;
  readonly path: readonly string[];
}

/** Two values proven equal where execution continues. */
export interface Equality {
  readonly left: ValueRef;
  readonly right: ValueRef;
}

/** A call to a configured guard function (`assertOwner(user, id)`): it isTrusted for its arguments. */
export interface GuardCall {
  readonly guardCall: ts.CallExpression;
  readonly args: readonly ts.Expression[];
}

/** A check a helper or middleware made on one of the values it was given. */
export interface RefCheck {
  readonly ref: ValueRef;
  readonly how: Sanitization;
}

/** A check that the principal holds an administrative role (SPEC §4): what follows it is privileged. */
export interface Privileged {
  readonly privileged: ts.Expression;
}

/**
 * Execution continues only if a value read from DynamoDB is present (`if (out.Count === 0) return`,
 * `if (!item) throw …`): the read found something. A candidate only: whether the value's presence
 * means a read found something (not an always-present array of items) is asked of its type where
 * the fact is used (`Guards.foundOwned`), since few candidates get that far (perf).
 */
export interface Found {
  readonly found: ts.Expression;
}

/**
 * Execution continues only if at least one of two conditions evaluates to `holds`: past `if (a &&
 * b) return`, one of them is false (`if (!post.isPublic && post.authorId !== me) return 403`:
 * the post is public or the caller's own). What each condition proves is asked of it where the
 * fact is used (`guards/published.ts`).
 */
export interface Either {
  readonly either: readonly [ts.Expression, ts.Expression];
  readonly holds: boolean;
}

/**
 * One of several sets of equalities holds, restated from a helper's summary at its call: past `if
 * (!visibleTo(txn, me)) throw` with `visibleTo` returning `txn.ownerId === id || txn.assigneeId ===
 * id`, the caller owns the item or is assigned to it. The `Either` of a helper, in values of the call.
 */
export interface AnyOf {
  readonly anyOf: readonly (readonly Equality[])[];
}

/**
 * A helper read an item with `loaded` and went on only if an attribute of it equals `owner`
 * (`resolveTask(id, user, res)` returns the task only past `if (task.teamId !== user.teamId)
 * return null`): restated at the call, the item named by the argument passed there is the caller's
 * when the owner passed is.
 */
export interface Verified {
  readonly verified: ValueRef;
  readonly owner: ValueRef;
}

/**
 * The client proved it holds the secret stored in the item a value names (a session middleware read
 * the account `input.account` names and went on only if the bearer token matched one of its
 * sessions, `guards/session-checks.ts`): the value is the caller's identity.
 */
export interface Authenticated {
  readonly authenticated: ValueRef;
  readonly by: ts.Node;
}

export type Fact =
  Equality | GuardCall | ValueCheck | RefCheck | Privileged | Found | Either | AnyOf | Verified | Authenticated;

/** What the code before a use proves about the value it reads. */
export interface UseFacts {
  /** The use is proven equal to a value with no request origin (see `isTrusted`). */
  readonly principal?: Taint;
  /** The strongest check of the value's text that holds at the use. */
  readonly checked?: Sanitization;
  /** `principal` holds outside this table only (see `PrincipalOrigin.foundIn`). */
  readonly foundIn?: ts.Expression;
  /**
   * A check on the caller that says nothing of the use's own value (an earlier function of a
   * pipeline resolver): the use is scoped, as a mix of this principal and its text, which stays
   * the client's for validation and injection.
   */
  readonly scopedBy?: Taint;
}

/** A value with no request or item origin: a principal, or a parameter a caller may bind to one. */
export function isTrusted(taint: Taint): boolean {
  return !isClean(taint) && !hasOrigin(taint, (origin) => origin.kind === 'source' || origin.kind === 'produced');
}
