import ts from 'typescript';
import {
  bindingPath,
  concatenationOperands,
  equalityOf,
  followsInBlock,
  isFunctionNode,
  memberValue,
  parentOf,
  propertyNameOf,
  pushAll,
  renamedImport,
  shortText,
  skipOuter,
  staticName,
} from '../ast.js';
import type { FunctionNode } from '../ast.js';
import { DecoratedParameters } from '../decorated-parameters.js';
import { Containers } from '../containers.js';
import { Definitions } from '../definitions.js';
import type { PropertyWrite } from '../definitions.js';
import { Guards } from '../guards/dominators.js';
import { outcomeChecked } from '../guards/outcomes.js';
import { decodesVerifiedToken } from './gateway-tokens.js';
import { sendsPrincipalCommand } from './principal-commands.js';
import type { EngineModel, SourceCallModel } from '../model.js';
import { RequestObjects } from '../request-objects.js';
import { DeclaredSchemas } from '../schemas.js';
import {
  CLEAN,
  NOTHING,
  alternatives,
  dropContent,
  flatMapOrigins,
  hasOrigin,
  mapOrigins,
  mix,
  requestSource,
  sanitize,
  single,
  withStep,
} from '../taint.js';
import type { Origin, ParamOrigin, Sanitization, Step, Taint } from '../taint.js';
import { packageExports, specifierNames, symbolMatches } from '../types.js';
import { importedName } from '../unresolved-imports.js';
import type { Specifier } from '../types.js';
import { substitute, withReturnHop } from './arguments.js';
import { builtinCall, builtinConstruction } from './builtins.js';
import { callbackParameter } from '../callback-parameters.js';
import { heldValueCall, heldValueParameter, heldValueRead } from './held-values.js';
import { keyedReadCall } from './keyed-reads.js';
import { callbackRunnerCall } from './callback-runners.js';
import { PassedFunctions } from './passed-functions.js';
import { constructedValue, receiverValue } from './classes.js';
import { copiedInto, isCopyWrite } from './copies.js';
import { isConstantFallback } from './live-branches.js';
import { LayeredMemo } from './memo.js';
import { ANY, KEYS, startsWith } from './path.js';
import type { CallOverlay, Path, ProducedBy } from './path.js';
import { Shapes, literalMember } from './shapes.js';
import type { Shape } from './shapes.js';

/**
 * An object's value seen as its keys: whoever chose a request object chose its keys, and a
 * parameter's keys are those of the caller's argument (its path extended by `KEYS`).
 */
function keysOfParameters(taint: Taint): Taint {
  return mapOrigins(taint, (origin) =>
    origin.kind === 'param' && origin.path.at(-1) !== KEYS ? { ...origin, path: [...origin.path, KEYS] } : origin,
  );
}

/**
 * The hop of a write on a value's way, named by the write. A write made by a call (`cache.set(id, user)`,
 * `Object.assign(out, { data })`) hops at the value it writes: call hops on an item's way are reserved
 * for deny-lists (`_.omit`), and a container's setter removes nothing.
 */
function writeStep(write: { readonly at: ts.Node; readonly value: ts.Expression }): Step {
  return { label: `\`${shortText(write.at, 40)}\``, node: ts.isCallExpression(write.at) ? write.value : write.at };
}

/** Any one of the values; nothing when every one of them is nothing (a variable only ever set to `{ ok: false }`). */
function oneOf(taints: readonly Taint[]): Taint {
  return taints.length && taints.every((taint) => taint.alts.length === 0) ? NOTHING : alternatives(taints);
}

/** Bounds on every walk: recursion depth, and nodes visited per top-level question. */
const MAX_DEPTH = 150;
const FUEL_PER_QUERY = 30_000;
/** How many member reads (`result.data`) are followed back to the parse whose value they read. */
const MAX_KEYED_READS = 4;
export class Tracer {
  readonly definitions: Definitions;
  /** Dependency-injection containers: what a name looked up in one stands for. */
  readonly containers: Containers;
  readonly guards: Guards;
  readonly requestObjects: RequestObjects;
  readonly schemas: DeclaredSchemas;
  readonly shapes: Shapes;
  private readonly memo = new LayeredMemo();
  private readonly returnMemo = new LayeredMemo();
  /** The overlay of the question being answered, if it has one. */
  private overlay: CallOverlay | undefined;
  /** Whether the answer being computed went through a call (and so may depend on the overlay). */
  private reachedCall = false;
  private readonly stack: ts.Node[] = [];
  private readonly onStack = new Map<string, number>();
  /** Lowest stack index a cycle reached: frames above it hold partial answers, not memoised. */
  private cycleFloor = Infinity;
  private fuel = FUEL_PER_QUERY;
  private readonly listNames = new WeakMap<readonly Specifier[], ReadonlySet<string>>();
  private readonly specNames = new Map<Specifier, ReadonlySet<string>>();
  private readonly identifierDeclarations = new Map<ts.Identifier, ts.Declaration | null>();

  readonly checker: ts.TypeChecker;
  private readonly decoratedParameters: DecoratedParameters;
  /** Functions handed to wrappers (`wrap(impl)`), for calls of a wrapper's parameter. */
  readonly passed: PassedFunctions;

  constructor(
    readonly program: ts.Program,
    readonly model: EngineModel,
    private readonly producedBy?: ProducedBy,
  ) {
    this.checker = program.getTypeChecker();
    this.definitions = new Definitions(
      this.checker,
      program,
      (holder, name) => this.containers.members(holder, name),
      model.deployments,
    );
    this.containers = new Containers(program, this.definitions, model.containers ?? [], (call, specs) =>
      this.calls(call, specs),
    );
    const readWords = [
      ...(model.decorators ?? []).flatMap((decorator) => Object.keys(decorator.sources)),
      ...(model.sourceCalls ?? []).flatMap((source) => specifierNames(source.callee)),
    ];
    this.schemas = new DeclaredSchemas(this.checker, this.definitions, model.schemas ?? []);
    this.requestObjects = new RequestObjects(
      this.checker,
      this.definitions,
      model.requestObjects,
      program,
      readWords,
      this.schemas,
      (value) => this.value(value),
    );
    const registrars = new Set(
      model.requestObjects.flatMap(
        (object) =>
          object.parameters?.flatMap((matcher) => (matcher.kind === 'callback' ? matcher.registrars : [])) ?? [],
      ),
    );
    this.decoratedParameters = new DecoratedParameters(this.checker, this.definitions, model.decorators ?? [], program);
    // Before the guards, whose route-middleware index asks it where wrappers call their handlers.
    this.passed = new PassedFunctions(this);
    this.guards = new Guards(this, program, registrars);
    this.shapes = new Shapes(this);
  }

  /** The origins of `node`'s value, or of the value at `path` inside it. */
  value(node: ts.Expression, path: Path = []): Taint {
    const key = path.join('\u0000');
    const cached = this.memo.get(node, key, this.overlay);
    if (cached) {
      this.reachedCall ||= cached.throughCall;
      return cached.taint;
    }
    // A node the tracer was handed detached from any file has no source file, whatever the type says.
    // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition
    const frameKey = `${node.pos}:${node.end}:${node.getSourceFile?.()?.fileName ?? ''}:${key}`;
    const onStackAt = this.onStack.get(frameKey);
    if (onStackAt !== undefined) {
      this.cycleFloor = Math.min(this.cycleFloor, onStackAt);
      return CLEAN;
    }
    if (this.stack.length === 0) this.fuel = FUEL_PER_QUERY;
    if (this.stack.length >= MAX_DEPTH || --this.fuel < 0) {
      this.cycleFloor = Math.min(this.cycleFloor, this.stack.length - 1);
      return CLEAN;
    }
    const index = this.stack.length;
    this.stack.push(node);
    this.onStack.set(frameKey, index);
    const outer = this.reachedCall;
    this.reachedCall = false;
    let result: Taint;
    let throughCall: boolean;
    try {
      result = this.compute(node, path);
    } finally {
      this.stack.pop();
      this.onStack.delete(frameKey);
      throughCall = this.reachedCall;
      this.reachedCall = outer || throughCall;
    }
    if (this.cycleFloor >= index) {
      this.memo.set(node, key, this.overlay, result, throughCall);
      if (this.cycleFloor === index) this.cycleFloor = Infinity;
    }
    if (index === 0) this.cycleFloor = Infinity;
    return result;
  }

  /** Answers `run` with a question's overlay on library calls (see `CallOverlay`). */
  withOverlay<T>(overlay: CallOverlay, run: () => T): T {
    const outer = this.overlay;
    this.overlay = overlay;
    try {
      return run();
    } finally {
      this.overlay = outer;
    }
  }

  /**
   * Guards and validator checks are about request values, which no overlay changes: they are
   * asked without one, so their caches hold the one answer every question shares.
   */
  private withoutOverlay<T>(run: () => T): T {
    const outer = this.overlay;
    this.overlay = undefined;
    try {
      return run();
    } finally {
      this.overlay = outer;
    }
  }

  private compute(raw: ts.Expression, path: Path): Taint {
    if (path.at(-1) === KEYS) return this.keysAt(raw, path.slice(0, -1));
    const node = skipOuter(raw);
    if (node !== raw) return this.value(node, path);

    const root = this.requestObjects.atExpression(node, path);
    if (root) return root;
    const assigned = this.requestObjects.assigned(node, path);
    if (assigned) return alternatives(assigned.map(({ value, rest }) => this.value(value, rest)));

    if (ts.isIdentifier(node)) return this.guarded(node, path, this.identifier(node, path));
    if (ts.isPropertyAccessExpression(node)) {
      // `result.value`: the value a modelled container holds.
      const container = heldValueRead(this, node);
      if (container) return this.guarded(node, path, this.value(container, path));
      return this.guarded(node, path, this.value(node.expression, [node.name.text, ...path]));
    }
    if (ts.isElementAccessExpression(node)) {
      const name = this.definitions.elementName(node.argumentExpression);
      // A computed key picks some property: the client choosing the key is an implicit flow.
      const taint = this.value(node.expression, [name ?? ANY, ...path]);
      return name === undefined ? taint : this.guarded(node, path, taint);
    }
    if (ts.isCallExpression(node)) return this.call(node, path);
    if (ts.isAwaitExpression(node)) return this.value(node.expression, path);
    if (ts.isTemplateExpression(node)) {
      return mix(node.templateSpans.map((span) => this.value(span.expression)));
    }
    if (ts.isBinaryExpression(node)) return this.binary(node, path);
    if (ts.isConditionalExpression(node)) return this.conditional(node, path);
    if (ts.isObjectLiteralExpression(node)) return this.objectLiteral(node, path);
    if (ts.isArrayLiteralExpression(node)) return this.arrayLiteral(node, path);
    if (ts.isPrefixUnaryExpression(node)) {
      if (node.operator === ts.SyntaxKind.PlusToken || node.operator === ts.SyntaxKind.MinusToken) {
        return dropContent(this.value(node.operand));
      }
      return CLEAN;
    }
    if (ts.isSpreadElement(node)) return this.value(node.expression, path);
    if (node.kind === ts.SyntaxKind.ThisKeyword && path.length)
      return this.classField(node, path) ?? receiverValue(node, path);
    if (ts.isNewExpression(node))
      return builtinConstruction(this, node, path) ?? constructedValue(this, node, path) ?? CLEAN;
    return CLEAN;
  }

  /**
   * `this.x`: the field's initializer and every `this.x = …` in the class's own methods, or
   * `undefined` when the class sets no such field (a getter, a parameter property, a subclass's member).
   */
  private classField(node: ts.Expression, path: Path): Taint | undefined {
    let owner = parentOf(node);
    while (owner && !ts.isClassLike(owner)) owner = parentOf(owner);
    const [name, ...rest] = path;
    if (!owner || name === undefined) return undefined;
    const values: { value: ts.Expression; path: Path }[] = [];
    for (const member of owner.members) {
      if (ts.isPropertyDeclaration(member) && staticName(member.name) === name && member.initializer)
        values.push({ value: member.initializer, path: rest });
    }
    const writes = this.definitions.thisWrites(owner).filter((write) => write.path[0] === name);
    // `this.input.userId = claims.sub` right after `this.input = JSON.parse(body)` replaces the parsed
    // property for every later read (a strong update); written elsewhere, it is one more value it may hold.
    const [member] = rest;
    const memberWrites = writes.filter((write) => write.path.length === 2 && write.path[1] === member);
    const replacing = new Set<PropertyWrite>();
    for (const write of writes) {
      if (write.path.length !== 1) continue;
      const replaced = memberWrites.findLast((later) => followsInBlock(write.at, later.at));
      if (replaced) replacing.add(replaced);
      values.push(replaced ? { value: replaced.value, path: rest.slice(1) } : { value: write.value, path: rest });
    }
    for (const write of memberWrites)
      if (!replacing.has(write)) values.push({ value: write.value, path: rest.slice(1) });
    if (!values.length) return undefined;
    const step = { label: `\`this.${name}\``, node };
    const found = alternatives(values.map(({ value, path: at }) => this.value(value, at)));
    // A field the constructor sets from its parameters is the receiver's: resolved where the object is built.
    const fromConstructor = (origin: Origin) =>
      origin.kind === 'param' && ts.isConstructorDeclaration(origin.fn) && origin.fn.parent === owner;
    const bound = hasOrigin(found, fromConstructor)
      ? flatMapOrigins(found, (origin) => (fromConstructor(origin) ? receiverValue(node, path) : undefined))
      : found;
    return withStep(bound, step);
  }

  /**
   * The values an expression takes in one of its branches (`a ?? b`, `c ? a : b`). A nullish branch
   * (`sub ?? null`, `sub ?? ''`) holds no value: it selects no item and sends nothing, so it is no alternative.
   */
  private branches(
    nodes: readonly ts.Expression[],
    path: Path,
    valueOf = (branch: ts.Expression) => this.value(branch, path),
  ): Taint {
    const valued = nodes.filter((branch) => !isNullishLiteral(branch));
    return valued.length ? oneOf(valued.map(valueOf)) : CLEAN;
  }

  /**
   * A branch of `c ? a : b`. A request value on the branch only an administrative role takes
   * (`isAdmin(groups) ? owner : sub`) gets a step there, so the judge sees it used past a role test
   * (SPEC §4, privileged access); the other branch stays what it is (`sub` for everyone else).
   */
  private branch(node: ts.ConditionalExpression, branch: ts.Expression, path: Path): Taint {
    const taint = this.value(branch, path);
    if (!hasOrigin(taint, (origin) => origin.kind === 'source')) return taint;
    const facts = this.withoutOverlay(() => [
      ...this.guards.conditionFacts(node.condition, branch === node.whenTrue, []),
    ]);
    return facts.some((fact) => 'privileged' in fact)
      ? withStep(taint, { label: `\`${shortText(branch)}\``, node: branch })
      : taint;
  }

  /**
   * `c ? a : b`. A variable compared away from a placeholder (`id === 'unknown' ? undefined : id`)
   * holds, in the branch where it differs, only its values other than that placeholder.
   */
  private conditional(node: ts.ConditionalExpression, path: Path): Taint {
    const narrowed = placeholderExcluded(node);
    if (!narrowed)
      return this.branches([node.whenTrue, node.whenFalse], path, (branch) => this.branch(node, branch, path));
    const declaration = this.definitions.declarationOf(narrowed.variable);
    if (!declaration || !ts.isVariableDeclaration(declaration) || !ts.isIdentifier(declaration.name))
      return this.branches([node.whenTrue, node.whenFalse], path);
    const values = this.definitions.reaching(declaration, narrowed.variable).filter((value) => {
      const literal = skipOuter(value);
      return !(ts.isStringLiteralLike(literal) && literal.text === narrowed.placeholder);
    });
    const step = { label: `\`${declaration.name.text}\``, node: narrowed.variable };
    const kept = withStep(oneOf(values.map((value) => this.value(value, path))), step);
    const other = narrowed.variable === skipOuter(node.whenTrue) ? node.whenFalse : node.whenTrue;
    return isNullishLiteral(other) ? kept : oneOf([kept, this.value(other, path)]);
  }

  private binary(node: ts.BinaryExpression, path: Path): Taint {
    switch (node.operatorToken.kind) {
      case ts.SyntaxKind.PlusToken:
        return mix(concatenationOperands(node).map((operand) => this.value(operand)));
      case ts.SyntaxKind.BarBarToken:
      case ts.SyntaxKind.QuestionQuestionToken:
        // A constant fallback (`identity || UNAUTH`) is no alternative a client chooses.
        return this.branches(
          isConstantFallback(this.definitions, node.right) ? [node.left] : [node.left, node.right],
          path,
        );
      case ts.SyntaxKind.AmpersandAmpersandToken:
      case ts.SyntaxKind.CommaToken:
      case ts.SyntaxKind.EqualsToken:
      case ts.SyntaxKind.BarBarEqualsToken:
      case ts.SyntaxKind.QuestionQuestionEqualsToken:
        return this.value(node.right, path);
      case ts.SyntaxKind.PlusEqualsToken:
        return mix([this.value(node.left), this.value(node.right)]);
      default:
        return CLEAN;
    }
  }

  private objectLiteral(node: ts.ObjectLiteralExpression, path: Path): Taint {
    if (path.length === 0) {
      return mix(
        node.properties.map((member) => {
          if (ts.isSpreadAssignment(member)) return this.value(member.expression);
          const value = memberValue(member);
          return value ? this.value(value) : CLEAN;
        }),
      );
    }
    const [head, ...rest] = path;
    // Walk from the last member back: an explicit property ends the search, spreads before it may
    // or may not hold the key, so each one is an alternative.
    const found: Taint[] = [];
    for (let i = node.properties.length - 1; i >= 0; i--) {
      const member = node.properties[i]!;
      if (ts.isSpreadAssignment(member)) {
        found.push(this.value(member.expression, path));
        // A spread that surely sets the property hides every earlier member of that name.
        if (head !== undefined && head !== ANY && this.shapes.surelyHolds(member.expression, head)) break;
        continue;
      }
      const name = propertyNameOf(member);
      if (head !== ANY && name !== head) continue;
      const value = memberValue(member);
      // A method or accessor of that name holds some value the walk does not follow.
      found.push(value ? this.value(value, rest) : CLEAN);
      if (head !== ANY) break;
    }
    // Reading a property the literal does not have yields `undefined`, not another value: the
    // alternative adds no origin (`{ ok: false }` beside `{ ok: true, userId: sub }` leaves `.userId` the principal).
    if (!found.length) return head === ANY ? CLEAN : NOTHING;
    return alternatives(found);
  }

  private arrayLiteral(node: ts.ArrayLiteralExpression, path: Path): Taint {
    const elements = node.elements;
    if (path.length === 0) return mix(elements.map((element) => this.element(element, [])));
    const [head, ...rest] = path;
    const index = head === undefined ? NaN : Number(head);
    if (Number.isInteger(index) && !elements.some(ts.isSpreadElement)) {
      const element = elements[index];
      return element ? this.value(element, rest) : CLEAN;
    }
    return alternatives(elements.map((element) => this.element(element, rest)));
  }

  private element(element: ts.Expression, rest: Path): Taint {
    return ts.isSpreadElement(element) ? this.value(element.expression, [ANY, ...rest]) : this.value(element, rest);
  }

  private identifier(node: ts.Identifier, path: Path): Taint {
    if (node.text === 'undefined') return CLEAN;
    // perf: an identifier is read under several paths and overlays; its declaration is asked once.
    let declaration = this.identifierDeclarations.get(node);
    if (declaration === undefined)
      this.identifierDeclarations.set(node, (declaration = this.definitions.declarationOf(node) ?? null));
    if (!declaration) return CLEAN;
    if (ts.isParameter(declaration)) {
      // A parameter assigned in its body (`trips = await withOwners(trips)`) holds what was assigned.
      const { assigned, initialLive } = this.definitions.reassigned(declaration, node);
      const values = assigned.map((value) => this.value(value, path));
      if (initialLive) values.unshift(this.parameterValue(declaration, path));
      return this.withComputedWrites(declaration, node, path, oneOf(values));
    }
    if (ts.isBindingElement(declaration)) return this.bindingElement(declaration, node, path);
    if (ts.isVariableDeclaration(declaration) && ts.isIdentifier(declaration.name)) {
      const step = { label: `\`${declaration.name.text}\``, node: declaration.name };
      const loop = declaration.parent.parent;
      if (ts.isForOfStatement(loop) && loop.initializer === declaration.parent) {
        const element = withStep(this.value(loop.expression, [ANY, ...path]), step);
        return this.withComputedWrites(declaration, node, path, element);
      }
      if (ts.isForInStatement(loop) && loop.initializer === declaration.parent)
        return withStep(this.keysOf(loop.expression), step);
      const overwritten = this.overwritten(declaration, node, path);
      const values: Taint[] = overwritten.values;
      if (!overwritten.killed) {
        const definitions = this.definitions.reaching(declaration, node);
        pushAll(
          values,
          definitions.map((definition) => this.value(definition, path)),
        );
        // `({ id } = req.params)`: the part of the assigned value the pattern puts in the variable.
        for (const { value, path: prefix } of this.definitions.destructured(declaration, node))
          values.push(this.value(value, [...prefix, ...path]));
      }
      // An array holds the elements pushed into it: its whole value (`res.json(out)`) as much as any element.
      if (!path.length || path[0] === ANY || Number.isInteger(Number(path[0])))
        pushAll(values, this.pushed(declaration, node, path.slice(1)));
      pushAll(values, copiedInto(this, declaration, node, path));
      return withStep(this.withComputedWrites(declaration, node, path, oneOf(values)), step);
    }
    if (ts.isShorthandPropertyAssignment(declaration)) return this.value(declaration.name, path);
    return CLEAN;
  }

  /**
   * Properties of a variable's object set before `use` that the read at `path` sees
   * (`thing.id = randomUUID()` for `thing.id`): the latest write that runs unconditionally before
   * the use replaces the value the object was created with (a strong update of a local object);
   * writes under a condition are alternatives to it.
   */
  private overwritten(
    declaration: ts.VariableDeclaration,
    use: ts.Node,
    path: Path,
  ): { values: Taint[]; killed: boolean } {
    const values: Taint[] = [];
    const [head] = path;
    if (head === undefined || head === ANY) return { values, killed: false };
    const symbol = this.checker.getSymbolAtLocation(declaration.name);
    if (!symbol) return { values, killed: false };
    const writes = this.definitions
      .propertyWrites(symbol, declaration)
      .filter(
        (write) =>
          write.at.getSourceFile() === use.getSourceFile() &&
          write.at.end <= use.pos &&
          write.path.length <= path.length &&
          write.path.every((name, i) => name === path[i]),
      );
    for (let i = writes.length - 1; i >= 0; i--) {
      const write = writes[i]!;
      values.push(this.value(write.value, path.slice(write.path.length)));
      if (this.definitions.runsBefore(write.at, use)) return { values, killed: true };
    }
    return { values, killed: false };
  }

  /**
   * Entries a variable's object was given under computed keys before `use` (`key[name] = req.params.id`,
   * `for (const k of FIELDS) params[k] = body[k]`), and objects merged into it whole
   * (`Object.assign(key, req.params)`): any property read may be one of them, and the whole object
   * holds them all, as it holds what was set under a name (`response.data = items`; a read of one
   * property is `overwritten`'s). Copy loops (`out[k] = f(item[k])`) are `copiedInto`'s. A
   * parameter's object is the caller's: what the function sets on it is there too. So are the
   * properties set on an array's elements by a loop or an element callback (`trip.owner = user`
   * for each `trip` of `trips`).
   */
  private withComputedWrites(
    declaration: ts.VariableDeclaration | ts.ParameterDeclaration,
    use: ts.Node,
    path: Path,
    taint: Taint,
  ): Taint {
    if (!ts.isIdentifier(declaration.name)) return taint;
    const symbol = this.checker.getSymbolAtLocation(declaration.name);
    if (!symbol) return taint;
    const whole: Taint[] = [];
    const entries: Taint[] = [];
    // A write before the use, to the object at a path the read goes through.
    const reaches = (write: { path: readonly string[]; at: ts.Node }) =>
      write.at.getSourceFile() === use.getSourceFile() &&
      write.at.end <= use.pos &&
      path.length >= write.path.length &&
      write.path.every((name, i) => path[i] === name || path[i] === ANY);
    for (const write of this.definitions.computedWrites(symbol, declaration)) {
      const depth = write.path.length;
      if (!reaches(write) || isCopyWrite(this, write)) continue;
      const written = withStep(this.value(write.value, path.slice(depth + 1)), writeStep(write));
      (path.length === depth ? whole : entries).push(written);
    }
    const before = (write: { at: ts.Node }) =>
      write.at.getSourceFile() === use.getSourceFile() && write.at.end <= use.pos;
    if (!path.length)
      for (const write of this.definitions.propertyWrites(symbol, declaration)) {
        if (before(write)) whole.push(withStep(this.value(write.value), writeStep(write)));
      }
    // The read holds what was set on its elements, or reads inside what was set (`trips[0].owner.email`).
    for (const write of this.definitions.elementPropertyWrites(symbol, declaration)) {
      if (!before(write)) continue;
      if (within(path, write.path)) whole.push(withStep(this.value(write.value), writeStep(write)));
      else if (within(write.path, path))
        entries.push(withStep(this.value(write.value, path.slice(write.path.length)), writeStep(write)));
    }
    // `Object.assign(key, req.params)`: every property of the source, at the same path.
    for (const merge of this.definitions.mergedObjects(symbol, declaration)) {
      const depth = merge.path.length;
      if (!reaches(merge)) continue;
      // The hop is the merged object, not the call: call hops on an item's way are reserved for deny-lists.
      const step = { label: `\`${shortText(merge.at, 40)}\``, node: merge.source };
      const merged = withStep(this.value(merge.source, path.slice(depth)), step);
      (path.length === depth ? whole : entries).push(merged);
    }
    if (!whole.length && !entries.length) return taint;
    const held = whole.length ? mix([taint, ...whole]) : taint;
    return entries.length ? alternatives([held, ...entries]) : held;
  }

  /** Elements pushed into an array variable before `use` (`parts.push(\`#${k} = :${k}\`)`). */
  private pushed(declaration: ts.VariableDeclaration, use: ts.Node, rest: Path): Taint[] {
    const symbol = this.checker.getSymbolAtLocation(declaration.name);
    if (!symbol) return [];
    return this.definitions
      .pushedElements(symbol, declaration)
      .filter((element) => element.getSourceFile() === use.getSourceFile() && element.end <= use.pos)
      .map((element) => this.element(element, rest));
  }

  /**
   * The keys of an object: those a literal computes (`{ [k]: v }`), or, for an object the engine
   * cannot see into (a request body), the object's own origins: whoever chose it chose its keys.
   */
  keysOf(node: ts.Expression): Taint {
    return this.keysAt(node, []);
  }

  /**
   * The keys of the object at `path` inside `node`. The property names of an object literal are what
   * the code wrote, whatever its values; a parameter's keys are the keys of what its callers pass
   * (a symbolic parameter origin whose path ends in `KEYS`, resolved at each call).
   */
  private keysAt(node: ts.Expression, path: Path): Taint {
    const keys = alternatives(this.shapes.of(node).map((shape) => this.shapeKeys(shape, path)));
    // The names of an item's attributes are none of its values: an item's keys are no raw item.
    return mapOrigins(keys, (origin) => (origin.kind === 'produced' ? undefined : origin));
  }

  private shapeKeys(shape: Shape, path: Path): Taint {
    if (shape.kind === 'param') {
      const parameter = shape.fn.parameters[shape.index];
      const fullPath = [...shape.path, ...path];
      if (!parameter || this.parameterKeyed(parameter, fullPath)) return CLEAN;
      return keysOfParameters(this.parameterValue(parameter, fullPath));
    }
    if (shape.kind === 'opaque') {
      if (this.schemaKeyed(shape.node, path)) return CLEAN;
      return shape.context(keysOfParameters(this.value(shape.node, path)));
    }
    const { literal, context } = shape;
    const [head, ...rest] = path;
    if (head !== undefined) {
      // The object under a member: the member's value, or what a spread may put there.
      const member = head === ANY ? undefined : literalMember(shape, head);
      const found: Taint[] = member ? [context(this.keysAt(member, rest))] : [];
      for (const property of literal.properties)
        if (ts.isSpreadAssignment(property) || head === ANY) {
          const inner = ts.isSpreadAssignment(property) ? property.expression : memberValue(property);
          if (inner) found.push(context(this.keysAt(inner, ts.isSpreadAssignment(property) ? path : rest)));
        }
      return found.length ? alternatives(found) : CLEAN;
    }
    return mix([
      ...literal.properties.map((member) => {
        if (ts.isSpreadAssignment(member)) return context(this.keysAt(member.expression, []));
        return ts.isComputedPropertyName(member.name) ? context(this.value(member.name.expression)) : CLEAN;
      }),
      ...(shape.computed ?? []).flatMap((write) => (write.path.length ? [] : [context(this.value(write.key))])),
    ]);
  }

  /** Whether the object at `path` of a request parameter can hold only the keys its schema or decorator declares. */
  private parameterKeyed(parameter: ts.ParameterDeclaration, path: Path): boolean {
    return this.requestObjects.keysDeclared(parameter, path) || this.decoratedParameters.keysDeclared(parameter, path);
  }

  /**
   * Whether the object at `path` is what an object schema parsed (`Patch.parse(body)`, the `data`
   * of `safeParse`, the `input` of a procedure that declares its schema, GraphQL arguments): its
   * keys are the fields the schema declares, for it strips or rejects the others. A member read of
   * what the shapes cannot see into (`const parsed = Schema.safeParse(body); parsed.data`) is asked
   * of the objects it is read from, a destructured name (`const { input } = ctx.args`) of the object
   * its pattern destructures: a `...rest` holds some of its properties under their own names.
   */
  private schemaKeyed(node: ts.Expression, path: Path, depth = 0): boolean {
    const call = skipOuter(node);
    if (ts.isPropertyAccessExpression(call))
      return this.holdersKeyed(call.expression, [call.name.text, ...path], depth);
    const declaration = ts.isIdentifier(call) ? this.definitions.declarationOf(call) : undefined;
    if (declaration && ts.isBindingElement(declaration)) {
      const { holder, path: prefix } = bindingPath(declaration);
      const at = [...prefix, ...path];
      if (ts.isParameter(holder)) return this.parameterKeyed(holder, at);
      return (
        ts.isVariableDeclaration(holder) && !!holder.initializer && this.holdersKeyed(holder.initializer, at, depth)
      );
    }
    const parsed = ts.isCallExpression(call) ? this.schemas.parsedWith(call) : undefined;
    const valuePath = parsed?.model.parse[parsed.method];
    return (
      !!valuePath &&
      valuePath.length === path.length &&
      startsWith(path, valuePath) &&
      this.schemas.keysDeclared(parsed.schema, parsed.model)
    );
  }

  /** Whether every object `node` may be holds at `path` only keys a schema declares (`schemaKeyed`). */
  private holdersKeyed(node: ts.Expression, path: Path, depth: number): boolean {
    const holders = depth < MAX_KEYED_READS ? this.shapes.of(node) : [];
    return (
      holders.length > 0 &&
      holders.every((holder) => {
        if (holder.kind === 'opaque') return this.schemaKeyed(holder.node, path, depth + 1);
        if (holder.kind === 'literal') return false;
        const parameter = holder.fn.parameters[holder.index];
        return !!parameter && this.parameterKeyed(parameter, [...holder.path, ...path]);
      })
    );
  }

  /** A name bound by destructuring: the path from the pattern's root, then the root's value. */
  private bindingElement(element: ts.BindingElement, use: ts.Identifier, path: Path): Taint {
    // `const { userId, ...rest } = body`: the rest holds none of the properties its pattern names.
    const [head] = path;
    if (element.dotDotDotToken && ts.isObjectBindingPattern(element.parent) && head !== undefined && head !== ANY) {
      const named = element.parent.elements.some(
        (sibling) => sibling !== element && staticName(sibling.propertyName ?? sibling.name) === head,
      );
      if (named) return CLEAN;
    }
    const { holder, path: prefix, defaults } = bindingPath(element);
    const fullPath = [...prefix, ...path];
    const step = ts.isIdentifier(element.name) ? { label: `\`${element.name.text}\``, node: element.name } : undefined;
    let taint: Taint;
    if (ts.isParameter(holder)) {
      taint = this.parameterValue(holder, fullPath);
    } else if (ts.isVariableDeclaration(holder)) {
      const loop = holder.parent.parent;
      if (ts.isForOfStatement(loop) && loop.initializer === holder.parent) {
        taint = this.value(loop.expression, [ANY, ...fullPath]);
      } else {
        taint = oneOf(this.definitions.reaching(holder, use).map((definition) => this.value(definition, fullPath)));
      }
    } else {
      taint = CLEAN;
    }
    const withDefaults = defaults.length
      ? alternatives([taint, ...defaults.map((value) => this.value(value, path))])
      : taint;
    return step ? withStep(withDefaults, step) : withDefaults;
  }

  /** A parameter's value: a request object's part, a callback's element, or symbolic. */
  parameterValue(parameter: ts.ParameterDeclaration, path: Path): Taint {
    const decorated = this.decoratedParameters.at(parameter, path);
    if (decorated) return decorated;
    const built = this.requestObjects.builtValues(parameter, path);
    if (built) {
      const taint = alternatives(built.map(({ value, rest }) => this.value(value, rest)));
      if (hasOrigin(taint, (origin) => origin.kind === 'source' || origin.kind === 'principal')) return taint;
    }
    const root = this.requestObjects.atParameter(parameter, path);
    if (root) return root;
    // A property middleware put on the request (`req.userId = jwt.verify(…).sub`), asked of the
    // handler's parameter itself (a check in route middleware compares with `req.userId`).
    const stored = ts.isIdentifier(parameter.name) ? this.requestObjects.assigned(parameter.name, path) : undefined;
    if (stored) return alternatives(stored.map(({ value, rest }) => this.value(value, rest)));
    const fn = parameter.parent;
    if (!isFunctionNode(fn)) return CLEAN;
    const index = fn.parameters.indexOf(parameter);
    // The parameter named as a hop of the value it receives.
    const named = (taint: Taint) =>
      ts.isIdentifier(parameter.name)
        ? withStep(taint, { label: `\`${parameter.name.text}\``, node: parameter.name })
        : taint;
    const container = heldValueParameter(this, fn, index);
    if (container) return named(this.value(container, path));
    const callback = callbackParameter(fn, index);
    if (callback) return named(this.value(callback.receiver, callback.element ? [ANY, ...path] : path));
    // A function handed to a wrapper (`wrap(async ({ event }) => …)`) takes what the wrapper passes it.
    const passedIn = this.passed.argumentsFor(fn, index);
    if (passedIn)
      return named(
        alternatives(
          passedIn.map(({ argument, call, wrapper }) =>
            substitute(this, this.value(argument, path), call, wrapper, false),
          ),
        ),
      );
    const origin: ParamOrigin = { kind: 'param', fn, index, path, steps: [], content: true, validated: false };
    return single(origin);
  }

  private call(node: ts.CallExpression, path: Path): Taint {
    const produced = this.producedBy?.(node) ?? [];
    if (produced.length)
      return alternatives(
        produced.map(({ producer, site }) => single({ kind: 'produced', producer, site, path, steps: [] })),
      );
    this.reachedCall = true;
    const overlaid = this.overlay?.(node, path, this);
    if (overlaid) return overlaid;
    const method = this.requestObjects.atMethodCall(node);
    if (method) return method;
    if (
      this.calls(node, this.model.principalCalls) ||
      sendsPrincipalCommand(this, node) ||
      decodesVerifiedToken(this, node)
    )
      return single({ kind: 'principal', node, label: shortText(node, 50), path });
    const configuredSource = this.model.sourceCalls?.find((source) => this.calls(node, [source.callee]));
    if (configuredSource) {
      const label = shortText(node, 50);
      return requestSource(
        node,
        label,
        configuredSource.sourceType,
        this.appliedSchemaCheck(node, configuredSource, path),
      );
    }
    if (this.calls(node, this.model.propagators))
      return alternatives(node.arguments.map((argument) => this.value(argument, path)));
    const parsed = this.withoutOverlay(() => this.guards.checks.parse(node));
    if (parsed) {
      // `schema.safeParse(body).data.id`: the checked value sits under `data`; `.success` is no request data.
      if (parsed.resultPath !== undefined && path[0] !== parsed.resultPath) return CLEAN;
      const rest = parsed.resultPath === undefined ? path : path.slice(1);
      const raw = this.value(parsed.argument, rest);
      // `const { value, error } = schema.validate(body)` hands back the input even when it failed.
      const { outcomePath, resultPath } = parsed;
      if (outcomePath && !this.withoutOverlay(() => outcomeChecked(this.guards, node, outcomePath))) return raw;
      const field = rest[0];
      if (
        field !== undefined &&
        field !== ANY &&
        !this.withoutOverlay(() => this.guards.checks.declaresField(node, resultPath, field))
      )
        return raw;
      // `z.object({ id: z.string() }).parse(body).id`: a field declared as plain text is not validated.
      const schema = this.schemas.parsedWith(node);
      if (schema && this.schemas.fieldStrength(schema.schema, schema.model, rest) === 'unconstrained') return raw;
      return sanitize(raw, parsed.how);
    }

    const fn = this.definitions.callee(node);
    const held = fn
      ? undefined
      : (heldValueCall(this, node, path) ?? keyedReadCall(this, node, path) ?? callbackRunnerCall(this, node, path));
    if (held) return held;
    const builtin = builtinCall(this, node, path, fn !== undefined);
    if (builtin) return builtin;
    if (!fn) return this.passedCall(node, path) ?? CLEAN;
    return substitute(this, withReturnHop(this.returnValue(fn, path), fn, node), node, fn, false);
  }

  /** `handler(event)` in a wrapper (`wrap(impl)`): what the functions its callers pass return for these arguments. */
  private passedCall(node: ts.CallExpression, path: Path): Taint | undefined {
    const called = this.passed.parameterCalled(node);
    if (!called) return undefined;
    const fns = this.passed.passedAt(called.wrapper, called.index);
    if (!fns.length) return undefined;
    return alternatives(
      fns.map((fn) => substitute(this, withReturnHop(this.returnValue(fn, path), fn, node), node, fn, false)),
    );
  }

  /** Whether a call's callee is one of the specified functions (matched through the checker). */
  /**
   * `readValidatedBody(event, Schema.parse)`: what the validating argument proves about the field
   * read. A validator the engine cannot read is trusted; a field declared as plain text is not validated.
   */
  private appliedSchemaCheck(call: ts.CallExpression, source: SourceCallModel, path: Path): Sanitization | undefined {
    const validator = source.schemaArgument === undefined ? undefined : call.arguments[source.schemaArgument];
    if (!validator) return undefined;
    const applied = this.schemas.appliedBy(validator);
    const strength = applied && this.schemas.fieldStrength(applied.schema, applied.model, path);
    return strength === 'unconstrained' ? undefined : (strength ?? 'validated');
  }

  calls(node: ts.CallExpression | ts.NewExpression, specs: readonly Specifier[] | undefined): boolean {
    if (!specs?.length) return false;
    const callee = skipOuter(node.expression);
    const nameNode = ts.isPropertyAccessExpression(callee) ? callee.name : callee;
    if (!ts.isIdentifier(nameNode)) return false;
    // perf: the names of a list of specifiers, built once per list (the model's lists live as long as the
    // tracer) or, for a one-specifier list made at the call (`[model.callee]`), once per specifier.
    let names = specs.length === 1 ? this.specNames.get(specs[0]!) : this.listNames.get(specs);
    if (!names) {
      names = new Set(specs.flatMap(specifierNames));
      if (specs.length === 1) this.specNames.set(specs[0]!, names);
      else this.listNames.set(specs, names);
    }
    if (!names.has(nameNode.text) && !(nameNode === callee && names.has(renamedImport(nameNode) ?? ''))) return false;
    return (
      symbolMatches(this.checker, this.checker.getSymbolAtLocation(nameNode), specs, (alias) =>
        this.definitions.imports?.aliasTarget(alias),
      ) ||
      specs.includes(nameNode.text) ||
      (nameNode !== callee && ts.isPropertyAccessExpression(callee) && this.untypedMember(callee, specs))
    );
  }

  /**
   * `bcrypt.compare(…)` where `bcrypt` is the default or namespace import (or the `require`) of a
   * package whose types the program lacks, so the checker knows no such member: the package's
   * function of that name, matched by the import's module specifier as other untyped imports are.
   */
  private untypedMember(callee: ts.PropertyAccessExpression, specs: readonly Specifier[]): boolean {
    if (this.checker.getSymbolAtLocation(callee.name)) return false;
    const receiver = skipOuter(callee.expression);
    if (ts.isPropertyAccessExpression(receiver)) return this.untypedClientMember(receiver, callee.name.text, specs);
    // `getAuth().verifyIdToken(…)`, `admin.auth().verifyIdToken(…)`: a client the package builds in place.
    if (ts.isCallExpression(receiver) || ts.isNewExpression(receiver))
      return this.builtByImport(receiver, callee.name.text, specs);
    if (!ts.isIdentifier(receiver)) return false;
    return (
      this.importExports(receiver, callee.name.text, specs, true) ||
      this.builtByPackage(receiver, callee.name.text, specs)
    );
  }

  /**
   * Whether `identifier` is imported (or required) from a package that exports `name` in `specs`;
   * `whole`: only as the module itself (a default or namespace import), not one of its members.
   */
  importExports(identifier: ts.Identifier, name: string, specs: readonly Specifier[], whole: boolean): boolean {
    const declaration = this.checker.getSymbolAtLocation(identifier)?.declarations?.[0];
    const imported = declaration && importedName(declaration);
    if (!imported || (whole && imported.name !== undefined && imported.name !== 'default')) return false;
    return ts.isStringLiteralLike(imported.specifier) && packageExports(specs, imported.specifier.text, name);
  }

  /**
   * `supabase.auth.getUser(token)` where `supabase = createClient(…)` and `createClient` is imported
   * (or required) from a package whose types the program lacks: the package's method of that name,
   * on a member of a client its own factory built.
   */
  private untypedClientMember(
    receiver: ts.PropertyAccessExpression,
    name: string,
    specs: readonly Specifier[],
  ): boolean {
    let root: ts.Expression = receiver;
    for (let hop = 0; hop < 4 && ts.isPropertyAccessExpression(root); hop++) root = skipOuter(root.expression);
    return ts.isIdentifier(root) && this.builtByPackage(root, name, specs);
  }

  /**
   * Whether `identifier` is a constant a package whose types the program lacks built, by a factory
   * or constructor imported from it (`CognitoJwtVerifier.create(…)`, `createClient(…)`, `new
   * Verifier(…)`), and that package exports `name`: its methods are the package's.
   */
  private builtByPackage(identifier: ts.Identifier, name: string, specs: readonly Specifier[]): boolean {
    const client = this.checker.getSymbolAtLocation(identifier)?.valueDeclaration;
    if (!client || !ts.isVariableDeclaration(client) || !client.initializer) return false;
    if (!(client.parent.flags & ts.NodeFlags.Const)) return false;
    const built = skipOuter(client.initializer);
    return (ts.isCallExpression(built) || ts.isNewExpression(built)) && this.builtByImport(built, name, specs);
  }

  /** Whether a call or `new` builds its result by a factory or constructor imported from a package that exports `name`. */
  private builtByImport(
    built: ts.CallExpression | ts.NewExpression,
    name: string,
    specs: readonly Specifier[],
  ): boolean {
    const factory = skipOuter(built.expression);
    const factoryName = ts.isPropertyAccessExpression(factory) ? skipOuter(factory.expression) : factory;
    return ts.isIdentifier(factoryName) && this.importExports(factoryName, name, specs, false);
  }

  /** What a function returns, with its parameters left symbolic: its summary, memoised per path. */
  returnValue(fn: FunctionNode, path: Path): Taint {
    const key = path.join('\u0000');
    const cached = this.returnMemo.get(fn, key, this.overlay);
    if (cached) {
      this.reachedCall ||= cached.throughCall;
      return cached.taint;
    }
    const outer = this.reachedCall;
    this.reachedCall = false;
    let result: Taint;
    let throughCall: boolean;
    try {
      if (!fn.body) {
        result = CLEAN;
      } else if (!ts.isBlock(fn.body)) {
        result = this.value(fn.body, path);
      } else {
        // `return null` on a failed check, like a bare `return`, hands back no value that could select an item.
        const returned = this.definitions.returnExpressions(fn).filter((expression) => !isNullishLiteral(expression));
        result = oneOf(returned.map((expression) => this.value(expression, path)));
      }
    } finally {
      throughCall = this.reachedCall;
      this.reachedCall = outer || throughCall;
    }
    const floor = this.cycleFloor;
    if (floor === Infinity || floor >= this.stack.length)
      this.returnMemo.set(fn, key, this.overlay, result, throughCall);
    return result;
  }

  /**
   * A use proven equal to a principal (or a parameter that callers may bind to one) takes its
   * value; a use whose text a check or its type constrains keeps its flows with less content taint.
   */
  private guarded(use: ts.Expression, path: Path, taint: Taint): Taint {
    if (!hasOrigin(taint, (origin) => origin.kind === 'source' || origin.kind === 'param')) return taint;
    const { principal, checked, foundIn, scopedBy } = this.withoutOverlay(() => this.guards.inspect(use, path));
    if (principal && foundIn) {
      const proof = { table: foundIn, instead: taint };
      return mapOrigins(principal, (origin) => (origin.kind === 'principal' ? { ...origin, foundIn: proof } : origin));
    }
    if (principal) return principal;
    const own = this.checked(use, path, taint, checked);
    return scopedBy ? mix([scopedBy, own]) : own;
  }

  /** A use's flows with the content taint a check of its text, or its type, removes. */
  private checked(use: ts.Expression, path: Path, taint: Taint, checked: Sanitization | undefined): Taint {
    if (!hasOrigin(taint, (origin) => (origin.kind === 'source' || origin.kind === 'param') && origin.content))
      return taint;
    // The use's type says something about its own value only, not about a part read further on.
    const how =
      checked === 'allowListed' || path.length > 0
        ? checked
        : (this.withoutOverlay(() => this.guards.checks.ofType(use)) ?? checked);
    return how ? sanitize(taint, how) : taint;
  }
}

/**
 * Whether `path` begins with `prefix`, where any element (`ANY`) may be the one an index names (an
 * array's `length` or `map` is none of its elements).
 */
function within(prefix: Path, path: Path): boolean {
  const element = (segment: string | undefined) => segment === ANY || /^\d+$/.test(segment ?? '');
  return (
    prefix.length <= path.length &&
    prefix.every(
      (segment, index) =>
        segment === path[index] ||
        ((segment === ANY || path[index] === ANY) && element(segment) && element(path[index])),
    )
  );
}

/**
 * `x === 'p' ? other : x` or `x !== 'p' ? x : other`: the variable `x` read in the branch where it
 * is not the string `p`, and `p`.
 */
function placeholderExcluded(
  node: ts.ConditionalExpression,
): { variable: ts.Identifier; placeholder: string } | undefined {
  const condition = skipOuter(node.condition);
  if (!ts.isBinaryExpression(condition)) return undefined;
  const comparison = equalityOf(condition.operatorToken.kind);
  if (!comparison) return undefined;
  const [left, right] = [skipOuter(condition.left), skipOuter(condition.right)];
  const [variable, literal] = ts.isIdentifier(left) ? [left, right] : [right, left];
  if (!ts.isIdentifier(variable) || !ts.isStringLiteralLike(literal)) return undefined;
  const branch = skipOuter(comparison === 'equal' ? node.whenFalse : node.whenTrue);
  if (!ts.isIdentifier(branch) || branch.text !== variable.text) return undefined;
  return { variable: branch, placeholder: literal.text };
}

/**
 * `null`, `undefined`, `void 0` or `''`: no value. DynamoDB refuses an empty string as a key
 * attribute, so `claims.sub ?? ''` selects no item any more than `claims.sub ?? null` does.
 */
function isNullishLiteral(expression: ts.Expression): boolean {
  const node = skipOuter(expression);
  return (
    node.kind === ts.SyntaxKind.NullKeyword ||
    (ts.isIdentifier(node) && node.text === 'undefined') ||
    ts.isVoidExpression(node) ||
    (ts.isStringLiteralLike(node) && node.text === '')
  );
}
