import type { ValueCallbackModel } from '../engine/model.js';
import type { Specifier } from '../engine/types.js';

const NEVERTHROW = 'neverthrow';

/**
 * neverthrow's constructors: `ok(x)`, `okAsync(x)`, `fromPromise(p, toError)`, `fromSafePromise(p)`
 * (also as `ResultAsync.fromPromise`) hold the value they were given.
 */
export const neverthrowPropagators: readonly Specifier[] = [
  { from: 'package', package: NEVERTHROW, name: ['ok', 'okAsync', 'fromPromise', 'fromSafePromise'] },
];

/**
 * neverthrow's `Result` and `ResultAsync`: the callback of `map`, `andThen`, `asyncAndThen`,
 * `asyncMap` and `match` receives the value the result holds, and the chain's result holds what
 * the callback returns; `orElse` and `mapErr` handle the error, so the value passes through;
 * `result.value` (after `isOk()`) and `unwrapOr` read the value.
 */
export const neverthrowResults: ValueCallbackModel = {
  types: [{ from: 'package', package: NEVERTHROW, name: ['Result', 'Ok', 'Err', 'ResultAsync'] }],
  methods: {
    map: { receives: [0], result: 'callbacks' },
    andThen: { receives: [0], result: 'callbacks' },
    asyncAndThen: { receives: [0], result: 'callbacks' },
    asyncMap: { receives: [0], result: 'callbacks' },
    match: { receives: [0], result: 'callbacks' },
    andTee: { receives: [0], result: 'receiver' },
    andThrough: { receives: [0], result: 'receiver' },
    orElse: { receives: [], result: 'both' },
    mapErr: { receives: [], result: 'receiver' },
    unwrapOr: { receives: [], result: 'receiver' },
    _unsafeUnwrap: { receives: [], result: 'receiver' },
  },
  // `if (result.isOk()) send(result.value)`.
  reads: ['value'],
};
