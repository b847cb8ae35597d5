import ts from 'typescript';
import { skipOuter, staticName } from '../ast.js';
import type { FunctionNode } from '../ast.js';
import {
  CLEAN,
  alternatives,
  dropContent,
  flatMapOrigins,
  hasOrigin,
  isClean,
  mapOrigins,
  markValidated,
  withStep,
} from '../taint.js';
import type { Taint } from '../taint.js';
import type { Tracer } from './tracer.js';
import { THIS, receiverOf } from './classes.js';
import type { Definitions } from '../definitions.js';

/**
 * Resolves a callee's symbolic parameters with the caller's arguments. `toSink`: the call carries
 * values toward a sink, so each source records this argument as where it left its function.
 */
export function substitute(
  flow: Tracer,
  taint: Taint,
  call: ts.CallExpression | ts.NewExpression,
  fn: FunctionNode,
  toSink: boolean,
): Taint {
  if (!hasOrigin(taint, (origin) => origin.kind === 'param' && origin.fn === fn)) return taint;
  const args = call.arguments ?? ts.factory.createNodeArray();
  const calleeName = functionName(fn);
  return flatMapOrigins(taint, (origin) => {
    if (origin.kind !== 'param' || origin.fn !== fn) return undefined;
    if (origin.index === THIS) {
      const receiver = receiverOf(call);
      if (!receiver) return CLEAN;
      const hop = { label: `${calleeName}(this)`, node: fn.name ?? fn };
      const received = withStep(flow.value(receiver, origin.path), hop);
      if (!toSink) return received;
      // The receiver is where the value left its function toward the sink (`repo.get()`).
      return mapOrigins(received, (argOrigin) =>
        argOrigin.kind === 'source' ? { ...argOrigin, exitArg: argOrigin.exitArg ?? receiver } : argOrigin,
      );
    }
    const parameter = fn.parameters[origin.index];
    if (!parameter) return CLEAN;
    const paramName = ts.isIdentifier(parameter.name) ? parameter.name.text : `#${origin.index + 1}`;
    let argTaint: Taint;
    let exit: ts.Expression | undefined;
    if (parameter.dotDotDotToken) {
      const [head, ...rest] = origin.path;
      const index = Number(head);
      const restArgs = args.slice(origin.index);
      argTaint = Number.isInteger(index)
        ? restArgs[index]
          ? flow.value(restArgs[index], rest)
          : CLEAN
        : alternatives(restArgs.map((argument) => flow.value(argument, rest)));
    } else {
      const argument = args[origin.index];
      if (argument && ts.isSpreadElement(argument)) return CLEAN;
      exit = argument;
      argTaint = argument
        ? flow.value(argument, origin.path)
        : parameter.initializer
          ? flow.value(parameter.initializer, origin.path)
          : CLEAN;
    }
    if (isClean(argTaint)) return CLEAN;
    const hop = { label: `${calleeName}(${paramName})`, node: parameter.name };
    let result = mapOrigins(argTaint, (argOrigin) => {
      if (argOrigin.kind === 'principal') return argOrigin;
      const steps = [...argOrigin.steps, hop, ...origin.steps];
      if (argOrigin.kind === 'source') {
        return { ...argOrigin, steps, exitArg: argOrigin.exitArg ?? (toSink ? exit : undefined) };
      }
      return { ...argOrigin, steps };
    });
    if (!origin.content) result = dropContent(result);
    else if (origin.validated) result = markValidated(result);
    return result;
  });
}

/**
 * The argument a call passes for a value that is one of the callee's own parameters: `PK` of a key
 * wrapper's `get(PK, SK)`, a wrapper's `TableName: tableName`.
 */
export function argumentFor(
  definitions: Definitions,
  call: ts.CallExpression | ts.NewExpression,
  fn: FunctionNode,
  value: ts.Node,
): ts.Expression | undefined {
  const parameter = parameterNamed(definitions, fn, value);
  return parameter && call.arguments?.[fn.parameters.indexOf(parameter)];
}

/** The parameter of a function that a value (an identifier, a shorthand member) names. */
export function parameterNamed(
  definitions: Definitions,
  fn: FunctionNode,
  value: ts.Node,
): ts.ParameterDeclaration | undefined {
  const inner = ts.isShorthandPropertyAssignment(value)
    ? value.name
    : ts.isExpression(value)
      ? skipOuter(value)
      : undefined;
  if (!inner || !ts.isIdentifier(inner)) return undefined;
  const declaration = definitions.declarationOf(inner);
  return declaration && ts.isParameter(declaration) && declaration.parent === fn ? declaration : undefined;
}

/** A produced value (a DynamoDB item) that a function returns records the function as a hop, and the call that returned it. */
export function withReturnHop(taint: Taint, fn: FunctionNode, call: ts.CallExpression): Taint {
  if (!hasOrigin(taint, (origin) => origin.kind === 'produced')) return taint;
  const hop = { label: functionName(fn), node: fn.name ?? fn };
  return mapOrigins(taint, (origin) =>
    origin.kind === 'produced'
      ? { ...origin, steps: [...origin.steps, hop], via: [...(origin.via ?? []), { call, fn }] }
      : origin,
  );
}

export function functionName(fn: FunctionNode): string {
  if (fn.name && (ts.isIdentifier(fn.name) || ts.isStringLiteral(fn.name))) {
    const owner = fn.parent;
    if ((ts.isClassDeclaration(owner) || ts.isClassExpression(owner)) && owner.name)
      return `${owner.name.text}.${fn.name.text}`;
    return qualified(owner, fn.name.text);
  }
  if (ts.isConstructorDeclaration(fn)) return 'constructor';
  const holder = fn.parent;
  if (ts.isVariableDeclaration(holder) && ts.isIdentifier(holder.name)) return holder.name.text;
  if (ts.isPropertyAssignment(holder)) return qualified(holder.parent, staticName(holder.name) ?? 'function');
  return 'function';
}

/** `service.get` for a method of an object literal assigned to `service`. */
function qualified(owner: ts.Node, name: string): string {
  if (
    ts.isObjectLiteralExpression(owner) &&
    ts.isVariableDeclaration(owner.parent) &&
    ts.isIdentifier(owner.parent.name)
  ) {
    return `${owner.parent.name.text}.${name}`;
  }
  return name;
}
