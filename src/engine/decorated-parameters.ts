import ts from 'typescript';
import { calledName, skipOuter } from './ast.js';
import { decoratedCheck } from './decorated-checks.js';
import type { Definitions } from './definitions.js';
import { ANY } from './flow/path.js';
import type { Path } from './flow/path.js';
import type { DecoratorModel } from './model.js';
import { requestSource, single } from './taint.js';
import type { Taint } from './taint.js';

/** Sources and principals injected by parameter decorators (NestJS `@Param('id')`, `@CurrentUser()`). */
export class DecoratedParameters {
  private readonly principalPatterns: RegExp[];

  constructor(
    private readonly checker: ts.TypeChecker,
    private readonly definitions: Definitions,
    private readonly models: readonly DecoratorModel[],
  ) {
    this.principalPatterns = models.map((decorator) => new RegExp(decorator.principalPattern, 'i'));
  }

  /** NestJS-style `@Param('id') id`, `@Body() dto`, `@CurrentUser() user`. */
  at(parameter: ts.ParameterDeclaration, path: Path): Taint | undefined {
    if (!this.models.length || !ts.canHaveDecorators(parameter)) return undefined;
    for (const decorator of ts.getDecorators(parameter) ?? []) {
      const expression = skipOuter(decorator.expression);
      const call = ts.isCallExpression(expression) ? expression : undefined;
      const name = calledName(call ? call.expression : expression);
      if (!name) continue;
      for (const [index, model] of this.models.entries()) {
        const sourceType = model.sources[name];
        if (sourceType) {
          const first = call?.arguments[0] && skipOuter(call.arguments[0]);
          const property = first && ts.isStringLiteralLike(first) ? first.text : undefined;
          const shown = path.filter((segment) => segment !== ANY);
          const label = `@${name}(${property ? `'${property}'` : ''}) ${[parameter.name.getText(), ...shown].join('.')}`;
          return requestSource(
            parameter,
            label,
            sourceType,
            decoratedCheck(this.checker, this.definitions, model, call, parameter, shown),
          );
        }
        if (this.principalPatterns[index]!.test(name))
          return single({ kind: 'principal', node: parameter, label: `@${name}()` });
      }
    }
    return undefined;
  }
}
