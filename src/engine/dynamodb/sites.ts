import ts from 'typescript';
import { descendants, findProperty, ownSourceFiles, parentOf, renamedImport, skipOuter } from '../ast.js';
import type { Operation, SinkModel, WrapperSinkModel } from '../model.js';
import { isAnyLike, specifierNames, symbolMatches, typeMatches } from '../types.js';
import { ClientConstructions } from './client-links.js';
import type { ClientLinks } from './client-links.js';
import { MapperSites } from './mappers.js';
import type { MapperAccess } from './mappers.js';
import { unresolvedImportsFor } from '../unresolved-imports.js';

/** A place where an input object reaches DynamoDB. */
export interface SinkSite {
  /** `new GetCommand(…)`, `doc.get(…)`, `paginateQuery(…)`, a wrapper call, or a typed input literal. */
  readonly node: ts.NewExpression | ts.CallExpression | ts.ObjectLiteralExpression;
  readonly operation: Operation;
  /** The input object expression, when the call takes one. */
  readonly input?: ts.Expression;
  /** A wrapper's key and table arguments, when it takes them apart (`db.fetch(table, key)`). */
  readonly parts?: { readonly key?: ts.Expression; readonly table?: ts.Expression };
  /** Shown in messages: `GetCommand`, `DynamoDBDocument.get`. */
  readonly api: string;
  /** A paginator: its result is an async iterable of outputs, one per page. */
  readonly pages?: true;
  /** A data mapper call (`entity.get(key).go()`): its arguments by role and the entity's keys. */
  readonly mapper?: MapperAccess;
}

/** Identifier text that may name a sink, for a syntactic pre-filter before asking the checker. */
export function sinkTokens(models: readonly SinkModel[], wrappers: readonly WrapperSinkModel[]): RegExp {
  const words = new Set<string>();
  for (const model of models) {
    for (const name of Object.keys(model.commands ?? {})) words.add(name);
    for (const name of Object.keys(model.functions ?? {})) words.add(name);
    for (const name of Object.keys(model.inputTypes ?? {})) words.add(name);
    for (const client of model.clients ?? [])
      for (const type of client.types) for (const name of specifierNames(type)) words.add(name);
  }
  for (const wrapper of wrappers) for (const name of specifierNames(wrapper.callee)) words.add(name);
  return new RegExp(`\\b(?:${[...words].map((word) => word.replace(/[$]/g, '\\$')).join('|')})\\b`);
}

/** Where a file's sites may be kept beyond one program (see `DynamoAnalysis`): the rule for reuse is the store's. */
export interface SiteStore {
  get(file: ts.SourceFile): SinkSite[] | undefined;
  set(file: ts.SourceFile, sites: SinkSite[]): void;
}

/** Finds and memoises the sink sites of source files. */
export class Sites {
  private readonly byFile = new Map<ts.SourceFile, SinkSite[]>();
  private readonly commandNames = new Map<string, { model: SinkModel; operation: Operation }[]>();
  private readonly functionNames = new Map<string, { model: SinkModel; operation: Operation; input: number }[]>();
  private readonly methodNames = new Set<string>();
  private readonly wrapperNames = new Map<string, WrapperSinkModel[]>();
  private readonly inputTypeNames = new Map<string, { model: SinkModel; operation: Operation }>();
  private readonly sendMethods = new Set<string>();
  readonly tokens: RegExp;
  private readonly mappers: MapperSites;
  private readonly constructions: ClientConstructions;
  /** `.get(`, `.query(`, …: a client method called on some object. */
  private readonly methodCalls: RegExp | undefined;
  private makesClients: boolean | undefined;

  constructor(
    private readonly checker: ts.TypeChecker,
    private readonly models: readonly SinkModel[],
    wrappers: readonly WrapperSinkModel[],
    /** Files that cannot reach DynamoDB are skipped without a walk. */
    private readonly mayContainSinks: (file: ts.SourceFile) => boolean,
    private readonly store?: SiteStore,
    /** The tracer's definitions and request objects, for untyped clients passed through parameters and calls. */
    private readonly links?: () => ClientLinks | undefined,
  ) {
    this.constructions = new ClientConstructions(checker, links);
    const add = <T>(map: Map<string, T[]>, name: string, value: T) => map.set(name, [...(map.get(name) ?? []), value]);
    for (const model of models) {
      for (const [name, operation] of Object.entries(model.commands ?? {}))
        add(this.commandNames, name, { model, operation });
      for (const [name, spec] of Object.entries(model.functions ?? {}))
        add(this.functionNames, name, { model, ...spec });
      for (const client of model.clients ?? [])
        for (const method of Object.keys(client.methods)) this.methodNames.add(method);
      for (const [name, operation] of Object.entries(model.inputTypes ?? {}))
        this.inputTypeNames.set(name, { model, operation });
      for (const method of model.sendMethods ?? []) this.sendMethods.add(method);
    }
    for (const wrapper of wrappers)
      for (const name of specifierNames(wrapper.callee)) add(this.wrapperNames, name, wrapper);
    this.mappers = new MapperSites(
      checker,
      models,
      (symbol, pkg, name) => fromPackage(checker, symbol, pkg, name),
      () => {
        const program = links?.()?.program;
        return program && unresolvedImportsFor(program);
      },
      () => links?.()?.program,
    );
    this.methodCalls = this.methodNames.size
      ? new RegExp(`\\.\\s*(?:${[...this.methodNames].map((name) => name.replace(/[$]/g, '\\$')).join('|')})\\s*\\(`)
      : undefined;
    const base = sinkTokens(models, wrappers);
    this.tokens = this.mappers.words.length ? new RegExp(`${base.source}|${this.mappers.words.join('|')}`) : base;
  }

  /**
   * Whether a file may hold a sink by its text: a word of the models, or, in plain JavaScript
   * (where a client parameter is `any`), a client method call while some file of the program
   * names a client: the client may reach it through parameters.
   */
  mayHoldSinks(file: ts.SourceFile): boolean {
    if (this.tokens.test(file.text)) return true;
    if (!this.untypedCandidate(file)) return false;
    if (this.makesClients === undefined) {
      const program = this.links?.()?.program;
      this.makesClients = !!program && ownSourceFiles(program).some((other) => this.tokens.test(other.text));
    }
    return this.makesClients;
  }

  /** A JavaScript file that calls a client method on some object but names no client. */
  private untypedCandidate(file: ts.SourceFile): boolean {
    return !!this.methodCalls && JAVASCRIPT.test(file.fileName) && this.methodCalls.test(file.text);
  }

  inFile(file: ts.SourceFile): SinkSite[] {
    const cached = this.byFile.get(file) ?? this.store?.get(file);
    if (cached) {
      this.byFile.set(file, cached);
      return cached;
    }
    const sites: SinkSite[] = [];
    this.constructions.reset();
    this.mappers.crossedFiles = false;
    if (this.mayContainSinks(file)) {
      for (const node of descendants(file)) {
        const site = this.siteAt(node);
        if (site) sites.push(site);
      }
    }
    // Literals passed straight to a call site are the same input: keep the call site.
    const callInputs = new Set(
      sites
        .filter((site) => site.input && !ts.isObjectLiteralExpression(site.node))
        .map((site) => skipOuter(site.input!)),
    );
    const unique = sites
      .filter((site) => !ts.isObjectLiteralExpression(site.node) || !callInputs.has(site.node))
      .sort((a, b) => a.node.pos - b.node.pos);
    this.byFile.set(file, unique);
    // Sites that depend on files the stamp does not cover (callers, a factory, whether the program
    // makes a client at all) are not kept beyond this program.
    const untyped =
      this.constructions.crossedFiles ||
      this.mappers.crossedFiles ||
      (!this.tokens.test(file.text) && this.untypedCandidate(file));
    if (!untyped) this.store?.set(file, unique);
    return unique;
  }

  siteAt(node: ts.Node): SinkSite | undefined {
    if (ts.isNewExpression(node)) return this.commandSite(node) ?? this.mappers.siteAt(node);
    if (ts.isCallExpression(node))
      return this.clientSite(node) ?? this.functionSite(node) ?? this.wrapperSite(node) ?? this.mappers.siteAt(node);
    if (ts.isObjectLiteralExpression(node)) return this.typedInputSite(node) ?? this.mappers.siteAt(node);
    return undefined;
  }

  private commandSite(node: ts.NewExpression): SinkSite | undefined {
    const nameNode = calleeName(node);
    const name = nameNode && importedName(nameNode, this.commandNames);
    const candidates = name && this.commandNames.get(name);
    const input = node.arguments?.[0];
    if (!nameNode || !name || !candidates || !input) return undefined;
    const symbol = this.checker.getSymbolAtLocation(nameNode);
    const match = candidates.find(({ model }) => fromPackage(this.checker, symbol, model.package, name));
    return match && { node, operation: match.operation, input, api: name };
  }

  private functionSite(node: ts.CallExpression): SinkSite | undefined {
    const nameNode = calleeName(node);
    const name = nameNode && importedName(nameNode, this.functionNames);
    const candidates = name && this.functionNames.get(name);
    if (!nameNode || !name || !candidates) return undefined;
    const symbol = this.checker.getSymbolAtLocation(nameNode);
    const match = candidates.find(({ model }) => fromPackage(this.checker, symbol, model.package, name));
    const input = match && node.arguments[match.input];
    return input && { node, operation: match.operation, input, api: name, pages: true };
  }

  private clientSite(node: ts.CallExpression): SinkSite | undefined {
    const callee = skipOuter(node.expression);
    if (!ts.isPropertyAccessExpression(callee) || !this.methodNames.has(callee.name.text)) return undefined;
    const input = node.arguments[0];
    if (!input) return undefined;
    const receiverType = this.checker.getTypeAtLocation(callee.expression);
    if (isAnyLike(receiverType)) return this.untypedClientSite(node, callee, input);
    for (const model of this.models) {
      for (const client of model.clients ?? []) {
        const operation = client.methods[callee.name.text];
        if (operation && typeMatches(this.checker, receiverType, client.types)) {
          const clientName = specifierNames(client.types[0]!)[0];
          return { node, operation, input, api: `${clientName}.${callee.name.text}` };
        }
      }
    }
    return undefined;
  }

  /**
   * A client whose type is `any` (JavaScript without the SDK's types): recognised by how it was
   * made, `new AWS.DynamoDB.DocumentClient()` with `AWS` required or imported from the model's
   * package, followed back through variables, object properties and `require`d modules.
   */
  private untypedClientSite(
    node: ts.CallExpression,
    callee: ts.PropertyAccessExpression,
    input: ts.Expression,
  ): SinkSite | undefined {
    for (const made of this.constructions.of(callee.expression)) {
      const site = this.constructedClientSite(made, node, callee, input);
      if (site) return site;
    }
    return undefined;
  }

  /** `new AWS.DynamoDB.DocumentClient()` with `AWS` required or imported from a model's package: its site. */
  private constructedClientSite(
    made: ts.NewExpression,
    node: ts.CallExpression,
    callee: ts.PropertyAccessExpression,
    input: ts.Expression,
  ): SinkSite | undefined {
    const chain: string[] = [];
    let root: ts.Expression = skipOuter(made.expression);
    while (ts.isPropertyAccessExpression(root)) {
      chain.unshift(root.name.text);
      root = skipOuter(root.expression);
    }
    if (!ts.isIdentifier(root)) return undefined;
    chain.unshift(root.text);
    const className = chain[chain.length - 1]!;
    const rootSymbol = this.checker.getSymbolAtLocation(root);
    for (const model of this.models) {
      if (!importedFrom(rootSymbol, model.package)) continue;
      for (const client of model.clients ?? []) {
        const operation = client.methods[callee.name.text];
        const named = client.types.some(
          (spec) => typeof spec === 'object' && spec.from === 'package' && [spec.name].flat().includes(className),
        );
        if (operation && named) return { node, operation, input, api: `${className}.${callee.name.text}` };
      }
    }
    return undefined;
  }

  private wrapperSite(node: ts.CallExpression): SinkSite | undefined {
    const nameNode = calleeName(node);
    const candidates = nameNode && this.wrapperNames.get(nameNode.text);
    if (!nameNode || !candidates) return undefined;
    const symbol = this.checker.getSymbolAtLocation(nameNode);
    const wrapper = candidates.find((candidate) => symbolMatches(this.checker, symbol, [candidate.callee]));
    if (!wrapper) return undefined;
    const argument = (index: number | undefined) => (index === undefined ? undefined : node.arguments[index]);
    const base = { node, operation: wrapper.operation, api: nameNode.text };
    if (wrapper.input !== undefined) {
      const input = argument(wrapper.input);
      return input && { ...base, input };
    }
    return { ...base, parts: { key: argument(wrapper.key), table: argument(wrapper.table) } };
  }

  private typedInputSite(node: ts.ObjectLiteralExpression): SinkSite | undefined {
    // perf: a literal passed straight to a modelled call is that call's input; no contextual type needed.
    const parent = node.parent;
    if ((ts.isNewExpression(parent) || ts.isCallExpression(parent)) && parent.arguments?.includes(node)) {
      const name = calleeName(parent)?.text;
      if (name && (this.commandNames.has(name) || this.functionNames.has(name) || this.methodNames.has(name)))
        return undefined;
    }
    if (
      !findProperty(node, 'TableName') &&
      !findProperty(node, 'RequestItems') &&
      !findProperty(node, 'TransactItems') &&
      !findProperty(node, 'Statement')
    ) {
      return undefined;
    }
    const type = this.checker.getContextualType(node);
    const symbol = type?.aliasSymbol ?? type?.getSymbol();
    const match = symbol && this.inputTypeNames.get(symbol.name);
    if (
      !match ||
      !symbolMatches(this.checker, symbol, [{ from: 'package', package: match.model.package, name: symbol.name }])
    )
      return undefined;
    return { node, operation: match.operation, input: node, api: symbol.name.replace(/Input$/, '') };
  }

  /**
   * The site whose output a call is: `client.send(new GetCommand(…))`, `client.send(command)`,
   * `doc.get(…)`, `doc.get(…).promise()`, `paginateQuery(…)` (its pages).
   */
  outputOf(call: ts.CallExpression): SinkSite | undefined {
    const direct =
      this.clientSite(call) ?? this.functionSite(call) ?? this.wrapperSite(call) ?? this.mappers.outputOf(call);
    if (direct) return direct;
    const callee = skipOuter(call.expression);
    if (!ts.isPropertyAccessExpression(callee)) return undefined;
    if (callee.name.text === 'promise' && call.arguments.length === 0) {
      const inner = skipOuter(callee.expression);
      return ts.isCallExpression(inner) ? this.clientSite(inner) : undefined;
    }
    if (!this.sendMethods.has(callee.name.text)) return undefined;
    let argument: ts.Expression | undefined = call.arguments[0] && skipOuter(call.arguments[0]);
    if (argument && ts.isIdentifier(argument)) {
      const declaration = this.checker.getSymbolAtLocation(argument)?.valueDeclaration;
      argument =
        declaration && ts.isVariableDeclaration(declaration) && declaration.initializer
          ? skipOuter(declaration.initializer)
          : undefined;
    }
    return argument && ts.isNewExpression(argument) ? this.commandSite(argument) : undefined;
  }
}

const JAVASCRIPT = /\.[cm]?jsx?$/i;

function calleeName(node: ts.CallExpression | ts.NewExpression): ts.Identifier | undefined {
  const callee = skipOuter(node.expression);
  const nameNode = ts.isPropertyAccessExpression(callee) ? callee.name : callee;
  return ts.isIdentifier(nameNode) ? nameNode : undefined;
}

/** The exported name a callee refers to: its own text, or the name it was imported under another name as. */
function importedName(nameNode: ts.Identifier, known: ReadonlyMap<string, unknown>): string | undefined {
  if (known.has(nameNode.text)) return nameNode.text;
  const imported = renamedImport(nameNode);
  return imported !== undefined && known.has(imported) ? imported : undefined;
}

/** Declared in the package, or (plain JavaScript without its types) imported from it. */
export function fromPackage(
  checker: ts.TypeChecker,
  symbol: ts.Symbol | undefined,
  pkg: string,
  name: string,
): boolean {
  return symbolMatches(checker, symbol, [{ from: 'package', package: pkg, name }]) || importedFrom(symbol, pkg);
}

export function importedFrom(symbol: ts.Symbol | undefined, pkg: string): boolean {
  const declaration = symbol?.declarations?.[0];
  if (!declaration) return false;
  let node: ts.Node | undefined = declaration;
  while (node && !ts.isImportDeclaration(node) && !ts.isVariableStatement(node) && !ts.isSourceFile(node))
    node = parentOf(node);
  if (!node) return false;
  if (ts.isImportDeclaration(node))
    return ts.isStringLiteral(node.moduleSpecifier) && node.moduleSpecifier.text === pkg;
  if (ts.isVariableStatement(node)) {
    return node.declarationList.declarations.some((variable) => {
      const init = variable.initializer && skipOuter(variable.initializer);
      return (
        !!init &&
        ts.isCallExpression(init) &&
        ts.isIdentifier(init.expression) &&
        init.expression.text === 'require' &&
        init.arguments.some((argument) => ts.isStringLiteral(argument) && argument.text === pkg)
      );
    });
  }
  return false;
}
