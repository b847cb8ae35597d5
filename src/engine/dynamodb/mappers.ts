import ts from 'typescript';
import {
  anyOptionGiven,
  anyOptionTrue,
  calledName,
  descendants,
  enclosingFunction,
  findProperty,
  isFunctionNode,
  isOuterExpression,
  memberValue,
  moduleSpecifiers,
  ownSourceFiles,
  parentOf,
  propertyNameOf,
  returnedExpressions,
  skipOuter,
  typeQueryTarget,
} from '../ast.js';
import type {
  MapperArgument,
  MapperCallModel,
  MapperKeySchema,
  MapperModel,
  MapperRole,
  Operation,
  SinkModel,
} from '../model.js';
import { holdsPackages, holdsText } from '../package-traces.js';
import { isExportedAs } from '../parameter-matchers.js';
import { keyTextPrefix } from '../strings.js';
import { isAnyLike, specifierNames, symbolMatches, typeMatches } from '../types.js';
import type { Specifier } from '../types.js';
import type { UnresolvedImports } from '../unresolved-imports.js';

/** A value a data mapper call takes in one role (see `MapperArgument`). */
export interface MapperPart {
  readonly role: MapperRole;
  readonly node: ts.Expression;
  /** The attribute a `conditionValue` is compared with (`query('userId').eq(x)`). */
  readonly attribute?: string;
  /** The converters whose argument the role is (`MapperArgument.through`): `node` is the value they convert into. */
  readonly through?: readonly string[];
}

/** What a data mapper call takes apart: its arguments by role, and the entity's declared keys. */
export interface MapperAccess {
  readonly parts: readonly MapperPart[];
  /** The entity's key attributes, when its definition declares them. */
  readonly keyNames?: readonly string[];
  /** The entity the call is on: it names the items' entity in place of a table. */
  readonly entity?: ts.Expression;
  /** Where the items sit in the output. */
  readonly itemPaths: readonly (readonly string[])[];
  /** The call's own result is the output (no run method). */
  readonly direct?: true;
  /** The attributes the entity's definition declares (a schema), with their declarations; hidden ones left out. */
  readonly declared?: readonly { readonly name: string; readonly node: ts.Node }[];
  /** Declared attributes that reads never return (`hidden: true`): what its items hold does not include them. */
  readonly hidden?: readonly string[];
  /** The constant prefix of the entity's declared partition key template (`pk: { value: 'user#${id}' }` → `user`). */
  readonly keyPrefix?: string;
  /** The call only creates: it refuses to overwrite an existing item. */
  readonly creates?: true;
}

/** What a mapper site needs besides the `SinkSite` fields. */
export interface MapperSiteInfo {
  readonly node: ts.CallExpression | ts.NewExpression | ts.ObjectLiteralExpression;
  readonly operation: Operation;
  readonly api: string;
  readonly mapper: MapperAccess;
}

const MAX_HOPS = 8;
/** How many alias hops (an import of a wrapper's re-export of the package's name) are followed to the package. */
const MAX_ALIAS_HOPS = 6;
const MAX_CHAIN = 24;
/** How deep condition objects nest in each other (`new Condition(…).group(new Condition(…))`). */
const MAX_CONDITION_NESTING = 4;

/**
 * Finds the calls of data mapper libraries (entities' methods, package functions, request
 * literals) described by `SinkModel.mapper`, and what each takes in which role.
 */
export class MapperSites {
  private readonly models: readonly { sink: SinkModel; mapper: MapperModel; packages: readonly string[] }[];
  private readonly methodNames = new Set<string>();
  private readonly functionNames = new Set<string>();
  private readonly discriminators = new Set<string>();
  /** Per mapper: each injected name's registered definition (`forFeature([{ name, schema }])`), found once per program. */
  private readonly registrations = new Map<MapperModel, Map<string, ts.Expression>>();
  /** Regular expression sources of text that marks a mapper's file: its packages, a request literal's exporting function. */
  readonly words: readonly string[];
  /** `export function request`: a module that may return request literals without importing a package (`returnedBy`). */
  private readonly requestExports: RegExp | undefined;
  /** Whether a site found since the last reset took its definition from a registration in another file. */
  crossedFiles = false;
  /** Whether the program holds a trace of a mapper's packages (see `active`), once asked. */
  private present: boolean | undefined;

  constructor(
    private readonly checker: ts.TypeChecker,
    sinkModels: readonly SinkModel[],
    private readonly fromPackage: (symbol: ts.Symbol | undefined, pkg: string, name: string) => boolean,
    /** Imports the checker cannot resolve (a package.json `imports` map, a package's own `paths`), followed by the fallback. */
    private readonly unresolved: () => UnresolvedImports | undefined = () => undefined,
    /** The program, for the registrations of injected entities. */
    private readonly program: () => ts.Program | undefined = () => undefined,
  ) {
    this.models = sinkModels
      .filter((sink): sink is SinkModel & { mapper: MapperModel } => !!sink.mapper)
      .map((sink) => ({ sink, mapper: sink.mapper, packages: [sink.package, ...(sink.mapper.packages ?? [])] }));
    const words = new Set<string>();
    const exporters = new Set<string>();
    for (const { mapper, packages } of this.models) {
      for (const name of Object.keys(mapper.methods ?? {})) this.methodNames.add(name);
      for (const name of Object.keys(mapper.functions ?? {})) this.functionNames.add(name);
      if (mapper.requests) this.discriminators.add(mapper.requests.discriminator);
      for (const name of mapper.requests?.returnedBy ?? []) exporters.add(name.replace(/[$]/g, '\\$'));
      for (const pkg of packages) words.add(pkg.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&'));
    }
    this.requestExports = exporters.size
      ? new RegExp(`\\bexport\\s+(?:async\\s+)?(?:function|const|let)\\s+(?:${[...exporters].join('|')})\\b`)
      : undefined;
    if (this.requestExports) words.add(this.requestExports.source);
    this.words = [...words];
  }

  /** Whether a call of the program may be a mapper's: not when it holds no trace of any mapper's packages. */
  get active(): boolean {
    if (this.present !== undefined) return this.present;
    const program = this.program();
    if (!program) return this.models.length > 0;
    const packages = this.tracePackages();
    this.present =
      this.models.length > 0 &&
      (!packages ||
        holdsPackages(program, packages) ||
        (!!this.requestExports && holdsText(program, this.requestExports)));
    return this.present;
  }

  /** The packages whose trace `active` looks for; undefined when an entity type names no package (it may be declared anywhere). */
  private tracePackages(): string[] | undefined {
    const out: string[] = [];
    for (const { mapper, packages } of this.models) {
      out.push(...packages);
      for (const spec of mapper.entityTypes ?? []) {
        if (typeof spec === 'string' || spec.from !== 'package') return undefined;
        out.push(spec.package);
      }
    }
    return out;
  }

  siteAt(node: ts.Node): MapperSiteInfo | undefined {
    if (!this.active) return undefined;
    if (ts.isCallExpression(node)) return this.functionSite(node) ?? this.methodSite(node);
    if (ts.isNewExpression(node)) return this.methodSite(node);
    if (ts.isObjectLiteralExpression(node) && this.discriminators.size) return this.requestSite(node);
    return undefined;
  }

  /** The root site whose output a call is: the run method of its chain, or a direct call. */
  outputOf(call: ts.CallExpression): MapperSiteInfo | undefined {
    if (!this.active) return undefined;
    const direct = this.siteAt(call);
    const callee = skipOuter(call.expression);
    const name = ts.isPropertyAccessExpression(callee) ? callee.name.text : undefined;
    const runs = name !== undefined && this.models.some(({ mapper }) => mapper.run?.includes(name));
    // `entity.scan.go()`: the run method is the site's own call.
    if (direct) return this.isDirect(direct) || runs ? direct : undefined;
    if (!runs || !ts.isPropertyAccessExpression(callee)) return undefined;
    let inner: ts.Expression = skipOuter(callee.expression);
    for (let i = 0; i < MAX_CHAIN; i++) {
      // `const query = User.scan().where('name').contains(q); … query.limit(5).exec()`: the builder a variable holds.
      if (ts.isIdentifier(inner)) {
        const declaration = this.checker.getSymbolAtLocation(inner)?.valueDeclaration;
        if (!declaration || !ts.isVariableDeclaration(declaration) || !declaration.initializer) return undefined;
        inner = skipOuter(declaration.initializer);
        continue;
      }
      if (ts.isCallExpression(inner) || ts.isNewExpression(inner)) {
        const site = this.siteAt(inner);
        if (site) return site;
        if (ts.isNewExpression(inner)) return undefined;
        const next = skipOuter(inner.expression);
        if (!ts.isPropertyAccessExpression(next)) return undefined;
        inner = skipOuter(next.expression);
        continue;
      }
      return undefined;
    }
    return undefined;
  }

  private isDirect(site: MapperSiteInfo): boolean {
    return site.mapper.direct === true;
  }

  // --- package functions: `get({ key })` ---------------------------------------------------------
  private functionSite(node: ts.CallExpression): MapperSiteInfo | undefined {
    const callee = skipOuter(node.expression);
    const nameNode = ts.isPropertyAccessExpression(callee) ? callee.name : callee;
    if (!ts.isIdentifier(nameNode) || !this.functionNames.has(nameNode.text)) return undefined;
    const symbol = this.checker.getSymbolAtLocation(nameNode);
    for (const { mapper, packages } of this.models) {
      const spec = mapper.functions?.[nameNode.text];
      if (!spec) continue;
      const imported =
        this.fromAny(symbol, packages, nameNode.text) ||
        (ts.isPropertyAccessExpression(callee) && this.rootFrom(callee.expression, packages));
      if (!imported) continue;
      return this.build(node, spec, spec.operation, mapper, nameNode.text, undefined, undefined, node.arguments);
    }
    return undefined;
  }

  // --- entity methods: `entity.get(key)`, `entity.query.byUser({…})`, `new Model(item)` -------------
  private methodSite(node: ts.CallExpression | ts.NewExpression): MapperSiteInfo | undefined {
    const callee = skipOuter(node.expression);
    let receiver: ts.Expression | undefined;
    let method: string | undefined;
    let index: string | undefined;
    let propertyRoot = false;
    if (ts.isNewExpression(node)) {
      receiver = callee;
      method = 'new';
    } else if (ts.isPropertyAccessExpression(callee)) {
      const holder = skipOuter(callee.expression);
      if (this.methodNames.has(callee.name.text)) {
        receiver = holder;
        method = callee.name.text;
      }
      if (ts.isPropertyAccessExpression(holder) && this.methodNames.has(holder.name.text)) {
        // `entity.query.byUser(…)` or `entity.scan.where(…)`: the holder names the method.
        const outer = { receiver: skipOuter(holder.expression), method: holder.name.text };
        if (this.anyMethod(outer.method, (spec) => !!spec.indexed || !!spec.property)) {
          receiver = outer.receiver;
          method = outer.method;
          index = callee.name.text;
          propertyRoot = true;
        }
      }
    }
    if (!receiver || !method) return undefined;
    if (!this.methodNames.has(method)) return undefined;
    for (const { mapper, packages } of this.models) {
      const spec = mapper.methods?.[method];
      if (!spec) continue;
      if (propertyRoot !== (!!spec.indexed || !!spec.property)) continue;
      const found = this.entityOf(receiver, mapper, packages);
      if (!found) continue;
      // `@InjectModel('users') users: Model<…>`: the entity is the injected name, with the definition registered under it.
      const injected = found.definition ? undefined : this.injectedEntity(receiver, mapper, packages);
      const entity = injected?.definition ? { definition: injected.definition } : found;
      let operation = spec.operation;
      if (spec.operations) {
        const named = node.arguments?.[0] && skipOuter(node.arguments[0]);
        const commandName = named && ts.isIdentifier(named) ? named.text : undefined;
        const chosen = commandName ? spec.operations[commandName] : undefined;
        if (!chosen) continue;
        operation = chosen;
      }
      const keyNames = this.keyNames(entity, mapper, spec.indexed ? index : undefined);
      const api = `${shortName(receiver)}.${method}${spec.indexed && index ? `.${index}` : ''}`;
      // `entity.scan.where(…)`: the call is the first link of the chain, its arguments are the chain's.
      const own = spec.property ? [] : (node.arguments ?? []);
      const built = this.build(node, spec, operation, mapper, api, injected?.name ?? receiver, keyNames, own);
      const { declared, hidden } = this.declaredAttributes(entity.definition, mapper);
      const keyPrefix = this.templatePrefix(entity, mapper);
      const schema = {
        ...(declared.length ? { declared } : {}),
        ...(hidden.length ? { hidden } : {}),
        ...(keyPrefix ? { keyPrefix } : {}),
      };
      const site = Object.keys(schema).length ? { ...built, mapper: { ...built.mapper, ...schema } } : built;
      if (spec.property && ts.isPropertyAccessExpression(callee)) {
        const chained = this.argumentParts(mapper, mapper.chain?.[callee.name.text] ?? [], node.arguments ?? []);
        return { ...site, mapper: { ...site.mapper, parts: [...chained, ...site.mapper.parts] } };
      }
      return site;
    }
    return undefined;
  }

  private anyMethod(name: string, test: (spec: MapperCallModel) => boolean): boolean {
    return this.models.some(({ mapper }) => {
      const spec = mapper.methods?.[name];
      return !!spec && test(spec);
    });
  }

  // --- request literals: `{ operation: 'GetItem', key: … }` ------------------------------------------
  private requestSite(node: ts.ObjectLiteralExpression): MapperSiteInfo | undefined {
    for (const { mapper, packages } of this.models) {
      const requests = mapper.requests;
      if (!requests) continue;
      const member = findProperty(node, requests.discriminator);
      const value = member && memberValue(member);
      const text = value && ts.isStringLiteralLike(skipOuter(value)) ? (skipOuter(value) as ts.StringLiteral).text : '';
      const operation = requests.operations[text];
      if (!operation) continue;
      if (!importsAny(node.getSourceFile(), packages) && !returnedByExport(node, requests.returnedBy ?? [])) continue;
      const parts = this.argumentParts(mapper, requests.arguments, [node]);
      return {
        node,
        operation,
        api: text,
        mapper: { parts, itemPaths: [] },
      };
    }
    return undefined;
  }

  private build(
    node: ts.CallExpression | ts.NewExpression,
    spec: MapperCallModel,
    operation: Operation,
    mapper: MapperModel,
    api: string,
    entity: ts.Expression | undefined,
    keyNames: readonly string[] | undefined,
    args: readonly ts.Expression[],
  ): MapperSiteInfo {
    const parts = [...this.argumentParts(mapper, spec.arguments ?? [], args), ...this.chainParts(node, mapper)];
    return {
      node,
      operation,
      api,
      mapper: {
        parts,
        itemPaths: spec.items,
        ...(creates(spec, args) ? { creates: true as const } : {}),
        ...(keyNames ? { keyNames } : {}),
        ...(entity ? { entity } : {}),
        ...(spec.direct ? { direct: true as const } : {}),
      },
    };
  }

  /** The parts the builder calls chained on a root call take: `.where(cb)`, `.key({…})`, `.go({ attributes })`. */
  private chainParts(root: ts.Node, mapper: MapperModel): MapperPart[] {
    const out: MapperPart[] = [];
    let node: ts.Node = root;
    for (let i = 0; i < MAX_CHAIN; i++) {
      const access = parentOf(node);
      if (!access || !ts.isPropertyAccessExpression(access) || access.expression !== node) break;
      const call = parentOf(access);
      if (!call || !ts.isCallExpression(call) || call.expression !== access) break;
      const roles = mapper.chain?.[access.name.text];
      if (roles) out.push(...this.argumentParts(mapper, roles, call.arguments, out));
      if (mapper.run?.includes(access.name.text)) break;
      node = call;
    }
    return out;
  }

  private argumentParts(
    mapper: MapperModel,
    roles: readonly MapperArgument[],
    args: readonly ts.Expression[],
    before: readonly MapperPart[] = [],
    depth = 0,
  ): MapperPart[] {
    const out: MapperPart[] = [];
    let attribute = lastAttribute(before);
    for (const role of roles) {
      const argument = args[role.index];
      if (!argument) continue;
      for (const node of this.atPath(argument, role.path ?? [], mapper)) {
        if (role.role === 'conditions') {
          const condition = depth < MAX_CONDITION_NESTING ? this.conditionObjectParts(node, mapper, depth) : undefined;
          if (condition) {
            out.push(...condition);
            continue;
          }
          const name = stringConstant(node);
          if (name !== undefined) {
            attribute = name;
            out.push({ role: role.role, node, attribute: name });
            continue;
          }
        }
        if (role.role === 'conditionValue') {
          out.push({ role: role.role, node, ...(attribute !== undefined ? { attribute } : {}) });
          continue;
        }
        out.push({ role: role.role, node, ...(role.through ? { through: role.through } : {}) });
      }
    }
    return out;
  }

  /**
   * A condition object (`new Condition('a').eq(x)`, `new Condition({ a: x })`, through `const`s)
   * compares what its initializer and its chained calls compare: their parts, in the order written,
   * as if chained on the call it is passed to (`scan('a').eq(x)`).
   */
  private conditionObjectParts(node: ts.Expression, mapper: MapperModel, depth: number): MapperPart[] | undefined {
    const types = mapper.conditionTypes;
    if (!types) return undefined;
    const links: { name: string; call: ts.CallExpression }[] = [];
    let value = skipOuter(node);
    for (let step = 0; step < MAX_CHAIN; step++) {
      if (ts.isIdentifier(value)) {
        const declaration = this.checker.getSymbolAtLocation(value)?.valueDeclaration;
        if (!declaration || !ts.isVariableDeclaration(declaration) || !declaration.initializer) return undefined;
        value = skipOuter(declaration.initializer);
      } else if (ts.isCallExpression(value) && ts.isPropertyAccessExpression(value.expression)) {
        links.push({ name: value.expression.name.text, call: value });
        value = skipOuter(value.expression.expression);
      } else break;
    }
    if (!ts.isNewExpression(value) || !this.isConditionClass(value, types)) return undefined;
    const out = this.argumentParts(mapper, [{ index: 0, role: 'conditions' }], value.arguments ?? [], [], depth + 1);
    for (const { name, call } of links.reverse()) {
      const roles = mapper.chain?.[name];
      if (roles) out.push(...this.argumentParts(mapper, roles, call.arguments, out, depth + 1));
    }
    return out;
  }

  /**
   * `new Condition(…)`: by the type it builds; untyped, by the class it names: an import of the
   * package's name (renamed or unresolved), or the package's member (`new dynamoose.Condition(…)`).
   */
  private isConditionClass(node: ts.NewExpression, types: readonly Specifier[]): boolean {
    const type = this.checker.getTypeAtLocation(node);
    if (!isAnyLike(type)) return typeMatches(this.checker, type, types);
    const callee = skipOuter(node.expression);
    if (ts.isIdentifier(callee)) return symbolMatches(this.checker, this.checker.getSymbolAtLocation(callee), types);
    if (!ts.isPropertyAccessExpression(callee)) return false;
    const name = callee.name.text;
    const packages = types.flatMap((spec) =>
      typeof spec !== 'string' && spec.from === 'package' && specifierNames(spec).includes(name) ? [spec.package] : [],
    );
    return packages.length > 0 && this.rootFrom(callee.expression, packages);
  }

  /**
   * The expressions at a path inside an argument (`*` any property), through `const` literals and
   * both branches of a conditional (`filter: type ? { … } : { … }`).
   */
  private atPath(node: ts.Expression, path: readonly string[], mapper: MapperModel): ts.Expression[] {
    let current = [this.unwrapped(node, mapper)];
    for (const segment of path) {
      const next: ts.Expression[] = [];
      for (const value of current.flatMap(branches)) {
        const literal = this.literalOf(value);
        if (!literal) continue;
        for (const member of literal.properties) {
          const inner = memberValue(member);
          if (!inner || ts.isSpreadAssignment(member)) continue;
          if (segment === '*' || propertyNameOf(member) === segment) next.push(this.unwrapped(inner, mapper));
        }
      }
      current = next;
    }
    return current;
  }

  private unwrapped(node: ts.Expression, mapper: MapperModel): ts.Expression {
    const value = skipOuter(node);
    if (!ts.isCallExpression(value) || !value.arguments[0]) return node;
    const name = calledName(value.expression);
    return name !== undefined && mapper.unwrap?.includes(name) ? value.arguments[0] : node;
  }

  /** The object literal an expression is, through `const` variables. */
  literalOf(node: ts.Expression): ts.ObjectLiteralExpression | undefined {
    let value = skipOuter(node);
    for (let hop = 0; hop < MAX_HOPS && ts.isIdentifier(value); hop++) {
      const declaration = this.checker.getSymbolAtLocation(value)?.valueDeclaration;
      if (!declaration || !ts.isVariableDeclaration(declaration) || !declaration.initializer) return undefined;
      value = skipOuter(declaration.initializer);
    }
    return ts.isObjectLiteralExpression(value) ? value : undefined;
  }

  // --- entities --------------------------------------------------------------------------------------
  /** Whether an expression is an entity of the library, and its definition when it can be found. */
  private entityOf(
    receiver: ts.Expression,
    mapper: MapperModel,
    packages: readonly string[],
  ): EntityDefinition | undefined {
    const found = this.definitionOf(receiver, mapper, packages);
    if (found) return found;
    const type = this.checker.getTypeAtLocation(receiver);
    if (!isAnyLike(type) && mapper.entityTypes && typeMatches(this.checker, type, mapper.entityTypes)) return {};
    // `typeof Model` of a class (dynamoose `new Model(item)` on a model constant): its constructor.
    if (!isAnyLike(type) && mapper.entityTypes) {
      for (const signature of type.getConstructSignatures()) {
        const symbol = signature.getReturnType().getSymbol();
        if (symbolMatches(this.checker, symbol, mapper.entityTypes)) return {};
      }
    }
    return undefined;
  }

  /**
   * `@InjectModel('users') private users: Model<…>` (a parameter or property with one of the
   * model's injection decorators): the expression naming the entity, and the definition the
   * program registers under that name.
   */
  private injectedEntity(
    receiver: ts.Expression,
    mapper: MapperModel,
    packages: readonly string[],
  ): { name: ts.Expression; definition?: ts.ObjectLiteralExpression } | undefined {
    const injected = mapper.injected;
    if (!injected) return undefined;
    const node = skipOuter(receiver);
    const nameNode = ts.isPropertyAccessExpression(node) ? node.name : ts.isIdentifier(node) ? node : undefined;
    if (!nameNode || !ts.isIdentifier(nameNode)) return undefined;
    const declaration = this.valueSymbol(nameNode)?.valueDeclaration;
    if (!declaration || !(ts.isParameter(declaration) || ts.isPropertyDeclaration(declaration))) return undefined;
    for (const decorator of ts.getDecorators(declaration) ?? []) {
      const call = skipOuter(decorator.expression);
      if (!ts.isCallExpression(call)) continue;
      const decoratorName = calledName(call.expression);
      if (decoratorName === undefined || !injected.decorators.includes(decoratorName)) continue;
      if (!this.rootFrom(call.expression, packages)) continue;
      const argument = call.arguments[0];
      const name = argument && this.constantText(argument);
      if (!argument || name === undefined) continue;
      const registered = this.registeredDefinition(name, mapper, packages);
      const definition = registered && this.definitionLiteral(registered, mapper);
      return { name: argument, ...(definition ? { definition } : {}) };
    }
    return undefined;
  }

  /** The definition registered under a name (`forFeature([{ name: 'users', schema: UserSchema }])`) anywhere in the program. */
  private registeredDefinition(
    name: string,
    mapper: MapperModel,
    packages: readonly string[],
  ): ts.Expression | undefined {
    let index = this.registrations.get(mapper);
    if (!index) {
      index = new Map();
      this.registrations.set(mapper, index);
      for (const spec of mapper.injected?.registrations ?? []) {
        for (const file of ownSourceFiles(this.program())) {
          if (!file.text.includes(spec.function) || !importsAny(file, packages)) continue;
          for (const node of descendants(file)) {
            if (!ts.isCallExpression(node) || calledName(node.expression) !== spec.function) continue;
            if (!this.rootFrom(node.expression, packages)) continue;
            const list = node.arguments[spec.argument];
            for (const element of list ? this.elementsOf(list) : []) {
              const literal = this.literalOf(element);
              const named = literal && findProperty(literal, spec.name);
              const text = named && memberValue(named) && this.constantText(memberValue(named)!);
              const held = literal && findProperty(literal, spec.definition);
              const definition = held && memberValue(held);
              if (text !== undefined && definition && !index.has(text)) index.set(text, definition);
            }
          }
        }
      }
    }
    this.crossedFiles = true;
    return index.get(name);
  }

  /** The elements of an array literal, written inline or held by a `const`. */
  private elementsOf(node: ts.Expression): readonly ts.Expression[] {
    let value = skipOuter(node);
    for (let hop = 0; hop < MAX_HOPS && ts.isIdentifier(value); hop++) {
      const declaration = this.checker.getSymbolAtLocation(value)?.valueDeclaration;
      if (!declaration || !ts.isVariableDeclaration(declaration) || !declaration.initializer) return [];
      value = skipOuter(declaration.initializer);
    }
    return ts.isArrayLiteralExpression(value) ? value.elements : [];
  }

  /** A string constant: a literal, or an expression whose type is one string literal (`const USERS = 'users'`). */
  private constantText(node: ts.Expression): string | undefined {
    const direct = stringConstant(node);
    if (direct !== undefined) return direct;
    const type = this.checker.getTypeAtLocation(node);
    return type.isStringLiteral() ? type.value : undefined;
  }

  /** Follows an entity expression back to the factory call that created it, within a few hops. */
  private definitionOf(
    expression: ts.Expression,
    mapper: MapperModel,
    packages: readonly string[],
  ): EntityDefinition | undefined {
    let node: ts.Node | undefined = skipOuter(expression);
    for (let hop = 0; hop < MAX_HOPS && node; hop++) {
      if (ts.isCallExpression(node) || ts.isNewExpression(node)) {
        const call: ts.CallExpression | ts.NewExpression = node;
        const callee = skipOuter(call.expression);
        const name = ts.isPropertyAccessExpression(callee)
          ? callee.name.text
          : ts.isIdentifier(callee)
            ? callee.text
            : '';
        if (name === 'require' && ts.isCallExpression(call)) {
          node = this.requiredExport(call);
          continue;
        }
        const factory = mapper.factories?.find((candidate) => candidate.name === name);
        if (!factory || !this.rootFrom(callee, packages)) return undefined;
        const argument = call.arguments?.[factory.definition];
        if (factory.models && ts.isPropertyAccessExpression(callee))
          return this.namedModel(callee.expression, factory.models, argument, mapper, packages);
        return { ...(argument ? { definition: this.definitionLiteral(argument, mapper) } : {}) };
      }
      const nameNode = ts.isPropertyAccessExpression(node) ? node.name : ts.isIdentifier(node) ? node : undefined;
      if (!nameNode || !ts.isIdentifier(nameNode)) return undefined;
      const declaration = this.valueSymbol(nameNode)?.valueDeclaration;
      if (!declaration || ts.isPropertySignature(declaration)) {
        // `App.entities.booking` with `App = new Service({ booking: Booking })`: the entity the container was given.
        const contained = ts.isPropertyAccessExpression(node)
          ? this.containedEntity(node, mapper, packages)
          : undefined;
        if (contained) {
          node = contained;
          continue;
        }
        // `getTable().models.user` with `getTable` declared by an interface type: the value the factory's body put there.
        const members = ts.isPropertyAccessExpression(node) ? this.membersOf(node, 0) : [];
        if (members.length !== 1) return undefined;
        node = members[0];
        continue;
      }
      if (
        (ts.isVariableDeclaration(declaration) ||
          ts.isPropertyDeclaration(declaration) ||
          ts.isPropertyAssignment(declaration)) &&
        declaration.initializer
      ) {
        node = skipOuter(declaration.initializer);
        continue;
      }
      // `@InjectEntity(...) private entity: typeof UserEntity`: the entity the type query names.
      const queried = typeQueryTarget(declaration);
      if (queried) {
        node = queried;
        continue;
      }
      if (ts.isBinaryExpression(declaration)) {
        node = skipOuter(declaration.right);
        continue;
      }
      return undefined;
    }
    return undefined;
  }

  /**
   * `owner.entities.booking` where `owner` is (through constants and imports) a container the
   * mapper models (`new Service({ booking: Booking })`): the value the container was given under
   * that name.
   */
  private containedEntity(
    access: ts.PropertyAccessExpression,
    mapper: MapperModel,
    packages: readonly string[],
  ): ts.Expression | undefined {
    const holder = skipOuter(access.expression);
    if (!mapper.containers || !ts.isPropertyAccessExpression(holder)) return undefined;
    const containers = mapper.containers.filter((container) => container.property === holder.name.text);
    if (!containers.length) return undefined;
    let owner: ts.Expression = skipOuter(holder.expression);
    for (let hop = 0; hop < MAX_HOPS && ts.isIdentifier(owner); hop++) {
      const declaration = this.valueSymbol(owner)?.valueDeclaration;
      if (!declaration || !ts.isVariableDeclaration(declaration) || !declaration.initializer) return undefined;
      owner = skipOuter(declaration.initializer);
    }
    if (!ts.isNewExpression(owner) && !ts.isCallExpression(owner)) return undefined;
    const callee = skipOuter(owner.expression);
    const name = ts.isPropertyAccessExpression(callee) ? callee.name.text : ts.isIdentifier(callee) ? callee.text : '';
    const container = containers.find((candidate) => candidate.name === name);
    const argument = container && owner.arguments?.[container.argument];
    if (!argument || !this.rootFrom(callee, packages)) return undefined;
    const literal = this.literalsOf(argument, 0)[0];
    const member = literal && findProperty(literal, access.name.text);
    return member && memberValue(member);
  }

  /** A name's symbol; in a shorthand member (`{ user }`) the variable it names, not the property. */
  private valueSymbol(name: ts.Identifier): ts.Symbol | undefined {
    const parent = name.parent;
    const symbol =
      ts.isShorthandPropertyAssignment(parent) && parent.name === name
        ? this.checker.getShorthandAssignmentValueSymbol(parent)
        : this.checker.getSymbolAtLocation(name);
    if (!symbol || !(symbol.flags & ts.SymbolFlags.Alias)) return symbol;
    const aliased = this.checker.getAliasedSymbol(symbol);
    return aliased.declarations?.length ? aliased : (this.unresolved()?.aliasTarget(symbol) ?? aliased);
  }

  /** The values a property read may have: the members of the object literals its holder is built from. */
  private membersOf(access: ts.PropertyAccessExpression, depth: number): ts.Expression[] {
    const name = access.name.text;
    const out: ts.Expression[] = [];
    for (const literal of this.literalsOf(access.expression, depth + 1)) {
      const member = findProperty(literal, name);
      const value = member && memberValue(member);
      if (value) out.push(value);
    }
    return out;
  }

  /** The object literals an expression may be: through `const` variables, property reads and the returns of the program's functions. */
  private literalsOf(expression: ts.Expression, depth: number): ts.ObjectLiteralExpression[] {
    const node = skipOuter(expression);
    if (depth > MAX_HOPS) return [];
    if (ts.isObjectLiteralExpression(node)) return [node];
    if (ts.isAwaitExpression(node)) return this.literalsOf(node.expression, depth + 1);
    if (ts.isPropertyAccessExpression(node))
      return this.membersOf(node, depth).flatMap((value) => this.literalsOf(value, depth + 1));
    if (ts.isIdentifier(node)) {
      const declaration = this.valueSymbol(node)?.valueDeclaration;
      return declaration && ts.isVariableDeclaration(declaration) && declaration.initializer
        ? this.literalsOf(declaration.initializer, depth + 1)
        : [];
    }
    if (ts.isCallExpression(node)) {
      const callee = skipOuter(node.expression);
      const declaration = ts.isIdentifier(callee) ? this.valueSymbol(callee)?.valueDeclaration : undefined;
      const initial =
        declaration && ts.isVariableDeclaration(declaration) && declaration.initializer
          ? skipOuter(declaration.initializer)
          : declaration;
      if (
        !initial ||
        !(ts.isFunctionDeclaration(initial) || ts.isArrowFunction(initial) || ts.isFunctionExpression(initial)) ||
        !initial.body
      )
        return [];
      return returnedExpressions(initial).flatMap((value) => this.literalsOf(value, depth + 1));
    }
    return [];
  }

  /** `table.getModel('User')`: the `User` entry of the models in the definition `table` was created with. */
  private namedModel(
    owner: ts.Expression,
    path: readonly string[],
    argument: ts.Expression | undefined,
    mapper: MapperModel,
    packages: readonly string[],
  ): EntityDefinition {
    const name = argument && stringConstant(argument);
    const created = this.definitionOf(owner, mapper, packages)?.definition;
    const container = created && this.literalAt(created, path.slice(0, -1), mapper);
    const models = container && this.literalAt(container, path.slice(-1), mapper);
    const definition = models && name !== undefined ? this.literalAt(models, [name], mapper) : undefined;
    return { ...(definition ? { definition } : {}), ...(container ? { container } : {}) };
  }

  /** `require('./model')`: what the module assigns to `module.exports`. */
  private requiredExport(call: ts.CallExpression): ts.Node | undefined {
    const argument = call.arguments[0];
    if (!argument || !ts.isStringLiteralLike(argument) || !argument.text.startsWith('.')) return undefined;
    const moduleSymbol = this.checker.getSymbolAtLocation(argument);
    const exported = moduleSymbol?.exports?.get(ts.InternalSymbolName.ExportEquals);
    const declaration = exported?.valueDeclaration ?? exported?.declarations?.[0];
    if (!declaration) return undefined;
    if (ts.isExportAssignment(declaration)) return skipOuter(declaration.expression);
    if (ts.isBinaryExpression(declaration)) return skipOuter(declaration.right);
    if (ts.isPropertyAccessExpression(declaration) && ts.isBinaryExpression(declaration.parent))
      return skipOuter(declaration.parent.right);
    return undefined;
  }

  /** A definition argument: a literal, a `const`, or a nested factory (`new Schema({…})`). */
  private definitionLiteral(node: ts.Expression, mapper: MapperModel): ts.ObjectLiteralExpression | undefined {
    let value: ts.Expression = skipOuter(node);
    for (let hop = 0; hop < MAX_HOPS; hop++) {
      const literal = this.literalOf(value);
      if (literal) return literal;
      if (ts.isIdentifier(value)) {
        // `{ schema }`: the variable the shorthand names, not the property.
        const symbol = ts.isShorthandPropertyAssignment(value.parent)
          ? this.checker.getShorthandAssignmentValueSymbol(value.parent)
          : this.checker.getSymbolAtLocation(value);
        const target = symbol && symbol.flags & ts.SymbolFlags.Alias ? this.checker.getAliasedSymbol(symbol) : symbol;
        const declaration = target?.valueDeclaration;
        if (!declaration || !ts.isVariableDeclaration(declaration) || !declaration.initializer) return undefined;
        value = skipOuter(declaration.initializer);
        continue;
      }
      if ((ts.isNewExpression(value) || ts.isCallExpression(value)) && value.arguments?.length) {
        const callee = skipOuter(value.expression);
        const name = ts.isPropertyAccessExpression(callee) ? callee.name.text : callee.getText();
        const factory = mapper.factories?.find((candidate) => candidate.name === name);
        const inner = value.arguments[factory ? factory.definition : 0];
        if (!inner) return undefined;
        value = skipOuter(inner);
        continue;
      }
      return undefined;
    }
    return undefined;
  }

  /** The key attributes a definition declares, for one index (or the primary one). */
  keyNames(entity: EntityDefinition, mapper: MapperModel, index?: string): string[] | undefined {
    const { definition, container } = entity;
    const schema = mapper.keys;
    if (!definition || !schema) return undefined;
    if (schema.templates) return container && this.templateKeys(definition, container, schema.templates, mapper);
    if (schema.indexes) {
      const indexes = this.literalAt(definition, schema.indexes.path, mapper);
      if (indexes) {
        const marker = schema.indexes.secondaryMarker;
        const chosen = indexes.properties.find((member) => {
          const value = memberValue(member);
          const literal = value && this.literalOf(value);
          if (!literal) return false;
          if (index !== undefined) return propertyNameOf(member) === index;
          return !marker || !findProperty(literal, marker);
        });
        const literal = chosen && memberValue(chosen) && this.literalOf(memberValue(chosen)!);
        if (literal) {
          const names: string[] = [];
          for (const path of schema.indexes.composites) {
            const last = path[path.length - 1]!;
            const holder = this.literalAt(literal, path.slice(0, -1), mapper);
            const member = holder && findProperty(holder, last);
            const list = member && memberValue(member) && skipOuter(memberValue(member)!);
            if (list && ts.isArrayLiteralExpression(list))
              for (const element of list.elements) {
                const name = stringConstant(element);
                if (name !== undefined) names.push(name);
              }
          }
          if (names.length) return names;
        }
      }
    }
    if (!schema.attributes) return undefined;
    const attributes = schema.attributes
      .map((path) => this.literalAt(definition, path, mapper))
      .find((literal) => literal !== undefined);
    if (!attributes) return undefined;
    const names: string[] = [];
    let first: string | undefined;
    for (const [name, value] of this.builtMembers(attributes)) {
      first ??= name;
      if (anyOptionTrue(this.literalOf(value), schema.flags) || callsMethod(value, schema.keyMethods ?? []))
        names.push(name);
    }
    if (!names.length && schema.firstByDefault && first !== undefined) names.push(first);
    return names.length ? names : undefined;
  }

  /**
   * The members of an attribute map as JavaScript builds it: a spread (`...sharedAttributes`) gives the
   * members of the literal it names, in place, and a member written later replaces the value of one of the
   * same name where that one stands, so `{ ...shared, sk: { sortKey: true, prefix: 'V#' } }` keeps the
   * shared partition key. A spread of anything but one literal the program shows (through constants,
   * imports and the returns of its functions) adds nothing.
   */
  private builtMembers(literal: ts.ObjectLiteralExpression, depth = 0): Map<string, ts.Expression> {
    const members = new Map<string, ts.Expression>();
    for (const member of literal.properties) {
      if (ts.isSpreadAssignment(member)) {
        const spread = depth < MAX_HOPS ? this.literalsOf(member.expression, depth) : [];
        if (spread.length === 1)
          for (const [name, value] of this.builtMembers(spread[0]!, depth + 1)) members.set(name, value);
        continue;
      }
      const name = propertyNameOf(member);
      const value = memberValue(member);
      if (name !== undefined && value) members.set(name, value);
    }
    return members;
  }

  /** `pk: { value: 'user#${id}' }` of the primary index's first key field: `user`. */
  private templatePrefix(entity: EntityDefinition, mapper: MapperModel): string | undefined {
    const templates = mapper.keys?.templates;
    const first = templates?.fields[0];
    if (!templates || first === undefined || !entity.container || !entity.definition) return undefined;
    const template = this.templateOf(entity.definition, entity.container, templates, first, mapper)?.template;
    return template === undefined ? undefined : keyTextPrefix(template);
  }

  /** The key field an index names at `field` (`hash: 'pk'`), and the `value` template it declares, if any. */
  private templateOf(
    definition: ts.ObjectLiteralExpression,
    container: ts.ObjectLiteralExpression,
    templates: NonNullable<MapperKeySchema['templates']>,
    field: string,
    mapper: MapperModel,
  ): { keyField: string; template?: string } | undefined {
    const primary = this.literalAt(container, templates.index, mapper);
    const member = primary && findProperty(primary, field);
    const value = member && memberValue(member);
    const keyField = value && stringConstant(value);
    if (keyField === undefined) return undefined;
    const declaration = this.literalAt(definition, [keyField], mapper);
    const option = declaration && findProperty(declaration, templates.option);
    const template = option && memberValue(option) && stringConstant(memberValue(option)!);
    return template === undefined ? { keyField } : { keyField, template };
  }

  /** `indexes: { primary: { hash: 'pk' } }` and `pk: { value: 'user#${id}' }`: `id` selects the item. */
  private templateKeys(
    definition: ts.ObjectLiteralExpression,
    container: ts.ObjectLiteralExpression,
    templates: NonNullable<MapperKeySchema['templates']>,
    mapper: MapperModel,
  ): string[] | undefined {
    if (!this.literalAt(container, templates.index, mapper)) return undefined;
    const names: string[] = [];
    for (const field of templates.fields) {
      const declared = this.templateOf(definition, container, templates, field, mapper);
      if (!declared) continue;
      // The key field itself (`pk: 'user#…'` given whole) selects the item as its template's attributes do.
      names.push(declared.keyField);
      if (declared.template !== undefined)
        for (const match of declared.template.matchAll(/\$\{([^}]+)\}/g)) names.push(match[1]!.trim());
    }
    return names;
  }

  /** The attributes a definition declares (`attributes: { text: { type: 'string' } }`, a dynamoose schema). */
  private declaredAttributes(
    definition: ts.ObjectLiteralExpression | undefined,
    mapper: MapperModel,
  ): { declared: { name: string; node: ts.Node }[]; hidden: string[] } {
    for (const path of definition ? (mapper.declared ?? []) : []) {
      const literal = this.literalAt(definition!, path, mapper);
      if (!literal) continue;
      const declared: { name: string; node: ts.Node }[] = [];
      const hidden: string[] = [];
      for (const member of literal.properties) {
        const name = propertyNameOf(member);
        if (name === undefined || ts.isSpreadAssignment(member)) continue;
        if (this.isHidden(member, mapper)) hidden.push(name);
        else declared.push({ name, node: member });
      }
      if (declared.length || hidden.length) return { declared, hidden };
    }
    return { declared: [], hidden: [] };
  }

  /** An attribute that reads never return (`hidden: true`, `.hidden()`): the items a read sends do not hold it. */
  private isHidden(member: ts.ObjectLiteralElementLike, mapper: MapperModel): boolean {
    const value = memberValue(member);
    if (!value || !mapper.hidden) return false;
    const options = this.literalOf(value);
    return (
      callsMethod(value, mapper.hidden.methods ?? []) ||
      anyOptionTrue(options, mapper.hidden.flags) ||
      getterHides(options, mapper.hidden.getters ?? [])
    );
  }

  /** The literal at a path inside a literal; a factory call on the way gives its first literal argument. */
  private literalAt(
    root: ts.ObjectLiteralExpression,
    path: readonly string[],
    mapper: MapperModel,
  ): ts.ObjectLiteralExpression | undefined {
    let current: ts.ObjectLiteralExpression | undefined = root;
    for (const segment of path) {
      const member: ts.ObjectLiteralElementLike | undefined = current && findProperty(current, segment);
      const value: ts.Expression | undefined = member && memberValue(member);
      current = value && this.definitionLiteral(value, mapper);
    }
    return current;
  }

  /** Whether the leftmost name of an expression was imported or required from one of the packages. */
  private rootFrom(expression: ts.Expression, packages: readonly string[]): boolean {
    let node = skipOuter(expression);
    while (ts.isPropertyAccessExpression(node) || ts.isCallExpression(node)) node = skipOuter(node.expression);
    if (!ts.isIdentifier(node)) return false;
    const symbol = this.checker.getSymbolAtLocation(node);
    return this.fromAny(symbol, packages, node.text) || this.namedFrom(expression, packages);
  }

  /**
   * Whether a name is one of the packages' own, at the name or at any alias on the way to what it
   * names: `import { Entity } from '#lib/vendor/entity'` whose module re-exports the package's
   * `Entity` (`import { Entity } from 'pkg'; export { Entity }`) is the package's, also where the
   * checker cannot resolve `#lib/…` and where the package has no types (its import is seen).
   */
  private fromAny(symbol: ts.Symbol | undefined, packages: readonly string[], name: string): boolean {
    let current = symbol;
    for (let hop = 0; current && hop <= MAX_ALIAS_HOPS; hop++) {
      const at = current;
      if (packages.some((pkg) => this.fromPackage(at, pkg, name))) return true;
      if (!(at.flags & ts.SymbolFlags.Alias)) return false;
      // A resolved alias whose end is declared somewhere: `fromPackage` has already judged that end.
      if (this.checker.getAliasedSymbol(at).declarations?.length) return false;
      current = this.unresolved()?.aliasStep(at);
    }
    return false;
  }

  /** A callee whose own symbol is declared in the package (`dynamoose.model`, `new Entity`). */
  private namedFrom(expression: ts.Expression, packages: readonly string[]): boolean {
    const node = skipOuter(expression);
    const nameNode = ts.isPropertyAccessExpression(node) ? node.name : node;
    if (!ts.isIdentifier(nameNode)) return false;
    const symbol = this.checker.getSymbolAtLocation(nameNode);
    return packages.some((pkg) =>
      symbolMatches(this.checker, symbol, [{ from: 'package', package: pkg, name: nameNode.text }]),
    );
  }
}

function lastAttribute(parts: readonly MapperPart[]): string | undefined {
  for (let i = parts.length - 1; i >= 0; i--) if (parts[i]!.role === 'conditions') return parts[i]!.attribute;
  return undefined;
}

/** An entity's definition literal, and the literal that holds it when it is one model of several (a OneTable schema). */
interface EntityDefinition {
  readonly definition?: ts.ObjectLiteralExpression;
  readonly container?: ts.ObjectLiteralExpression;
}

function stringConstant(node: ts.Expression): string | undefined {
  const value = skipOuter(node);
  return ts.isStringLiteralLike(value) ? value.text : undefined;
}

function shortName(node: ts.Expression): string {
  const value = skipOuter(node);
  if (ts.isIdentifier(value)) return value.text;
  if (ts.isPropertyAccessExpression(value)) return value.name.text;
  return 'entity';
}

/** `string().key()`: a builder chain that calls one of the methods. */
function callsMethod(node: ts.Expression, methods: readonly string[]): boolean {
  let value = skipOuter(node);
  for (let i = 0; i < MAX_CHAIN && ts.isCallExpression(value); i++) {
    const callee = skipOuter(value.expression);
    if (!ts.isPropertyAccessExpression(callee)) return false;
    if (methods.includes(callee.name.text)) return true;
    value = skipOuter(callee.expression);
  }
  return false;
}

/** Whether a file imports or requires one of the packages or a subpath of one (a comment naming a package imports nothing). */
function importsAny(file: ts.SourceFile, packages: readonly string[]): boolean {
  if (!packages.some((pkg) => file.text.includes(pkg))) return false;
  return moduleSpecifiers(file).some((specifier) => {
    const name = ts.isStringLiteralLike(specifier) ? specifier.text : undefined;
    return name !== undefined && packages.some((pkg) => name === pkg || name.startsWith(`${pkg}/`));
  });
}

/**
 * `export function request(ctx) { return { operation: 'Query', … } }`: a literal that a module
 * export of one of the names returns, directly, as one branch of a conditional, or through a
 * variable of its own it returns (`const req = { … }; return req;`).
 */
function returnedByExport(node: ts.ObjectLiteralExpression, names: readonly string[]): boolean {
  if (!names.length) return false;
  const fn = enclosingFunction(node);
  if (ts.isSourceFile(fn) || !isExportedAs(fn, names)) return false;
  let value: ts.Node = node;
  while (isOuterExpression(value.parent) || ts.isConditionalExpression(value.parent)) value = value.parent;
  const holder = value.parent;
  const held =
    ts.isVariableDeclaration(holder) && holder.initializer === value && ts.isIdentifier(holder.name)
      ? holder.name.text
      : undefined;
  return returnedExpressions(fn)
    .flatMap(branches)
    .some((returned) => {
      const inner = skipOuter(returned);
      return inner === node || (held !== undefined && ts.isIdentifier(inner) && inner.text === held);
    });
}

/** A create call whose options keep its condition: it cannot overwrite an existing item. */
function creates(spec: MapperCallModel, args: readonly ts.Expression[]): boolean {
  if (!spec.creates) return false;
  const { options, unless = [] } = spec.creates;
  return options === undefined || !anyOptionGiven(args[options], unless);
}

/** `get: () => undefined`, `get: () => '***'`: a getter whose returns use none of its parameters never gives back the stored value. */
function getterHides(options: ts.ObjectLiteralExpression | undefined, names: readonly string[]): boolean {
  const member = options?.properties.find((property) => names.includes(propertyNameOf(property) ?? ''));
  const getter = member && (ts.isMethodDeclaration(member) ? member : memberValue(member));
  if (!getter || !isFunctionNode(getter) || !getter.body) return false;
  const parameters = new Set(getter.parameters.map((p) => (ts.isIdentifier(p.name) ? p.name.text : '')));
  if (parameters.has('')) return false;
  parameters.add('arguments');
  for (const node of descendants(getter.body)) if (ts.isIdentifier(node) && parameters.has(node.text)) return false;
  return true;
}

/** The values an expression may have: both branches of a conditional, else itself. */
function branches(node: ts.Expression): ts.Expression[] {
  const value = skipOuter(node);
  return ts.isConditionalExpression(value) ? [...branches(value.whenTrue), ...branches(value.whenFalse)] : [node];
}
