import type ts from 'typescript';
import type { Taint } from '../taint.js';
import type { Tracer } from './tracer.js';

/** A property path inside a value: `['Key', 'id']`. */
export type Path = readonly string[];

/** Whether `path` begins with every segment of `prefix` (`['user', 'sub']` begins with `['user']`). */
export function startsWith(path: Path, prefix: Path): boolean {
  return prefix.length <= path.length && prefix.every((segment, index) => path[index] === segment);
}

/** Any element of an array, or any property picked by a computed key. */
export const ANY = '*';

/**
 * The last segment of a path that asks for the property NAMES of the object at the path before it
 * (`Object.keys(obj)` of a parameter, resolved with each caller's argument): no property is so named.
 */
export const KEYS = '\u0001keys';

export interface ProducedValue {
  readonly producer: string;
  /** Identifies the operation that produced the value, to match post-read checks to reads. */
  readonly site: ts.Node;
}

/**
 * Recognises calls whose result a question tracks as a value of its own (the items a DynamoDB read
 * returns): one value per operation the call may run, none for any other call.
 */
export type ProducedBy = (call: ts.CallExpression) => readonly ProducedValue[];

/**
 * One question's own view of calls (the exposure rule's library projections, `_.pick(item, ['id'])`):
 * the value at `path` of the call's result, or `undefined` to let the tracer decide. Answers that
 * pass through a call are memoised per overlay, so one question's view never leaks into another's.
 */
export type CallOverlay = (call: ts.CallExpression, path: Path, tracer: Tracer) => Taint | undefined;
