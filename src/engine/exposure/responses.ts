import ts from 'typescript';
import {
  descendants,
  enclosingFunction,
  findProperty,
  isFunctionNode,
  isWithin,
  memberValue,
  propertyNameOf,
  shortText,
  skipOuter,
} from '../ast.js';
import type { FunctionNode } from '../ast.js';
import { functionOfDeclaration } from '../definitions.js';
import type { ResponseModel, ResponseObjectModel } from '../model.js';
import { decoratorNames, isHandlerOf, objectModelOf } from '../parameter-matchers.js';
import {
  builtScalarName,
  exportedFunction,
  fieldsNamedByFile,
  nestedJsonPaths,
  resolverMethodType,
  scalarFields,
  schemaFileFields,
} from './schema-scalars.js';
import { resolvedField } from '../graphql-schema.js';
import { functionName } from '../flow/arguments.js';
import { ANY } from '../flow/path.js';
import type { CallOverlay, Path } from '../flow/path.js';
import { single } from '../taint.js';
import type { Tracer } from '../flow/tracer.js';
import { isAnyLike, symbolMatches, typeMatches } from '../types.js';
import type { Specifier } from '../types.js';

/** An expression whose value a framework sends to the client. */
export interface ResponseSite {
  /** The expression handed to the response, where a report goes. */
  readonly node: ts.Expression;
  /** The part of it that is sent (a helper's `res.json(data.user)` sends `user` of its argument). */
  readonly path: Path;
  /** Shown in messages: `res.json`, `ctx.body`, `return of a Fastify handler`, `json(body) → body`. */
  readonly label: string;
}

/**
 * A parameter of a helper whose value (at `path`) the helper sends: `send(res, data)`; or, when
 * `returned`, a function parameter whose return (at `path`) the helper sends: `handler(lambda)`
 * sending `await lambda(event)`.
 */
interface SentParameter {
  readonly index: number;
  readonly path: Path;
  readonly label: string;
  readonly returned?: true;
}

/** The producer of the marker that stands for what a call of a wrapper's function parameter returns. */
const HANDED_RETURN = 'return of a handed function';

/** Bounds: helper chains followed, helper summaries per program. */
const MAX_HELPER_DEPTH = 12;
const MAX_SUMMARIES = 20_000;

/**
 * Finds the response sinks the models describe: calls on response objects, static helpers and
 * constructors, assignments to a response body, returned values of handlers, result objects,
 * and the arguments of the program's own helpers that send (or build a result from) a parameter.
 */
export class Responses {
  /** perf: a file none of whose words names a sink has none. */
  readonly tokens: RegExp;
  private readonly objects: readonly ResponseObjectModel[];
  private readonly constructors: readonly Specifier[];
  private readonly methods = new Set<string>();
  private readonly byFile = new Map<ts.SourceFile, ResponseSite[]>();
  private readonly summaries = new Map<FunctionNode, SentParameter[]>();
  private readonly handedOverlays = new Map<FunctionNode, CallOverlay>();
  private readonly parameterCallers = new Map<FunctionNode, boolean>();
  /** Functions handed to a response wrapper in their own file: their returns are response sites. */
  private readonly handedReported = new Set<FunctionNode>();
  private depth = 0;

  /** `base`: the overlay of the questions this class's sites are asked under (library projections). */
  constructor(
    private readonly tracer: Tracer,
    private readonly models: readonly ResponseModel[],
    private readonly base?: CallOverlay,
  ) {
    this.objects = models.flatMap((model) => model.objects ?? []);
    this.constructors = models.flatMap((model) => model.constructors ?? []);
    const words = new Set<string>();
    for (const object of this.objects) {
      for (const method of object.methods ?? []) {
        words.add(method);
        this.methods.add(method);
      }
      for (const property of object.properties ?? []) words.add(property[property.length - 1]!);
    }
    for (const model of models) {
      for (const statics of model.staticMethods ?? []) for (const spec of statics.classes) words.add(specName(spec));
      for (const spec of model.constructors ?? []) words.add(specName(spec));
      // A Fastify app made by `Fastify()` never names its type: the package name is the word.
      for (const registrar of model.handlerRegistrars ?? [])
        for (const spec of registrar.types)
          words.add(typeof spec === 'object' && spec.from === 'package' ? spec.package : specName(spec));
      for (const spec of model.handlerParameters ?? []) words.add(specName(spec));
      for (const controller of model.controllers ?? []) for (const name of controller.classDecorators) words.add(name);
      for (const result of model.results ?? []) words.add(result.body);
      for (const word of handlerWords(model)) words.add(word);
      // A resolver map names the root types it resolves.
      if (model.schemaScalars) for (const root of ['Query', 'Mutation', 'Subscription']) words.add(root);
      for (const name of model.resolverClasses?.classDecorators ?? []) words.add(name);
      if (model.resolverModules) words.add(model.resolverModules.response);
    }
    this.tokens = new RegExp(`\\b(?:${[...words].join('|')})\\b`);
  }

  /** Every response site written in a file, including the arguments of sending helpers. */
  inFile(file: ts.SourceFile): ResponseSite[] {
    const cached = this.byFile.get(file);
    if (cached) return cached;
    const sites: ResponseSite[] = [];
    // Without response words of its own, a file can still call helpers that send.
    this.collect(file, sites, this.tokens.test(file.text));
    this.byFile.set(file, sites);
    return sites;
  }

  /**
   * The returns of a file's GraphQL resolvers whose field's output type projects them
   * (`ResponseModel.projectedResolvers`): never a raw item, but what the resolver read reaches its
   * client, in the fields the schema declares.
   */
  projectedSites(file: ts.SourceFile): ResponseSite[] {
    const resolvers = this.models.flatMap((model) =>
      model.projectedResolvers ? [{ framework: model.framework, ...model.projectedResolvers }] : [],
    );
    const sites: ResponseSite[] = [];
    if (resolvers.length === 0) return sites;
    for (const node of descendants(file)) {
      if (!isFunctionNode(node)) continue;
      const model = resolvers.find((candidate) => isHandlerOf(this.tracer.checker, node, candidate));
      if (model) this.returnSites(node, `return of a ${model.framework} resolver`, sites);
    }
    return sites;
  }

  /** Walks a subtree for direct sites (when `direct`) and for calls of sending helpers. */
  private collect(root: ts.Node, sites: ResponseSite[], direct: boolean): void {
    for (const node of descendants(root)) {
      if (direct) this.directSites(node, sites);
      if (ts.isCallExpression(node) && node.arguments.length) this.helperSites(node, sites);
    }
  }

  private directSites(node: ts.Node, sites: ResponseSite[]): void {
    if (ts.isCallExpression(node)) {
      this.callSite(node, sites);
    } else if (ts.isNewExpression(node)) {
      const body = node.arguments?.[0];
      if (body && this.symbolIs(node.expression, this.constructors))
        sites.push({ node: body, path: [], label: `new ${shortText(node.expression, 30)}` });
    } else if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.EqualsToken) {
      this.assignmentSite(node, sites);
    } else if (ts.isObjectLiteralExpression(node)) {
      this.resultSite(node, sites);
    } else if (ts.isMethodDeclaration(node) && this.isControllerMethod(node)) {
      this.returnSites(node, 'controller method return', sites);
    } else if (ts.isMethodDeclaration(node)) {
      this.resolverMethodSite(node, sites);
    }
    if (isFunctionNode(node) && node.parameters.some((parameter) => parameter.type)) {
      const model = this.models.find(
        (candidate) =>
          candidate.handlerParameters &&
          node.parameters.some((parameter) => this.declaredAs(parameter, candidate.handlerParameters!)),
      );
      if (model) {
        this.returnSites(node, `return of a ${model.framework} handler`, sites);
        return;
      }
    }
    if (isFunctionNode(node)) {
      const model = this.models.find(
        (candidate) => candidate.handlers && isHandlerOf(this.tracer.checker, node, candidate.handlers),
      );
      const sent = model?.handlers?.sent;
      if (model) this.returnSites(node, `return of a ${model.framework} handler`, sites, sent ? [sent] : []);
      const field = !model && resolvedField(node);
      const scalar =
        field &&
        this.models.find(
          (candidate) =>
            candidate.schemaScalars && scalarFields(this.tracer.program, candidate.schemaScalars).has(field),
        );
      if (scalar)
        this.returnSites(node, `return of the ${scalar.framework} resolver of ${field}, a JSON scalar`, sites);
      else if (field) this.nestedJsonSites(node, field, sites);
      else if (!model) this.resolverModuleSite(node, sites);
    }
  }

  /**
   * A resolver whose field's output type declares a JSON field (`Query.note: Note`, `Note.details:
   * AWSJSON`) sends that property of its return whole: `{ id, details: item }` sends the item.
   */
  private nestedJsonSites(
    fn: FunctionNode,
    field: string,
    sites: ResponseSite[],
    fileFields?: ReadonlySet<string>,
  ): void {
    for (const model of this.models) {
      if (!model.schemaScalars) continue;
      const paths = [
        ...nestedJsonPaths(scalarFields(this.tracer.program, model.schemaScalars), field, ANY),
        ...(fileFields ? nestedJsonPaths(fileFields, field, ANY) : []),
      ];
      for (const path of paths)
        this.returnSites(
          fn,
          `${path[path.length - 1]!} of the ${model.framework} resolver of ${field}, a JSON scalar`,
          sites,
          path,
        );
      if (paths.length) return;
    }
  }

  /**
   * The `response` function of a resolver module (an AppSync JavaScript resolver) sends its return
   * when the field its file names is declared as a JSON scalar, in the program or in the project's
   * schema files (SPEC §5).
   */
  private resolverModuleSite(fn: FunctionNode, sites: ResponseSite[]): void {
    const file = fn.getSourceFile();
    for (const model of this.models) {
      const module = model.resolverModules;
      if (!module || !model.schemaScalars || exportedFunction(file, module.response) !== fn) continue;
      if (!exportedFunction(file, module.request)) continue;
      const program = this.tracer.program;
      const inProgram = scalarFields(program, model.schemaScalars);
      const inFiles = schemaFileFields(program, file.fileName, model.schemaScalars);
      const named = fieldsNamedByFile(file.fileName, module.roots);
      const field = named.find((candidate) => inProgram.has(candidate) || inFiles.has(candidate));
      if (!field) {
        const nested = named.find(
          (candidate) =>
            nestedJsonPaths(inFiles, candidate, ANY).length || nestedJsonPaths(inProgram, candidate, ANY).length,
        );
        if (nested) this.nestedJsonSites(fn, nested, sites, inFiles);
        if (nested) return;
        continue;
      }
      this.returnSites(fn, `return of the ${model.framework} resolver of ${field}, a JSON scalar`, sites);
      return;
    }
  }

  /**
   * A resolver class's method whose decorator declares a JSON scalar type sends its return; any
   * other declared type projects it (SPEC §5).
   */
  private resolverMethodSite(method: ts.MethodDeclaration, sites: ResponseSite[]): void {
    for (const model of this.models) {
      const classes = model.resolverClasses;
      const type = classes && resolverMethodType(method, classes.classDecorators, classes.methodDecorators);
      if (!type) continue;
      const nameNode = ts.isPropertyAccessExpression(type) ? type.name : type;
      if (!ts.isIdentifier(nameNode)) continue;
      const json =
        symbolMatches(this.tracer.checker, this.tracer.checker.getSymbolAtLocation(nameNode), classes.scalars) ||
        (model.schemaScalars ?? []).includes(builtScalarName(this.tracer.definitions.declarationOf(nameNode)) ?? '');
      if (!json) continue;
      const name = ts.isIdentifier(method.name) ? method.name.text : shortText(method.name, 30);
      this.returnSites(method, `return of the ${model.framework} resolver ${name}, a JSON scalar`, sites);
      return;
    }
  }

  /** A parameter whose declared type is one of `specs` (`reply: FastifyReply`). */
  private declaredAs(parameter: ts.ParameterDeclaration, specs: readonly Specifier[]): boolean {
    if (!parameter.type) return false;
    const type = this.tracer.checker.getTypeFromTypeNode(parameter.type);
    return !isAnyLike(type) && typeMatches(this.tracer.checker, type, specs);
  }

  private callSite(call: ts.CallExpression, sites: ResponseSite[]): void {
    const callee = skipOuter(call.expression);
    if (!ts.isPropertyAccessExpression(callee)) return;
    const name = callee.name.text;
    const first = call.arguments[0];
    if (first && this.methods.has(name)) {
      const sends = this.objects.some(
        (object) => object.methods?.includes(name) && this.isObject(callee.expression, object),
      );
      if (sends) sites.push({ node: first, path: [], label: shortText(callee, 40) });
    }
    for (const model of this.models) {
      for (const statics of model.staticMethods ?? []) {
        if (first && statics.methods.includes(name) && this.symbolIs(callee.expression, statics.classes)) {
          sites.push({ node: first, path: [], label: shortText(callee, 40) });
        }
      }
      for (const registrar of model.handlerRegistrars ?? []) {
        if (!registrar.methods.includes(name) || !call.arguments.length) continue;
        const type = this.tracer.checker.getTypeAtLocation(callee.expression);
        if (isAnyLike(type) || !typeMatches(this.tracer.checker, type, registrar.types)) continue;
        for (const handler of this.handlers(call, registrar.handlerProperty))
          this.returnSites(handler, `return of a ${model.framework} handler`, sites);
      }
    }
  }

  /** The functions a registration call hands over: function arguments, named functions, `{ handler }`. */
  private handlers(call: ts.CallExpression, property: string | undefined): FunctionNode[] {
    const out: FunctionNode[] = [];
    for (const raw of call.arguments) {
      const argument = skipOuter(raw);
      if (ts.isObjectLiteralExpression(argument) && property) {
        const member = argument.properties.find((candidate) => propertyNameOf(candidate) === property);
        const value = member && (ts.isMethodDeclaration(member) ? member : memberValue(member));
        if (value) out.push(...this.functionsOf(value));
      } else {
        out.push(...this.functionsOf(argument));
      }
    }
    // Only handlers written in this file: their returns are where a report can go.
    return out.filter((fn) => fn.getSourceFile() === call.getSourceFile());
  }

  private functionsOf(node: ts.Node): FunctionNode[] {
    if (isFunctionNode(node)) return [node];
    if (!ts.isIdentifier(node)) return [];
    const declaration = this.tracer.definitions.declarationOf(node);
    const fn = declaration && functionOfDeclaration(declaration);
    return fn ? [fn] : [];
  }

  private assignmentSite(node: ts.BinaryExpression, sites: ResponseSite[]): void {
    const path: string[] = [];
    let target = skipOuter(node.left);
    while (ts.isPropertyAccessExpression(target) && path.length < 4) {
      path.unshift(target.name.text);
      target = skipOuter(target.expression);
    }
    if (!path.length) return;
    const sends = this.objects.some(
      (object) =>
        object.properties?.some(
          (property) => property.length === path.length && property.every((segment, i) => segment === path[i]),
        ) && this.isObject(target, object),
    );
    if (sends) sites.push({ node: node.right, path: [], label: shortText(node.left, 40) });
  }

  /** `{ statusCode: 200, body: JSON.stringify(item) }`: the body of a result object. */
  private resultSite(literal: ts.ObjectLiteralExpression, sites: ResponseSite[]): void {
    const names = new Set(literal.properties.map(propertyNameOf));
    for (const model of this.models) {
      for (const result of model.results ?? []) {
        if (!names.has(result.body) || !result.required.every((name) => names.has(name))) continue;
        const member = literal.properties.find((property) => propertyNameOf(property) === result.body);
        const body = member && memberValue(member);
        if (body) sites.push({ node: body, path: [], label: `${result.body} of a ${model.framework} result` });
      }
    }
  }

  private isControllerMethod(method: ts.MethodDeclaration): boolean {
    const owner = method.parent;
    if (!ts.isClassDeclaration(owner)) return false;
    return this.models.some((model) =>
      (model.controllers ?? []).some(
        (controller) =>
          decoratorNames(owner).some((name) => controller.classDecorators.includes(name)) &&
          decoratorNames(method).some((name) => controller.methodDecorators.includes(name)) &&
          !method.parameters.some((parameter) =>
            decoratorNames(parameter).some((name) => controller.responseParameterDecorators.includes(name)),
          ),
      ),
    );
  }

  private returnSites(fn: FunctionNode, label: string, sites: ResponseSite[], path: Path = []): void {
    if (!fn.body) return;
    const returned = this.tracer.definitions.returnExpressions(fn);
    for (const node of returned) {
      // `return { props: { entities } }` sends `props`: the report goes on the value handed over.
      const literal = skipOuter(node);
      const member =
        path[0] !== undefined && ts.isObjectLiteralExpression(literal) ? findProperty(literal, path[0]) : undefined;
      const value = member && memberValue(member);
      if (value) sites.push({ node: value, path: path.slice(1), label });
      else sites.push({ node, path, label });
    }
  }

  /**
   * Arguments of a call to the program's own helper that sends its parameters; and the returns of
   * the functions handed to a response wrapper that sends what they return (`export const main =
   * handler(async (event) => items)`): each handler sends its own items, so the report and the
   * verdict belong to each handler's return, in the handler's file, not to the one line of the
   * wrapper every handler shares.
   */
  private helperSites(call: ts.CallExpression, sites: ResponseSite[]): void {
    const fn = this.tracer.definitions.callee(call);
    if (!fn) return;
    for (const sent of this.summary(fn)) {
      const argument = call.arguments[sent.index];
      if (!argument || ts.isSpreadElement(argument)) continue;
      if (!sent.returned) {
        sites.push({ node: argument, path: sent.path, label: sent.label });
        continue;
      }
      // Only functions written in this file: their returns are where a report can go. (One imported
      // from elsewhere stays reported at the wrapper's site.)
      for (const handed of this.functionsOf(skipOuter(argument))) {
        if (handed.getSourceFile() !== call.getSourceFile()) continue;
        this.handedReported.add(handed);
        this.returnSites(handed, `return → ${sent.label}`, sites, sent.path);
      }
    }
  }

  /**
   * Whether a site of a response wrapper must leave out an item that came out of `fn`: `fn` was
   * handed to a response wrapper in its own file, whose returns are then response sites of their
   * own (see `helperSites`), and the site sits in a function that calls its own function parameter.
   */
  reportedAtReturns(site: ResponseSite, fn: FunctionNode): boolean {
    if (isWithin(site.node, fn) || !this.inWrapper(site)) return false;
    this.inFile(fn.getSourceFile());
    return this.handedReported.has(fn);
  }

  /** Whether a site sits in a function that calls one of its own parameters (bounded walk out). */
  private inWrapper(site: ResponseSite): boolean {
    let node: ts.Node = site.node;
    for (let i = 0; i < MAX_HELPER_DEPTH; i++) {
      const fn = enclosingFunction(node);
      if (ts.isSourceFile(fn)) return false;
      if (this.callsParameter(fn)) return true;
      node = fn;
    }
    return false;
  }

  /** perf: whether a function calls one of its own parameters anywhere in its body (a wrapper may send what it returns). */
  private callsParameter(fn: FunctionNode): boolean {
    const cached = this.parameterCallers.get(fn);
    if (cached !== undefined) return cached;
    const names = new Set(
      fn.parameters.flatMap((parameter) => (ts.isIdentifier(parameter.name) ? [parameter.name.text] : [])),
    );
    let found = false;
    if (names.size && fn.body)
      for (const node of descendants(fn.body)) {
        if (!ts.isCallExpression(node)) continue;
        const callee = skipOuter(node.expression);
        if (!ts.isIdentifier(callee) || !names.has(callee.text)) continue;
        const declaration = this.tracer.definitions.declarationOf(callee);
        if (declaration && ts.isParameter(declaration) && declaration.parent === fn) {
          found = true;
          break;
        }
      }
    this.parameterCallers.set(fn, found);
    return found;
  }

  /** Calls of a parameter of `fn` give a marker of what the function handed there returns; other calls go to `base`. */
  private handedOverlay(fn: FunctionNode): CallOverlay {
    const cached = this.handedOverlays.get(fn);
    if (cached) return cached;
    const overlay: CallOverlay = (call, path, tracer) => {
      const callee = skipOuter(call.expression);
      const declaration = ts.isIdentifier(callee) ? tracer.definitions.declarationOf(callee) : undefined;
      if (declaration && ts.isParameter(declaration) && declaration.parent === fn)
        return single({ kind: 'produced', producer: HANDED_RETURN, site: declaration, path, steps: [] });
      return this.base?.(call, path, tracer);
    };
    this.handedOverlays.set(fn, overlay);
    return overlay;
  }

  /** The parameters a function sends, directly or through the helpers it calls. */
  private summary(fn: FunctionNode): SentParameter[] {
    const cached = this.summaries.get(fn);
    if (cached) return cached;
    if (this.depth >= MAX_HELPER_DEPTH || this.summaries.size >= MAX_SUMMARIES || !fn.body) return [];
    // Recursion: a helper being summarised sends nothing through calls back into itself.
    this.summaries.set(fn, []);
    const sites: ResponseSite[] = [];
    this.depth++;
    try {
      this.collect(fn.body, sites, this.tokens.test(fn.getSourceFile().text));
    } finally {
      this.depth--;
    }
    const out: SentParameter[] = [];
    const seen = new Set<string>();
    const overlay = this.handedOverlay(fn);
    for (const site of sites) {
      const value = this.tracer.withOverlay(overlay, () => this.tracer.value(site.node, site.path));
      for (const alt of value.alts) {
        for (const origin of alt) {
          if (origin.kind === 'produced' && origin.producer === HANDED_RETURN && ts.isParameter(origin.site)) {
            const index = fn.parameters.indexOf(origin.site);
            const key = `r${index}:${origin.path.join('.')}`;
            if (index < 0 || seen.has(key)) continue;
            seen.add(key);
            const name = ts.isIdentifier(origin.site.name) ? origin.site.name.text : `#${index + 1}`;
            out.push({
              index,
              path: origin.path,
              label: `${functionName(fn)}(${name}) → ${site.label}`,
              returned: true,
            });
            continue;
          }
          if (origin.kind !== 'param' || origin.fn !== fn) continue;
          const key = `${origin.index}:${origin.path.join('.')}`;
          if (seen.has(key)) continue;
          seen.add(key);
          const parameter = fn.parameters[origin.index];
          const name = parameter && ts.isIdentifier(parameter.name) ? parameter.name.text : `#${origin.index + 1}`;
          out.push({ index: origin.index, path: origin.path, label: `${functionName(fn)}(${name}) → ${site.label}` });
        }
      }
    }
    this.summaries.set(fn, out);
    return out;
  }

  /** Whether an expression is a response object: by type, or an untyped `res.status(200)` chain on a matching parameter. */
  private isObject(node: ts.Expression, object: ResponseObjectModel): boolean {
    let expression = skipOuter(node);
    const type = this.tracer.checker.getTypeAtLocation(expression);
    if (!isAnyLike(type))
      return (
        typeMatches(this.tracer.checker, type, object.types) ||
        (!!object.parameters && this.matchesParameter(expression, object))
      );
    for (let i = 0; i < 16 && ts.isCallExpression(expression); i++) {
      const callee = skipOuter(expression.expression);
      if (!ts.isPropertyAccessExpression(callee) || !object.chain?.includes(callee.name.text)) return false;
      expression = skipOuter(callee.expression);
    }
    return this.matchesParameter(expression, object);
  }

  private matchesParameter(expression: ts.Expression, object: ResponseObjectModel): boolean {
    return (
      ts.isIdentifier(expression) &&
      objectModelOf(this.tracer.checker, expression, [{ types: [], parameters: object.parameters }]) !== undefined
    );
  }

  private symbolIs(node: ts.Expression, specs: readonly Specifier[]): boolean {
    const expression = skipOuter(node);
    const nameNode = ts.isPropertyAccessExpression(expression) ? expression.name : expression;
    if (!ts.isIdentifier(nameNode)) return false;
    return symbolMatches(this.tracer.checker, this.tracer.checker.getSymbolAtLocation(nameNode), specs);
  }
}

/** Words a file with a model's handlers names: its types, directives, function and registrar names. */
function handlerWords(model: ResponseModel): string[] {
  const handlers = model.handlers;
  if (!handlers) return [];
  const words = handlers.types.map(specName);
  for (const matcher of handlers.parameters ?? []) {
    switch (matcher.kind) {
      case 'directive':
        words.push(escapeWord(matcher.directive));
        break;
      case 'exported':
      case 'wrapped':
        words.push(...matcher.functions);
        break;
      case 'callback':
        words.push(...matcher.registrars);
        break;
      case 'member':
        words.push(...(matcher.properties ?? []), ...(matcher.under ?? []), ...(matcher.callees ?? []));
        break;
      default:
        break;
    }
  }
  return words;
}

function escapeWord(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function specName(spec: Specifier): string {
  return typeof spec === 'string' ? spec : [spec.name].flat().join('|');
}
