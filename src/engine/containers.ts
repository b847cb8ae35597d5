import ts from 'typescript';
import {
  addTo,
  bindingPath,
  calledName,
  descendants,
  findProperty,
  isFunctionNode,
  memberValue,
  ownSourceFiles,
  parentOf,
  propertyNameOf,
  skipOuter,
  staticName,
} from './ast.js';
import type { FunctionNode } from './ast.js';
import { functionOfDeclaration } from './definitions.js';
import type { Definitions } from './definitions.js';
import { classChain, constructorOf, superCall } from './flow/classes.js';
import type { ContainerModel, ContainerOption } from './model.js';
import { constantString } from './strings.js';
import type { Specifier } from './types.js';

/** What the program registered in a container under a name (`ContainerModel.registrations`). */
interface Registration {
  readonly kind: 'class' | 'factory' | 'value';
  /** The class, the factory function or the value handed to the helper. */
  readonly value: ts.Expression;
  /** The file that registers it: the container's own. */
  readonly file: ts.SourceFile;
  /** The container it is registered in: only its lookups hand it out. */
  readonly model: ContainerModel;
}

/** A container's helper (`asClass`) as a specifier, with the kind of registration it makes. */
interface Helper {
  readonly spec: readonly Specifier[];
  readonly kind: Registration['kind'];
  readonly model: ContainerModel;
}

/** A registration name a value was looked up by, in the container it was looked up in. */
interface Lookup {
  readonly name: string;
  readonly model: ContainerModel;
}

/** Wrappers followed from a lookup (`get(name) { return this.container.resolve(name) }`) before giving up. */
const MAX_FORWARDING_DEPTH = 3;
/** Method calls chained on a registration helper (`asClass(C).singleton().inject(…)`). */
const MAX_CHAINED_CALLS = 4;

/**
 * Dependency-injection containers (`ContainerModel`): the registrations of the program, by name,
 * found once per program; the names a value is looked up by; the methods a looked-up value runs
 * (`Definitions.callee`); and the files that register a class or function, which a container's
 * injection makes that class's callees (`DynamoAnalysis.mayReachSinks`).
 */
export class Containers {
  private index: Map<string, Registration[]> | undefined;
  /** The files that register a class or factory, by the file that declares it. */
  private registeringFiles: Map<ts.SourceFile, ts.SourceFile[]> | undefined;
  private readonly helpers: readonly Helper[];
  private readonly lookupSpecs: readonly Specifier[];

  constructor(
    private readonly program: ts.Program,
    private readonly definitions: Definitions,
    private readonly models: readonly ContainerModel[],
    /** Whether a call is of a specified library function, typed or by import (`Tracer.calls`). */
    private readonly calls: (call: ts.CallExpression, specs: readonly Specifier[]) => boolean,
  ) {
    this.helpers = models.flatMap((model) =>
      Object.entries(model.registrations).map(([name, kind]) => ({
        spec: [{ from: 'package' as const, package: model.package, name }],
        kind,
        model,
      })),
    );
    this.lookupSpecs = models.map((model) => ({
      from: 'package' as const,
      package: model.package,
      name: model.lookups,
    }));
  }

  /**
   * The functions a method called on a looked-up value runs: `execute` of the class registered
   * under the name (`container.resolve('getTodo').execute(id)`), one per registration.
   */
  members(holder: ts.Expression, name: string): (FunctionNode | undefined)[] {
    if (!this.models.length) return [];
    return this.namesOf(holder, 0).flatMap((lookup) =>
      this.registered(lookup).map((registration) => this.memberOf(registration, name)),
    );
  }

  /** What a container registered under a name. */
  private registered({ name, model }: Lookup): Registration[] {
    return (this.registrations().get(name) ?? []).filter((registration) => registration.model === model);
  }

  /** The files that register a class or function a file declares: the container that injects its other registrations into it. */
  registeringFilesOf(file: ts.SourceFile): readonly ts.SourceFile[] {
    if (!this.models.length) return [];
    this.registrations();
    return this.registeringFiles?.get(file) ?? [];
  }

  /**
   * The files that register in a container whose cradle a file names (`dataSources.recipes`): what
   * the file looks up there runs what they register, though it imports none of them.
   */
  registeringFilesReadBy(file: ts.SourceFile): readonly ts.SourceFile[] {
    const cradles = this.models.filter((model) => model.cradle !== undefined && file.text.includes(model.cradle));
    if (!cradles.length) return [];
    const files = new Set<ts.SourceFile>();
    for (const list of this.registrations().values())
      for (const registration of list) if (cradles.includes(registration.model)) files.add(registration.file);
    files.delete(file);
    return [...files];
  }

  /** The registration names an expression's value was looked up by. */
  private namesOf(expression: ts.Expression, depth: number): Lookup[] {
    let node = skipOuter(expression);
    if (ts.isAwaitExpression(node)) node = skipOuter(node.expression);
    if (ts.isIdentifier(node)) {
      const destructured = this.destructuredFromCradle(node);
      if (destructured.length) return destructured;
      const initializer = this.definitions.constInitializer(node);
      return initializer && depth < MAX_FORWARDING_DEPTH ? this.namesOf(initializer, depth + 1) : [];
    }
    if (ts.isPropertyAccessExpression(node)) {
      const holder = skipOuter(node.expression);
      const cradles = this.cradlesOf(holder);
      if (cradles.length) return cradles.map((model) => ({ name: node.name.text, model }));
      return holder.kind === ts.SyntaxKind.ThisKeyword ? this.injectedNames(node) : [];
    }
    if (!ts.isCallExpression(node)) return [];
    const lookup = this.lookedUpBy(node);
    if (lookup) return constantName(this.definitions, lookup.argument).map((name) => ({ name, model: lookup.model }));
    // A wrapper of the lookup: `get(name) { return this.container.resolve(name); }`, or one that names it.
    const fn = depth < MAX_FORWARDING_DEPTH ? this.definitions.callee(node) : undefined;
    if (!fn) return [];
    return this.definitions.returnExpressions(fn).flatMap((returned) => {
      let inner = skipOuter(returned);
      if (ts.isAwaitExpression(inner)) inner = skipOuter(inner.expression);
      const forwarded = ts.isCallExpression(inner) ? this.lookedUpBy(inner) : undefined;
      const index = forwarded ? parameterIndex(this.definitions, fn, forwarded.argument) : -1;
      if (!forwarded || index < 0) return this.namesOf(returned, depth + 1);
      const given = node.arguments[index];
      return given ? constantName(this.definitions, given).map((name) => ({ name, model: forwarded.model })) : [];
    });
  }

  /**
   * The containers whose cradle a holder is: `container.cradle`, and a name destructured from an
   * object's cradle member (`({ dataSources }) => dataSources.recipes`), or a constant set to one.
   */
  private cradlesOf(holder: ts.Expression): ContainerModel[] {
    let name: string | undefined;
    if (ts.isPropertyAccessExpression(holder)) name = holder.name.text;
    else if (ts.isIdentifier(holder)) {
      const initializer = this.definitions.constInitializer(holder);
      const read = initializer && skipOuter(initializer);
      name = read && ts.isPropertyAccessExpression(read) ? read.name.text : this.destructuredAt(holder).at(-1);
    }
    return name === undefined ? [] : this.models.filter((model) => model.cradle === name);
  }

  /** `recipes` of `({ dataSources: { recipes } })`: the registration named, in the cradle destructured. */
  private destructuredFromCradle(identifier: ts.Identifier): Lookup[] {
    const path = this.destructuredAt(identifier);
    const name = path.at(-1);
    const cradle = path.at(-2);
    if (name === undefined || cradle === undefined) return [];
    return this.models.filter((model) => model.cradle === cradle).map((model) => ({ name, model }));
  }

  /** The members a name was destructured from (`({ a: { b } })`: `['a', 'b']`); none for other names. */
  private destructuredAt(identifier: ts.Identifier): readonly string[] {
    const declaration = this.definitions.declarationOf(identifier);
    if (!declaration || !ts.isBindingElement(declaration)) return [];
    const binding = bindingPath(declaration);
    return binding.rest ? [] : binding.path;
  }

  /** The name argument of a container lookup (`container.resolve(name)`): typed as the package's, or on a value the checker cannot type. */
  private lookedUpBy(call: ts.CallExpression): { argument: ts.Expression; model: ContainerModel } | undefined {
    const callee = skipOuter(call.expression);
    if (!ts.isPropertyAccessExpression(callee) || !call.arguments[0]) return undefined;
    const model = this.models.find((candidate) => candidate.lookups.includes(callee.name.text));
    if (!model) return undefined;
    const untyped = !this.definitions.symbolOf(callee.name);
    return untyped || this.calls(call, this.lookupSpecs) ? { argument: call.arguments[0], model } : undefined;
  }

  /**
   * `this.todos` in a class the program registers, where its constructor stores a parameter there:
   * the container passes the registration named by the parameter (CLASSIC injection,
   * `constructor(todos)`) or by the property read from its first parameter (PROXY injection,
   * `constructor({ todos })`, `constructor(cradle) { this.todos = cradle.todos }`).
   */
  private injectedNames(read: ts.PropertyAccessExpression): Lookup[] {
    let owner = parentOf(read);
    while (owner && !ts.isClassLike(owner)) owner = parentOf(owner);
    const model = owner && this.registeringModel(owner);
    const ctor = model && constructorOf(owner!);
    if (!model || !ctor?.body) return [];
    const names: Lookup[] = [];
    for (const statement of ctor.body.statements) {
      if (!ts.isExpressionStatement(statement) || !ts.isBinaryExpression(statement.expression)) continue;
      const { left, operatorToken, right } = statement.expression;
      if (operatorToken.kind !== ts.SyntaxKind.EqualsToken || !ts.isPropertyAccessExpression(left)) continue;
      if (left.expression.kind !== ts.SyntaxKind.ThisKeyword || left.name.text !== read.name.text) continue;
      const injected = injectedName(this.definitions, ctor, skipOuter(right));
      if (injected) names.push({ name: injected, model });
    }
    return names;
  }

  /**
   * The values a container passes for a constructor parameter of a class it registers (or a name
   * destructured from it): `asValue(AWS)` registered as `AWS` for `constructor(AWS)`, what a
   * factory registered under the name returns. A class registered there has no `new` to give.
   */
  injectedValues(declaration: ts.Declaration): ts.Expression[] {
    if (!this.models.length) return [];
    let ctor = parentOf(declaration);
    while (ctor && !ts.isConstructorDeclaration(ctor) && !isFunctionNode(ctor)) ctor = parentOf(ctor);
    return ctor && ts.isConstructorDeclaration(ctor) ? this.injectedInto(ctor, declaration, 0) : [];
  }

  /** `injectedValues`, where a base class's constructor gets what a registered subclass passes to `super(…)`. */
  private injectedInto(ctor: ts.ConstructorDeclaration, declaration: ts.Declaration, depth: number): ts.Expression[] {
    const model = this.registeringModel(ctor.parent);
    if (model) {
      const name = parameterName(ctor, declaration);
      return (name === undefined ? [] : this.registered({ name, model })).flatMap((registration) => {
        if (registration.kind === 'value') return [registration.value];
        const factory = registration.kind === 'factory' ? this.functionOf(registration.value) : undefined;
        return factory ? this.definitions.returnExpressions(factory) : [];
      });
    }
    if (depth >= MAX_FORWARDING_DEPTH || !ts.isParameter(declaration)) return [];
    const index = ctor.parameters.indexOf(declaration);
    return this.registeredSubclassesOf(ctor.parent).flatMap((derived) => {
      const derivedCtor = constructorOf(derived);
      const argument = derivedCtor && superCall(derivedCtor)?.arguments[index];
      const given = argument && skipOuter(argument);
      const passed = given && ts.isIdentifier(given) ? this.definitions.declarationOf(given) : undefined;
      return derivedCtor && passed ? this.injectedInto(derivedCtor, passed, depth + 1) : [];
    });
  }

  /** The classes directly extending a class on the way to a registered class (`TodosRepository extends DynamoDBRepository`). */
  private registeredSubclassesOf(base: ts.ClassLikeDeclaration): ts.ClassLikeDeclaration[] {
    const out: ts.ClassLikeDeclaration[] = [];
    for (const list of this.registrations().values())
      for (const registration of list) {
        if (registration.kind !== 'class') continue;
        const chain = classChain(this.definitions, registration.value);
        const at = chain.indexOf(base);
        if (at > 0 && !out.includes(chain[at - 1]!)) out.push(chain[at - 1]!);
      }
    return out;
  }

  /** The container that registers a class, which injects its constructor's parameters. */
  private registeringModel(owner: ts.ClassLikeDeclaration): ContainerModel | undefined {
    for (const list of this.registrations().values())
      for (const registration of list)
        if (registration.kind === 'class' && classChain(this.definitions, registration.value)[0] === owner)
          return registration.model;
    return undefined;
  }

  /** The function a registration's instance, result or value holds under a method name. */
  private memberOf(registration: Registration, name: string): FunctionNode | undefined {
    if (registration.kind === 'class') return this.instanceMethod(registration.value, name);
    if (registration.kind === 'value') return this.objectMember(registration.value, name);
    const factory = this.functionOf(registration.value);
    if (!factory) return undefined;
    const found = new Set(this.definitions.returnExpressions(factory).map((value) => this.objectMember(value, name)));
    return found.size === 1 ? [...found][0] : undefined;
  }

  /** `new Todos(…)`'s member, or the member an object literal (or the constant naming one) holds. */
  private objectMember(value: ts.Expression, name: string): FunctionNode | undefined {
    const node = skipOuter(value);
    return ts.isNewExpression(node)
      ? this.instanceMethod(node.expression, name)
      : this.definitions.memberFunction(node, name);
  }

  /** The method an instance of a class runs under a name: the most derived class's that has a body. */
  private instanceMethod(classExpression: ts.Expression, name: string): FunctionNode | undefined {
    for (const owner of classChain(this.definitions, classExpression))
      for (const member of owner.members) {
        if (!member.name || !ts.isIdentifier(member.name) || member.name.text !== name) continue;
        const fn = isFunctionNode(member) ? member : functionOfDeclaration(member);
        if (fn?.body) return fn;
      }
    return undefined;
  }

  private functionOf(value: ts.Expression): FunctionNode | undefined {
    const node = skipOuter(value);
    if (isFunctionNode(node)) return node;
    const declaration = ts.isIdentifier(node) ? this.definitions.declarationOf(node) : undefined;
    return declaration && functionOfDeclaration(declaration);
  }

  /**
   * The program's registrations by name, read once from the files that call a register method or
   * pass a registering option.
   */
  private registrations(): Map<string, Registration[]> {
    if (this.index) return this.index;
    const index = new Map<string, Registration[]>();
    this.index = index;
    const registers = new Set(this.models.flatMap((model) => model.registers));
    const helperNames = this.models.flatMap((model) => Object.keys(model.registrations));
    const options = this.models.flatMap((model) => (model.options ?? []).map((option) => ({ option, model })));
    const optionCallees = new Set(options.flatMap(({ option }) => option.callees));
    for (const file of ownSourceFiles(this.program)) {
      const registersHere = helperNames.some((helper) => file.text.includes(helper));
      const optionsHere = [...optionCallees].some((callee) => file.text.includes(callee));
      if (!registersHere && !optionsHere) continue;
      for (const node of descendants(file)) {
        if (optionsHere && (ts.isCallExpression(node) || ts.isNewExpression(node))) {
          const name = calledName(node.expression);
          for (const { option, model } of options)
            if (name !== undefined && option.callees.includes(name))
              for (const [registered, value] of this.optionRegistrations(node, option))
                addTo(index, registered, { kind: 'value', value, file, model });
        }
        if (!registersHere || !ts.isCallExpression(node)) continue;
        const callee = skipOuter(node.expression);
        if (!ts.isPropertyAccessExpression(callee) || !registers.has(callee.name.text)) continue;
        const [first, second] = node.arguments;
        const entries: [string, ts.Expression | undefined][] = [];
        const object = first && skipOuter(first);
        if (object && ts.isObjectLiteralExpression(object)) {
          for (const member of object.properties) {
            const name = propertyNameOf(member);
            if (name !== undefined) entries.push([name, memberValue(member)]);
          }
        } else if (first && second) {
          for (const name of constantName(this.definitions, first)) entries.push([name, second]);
        }
        for (const [name, value] of entries) {
          const registration = value && this.registration(value, file);
          if (registration) addTo(index, name, registration);
        }
      }
    }
    this.registeringFiles = this.byDeclaringFile(index);
    return index;
  }

  /**
   * The members of the object a call's option function returns, at the option's path:
   * `new ApolloServer({ dataSources: () => ({ recipes: new RecipesAPI() }) })` → `recipes`.
   */
  private *optionRegistrations(
    call: ts.CallExpression | ts.NewExpression,
    option: ContainerOption,
  ): Iterable<[string, ts.Expression]> {
    for (const argument of call.arguments ?? []) {
      const options = skipOuter(argument);
      if (!ts.isObjectLiteralExpression(options)) continue;
      for (const member of options.properties) {
        if (staticName(member.name) !== option.property) continue;
        const held = ts.isMethodDeclaration(member) ? member : memberValue(member);
        const factory = held && (isFunctionNode(held) ? held : this.functionOf(held));
        for (const returned of factory ? this.definitions.returnExpressions(factory) : []) {
          const object = this.objectAt(returned, option.path ?? []);
          for (const registered of object?.properties ?? []) {
            const name = propertyNameOf(registered);
            const value = memberValue(registered);
            if (name !== undefined && value) yield [name, value];
          }
        }
      }
    }
  }

  /** The object literal a value holds at a path of members (`{ dataSources: { … } }` at `['dataSources']`). */
  private objectAt(value: ts.Expression, path: readonly string[]): ts.ObjectLiteralExpression | undefined {
    let node = skipOuter(value);
    for (const name of path) {
      const member = ts.isObjectLiteralExpression(node) ? findProperty(node, name) : undefined;
      const held = member && memberValue(member);
      if (!held) return undefined;
      node = skipOuter(held);
    }
    return ts.isObjectLiteralExpression(node) ? node : undefined;
  }

  /** `asClass(Todos)`, `awilix.asClass(Todos).singleton()`: the helper's kind and argument. */
  private registration(value: ts.Expression, file: ts.SourceFile): Registration | undefined {
    let node = skipOuter(value);
    for (let hop = 0; hop < MAX_CHAINED_CALLS && ts.isCallExpression(node); hop++) {
      const call = node;
      const helper = this.helpers.find((candidate) => this.calls(call, candidate.spec));
      const argument = call.arguments[0];
      if (helper) return argument ? { kind: helper.kind, value: argument, file, model: helper.model } : undefined;
      const callee = skipOuter(call.expression);
      if (!ts.isPropertyAccessExpression(callee)) return undefined;
      node = skipOuter(callee.expression);
    }
    return undefined;
  }

  private byDeclaringFile(index: Map<string, Registration[]>): Map<ts.SourceFile, ts.SourceFile[]> {
    const out = new Map<ts.SourceFile, ts.SourceFile[]>();
    for (const list of index.values())
      for (const registration of list) {
        const declared =
          registration.kind === 'class'
            ? classChain(this.definitions, registration.value)[0]
            : registration.kind === 'factory'
              ? this.functionOf(registration.value)
              : undefined;
        const file = declared?.getSourceFile();
        if (!file || file === registration.file) continue;
        const files = out.get(file);
        if (!files) out.set(file, [registration.file]);
        else if (!files.includes(registration.file)) files.push(registration.file);
      }
    return out;
  }
}

/** A name given as a constant string: `'getTodo'`, or a constant naming one. */
function constantName(definitions: Definitions, expression: ts.Expression): string[] {
  const name = constantString(definitions, expression);
  return name.complete ? [name.text] : [];
}

/** The position of the parameter of `fn` an expression names, or -1. */
function parameterIndex(definitions: Definitions, fn: FunctionNode, expression: ts.Expression): number {
  const node = skipOuter(expression);
  const declaration = ts.isIdentifier(node) ? definitions.declarationOf(node) : undefined;
  return declaration && ts.isParameter(declaration) && declaration.parent === fn
    ? fn.parameters.indexOf(declaration)
    : -1;
}

/**
 * The registration a constructor's value came from: a parameter by its name (CLASSIC), a name
 * destructured from the first parameter or a property read from it (PROXY).
 */
function injectedName(
  definitions: Definitions,
  ctor: ts.ConstructorDeclaration,
  value: ts.Expression,
): string | undefined {
  if (ts.isPropertyAccessExpression(value)) {
    const holder = skipOuter(value.expression);
    const declaration = ts.isIdentifier(holder) ? definitions.declarationOf(holder) : undefined;
    return declaration && declaration === ctor.parameters[0] ? value.name.text : undefined;
  }
  const declaration = ts.isIdentifier(value) ? definitions.declarationOf(value) : undefined;
  return declaration && parameterName(ctor, declaration);
}

/** The registration name a constructor's parameter or a name destructured from its first parameter is injected by. */
function parameterName(ctor: ts.ConstructorDeclaration, declaration: ts.Declaration): string | undefined {
  if (ts.isParameter(declaration) && declaration.parent === ctor && ts.isIdentifier(declaration.name))
    return declaration.name.text;
  if (ts.isBindingElement(declaration) && declaration.parent.parent === ctor.parameters[0]) {
    const name = declaration.propertyName ?? declaration.name;
    return ts.isIdentifier(name) ? name.text : undefined;
  }
  return undefined;
}
