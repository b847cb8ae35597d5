import ts from 'typescript';
import { calledName, descendants, findProperty, memberValue, ownSourceFiles, skipOuter } from './ast.js';
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

  /** Per model: whether the program builds a pipe that strips undeclared DTO properties (found once). */
  private readonly whitelisting = new Map<DecoratorModel, boolean>();

  constructor(
    private readonly checker: ts.TypeChecker,
    private readonly definitions: Definitions,
    private readonly models: readonly DecoratorModel[],
    private readonly program?: ts.Program,
  ) {
    this.principalPatterns = models.map((decorator) => new RegExp(decorator.principalPattern, 'i'));
  }

  /**
   * Whether the keys of a decorated parameter (`@Body() dto: UpdateProfileDto`) are its DTO
   * class's fields: the program builds a whitelisting pipe (`new ValidationPipe({ whitelist: true
   * })`, global or not), which strips every property the class does not declare.
   */
  keysDeclared(parameter: ts.ParameterDeclaration, path: readonly string[]): boolean {
    if (path.length || !parameter.type || !ts.canHaveDecorators(parameter)) return false;
    const dto = this.checker.getTypeAtLocation(parameter).getSymbol()?.declarations?.[0];
    if (!dto || !ts.isClassDeclaration(dto) || dto.getSourceFile().isDeclarationFile) return false;
    return (ts.getDecorators(parameter) ?? []).some((decorator) => {
      const expression = skipOuter(decorator.expression);
      const name = calledName(ts.isCallExpression(expression) ? expression.expression : expression);
      return this.models.some((model) => !!name && !!model.sources[name] && this.whitelists(model));
    });
  }

  private whitelists(model: DecoratorModel): boolean {
    let found = this.whitelisting.get(model);
    if (found === undefined) {
      const pipes = model.whitelistPipes;
      found =
        !!pipes &&
        ownSourceFiles(this.program).some(
          (file) => file.text.includes(pipes.option) && buildsWhitelistingPipe(file, pipes.names, pipes.option),
        );
      this.whitelisting.set(model, found);
    }
    return found;
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
        if (this.principalPatterns[index]!.test(name)) {
          // `@CurrentUser('companyId') companyId`: the principal's attribute the decorator picks.
          const first = call?.arguments[0] && skipOuter(call.arguments[0]);
          const picked = first && ts.isStringLiteralLike(first) ? [first.text, ...path] : path;
          return single({ kind: 'principal', node: parameter, label: `@${name}()`, path: picked });
        }
      }
    }
    return undefined;
  }
}

/** `new ValidationPipe({ whitelist: true })` somewhere in the file. */
function buildsWhitelistingPipe(file: ts.SourceFile, names: readonly string[], option: string): boolean {
  for (const node of descendants(file)) {
    if (!ts.isNewExpression(node) || !names.includes(calledName(node.expression) ?? '')) continue;
    const options = node.arguments?.[0] && skipOuter(node.arguments[0]);
    const member = options && ts.isObjectLiteralExpression(options) ? findProperty(options, option) : undefined;
    const value = member && memberValue(member);
    if (value && skipOuter(value).kind === ts.SyntaxKind.TrueKeyword) return true;
  }
  return false;
}
