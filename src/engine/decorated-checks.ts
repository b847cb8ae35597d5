import ts from 'typescript';
import { calledName, skipOuter, staticName } from './ast.js';
import type { Definitions } from './definitions.js';
import type { DecoratorModel } from './model.js';
import { isValidatingPattern, regexOf } from './patterns.js';
import { strongest } from './taint.js';
import type { Sanitization } from './taint.js';

/**
 * What a framework checked about a decorated parameter before the handler runs: a pipe in the
 * decorator (`@Param('id', ParseUUIDPipe)`), or, for a property of a DTO-typed parameter, the
 * validation decorators on that field (`@IsUUID() id: string`).
 */
export function decoratedCheck(
  checker: ts.TypeChecker,
  definitions: Definitions,
  model: DecoratorModel,
  decorator: ts.CallExpression | undefined,
  parameter: ts.ParameterDeclaration,
  path: readonly string[],
): Sanitization | undefined {
  let checked: Sanitization | undefined;
  for (const argument of decorator?.arguments ?? []) {
    const pipe = skipOuter(argument);
    const target = ts.isNewExpression(pipe) ? skipOuter(pipe.expression) : pipe;
    const name = ts.isIdentifier(target)
      ? target.text
      : ts.isPropertyAccessExpression(target)
        ? target.name.text
        : undefined;
    if (name) checked = strongest(checked, model.pipes?.[name]);
  }
  const field = path[0];
  if (field === undefined || !model.fieldValidators) return checked;
  for (const declaration of checker.getTypeAtLocation(parameter).getSymbol()?.declarations ?? []) {
    if (!ts.isClassDeclaration(declaration)) continue;
    for (const member of declaration.members) {
      if (!ts.isPropertyDeclaration(member) || staticName(member.name) !== field) continue;
      for (const fieldDecorator of ts.getDecorators(member) ?? [])
        checked = strongest(checked, fieldCheck(definitions, model, fieldDecorator));
    }
  }
  return checked;
}

function fieldCheck(
  definitions: Definitions,
  model: DecoratorModel,
  decorator: ts.Decorator,
): Sanitization | undefined {
  const expression = skipOuter(decorator.expression);
  const call = ts.isCallExpression(expression) ? expression : undefined;
  const name = calledName(call ? call.expression : expression);
  const kind = name === undefined ? undefined : model.fieldValidators?.[name];
  if (kind !== 'pattern') return kind;
  const regex = call?.arguments[0] && regexOf(definitions, call.arguments[0]);
  return regex && isValidatingPattern(regex.source, regex.flags) ? 'validated' : undefined;
}
