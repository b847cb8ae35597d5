import ts from 'typescript';
import { calledName, descendants, isFunctionNode, ownSourceFiles, shortText, skipOuter, staticName } from './ast.js';
import type { FunctionNode } from './ast.js';
import { functionOfDeclaration } from './definitions.js';
import type { Definitions } from './definitions.js';
import type { HandlerValidationModel, ParameterMatcher, RequestObjectModel } from './model.js';
import { CLEAN, hasOrigin, isClean, requestSource, single, sourcesOf } from './taint.js';
import type { Sanitization, Taint } from './taint.js';
import { routeSchemaCheck } from './route-schemas.js';
import { declaredInputCheck, declaredInputKeyed } from './declared-inputs.js';
import { packageRootOf } from './packages.js';
import type { DeclaredSchemas } from './schemas.js';
import { middlewareCheck, validatedByMiddleware } from './handler-middleware.js';
import type { MiddlewareValidation } from './handler-middleware.js';
import { mayMatchParameter, objectModelsOf, parameterOf } from './parameter-matchers.js';
import { ANY, startsWith } from './flow/path.js';
import { argumentDeclared, argumentKeysDeclared, resolvedField } from './graphql-schema.js';
import { isAnyLike, specifierNames, symbolMatches } from './types.js';

/** Assignments to one principal path weighed before it is kept as the caller regardless. */
const MAX_PRINCIPAL_WRITES = 16;
/** Property reads stepped back through when a write's value is a part the walk cannot follow into. */
const MAX_PART_HOPS = 3;

/**
 * Recognises the request objects of the models (by type first, by shape where the type is `any`)
 * and turns property paths read from them into source or principal origins.
 */
export class RequestObjects {
  /** perf: only paths starting with one of these can mean anything, so others skip the checker. */
  private readonly firstSegments = new Set<string>();
  private readonly methods = new Set<string>();
  private readonly modelMemo = new Map<ts.Node, readonly RequestObjectModel[]>();
  /** Getter and setter methods of stored variables (`c.get`, `c.set`). */
  private readonly getters = new Set<string>();
  private readonly setters = new Set<string>();
  /** Whether some model makes a whole parameter client data (then any path of a parameter may matter). */
  private readonly hasWhole: boolean;
  private readonly wholeModels: readonly RequestObjectModel[];
  private readonly middlewareMemo = new Map<FunctionNode, MiddlewareValidation | null>();
  private readonly readTokens: RegExp;
  /** The names a whole model's member matchers hold handlers under (`Query`, `Mutation`). */
  private readonly memberHolders = new Set<string>();
  /** `heldNames`: built on first use; null when the program holds no such name. */
  private heldPattern: RegExp | null | undefined;
  private assignments: Map<RequestObjectModel, Map<string, ts.Expression[]>> | undefined;
  private assignedNames: Set<string> | undefined;
  /** The values the program's factories build for each model that is built by one (`context` options). */
  private readonly builtMemo = new Map<RequestObjectModel, ts.Expression[]>();
  /** Per model and principal path: the source type when the program assigns it only request data, else null. */
  private readonly claimedMemo = new Map<RequestObjectModel, Map<string, string | null>>();
  private writes: { base: ts.Expression; path: string[]; value: ts.Expression }[] | undefined;
  private holders: Map<ts.Declaration, RequestObjectModel[]> | undefined;
  private syntax: (ts.BinaryExpression | ts.CallExpression)[] | undefined;

  constructor(
    private readonly checker: ts.TypeChecker,
    private readonly definitions: Definitions,
    private readonly models: readonly RequestObjectModel[],
    private readonly program?: ts.Program,
    /** Words of other source forms: decorator names, configured source functions. */
    extraReadWords: readonly string[] = [],
    private readonly schemas?: DeclaredSchemas,
    /** The tracer's value of an expression: what the program's writes to a principal property hold. */
    private readonly valueOf?: (value: ts.Expression) => Taint,
  ) {
    for (const model of models) {
      for (const name of Object.keys(model.sources ?? {})) this.firstSegments.add(name.split('.')[0]!);
      for (const principal of model.principals ?? []) if (principal[0]) this.firstSegments.add(principal[0]);
      for (const name of Object.keys(model.sourceMethods ?? {})) this.methods.add(name);
      for (const name of Object.keys(model.principalMethods ?? {})) this.methods.add(name);
      if (model.variables) {
        this.firstSegments.add(model.variables.property);
        for (const name of model.variables.getters) this.getters.add(name);
        for (const name of model.variables.setters) this.setters.add(name);
      }
    }
    this.wholeModels = models.filter((model) => model.whole !== undefined);
    this.hasWhole = this.wholeModels.length > 0;
    const words = new Set([...this.firstSegments, ...this.methods, ...this.getters, ...extraReadWords]);
    // A whole parameter is read by any name: files with its matcher's words may read one.
    for (const model of models) {
      if (model.whole === undefined) continue;
      for (const matcher of model.parameters ?? []) for (const word of matcherWords(matcher)) words.add(word);
    }
    this.readTokens = new RegExp(`\\b(?:${[...words].map(escapeRegExp).join('|')})\\b`);
    for (const model of this.wholeModels)
      for (const matcher of model.parameters ?? [])
        if (matcher.kind === 'member')
          for (const name of [...(matcher.under ?? []), ...(matcher.besideAny ?? [])]) this.memberHolders.add(name);
  }

  /**
   * Whether a file may read a request value at all: a word test on the names the models read
   * (`params`, `pathParameters`, `json`, `Param`, …). Findings are reported where a request value
   * is read, so a file without any of these words has none.
   */
  mayReadRequests(file: ts.SourceFile): boolean {
    return this.readTokens.test(file.text) || !!this.heldNames()?.test(file.text);
  }

  /**
   * The names the program holds under a whole model's member holders (`{ Mutation: { editUser } }`
   * in a resolver map): a file that mentions one may declare such a handler without any of the
   * model's words (`resolvers/Mutation/editUser.ts`). Built once, on the first file that needs it.
   */
  private heldNames(): RegExp | undefined {
    if (this.heldPattern === undefined) {
      const names = this.memberHolders.size ? this.definitions.namesHeldUnder(this.memberHolders) : new Set<string>();
      this.heldPattern = names.size ? new RegExp(`\\b(?:${[...names].map(escapeRegExp).join('|')})\\b`) : null;
    }
    return this.heldPattern ?? undefined;
  }

  /** `req.params.id` seen as (`req`, ['params', 'id']). */
  atExpression(node: ts.Expression, path: readonly string[]): Taint | undefined {
    if (!path[0] || !this.firstSegments.has(path[0])) return undefined;
    if (!isObjectReference(node)) return undefined;
    const models = this.modelsOf(node);
    if (!models.length) return undefined;
    // A parameter built by a factory of the program is what the factory built: `parameterValue` asks `builtValues`.
    if (models.some((model) => this.builtBy(model).length) && parameterOf(this.checker, node)) return undefined;
    let first: Taint | undefined;
    for (const model of models) {
      // A stored variable (`c.var.userId`) is whatever the program stored: the tracer follows it.
      if (path[0] === model.variables?.property && this.assignedAt(model, path)) return undefined;
      const claimed = this.claimedPrincipal(model, node, shortText(node, 40), path);
      if (claimed) return claimed;
      const taint = classify(model, node, shortText(node, 40), path, this.routeCheck(model, node, path));
      // A property the model does not know may hold what middleware put there: the tracer follows it.
      if (isClean(taint) && this.assignedAt(model, path)) return undefined;
      if (!isClean(taint)) return taint;
      first ??= taint;
    }
    return first;
  }

  /**
   * Values that middleware put on request objects (`req.userId = req.params.id`,
   * `res.locals.noteId = …`), for a read of such a property elsewhere: each value and the path
   * left to read inside it.
   */
  assigned(
    node: ts.Expression,
    path: readonly string[],
  ): { value: ts.Expression; rest: readonly string[] }[] | undefined {
    const stored = this.getterRead(node);
    if (stored) return this.assigned(stored.base, [stored.property, stored.key, ...path]);
    if (!path[0] || !isObjectReference(node)) return undefined;
    this.assignedNames ??= this.collectAssignedNames();
    if (!this.assignedNames.has(path[0])) return undefined;
    for (const model of this.modelsOf(node)) {
      const found = this.assignedAt(model, path);
      if (found) return found.values.map((value) => ({ value, rest: path.slice(found.depth) }));
    }
    return undefined;
  }

  /** `c.get('userId')` on an object whose model stores variables: the object, the property and the key. */
  private getterRead(node: ts.Expression): { base: ts.Expression; property: string; key: string } | undefined {
    if (!this.getters.size || !ts.isCallExpression(node)) return undefined;
    const callee = skipOuter(node.expression);
    if (!ts.isPropertyAccessExpression(callee) || !this.getters.has(callee.name.text)) return undefined;
    const first = node.arguments[0] && skipOuter(node.arguments[0]);
    if (!first || !ts.isStringLiteralLike(first)) return undefined;
    const base = skipOuter(callee.expression);
    if (!isObjectReference(base)) return undefined;
    const model = this.modelsOf(base).find((candidate) => candidate.variables?.getters.includes(callee.name.text));
    return model?.variables && { base, property: model.variables.property, key: first.text };
  }

  private assignedAt(
    model: RequestObjectModel,
    path: readonly string[],
  ): { values: ts.Expression[]; depth: number } | undefined {
    this.assignedNames ??= this.collectAssignedNames();
    if (!this.assignedNames.has(path[0]!)) return undefined;
    this.assignments ??= this.collectAssignments();
    const byPath = this.assignments.get(model);
    for (let depth = path.length; depth > 0; depth--) {
      const values = byPath?.get(path.slice(0, depth).join('.'));
      if (values) return { values, depth };
    }
    return undefined;
  }

  /**
   * A principal property (`req.user`, `res.locals.user`, `ctx.state.user`) that the program assigns
   * only request data (a token decoded without checking its signature, a header): reading it is
   * reading what the client sent, not the caller's identity. Without any assignment in the program
   * (passport, an authorizer outside it) it stays the caller.
   */
  private claimedPrincipal(
    model: RequestObjectModel,
    node: ts.Node,
    base: string,
    path: readonly string[],
  ): Taint | undefined {
    const principal = model.principals?.find((candidate) => startsWith(path, candidate));
    if (!principal?.length || !this.valueOf) return undefined;
    const sourceType = this.claimedSourceType(model, principal, packageRootOf(node.getSourceFile()));
    if (!sourceType) return undefined;
    const label = [base, ...path.filter((segment) => segment !== ANY)].filter(Boolean).join('.');
    return requestSource(node, label, sourceType);
  }

  /**
   * The source type of what a package assigns to a principal path, when every assignment is request
   * data: another package of a monorepo (another app) does not log this one's callers in.
   */
  private claimedSourceType(model: RequestObjectModel, principal: readonly string[], root: string): string | null {
    let byPath = this.claimedMemo.get(model);
    if (!byPath) this.claimedMemo.set(model, (byPath = new Map<string, string | null>()));
    const key = `${root}\u0000${principal.join('.')}`;
    const known = byPath.get(key);
    if (known !== undefined) return known;
    // A write that reads the principal itself (`req.user = { ...req.user, … }`) sees it as the caller meanwhile.
    byPath.set(key, null);
    const values = this.principalWrites(model, principal)?.filter(
      (value) => packageRootOf(value.getSourceFile()) === root,
    );
    let sourceType: string | null = null;
    if (values?.length) {
      for (const value of values) {
        const taint = this.writtenValue(value);
        const sources = sourcesOf(taint);
        const requestOnly =
          sources.length > 0 &&
          !hasOrigin(taint, (origin) => origin.kind === 'principal' || origin.kind === 'produced');
        if (!requestOnly) {
          sourceType = null;
          break;
        }
        sourceType ??= sources[0]!.sourceType;
      }
    }
    byPath.set(key, sourceType);
    return sourceType;
  }

  /**
   * What a write to a principal holds. A part of an object (`decoded.payload`) the walk cannot
   * follow into (a decoded token's claims) is what the object it is read from is made of.
   */
  private writtenValue(value: ts.Expression): Taint {
    let expression = skipOuter(value);
    let taint = this.valueOf!(expression);
    for (let hop = 0; hop < MAX_PART_HOPS && isClean(taint); hop++) {
      if (!ts.isPropertyAccessExpression(expression) && !ts.isElementAccessExpression(expression)) break;
      expression = skipOuter(expression.expression);
      taint = this.valueOf!(expression);
    }
    return taint;
  }

  /**
   * The values the program assigns to a principal path or inside it: on objects of the model (by
   * type or parameter matcher), or on untyped objects (`const request = context.switchToHttp()
   * .getRequest()` in a guard). `undefined` when there are too many to weigh.
   */
  private principalWrites(model: RequestObjectModel, principal: readonly string[]): ts.Expression[] | undefined {
    this.assignedNames ??= this.collectAssignedNames();
    if (!this.assignedNames.has(principal[principal.length - 1]!)) return [];
    const values: ts.Expression[] = [];
    for (const { base, path, value } of this.propertyWrites()) {
      if (!startsWith(path, principal)) continue;
      if (!this.modelsOf(base).includes(model)) continue;
      // `req.user = null` (a logout) names no one.
      const written = skipOuter(value);
      if (written.kind === ts.SyntaxKind.NullKeyword || (ts.isIdentifier(written) && written.text === 'undefined'))
        continue;
      if (values.length >= MAX_PRINCIPAL_WRITES) return undefined;
      values.push(value);
    }
    return values;
  }

  /** The program's plain property assignments (`x.a.b = v`), collected once. */
  private propertyWrites(): readonly { base: ts.Expression; path: string[]; value: ts.Expression }[] {
    if (this.writes) return this.writes;
    const writes: { base: ts.Expression; path: string[]; value: ts.Expression }[] = [];
    this.forEachPropertyAssignment(({ base, path, value, method }) => {
      if (!method) writes.push({ base, path, value });
    });
    return (this.writes = writes);
  }

  /**
   * Untyped variables the program stores a model's principal on (`const request = context
   * .switchToHttp().getRequest(); request.user = …` in a guard): that model's request objects, so
   * what else the code reads from them (`request.headers`) is request data too.
   */
  private principalHolders(): ReadonlyMap<ts.Declaration, readonly RequestObjectModel[]> {
    if (this.holders) return this.holders;
    const holders = new Map<ts.Declaration, RequestObjectModel[]>();
    this.holders = holders;
    this.assignedNames ??= this.collectAssignedNames();
    const principalNames = this.models.flatMap((model) => (model.principals ?? []).map((path) => path[0] ?? ''));
    if (!principalNames.some((name) => this.assignedNames!.has(name))) return holders;
    for (const { base, path } of this.propertyWrites()) {
      if (!ts.isIdentifier(base)) continue;
      const models = this.models.filter((model) =>
        model.principals?.some((principal) => principal.length > 0 && startsWith(path, principal)),
      );
      if (!models.length || !isAnyLike(this.checker.getTypeAtLocation(base))) continue;
      const declaration = this.checker.getSymbolAtLocation(base)?.valueDeclaration;
      // Parameters are matched by their own shapes; a variable holds what it was given.
      if (!declaration || !ts.isVariableDeclaration(declaration)) continue;
      if (objectModelsOf(this.checker, base, this.models).length) continue;
      const list = holders.get(declaration) ?? [];
      for (const model of models) if (!list.includes(model)) list.push(model);
      holders.set(declaration, list);
    }
    return holders;
  }

  /** perf: property names assigned anywhere, so most reads skip the type-checked index. */
  private collectAssignedNames(): Set<string> {
    const names = new Set<string>();
    this.forEachPropertyAssignment((chain) => {
      for (const name of chain.path) names.add(name);
    });
    return names;
  }

  private collectAssignments(): Map<RequestObjectModel, Map<string, ts.Expression[]>> {
    const index = new Map<RequestObjectModel, Map<string, ts.Expression[]>>();
    this.forEachPropertyAssignment(({ base, path, value, method }) => {
      // `res.locals.x = v` is keyed `locals.x` under the response object.
      const models = this.modelsOf(base);
      const model = method ? models.find((candidate) => candidate.variables?.setters.includes(method)) : models[0];
      if (!model) return;
      const key = path.join('.');
      let byPath = index.get(model);
      if (!byPath) index.set(model, (byPath = new Map<string, ts.Expression[]>()));
      byPath.set(key, [...(byPath.get(key) ?? []), value]);
    });
    return index;
  }

  private forEachPropertyAssignment(
    visit: (chain: { base: ts.Expression; path: string[]; value: ts.Expression; method?: string }) => void,
  ): void {
    for (const candidate of this.assignmentSyntax()) {
      if (ts.isCallExpression(candidate)) {
        const stored = this.setterCall(candidate);
        if (stored) visit(stored);
        continue;
      }
      const path: string[] = [];
      let target = skipOuter(candidate.left);
      while (ts.isPropertyAccessExpression(target)) {
        path.unshift(target.name.text);
        target = skipOuter(target.expression);
      }
      if (path.length && isObjectReference(target)) visit({ base: target, path, value: candidate.right });
    }
  }

  /** perf: the program's assignments and calls of setter methods, found in one walk of its files. */
  private assignmentSyntax(): readonly (ts.BinaryExpression | ts.CallExpression)[] {
    if (this.syntax) return this.syntax;
    const found: (ts.BinaryExpression | ts.CallExpression)[] = [];
    for (const file of ownSourceFiles(this.program)) {
      for (const node of descendants(file)) {
        if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.EqualsToken) found.push(node);
        else if (this.setters.size && ts.isCallExpression(node) && node.arguments.length >= 2) {
          const callee = skipOuter(node.expression);
          if (ts.isPropertyAccessExpression(callee) && this.setters.has(callee.name.text)) found.push(node);
        }
      }
    }
    return (this.syntax = found);
  }

  /** `c.set('userId', value)`: a stored variable, keyed `var.userId` under the object. */
  private setterCall(
    node: ts.Node,
  ): { base: ts.Expression; path: string[]; value: ts.Expression; method: string } | undefined {
    if (!this.setters.size || !ts.isCallExpression(node) || node.arguments.length < 2) return undefined;
    const callee = skipOuter(node.expression);
    if (!ts.isPropertyAccessExpression(callee) || !this.setters.has(callee.name.text)) return undefined;
    const key = skipOuter(node.arguments[0]!);
    const base = skipOuter(callee.expression);
    if (!ts.isStringLiteralLike(key) || !isObjectReference(base)) return undefined;
    const model = this.modelsOf(base).find((candidate) => candidate.variables?.setters.includes(callee.name.text));
    if (!model?.variables) return undefined;
    return { base, path: [model.variables.property, key.text], value: node.arguments[1]!, method: callee.name.text };
  }

  /**
   * What a parameter holds when its model says a factory of the program builds it (a resolver's
   * `context`, returned by the server's `context` function): each returned value, read at `path`.
   */
  builtValues(
    parameter: ts.ParameterDeclaration,
    path: readonly string[],
  ): { value: ts.Expression; rest: readonly string[] }[] | undefined {
    // perf: only models some factory of the program builds can answer; ask the checker for none else.
    const built = this.models.filter((model) => this.builtBy(model).length);
    if (!this.mayBeOneOf(parameter, built)) return undefined;
    let out: { value: ts.Expression; rest: readonly string[] }[] | undefined;
    for (const model of this.modelsOf(parameter)) {
      const values = this.builtBy(model);
      if (values.length) (out ??= []).push(...values.map((value) => ({ value, rest: path })));
    }
    return out;
  }

  /** The values returned by the factories of a model's `builtBy` option anywhere in the program. */
  private builtBy(model: RequestObjectModel): ts.Expression[] {
    if (!model.builtBy) return [];
    const cached = this.builtMemo.get(model);
    if (cached) return cached;
    const { callees, property } = model.builtBy;
    const words = new RegExp(`\\b(?:${callees.map(escapeRegExp).join('|')})\\b`);
    const values: ts.Expression[] = [];
    for (const file of ownSourceFiles(this.program)) {
      if (!words.test(file.text)) continue;
      for (const node of descendants(file)) {
        if (!ts.isCallExpression(node) && !ts.isNewExpression(node)) continue;
        const name = calledName(node.expression);
        if (name === undefined || !callees.includes(name)) continue;
        for (const argument of node.arguments ?? []) {
          const options = skipOuter(argument);
          if (!ts.isObjectLiteralExpression(options)) continue;
          for (const member of options.properties) {
            if (staticName(member.name) !== property) continue;
            const factory = this.factoryOf(member);
            if (factory) values.push(...this.definitions.returnExpressions(factory));
          }
        }
      }
    }
    this.builtMemo.set(model, values);
    return values;
  }

  /** `context: ({ req }) => …`, `context({ req }) { … }`, `context: buildContext`. */
  private factoryOf(member: ts.ObjectLiteralElementLike): FunctionNode | undefined {
    if (ts.isMethodDeclaration(member)) return member;
    const value = ts.isPropertyAssignment(member)
      ? skipOuter(member.initializer)
      : ts.isShorthandPropertyAssignment(member)
        ? member.name
        : undefined;
    if (!value) return undefined;
    if (ts.isArrowFunction(value) || ts.isFunctionExpression(value)) return value;
    const declaration = ts.isIdentifier(value) ? this.definitions.declarationOf(value) : undefined;
    return declaration && functionOfDeclaration(declaration);
  }

  /** A (possibly destructured) parameter that is a request object. */
  atParameter(parameter: ts.ParameterDeclaration, path: readonly string[]): Taint | undefined {
    const known = !!path[0] && this.firstSegments.has(path[0]);
    if (!known && !this.hasWhole) return undefined;
    // perf: a path no model reads is read only from a whole parameter: ask the checker only if one may be.
    if (!known && !this.mayBeOneOf(parameter, this.wholeModels)) return undefined;
    const label = ts.isIdentifier(parameter.name) ? parameter.name.text : '';
    for (const model of this.modelsOf(parameter)) {
      if (!known && model.whole === undefined) continue;
      if (this.undeclaredArgument(model, parameter, path)) return CLEAN;
      const claimed = this.claimedPrincipal(model, parameter, label, path);
      if (claimed) return claimed;
      const taint = classify(model, parameter, label, path, this.routeCheck(model, parameter, path));
      if (!isClean(taint)) return taint;
    }
    return undefined;
  }

  /** Whether the object at `path` of a request parameter can hold only the keys a declared input schema names. */
  keysDeclared(parameter: ts.ParameterDeclaration, path: readonly string[]): boolean {
    const resolver = parameter.parent;
    if (!isFunctionNode(resolver)) return false;
    const schemas = this.schemas;
    return this.modelsOf(parameter).some(
      (model) =>
        (!!model.schemaArguments && this.schemaBoundKeys(model.schemaArguments, parameter, path)) ||
        (!!model.inputSchema &&
          !!schemas &&
          declaredInputKeyed(this.definitions, schemas, model.inputSchema, resolver, path)),
    );
  }

  /**
   * `args.note.noteId` where the schema's `createNote(note: NoteInput)` declares no `noteId` in
   * `NoteInput`: the server rejects such a request before the resolver runs, so the value is absent.
   */
  private undeclaredArgument(model: RequestObjectModel, parameter: ts.ParameterDeclaration, path: readonly string[]) {
    const program = this.program;
    const resolver = parameter.parent;
    if (!model.schemaArguments || !program || !isFunctionNode(resolver)) return false;
    const field = resolvedField(resolver);
    return (
      !!field &&
      model.schemaArguments.paths.some(
        (under) =>
          path.length > under.length &&
          startsWith(path, under) &&
          argumentDeclared(program, parameter.getSourceFile().fileName, field, path.slice(under.length)) === false,
      )
    );
  }

  /** The keys of GraphQL arguments (or of an object inside them) the server checked against the schema. */
  private schemaBoundKeys(
    declared: NonNullable<RequestObjectModel['schemaArguments']>,
    parameter: ts.ParameterDeclaration,
    path: readonly string[],
  ): boolean {
    const program = this.program;
    const resolver = parameter.parent;
    if (!program || !isFunctionNode(resolver)) return false;
    const under = declared.paths.find((prefix) => startsWith(path, prefix));
    return (
      !!under &&
      argumentKeysDeclared(
        program,
        parameter.getSourceFile().fileName,
        resolvedField(resolver),
        path.slice(under.length),
      )
    );
  }

  private validatedHandler(model: HandlerValidationModel, fn: FunctionNode): MiddlewareValidation | undefined {
    let validated = this.middlewareMemo.get(fn);
    if (validated === undefined)
      this.middlewareMemo.set(
        fn,
        (validated = validatedByMiddleware(this.checker, this.definitions, model, fn) ?? null),
      );
    return validated ?? undefined;
  }

  /** A request part that the route's schema or the handler's middleware validated before the handler ran. */
  private routeCheck(model: RequestObjectModel, node: ts.Node, path: readonly string[]): Sanitization | undefined {
    if (!model.routeSchema && !model.handlerValidation && !model.inputSchema) return undefined;
    const parameter = ts.isParameter(node) ? node : parameterOf(this.checker, node);
    if (!parameter || !isFunctionNode(parameter.parent)) return undefined;
    const validation = model.handlerValidation && this.validatedHandler(model.handlerValidation, parameter.parent);
    if (validation)
      return middlewareCheck(
        this.definitions,
        validation,
        path.filter((segment) => segment !== ANY),
      );
    if (model.inputSchema && this.schemas)
      return declaredInputCheck(this.definitions, this.schemas, model.inputSchema, parameter.parent, path);
    return (
      model.routeSchema &&
      routeSchemaCheck(
        this.definitions,
        model.routeSchema,
        parameter,
        path.filter((segment) => segment !== ANY),
        this.schemas,
      )
    );
  }

  /** `req.get('x-tenant')`, `c.req.param('id')`, `await request.json()`; `c.get('jwtPayload')`. */
  atMethodCall(call: ts.CallExpression): Taint | undefined {
    const callee = skipOuter(call.expression);
    if (!ts.isPropertyAccessExpression(callee) || !this.methods.has(callee.name.text)) return undefined;
    const method = callee.name.text;
    const first = call.arguments[0] && skipOuter(call.arguments[0]);
    for (const model of this.modelsOf(callee.expression)) {
      const principalKeys = model.principalMethods?.[method];
      if (
        principalKeys &&
        (principalKeys.includes(ANY) || (first && ts.isStringLiteralLike(first) && principalKeys.includes(first.text)))
      ) {
        return single({ kind: 'principal', node: call, label: shortText(call, 50) });
      }
      const sourceType = model.sourceMethods?.[method];
      if (!sourceType) continue;
      const label = shortText(call, 50);
      return requestSource(call, label, sourceType, model.validatedMethods?.includes(method) ? 'validated' : undefined);
    }
    return undefined;
  }

  /**
   * perf: whether `modelsOf(parameter)` may hold one of `models`, from syntax alone. A model with
   * types may be the parameter's type; one without is recognised only by its parameter matchers,
   * and each of them needs what `mayMatchParameter` reads.
   */
  private mayBeOneOf(parameter: ts.ParameterDeclaration, models: readonly RequestObjectModel[]): boolean {
    return models.some(
      (model) => model.types.length > 0 || !!model.parameters?.some((matcher) => mayMatchParameter(parameter, matcher)),
    );
  }

  private modelsOf(node: ts.Node): readonly RequestObjectModel[] {
    const cached = this.modelMemo.get(node);
    if (cached !== undefined) return cached;
    let found: readonly RequestObjectModel[] = objectModelsOf(
      this.checker,
      node,
      this.models,
      (fn) => this.calledDirectly(fn),
      (fn) => this.definitions.heldAt(fn),
    );
    if (!found.length) found = this.returnedModels(node);
    if (!found.length && ts.isIdentifier(node) && this.valueOf && this.principalHolders().size) {
      const declaration = this.checker.getSymbolAtLocation(node)?.valueDeclaration;
      found = (declaration && this.principalHolders().get(declaration)) ?? [];
    }
    this.modelMemo.set(node, found);
    return found;
  }

  /** `context.switchToHttp().getRequest()`, or a `const` holding it: the models whose object the library call returns. */
  private returnedModels(node: ts.Node): RequestObjectModel[] {
    const returning = this.models.filter((model) => model.returnedBy?.length);
    if (!returning.length) return [];
    const initializer = ts.isIdentifier(node) ? this.definitions.constInitializer(node) : undefined;
    const call = initializer ? skipOuter(initializer) : node;
    if (!ts.isCallExpression(call)) return [];
    const callee = skipOuter(call.expression);
    const name = ts.isPropertyAccessExpression(callee) ? callee.name : callee;
    if (!ts.isIdentifier(name)) return [];
    return returning.filter(
      (model) =>
        model.returnedBy!.some((spec) => specifierNames(spec).includes(name.text)) &&
        symbolMatches(this.checker, this.checker.getSymbolAtLocation(name), model.returnedBy!),
    );
  }

  /**
   * Whether the program calls a function itself (`cookieOf(req)`): then its parameters are what
   * its callers pass (request objects by provenance), not request objects by their names.
   */
  private calledDirectly(fn: FunctionNode): boolean {
    return this.definitions.isCalled(fn);
  }
}

/** The words a parameter matcher needs in a file's text. */
function matcherWords(matcher: ParameterMatcher): readonly string[] {
  switch (matcher.kind) {
    case 'directive':
      return [matcher.directive];
    case 'member':
      return [
        ...(matcher.under ?? []),
        ...(matcher.callees ?? []),
        ...(matcher.properties ?? []),
        ...(matcher.besideAny ?? []),
      ];
    case 'shape':
      return matcher.properties;
    case 'callback':
      return matcher.registrars;
    case 'wrapped':
      return matcher.functions;
    case 'named':
      return matcher.names;
    case 'exported':
      return matcher.functions;
    case 'decorated':
      return matcher.decorators;
  }
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function isObjectReference(node: ts.Expression): boolean {
  return (
    ts.isIdentifier(node) ||
    ts.isPropertyAccessExpression(node) ||
    ts.isCallExpression(node) ||
    node.kind === ts.SyntaxKind.ThisKeyword
  );
}

function classify(
  model: RequestObjectModel,
  node: ts.Node,
  base: string,
  path: readonly string[],
  checked?: Sanitization,
): Taint {
  const shown = path.filter((segment) => segment !== ANY);
  for (const principal of model.principals ?? []) {
    if (startsWith(path, principal)) {
      const label = [base, ...principal].filter(Boolean).join('.');
      return single({ kind: 'principal', node, label, path: path.slice(principal.length) });
    }
  }
  let prefix: string | undefined;
  for (let depth = path.length; depth > 0 && !prefix; depth--) {
    const candidate = path.slice(0, depth).join('.');
    if (model.sources?.[candidate]) prefix = candidate;
  }
  const sourceType = prefix ? model.sources?.[prefix] : model.whole;
  if (!sourceType) return CLEAN;
  const label = [base, ...shown].filter(Boolean).join('.');
  const serverProduced = prefix !== undefined && !!model.serverProducedSources?.includes(prefix);
  return requestSource(node, label, sourceType, checked, serverProduced);
}
