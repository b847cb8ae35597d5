import ts from 'typescript';
import { enclosingFunction, findProperty, skipOuter } from '../ast.js';
import type { FunctionNode } from '../ast.js';
import type { Operation, SinkModel } from '../model.js';
import { isAnyLike, symbolMatches, typeMatches } from '../types.js';

/** A place where an input object reaches DynamoDB. */
export interface SinkSite {
  /** `new GetCommand(…)`, `doc.get(…)`, or an object literal typed as a command input. */
  readonly node: ts.NewExpression | ts.CallExpression | ts.ObjectLiteralExpression;
  readonly operation: Operation;
  /** The input object expression. */
  readonly input: ts.Expression;
  /** Shown in messages: `GetCommand`, `DynamoDBDocument.get`. */
  readonly api: string;
  readonly fn: FunctionNode | ts.SourceFile;
}

/** Identifier text that may name a sink, for a syntactic pre-filter before asking the checker. */
export function sinkTokens(models: readonly SinkModel[]): RegExp {
  const words = new Set<string>();
  for (const model of models) {
    for (const name of Object.keys(model.commands)) words.add(name);
    for (const name of Object.keys(model.inputTypes ?? {})) words.add(name);
    for (const client of model.clients ?? []) {
      for (const type of client.types) words.add(typeof type === 'string' ? type : [type.name].flat()[0]!);
    }
  }
  return new RegExp(`\\b(?:${[...words].join('|')})\\b`);
}

/** Finds and memoises the sink sites of source files. */
export class Sites {
  private readonly byFile = new Map<ts.SourceFile, SinkSite[]>();
  private readonly commandNames = new Map<string, { model: SinkModel; operation: Operation }[]>();
  private readonly methodNames = new Set<string>();
  private readonly inputTypeNames = new Map<string, { model: SinkModel; operation: Operation }>();
  readonly tokens: RegExp;

  constructor(
    private readonly checker: ts.TypeChecker,
    private readonly models: readonly SinkModel[],
  ) {
    for (const model of models) {
      for (const [name, operation] of Object.entries(model.commands)) {
        const list = this.commandNames.get(name) ?? [];
        list.push({ model, operation });
        this.commandNames.set(name, list);
      }
      for (const client of model.clients ?? []) for (const method of Object.keys(client.methods)) this.methodNames.add(method);
      for (const [name, operation] of Object.entries(model.inputTypes ?? {})) this.inputTypeNames.set(name, { model, operation });
    }
    this.tokens = sinkTokens(models);
  }

  inFile(file: ts.SourceFile): SinkSite[] {
    const cached = this.byFile.get(file);
    if (cached) return cached;
    const sites: SinkSite[] = [];
    if (this.tokens.test(file.text)) {
      const stack: ts.Node[] = [file];
      while (stack.length) {
        const node = stack.pop()!;
        const site = this.siteAt(node);
        if (site) sites.push(site);
        node.forEachChild((child) => {
          stack.push(child);
        });
      }
      // Literals passed straight to a command are the same input: keep the command site.
      const commandInputs = new Set(sites.filter((site) => !ts.isObjectLiteralExpression(site.node)).map((site) => skipOuter(site.input)));
      const unique = sites.filter((site) => !ts.isObjectLiteralExpression(site.node) || !commandInputs.has(site.node));
      sites.length = 0;
      sites.push(...unique.sort((a, b) => a.node.pos - b.node.pos));
    }
    this.byFile.set(file, sites);
    return sites;
  }

  /** The site a `new Command(…)`/client call is, if any: used to recognise a read's results. */
  siteAt(node: ts.Node): SinkSite | undefined {
    if (ts.isNewExpression(node)) return this.commandSite(node);
    if (ts.isCallExpression(node)) return this.clientSite(node);
    if (ts.isObjectLiteralExpression(node)) return this.typedInputSite(node);
    return undefined;
  }

  private commandSite(node: ts.NewExpression): SinkSite | undefined {
    const callee = skipOuter(node.expression);
    const nameNode = ts.isPropertyAccessExpression(callee) ? callee.name : callee;
    if (!ts.isIdentifier(nameNode)) return undefined;
    const candidates = this.commandNames.get(nameNode.text);
    const input = node.arguments?.[0];
    if (!candidates || !input) return undefined;
    const symbol = this.checker.getSymbolAtLocation(nameNode);
    const match = candidates.find(
      ({ model }) => symbolMatches(this.checker, symbol, [{ from: 'package', package: model.package, name: nameNode.text }]) || importedFrom(symbol, model.package),
    );
    if (!match) return undefined;
    return { node, operation: match.operation, input, api: nameNode.text, fn: enclosingFunction(node) };
  }

  private clientSite(node: ts.CallExpression): SinkSite | undefined {
    const callee = skipOuter(node.expression);
    if (!ts.isPropertyAccessExpression(callee) || !this.methodNames.has(callee.name.text)) return undefined;
    const input = node.arguments[0];
    if (!input) return undefined;
    const receiverType = this.checker.getTypeAtLocation(callee.expression);
    if (isAnyLike(receiverType)) return undefined;
    for (const model of this.models) {
      for (const client of model.clients ?? []) {
        const operation = client.methods[callee.name.text];
        if (operation && typeMatches(this.checker, receiverType, client.types)) {
          const clientName = [typeof client.types[0] === 'string' ? client.types[0] : client.types[0]?.name].flat()[0];
          return { node, operation, input, api: `${clientName}.${callee.name.text}`, fn: enclosingFunction(node) };
        }
      }
    }
    return undefined;
  }

  private typedInputSite(node: ts.ObjectLiteralExpression): SinkSite | undefined {
    if (!findProperty(node, 'TableName')) return undefined;
    const type = this.checker.getContextualType(node);
    const symbol = type?.aliasSymbol ?? type?.getSymbol();
    const match = symbol && this.inputTypeNames.get(symbol.name);
    if (!match || !symbolMatches(this.checker, symbol, [{ from: 'package', package: match.model.package, name: symbol.name }])) return undefined;
    return { node, operation: match.operation, input: node, api: symbol.name.replace(/Input$/, ''), fn: enclosingFunction(node) };
  }

  /** `client.send(new GetCommand(…))`, `client.send(command)`, `doc.get(…)`: the site whose output this call is. */
  outputOf(call: ts.CallExpression): SinkSite | undefined {
    const direct = this.clientSite(call);
    if (direct) return direct;
    const callee = skipOuter(call.expression);
    if (!ts.isPropertyAccessExpression(callee) || !this.models.some((model) => model.sendMethods?.includes(callee.name.text))) return undefined;
    let argument: ts.Expression | undefined = call.arguments[0] && skipOuter(call.arguments[0]);
    if (argument && ts.isIdentifier(argument)) {
      const declaration = this.checker.getSymbolAtLocation(argument)?.valueDeclaration;
      argument = declaration && ts.isVariableDeclaration(declaration) && declaration.initializer ? skipOuter(declaration.initializer) : undefined;
    }
    return argument && ts.isNewExpression(argument) ? this.commandSite(argument) : undefined;
  }
}

/** In plain JavaScript without the SDK's types, an import from the package still identifies it. */
function importedFrom(symbol: ts.Symbol | undefined, pkg: string): boolean {
  const declaration = symbol?.declarations?.[0];
  if (!declaration) return false;
  let node: ts.Node = declaration;
  while (node && !ts.isImportDeclaration(node) && !ts.isVariableStatement(node) && !ts.isSourceFile(node)) node = node.parent;
  if (ts.isImportDeclaration(node)) return ts.isStringLiteral(node.moduleSpecifier) && node.moduleSpecifier.text === pkg;
  if (ts.isVariableStatement(node)) {
    return node.declarationList.declarations.some((variable) => {
      const init = variable.initializer && skipOuter(variable.initializer);
      return !!init && ts.isCallExpression(init) && ts.isIdentifier(init.expression) && init.expression.text === 'require' && init.arguments.some((arg) => ts.isStringLiteral(arg) && arg.text === pkg);
    });
  }
  return false;
}
