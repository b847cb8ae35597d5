import type { Specifier } from '../engine/types.js';

/**
 * Functions that return a new unique id on every call. A put whose key includes one creates an
 * item: it cannot take over an existing one, whatever the other key parts are.
 */
export const freshIdCalls: readonly Specifier[] = [
  // `crypto.randomUUID()`: Node's `crypto` module, and the Web Crypto global.
  { from: 'package', package: 'node', name: 'randomUUID' },
  { from: 'lib', name: 'randomUUID' },
  { from: 'package', package: 'uuid', name: ['v1', 'v4', 'v6', 'v7'] },
  { from: 'package', package: 'nanoid', name: 'nanoid' },
  { from: 'package', package: 'ulid', name: 'ulid' },
  { from: 'package', package: '@paralleldrive/cuid2', name: 'createId' },
];
