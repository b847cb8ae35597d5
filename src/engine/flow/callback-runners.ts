import type ts from 'typescript';
import { alternatives } from '../taint.js';
import type { Taint } from '../taint.js';
import type { Path } from './path.js';
import type { Tracer } from './tracer.js';

/**
 * A call of a library function that runs a callback it is given (`EngineModel.callbackRunners`):
 * its result is what the callback returns, `undefined` when the call is none. The callback is the
 * function the options argument holds (written in place, a method, or a function's name).
 */
export function callbackRunnerCall(flow: Tracer, call: ts.CallExpression, path: Path): Taint | undefined {
  const runners = flow.model.callbackRunners?.filter((runner) => flow.calls(call, [runner.callee]));
  if (!runners?.length) return undefined;
  const callbacks = runners.flatMap((runner) => {
    const options = call.arguments[runner.argument];
    const callback = options && flow.definitions.memberFunction(options, runner.property);
    return callback ? [callback] : [];
  });
  return callbacks.length ? alternatives(callbacks.map((callback) => flow.returnValue(callback, path))) : undefined;
}
