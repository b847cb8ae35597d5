import ts from 'typescript';
import {
  argumentAt,
  descendants,
  findProperty,
  isAssignment,
  isFunctionNode,
  ownSourceFiles,
  parentOf,
  renamedImport,
  skipOuter,
} from '../ast.js';
import type { FunctionNode } from '../ast.js';
import type { Operation, SinkModel, WrapperSinkModel } from '../model.js';
import { isAnyLike, specifierNames, symbolMatches, typeMatches } from '../types.js';
import { ClientConstructions } from './client-links.js';
import type { ClientLinks } from './client-links.js';
import { MapperSites } from './mappers.js';
import type { MapperAccess } from './mappers.js';
import { requiredSpecifier, unresolvedImportsFor } from '../unresolved-imports.js';

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
  /**
   * `client[action](params)` in a helper whose parameter `action` its callers give constants: the
   * operation each constant names. `operation` is a read's where one is named (what the helper's
   * output holds, seen from no caller in particular); each call of the helper runs the one its own
   * constant names (`siteForCall`).
   */
  readonly chosenBy?: {
    readonly parameter: ts.ParameterDeclaration;
    readonly operations: Readonly<Record<string, Operation>>;
    /** The client as shown in messages (`DocumentClient`): a call's site is `DocumentClient.<its method>`. */
    readonly label: string;
  };
}

/** Reads first: the operation a helper's site has seen from no caller in particular is what its output holds. */
const READ_FIRST: readonly Operation[] = ['get', 'query', 'scan', 'batchGet', 'transactGet', 'statement'];

function preference(operation: Operation): number {
  const index = READ_FIRST.indexOf(operation);
  return index < 0 ? READ_FIRST.length : index;
}

/** Hops through `const`s from a method name to its constant. */
const MAX_NAME_HOPS = 4;
/** Callers of a helper whose constant method names are read. */
const MAX_NAME_CALLERS = 16;

/** The constant strings an expression is: a literal, a `const`, or a type of string literals (`'get' | 'put'`). */
function constantNames(checker: ts.TypeChecker, expression: ts.Expression): string[] | undefined {
  let node = skipOuter(expression);
  for (let hop = 0; hop < MAX_NAME_HOPS; hop++) {
    if (ts.isStringLiteralLike(node)) return [node.text];
    if (!ts.isIdentifier(node)) break;
    const declaration = checker.getSymbolAtLocation(node)?.valueDeclaration;
    if (
      !declaration ||
      !ts.isVariableDeclaration(declaration) ||
      !declaration.initializer ||
      !(ts.getCombinedNodeFlags(declaration) & ts.NodeFlags.Const)
    )
      break;
    node = skipOuter(declaration.initializer);
  }
  const type = checker.getTypeAtLocation(node);
  const parts = type.isUnion() ? type.types : [type];
  const names = parts.map((part) => (part.isStringLiteral() ? part.value : undefined));
  return names.length && names.every((name) => name !== undefined) ? names : undefined;
}

/**
 * A site as one call of the function it is in runs it: where the helper's parameter chooses the
 * client method (`call('update', params)`), the operation this call's constant names; a constant
 * that names no client method is no access (undefined). Other sites, and calls that pass no
 * constant, are the site as found.
 */
export function siteForCall(
  site: SinkSite,
  call: ts.CallExpression | ts.NewExpression,
  checker: ts.TypeChecker,
): SinkSite | undefined {
  const chosen = site.chosenBy;
  if (!chosen || !isFunctionNode(chosen.parameter.parent)) return site;
  const index = chosen.parameter.parent.parameters.indexOf(chosen.parameter);
  const argument = argumentAt(call, index);
  if (!argument) return site;
  const names = constantNames(checker, argument);
  if (!names) return site;
  const named = names.filter((name) => Object.hasOwn(chosen.operations, name));
  if (!named.length) return undefined;
  const operations = new Set(named.map((name) => chosen.operations[name]!));
  if (operations.size > 1) return site;
  return { ...site, operation: chosen.operations[named[0]!]!, api: `${chosen.label}.${named[0]!}` };
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
  /** Whether a site found since the file's walk began read the constants a helper's callers pass. */
  private readCallers = false;

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
    this.readCallers = false;
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
      this.readCallers ||
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

  /**
   * `doc.get(input)` on a client; also `doc[action](input)` whose method a constant names, or a
   * parameter of the helper it is in whose callers pass constants (each caller's constant is the
   * method it runs, `siteForCall`). A name that is no constant, or no method of the client, is no
   * access.
   */
  private clientSite(node: ts.CallExpression): SinkSite | undefined {
    const callee = skipOuter(node.expression);
    const input = node.arguments[0];
    if (!input) return undefined;
    if (ts.isPropertyAccessExpression(callee)) {
      const name = callee.name.text;
      if (!this.methodNames.has(name)) return undefined;
      return this.clientCall(node, callee.expression, input, [name], () => ({ names: [name] }));
    }
    if (ts.isElementAccessExpression(callee) && !ts.isNumericLiteral(skipOuter(callee.argumentExpression)))
      return this.clientCall(node, callee.expression, input, undefined, () =>
        this.chosenNames(callee.argumentExpression),
      );
    return undefined;
  }

  private clientCall(
    node: ts.CallExpression,
    receiver: ts.Expression,
    input: ts.Expression,
    known: readonly string[] | undefined,
    chosen: () => { names: readonly string[]; parameter?: ts.ParameterDeclaration } | undefined,
  ): SinkSite | undefined {
    const clients: { methods: Readonly<Record<string, Operation>>; label: string }[] = [];
    const offers = (methods: Readonly<Record<string, Operation>>) =>
      !known || known.some((name) => Object.hasOwn(methods, name));
    const receiverType = this.checker.getTypeAtLocation(receiver);
    if (isAnyLike(receiverType)) {
      for (const made of this.constructions.of(receiver))
        for (const client of this.constructedClients(made)) if (offers(client.methods)) clients.push(client);
    } else {
      for (const model of this.models)
        for (const client of model.clients ?? [])
          if (offers(client.methods) && typeMatches(this.checker, receiverType, client.types))
            clients.push({ methods: client.methods, label: specifierNames(client.types[0]!)[0]! });
    }
    if (!clients.length) return undefined;
    const found = chosen();
    if (!found) return undefined;
    for (const { methods, label } of clients) {
      const named = found.names
        .filter((name) => Object.hasOwn(methods, name))
        .sort((a, b) => preference(methods[a]!) - preference(methods[b]!));
      if (!named.length) continue;
      const operation = methods[named[0]!]!;
      const api = named.length === 1 ? `${label}.${named[0]!}` : `${label}[${named.join('|')}]`;
      const operations = Object.fromEntries(named.map((name) => [name, methods[name]!]));
      const varies = new Set(Object.values(operations)).size > 1;
      return {
        node,
        operation,
        input,
        api,
        ...(found.parameter && varies ? { chosenBy: { parameter: found.parameter, operations, label } } : {}),
      };
    }
    return undefined;
  }

  /**
   * The method names `client[name]` may be: constants, or, for a parameter of the function it is
   * in, the constants the function's callers pass there (bounded).
   */
  private chosenNames(
    expression: ts.Expression,
  ): { names: readonly string[]; parameter?: ts.ParameterDeclaration } | undefined {
    const node = skipOuter(expression);
    const declaration = ts.isIdentifier(node) ? this.checker.getSymbolAtLocation(node)?.valueDeclaration : undefined;
    const parameter =
      declaration &&
      ts.isParameter(declaration) &&
      !declaration.dotDotDotToken &&
      ts.isIdentifier(declaration.name) &&
      isFunctionNode(declaration.parent)
        ? declaration
        : undefined;
    const direct = constantNames(this.checker, node);
    if (!parameter) return direct && { names: direct };
    const links = this.links?.();
    if (!links) return direct && { names: direct, parameter };
    this.readCallers = true;
    const fn = parameter.parent as FunctionNode;
    const index = fn.parameters.indexOf(parameter);
    const names = new Set<string>();
    for (const call of links.definitions.callersOf(fn).slice(0, MAX_NAME_CALLERS)) {
      const argument = argumentAt(call, index);
      if (!argument) continue;
      for (const name of constantNames(this.checker, argument) ?? []) names.add(name);
    }
    // A parameter typed as a list of names (`action: 'get' | 'put'`) that no caller of the program gives a constant is all of them.
    if (!names.size) return direct && { names: direct, parameter };
    return { names: [...names], parameter };
  }

  /**
   * The `new` expressions a value was made by, through variables, calls, and the arguments callers
   * pass for a parameter (`ClientConstructions`): the class instances a whole item written may be.
   */
  constructionsOf(expression: ts.Expression): readonly ts.NewExpression[] {
    return this.constructions.of(expression);
  }

  /** `new AWS.DynamoDB.DocumentClient()` with `AWS` required or imported from a model's package: the clients it is. */
  private constructedClients(
    made: ts.NewExpression,
  ): { methods: Readonly<Record<string, Operation>>; label: string }[] {
    let root: ts.Expression = skipOuter(made.expression);
    if (!ts.isPropertyAccessExpression(root)) return [];
    const className = root.name.text;
    while (ts.isPropertyAccessExpression(root)) root = skipOuter(root.expression);
    const roots = this.sdkRoots(root);
    const out: { methods: Readonly<Record<string, Operation>>; label: string }[] = [];
    for (const model of this.models) {
      if (!roots.some((symbol) => importedFrom(symbol, model.package))) continue;
      for (const client of model.clients ?? []) {
        const named = client.types.some(
          (spec) => typeof spec === 'object' && spec.from === 'package' && [spec.name].flat().includes(className),
        );
        if (named) out.push({ methods: client.methods, label: className });
      }
    }
    return out;
  }

  /**
   * The symbols the root of `new X.DynamoDB.DocumentClient()` may be the SDK by: `X` itself,
   * where `X` is what an instrumenting call returns (`const X = AWSXRay.captureAWS(AWS)`, untyped
   * when the tracer's types are not installed), the SDK it was given, and where `X` is a
   * constructor's parameter a container injects (`asValue(AWS)`), the value registered.
   */
  private sdkRoots(root: ts.Expression): (ts.Symbol | undefined)[] {
    const out: (ts.Symbol | undefined)[] = [];
    let node: ts.Expression | undefined = skipOuter(root);
    for (let hop = 0; node && hop < 3; hop++) {
      if (ts.isCallExpression(node)) {
        node = node.arguments[0] && skipOuter(node.arguments[0]);
        continue;
      }
      if (!ts.isIdentifier(node)) break;
      const symbol = this.checker.getSymbolAtLocation(node);
      out.push(symbol);
      const declaration = symbol?.valueDeclaration;
      if (declaration && (ts.isParameter(declaration) || ts.isBindingElement(declaration))) {
        const injected = this.links?.()?.containers.injectedValues(declaration) ?? [];
        // The registration is in another file, which the file's stamp does not cover.
        if (injected.length) this.readCallers = true;
        for (const value of injected) {
          const held = skipOuter(value);
          if (ts.isIdentifier(held)) out.push(this.checker.getSymbolAtLocation(held));
        }
        break;
      }
      const initializer =
        declaration && ts.isVariableDeclaration(declaration) && declaration.initializer
          ? skipOuter(declaration.initializer)
          : undefined;
      node = initializer && ts.isCallExpression(initializer) ? initializer : undefined;
    }
    return out;
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
   * The sites whose output a call is: `client.send(new GetCommand(…))`, `doc.get(…)`,
   * `doc.get(…).promise()`, `paginateQuery(…)` (its pages), a mapper's read, and `client.send(command)`
   * of each command the variable may hold there (`let command; if (…) command = new UpdateCommand(…); else
   * command = new GetCommand(…)`).
   */
  outputsOf(call: ts.CallExpression): SinkSite[] {
    const direct =
      this.clientSite(call) ?? this.functionSite(call) ?? this.wrapperSite(call) ?? this.mappers.outputOf(call);
    if (direct) return [direct];
    const callee = skipOuter(call.expression);
    if (!ts.isPropertyAccessExpression(callee)) return [];
    const request = requestOfPromise(call);
    if (request) {
      const site = this.clientSite(request);
      return site ? [site] : [];
    }
    const argument = call.arguments[0] && skipOuter(call.arguments[0]);
    if (!argument || !this.sendMethods.has(callee.name.text)) return [];
    return this.commandsHeld(argument).flatMap((command) => {
      const site = ts.isNewExpression(command) ? this.commandSite(command) : undefined;
      return site ? [site] : [];
    });
  }

  /** The values a `send` argument may be: itself, or what its variable may hold at the call. */
  private commandsHeld(argument: ts.Expression): ts.Expression[] {
    if (!ts.isIdentifier(argument)) return [argument];
    const declaration = this.checker.getSymbolAtLocation(argument)?.valueDeclaration;
    if (!declaration || !ts.isVariableDeclaration(declaration)) return [];
    const held =
      this.links?.()?.definitions.reaching(declaration, argument) ??
      (declaration.initializer ? [declaration.initializer] : []);
    // An assignment reaches as `command = new GetCommand(…)`: the command is its right side.
    return held.map((value) => {
      const node = skipOuter(value);
      return isAssignment(node) ? skipOuter(node.right) : node;
    });
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
      let init = variable.initializer && skipOuter(variable.initializer);
      // What an instrumenting call returns of the module it is given (`AWSXRay.captureAWS(require('aws-sdk'))`).
      for (let hop = 0; hop < 2 && init && ts.isCallExpression(init) && !requiredSpecifier(init); hop++)
        init = init.arguments[0] && skipOuter(init.arguments[0]);
      const required = requiredSpecifier(init);
      return !!required && ts.isStringLiteralLike(required) && required.text === pkg;
    });
  }
  return false;
}

/** The SDK v2 request whose answer `request.promise()` is: `doc.get(…)` in `doc.get(…).promise()`. */
export function requestOfPromise(call: ts.CallExpression): ts.CallExpression | undefined {
  const callee = skipOuter(call.expression);
  if (!ts.isPropertyAccessExpression(callee) || callee.name.text !== 'promise' || call.arguments.length)
    return undefined;
  const inner = skipOuter(callee.expression);
  return ts.isCallExpression(inner) ? inner : undefined;
}
