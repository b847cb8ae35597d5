import ts from 'typescript';
import {
  bindingPath,
  findProperty,
  isFunctionNode,
  memberValue,
  propertyNameOf,
  pushAll,
  renamedImport,
  shortText,
  skipOuter,
  staticName,
} from './ast.js';
import { specifierNames, symbolMatches } from './types.js';
import type { Specifier } from './types.js';
import { parentOf } from './ast.js';
import type { FunctionNode } from './ast.js';
import type { ComputedWrite, PropertyWrite } from './definitions.js';
import { decoratedCheck } from './decorated-checks.js';
import { Definitions } from './definitions.js';
import { Guards } from './guards.js';
import type { EngineModel } from './model.js';
import { RequestObjects } from './request-objects.js';
import {
  CLEAN,
  alternatives,
  dropContent,
  flatMapOrigins,
  hasOrigin,
  isClean,
  mapOrigins,
  markValidated,
  mix,
  requestSource,
  sanitize,
  single,
  withStep,
} from './taint.js';
import type { Origin, ParamOrigin, Taint } from './taint.js';

export type Path = readonly string[];

export interface ProducedValue {
  readonly producer: string;
  /** Identifies the operation that produced the value, to match post-read checks to reads. */
  readonly site: ts.Node;
}

/** Recognises calls whose result a question tracks as a value of its own (the items a DynamoDB read returns). */
export type ProducedBy = (call: ts.CallExpression) => ProducedValue | undefined;

/**
 * One question's own view of calls (the exposure rule's library projections, `_.pick(item, ['id'])`):
 * the value at `path` of the call's result, or `undefined` to let the tracer decide. Answers that
 * pass through a call are memoised per overlay, so one question's view never leaks into another's.
 */
export type CallOverlay = (call: ts.CallExpression, path: Path, tracer: Tracer) => Taint | undefined;

/** Any element of an array, or any property picked by a computed key. */
export const ANY = '*';

/** Bounds on every walk: recursion depth, and nodes visited per top-level question. */
const MAX_DEPTH = 150;
const FUEL_PER_QUERY = 30_000;

/** Maps a callee's symbolic parameters to the caller's values. */
export type Subst = (taint: Taint) => Taint;
export const IDENTITY: Subst = (taint) => taint;

/** An object literal that may be the value of an expression, seen from the expression's function. */
export interface LiteralShape {
  readonly kind: 'literal';
  readonly literal: ts.ObjectLiteralExpression;
  readonly subst: Subst;
  /** Properties set on the object after the literal created it, in source order. */
  readonly writes: readonly PropertyWrite[];
  /** Entries set under computed keys after creation (`names[\`#${k}\`] = k`), in source order. */
  readonly computed?: readonly ComputedWrite[];
}
/** The value is (a property path of) a parameter: resolved at each call site. */
export interface ParamShape {
  readonly kind: 'param';
  readonly fn: FunctionNode;
  readonly index: number;
  readonly path: Path;
}
/** The value is not an object literal the engine can see (a request body, an unresolved call). */
export interface OpaqueShape {
  readonly kind: 'opaque';
  readonly node: ts.Expression;
  readonly subst: Subst;
}
export type Shape = LiteralShape | ParamShape | OpaqueShape;

const STRING_METHODS = new Set([
  'trim',
  'trimStart',
  'trimEnd',
  'toLowerCase',
  'toUpperCase',
  'toLocaleLowerCase',
  'toLocaleUpperCase',
  'normalize',
  'slice',
  'substring',
  'substr',
  'padStart',
  'padEnd',
  'replace',
  'replaceAll',
  'concat',
  'toString',
  'valueOf',
  'charAt',
  'repeat',
  'split',
  'at',
]);
/** Array methods whose result holds (some of) the receiver's elements. */
const ELEMENT_PRESERVING = new Set([
  'filter',
  'slice',
  'concat',
  'reverse',
  'toReversed',
  'sort',
  'toSorted',
  'flat',
  'find',
  'findLast',
  'at',
  'pop',
  'shift',
  'values',
  'splice',
  'with',
]);
/** Callback-taking methods: the callback's parameter at `index` receives an element (or the resolved value). */
const CALLBACK_ELEMENT_PARAM: Readonly<Record<string, { index: number; element: boolean }>> = {
  map: { index: 0, element: true },
  flatMap: { index: 0, element: true },
  forEach: { index: 0, element: true },
  filter: { index: 0, element: true },
  find: { index: 0, element: true },
  findLast: { index: 0, element: true },
  findIndex: { index: 0, element: true },
  some: { index: 0, element: true },
  every: { index: 0, element: true },
  reduce: { index: 1, element: true },
  then: { index: 0, element: false },
};
/** `new URL(request.url)`: the parsed URL carries the text it was parsed from. */
const URL_CONSTRUCTORS = new Set(['URL', 'URLSearchParams']);
const CONTENT_DROPPING_GLOBALS = new Set(['Number', 'parseInt', 'parseFloat', 'Boolean', 'BigInt']);
const PROPAGATING_GLOBALS = new Set([
  'String',
  'decodeURIComponent',
  'decodeURI',
  'encodeURIComponent',
  'encodeURI',
  'structuredClone',
  'escape',
  'unescape',
]);

/**
 * Follows values backwards from an expression to where they come from: request sources,
 * principals, parameters (symbolic, resolved per call site) and modelled producers.
 * One tracer serves a whole `ts.Program` for one model; it memoises every answer.
 */
export class Tracer {
  readonly definitions: Definitions;
  readonly guards: Guards;
  readonly requestObjects: RequestObjects;
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

  readonly checker: ts.TypeChecker;
  private readonly principalDecorators: RegExp[];

  constructor(
    readonly program: ts.Program,
    readonly model: EngineModel,
    private readonly producedBy?: ProducedBy,
  ) {
    this.checker = program.getTypeChecker();
    this.definitions = new Definitions(this.checker);
    const readWords = [
      ...(model.decorators ?? []).flatMap((decorator) => Object.keys(decorator.sources)),
      ...(model.sourceCalls ?? []).flatMap((source) => specifierNames(source.callee)),
    ];
    this.requestObjects = new RequestObjects(this.checker, this.definitions, model.requestObjects, program, readWords);
    const registrars = new Set(
      model.requestObjects.flatMap(
        (object) =>
          object.parameters?.flatMap((matcher) => (matcher.kind === 'callback' ? matcher.registrars : [])) ?? [],
      ),
    );
    this.principalDecorators = (model.decorators ?? []).map((decorator) => new RegExp(decorator.principalPattern, 'i'));
    this.guards = new Guards(this, program, registrars);
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
    const node = skipOuter(raw);
    if (node !== raw) return this.value(node, path);

    const root = this.requestObjects.atExpression(node, path);
    if (root) return root;
    const assigned = this.requestObjects.assigned(node, path);
    if (assigned) return alternatives(assigned.map(({ value, rest }) => this.value(value, rest)));

    if (ts.isIdentifier(node)) return this.guarded(node, path, this.identifier(node, path));
    if (ts.isPropertyAccessExpression(node)) {
      return this.guarded(node, path, this.value(node.expression, [node.name.text, ...path]));
    }
    if (ts.isElementAccessExpression(node)) {
      const name = staticName(skipOuter(node.argumentExpression));
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
    if (ts.isConditionalExpression(node)) {
      return alternatives([this.value(node.whenTrue, path), this.value(node.whenFalse, path)]);
    }
    if (ts.isObjectLiteralExpression(node)) return this.objectLiteral(node, path);
    if (ts.isArrayLiteralExpression(node)) return this.arrayLiteral(node, path);
    if (ts.isPrefixUnaryExpression(node)) {
      if (node.operator === ts.SyntaxKind.PlusToken || node.operator === ts.SyntaxKind.MinusToken) {
        return dropContent(this.value(node.operand));
      }
      return CLEAN;
    }
    if (ts.isSpreadElement(node)) return this.value(node.expression, path);
    if (node.kind === ts.SyntaxKind.ThisKeyword && path.length) return this.classField(node, path);
    if (
      ts.isNewExpression(node) &&
      ts.isIdentifier(node.expression) &&
      URL_CONSTRUCTORS.has(node.expression.text) &&
      this.isGlobal(node.expression)
    ) {
      return node.arguments?.[0] ? this.value(node.arguments[0]) : CLEAN;
    }
    return CLEAN;
  }

  /** `this.x`: the field's initializer and every `this.x = …` in the class's own methods. */
  private classField(node: ts.Expression, path: Path): Taint {
    let owner = parentOf(node);
    while (owner && !ts.isClassLike(owner)) owner = parentOf(owner);
    const [name, ...rest] = path;
    if (!owner || name === undefined) return CLEAN;
    const values: ts.Expression[] = [];
    for (const member of owner.members) {
      if (ts.isPropertyDeclaration(member) && staticName(member.name) === name && member.initializer)
        values.push(member.initializer);
    }
    for (const write of this.definitions.thisWrites(owner))
      if (write.path[0] === name && write.path.length === 1) values.push(write.value);
    const step = { label: `\`this.${name}\``, node };
    return values.length ? withStep(alternatives(values.map((value) => this.value(value, rest))), step) : CLEAN;
  }

  private binary(node: ts.BinaryExpression, path: Path): Taint {
    switch (node.operatorToken.kind) {
      case ts.SyntaxKind.PlusToken:
        return mix(concatenationOperands(node).map((operand) => this.value(operand)));
      case ts.SyntaxKind.BarBarToken:
      case ts.SyntaxKind.QuestionQuestionToken:
        return alternatives([this.value(node.left, path), this.value(node.right, path)]);
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
        continue;
      }
      const name = propertyNameOf(member);
      if (head !== ANY && name !== head) continue;
      const value = memberValue(member);
      if (value) found.push(this.value(value, rest));
      if (head !== ANY) break;
    }
    return found.length ? alternatives(found) : CLEAN;
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
    const declaration = this.definitions.declarationOf(node);
    if (!declaration) return CLEAN;
    if (ts.isParameter(declaration)) return this.parameterValue(declaration, path);
    if (ts.isBindingElement(declaration)) return this.bindingElement(declaration, node, path);
    if (ts.isVariableDeclaration(declaration) && ts.isIdentifier(declaration.name)) {
      const step = { label: `\`${declaration.name.text}\``, node: declaration.name };
      const loop = declaration.parent.parent;
      if (ts.isForOfStatement(loop) && loop.initializer === declaration.parent) {
        return withStep(this.value(loop.expression, [ANY, ...path]), step);
      }
      if (ts.isForInStatement(loop) && loop.initializer === declaration.parent)
        return withStep(this.keysOf(loop.expression), step);
      const definitions = this.definitions.reaching(declaration, node);
      const values = definitions.map((definition) => this.value(definition, path));
      if (path.length && (path[0] === ANY || Number.isInteger(Number(path[0]))))
        pushAll(values, this.pushed(declaration, node, path.slice(1)));
      return withStep(alternatives(values), step);
    }
    if (ts.isShorthandPropertyAssignment(declaration)) return this.value(declaration.name, path);
    return CLEAN;
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
  private keysOf(node: ts.Expression): Taint {
    return alternatives(
      this.shapes(node).map((shape) => {
        if (shape.kind !== 'literal')
          return shape.kind === 'opaque' ? shape.subst(this.value(shape.node)) : this.value(node);
        return mix(
          shape.literal.properties.map((member) => {
            if (ts.isSpreadAssignment(member)) return this.keysOf(member.expression);
            return ts.isComputedPropertyName(member.name) ? shape.subst(this.value(member.name.expression)) : CLEAN;
          }),
        );
      }),
    );
  }

  /** A name bound by destructuring: the path from the pattern's root, then the root's value. */
  private bindingElement(element: ts.BindingElement, use: ts.Identifier, path: Path): Taint {
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
        taint = alternatives(
          this.definitions.reaching(holder, use).map((definition) => this.value(definition, fullPath)),
        );
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
    const decorated = this.decoratedParameter(parameter, path);
    if (decorated) return decorated;
    const root = this.requestObjects.atParameter(parameter, path);
    if (root) return root;
    const fn = parameter.parent;
    if (!isFunctionNode(fn)) return CLEAN;
    const index = fn.parameters.indexOf(parameter);
    const callback = this.callbackArgument(fn, index);
    if (callback) {
      const taint = this.value(callback.receiver, callback.element ? [ANY, ...path] : path);
      return ts.isIdentifier(parameter.name)
        ? withStep(taint, { label: `\`${parameter.name.text}\``, node: parameter.name })
        : taint;
    }
    const origin: ParamOrigin = { kind: 'param', fn, index, path, steps: [], content: true, validated: false };
    return single(origin);
  }

  /** NestJS-style `@Param('id') id`, `@Body() dto`, `@CurrentUser() user`. */
  private decoratedParameter(parameter: ts.ParameterDeclaration, path: Path): Taint | undefined {
    if (!this.model.decorators?.length || !ts.canHaveDecorators(parameter)) return undefined;
    for (const decorator of ts.getDecorators(parameter) ?? []) {
      const expression = skipOuter(decorator.expression);
      const call = ts.isCallExpression(expression) ? expression : undefined;
      const callee = call ? skipOuter(call.expression) : expression;
      const name = ts.isIdentifier(callee)
        ? callee.text
        : ts.isPropertyAccessExpression(callee)
          ? callee.name.text
          : undefined;
      if (!name) continue;
      for (const [index, model] of this.model.decorators.entries()) {
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
        if (this.principalDecorators[index]!.test(name))
          return single({ kind: 'principal', node: parameter, label: `@${name}()` });
      }
    }
    return undefined;
  }

  /** `ids.map(id => …)`, `p.then(v => …)`: the parameter receives the receiver's element or value. */
  private callbackArgument(fn: FunctionNode, index: number): { receiver: ts.Expression; element: boolean } | undefined {
    if (!ts.isArrowFunction(fn) && !ts.isFunctionExpression(fn)) return undefined;
    const call = fn.parent;
    if (!ts.isCallExpression(call) || !call.arguments.includes(fn)) return undefined;
    const callee = skipOuter(call.expression);
    if (!ts.isPropertyAccessExpression(callee)) return undefined;
    const spec = CALLBACK_ELEMENT_PARAM[callee.name.text];
    if (spec?.index !== index || call.arguments[0] !== fn) return undefined;
    return { receiver: callee.expression, element: spec.element };
  }

  private call(node: ts.CallExpression, path: Path): Taint {
    const produced = this.producedBy?.(node);
    if (produced) {
      const origin: Origin = { kind: 'produced', producer: produced.producer, site: produced.site, path, steps: [] };
      return single(origin);
    }
    this.reachedCall = true;
    const overlaid = this.overlay?.(node, path, this);
    if (overlaid) return overlaid;
    const method = this.requestObjects.atMethodCall(node);
    if (method) return method;
    if (this.calls(node, this.model.principalCalls))
      return single({ kind: 'principal', node, label: shortText(node, 50) });
    const configuredSource = this.model.sourceCalls?.find((source) => this.calls(node, [source.callee]));
    if (configuredSource) {
      const label = shortText(node, 50);
      return requestSource(node, label, configuredSource.sourceType);
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
      if (outcomePath && !this.withoutOverlay(() => this.guards.outcomeChecked(node, outcomePath))) return raw;
      const field = rest[0];
      if (
        field !== undefined &&
        field !== ANY &&
        !this.withoutOverlay(() => this.guards.checks.declaresField(node, resultPath, field))
      )
        return raw;
      return sanitize(raw, parsed.how);
    }

    const callee = skipOuter(node.expression);
    const fn = this.definitions.callee(node);
    if (ts.isIdentifier(callee)) {
      if (CONTENT_DROPPING_GLOBALS.has(callee.text) && this.isGlobal(callee))
        return dropContent(this.argumentsMix(node));
      if (PROPAGATING_GLOBALS.has(callee.text) && this.isGlobal(callee)) return this.argumentsMix(node);
    }
    if (ts.isPropertyAccessExpression(callee)) {
      const receiver = callee.expression;
      const name = callee.name.text;
      if (ts.isIdentifier(receiver) && this.isGlobal(receiver)) {
        if (receiver.text === 'JSON' && name === 'parse')
          return node.arguments[0] ? this.value(node.arguments[0], path) : CLEAN;
        if (receiver.text === 'JSON' && name === 'stringify') return this.argumentsMix(node);
        if (receiver.text === 'Math' || (receiver.text === 'Number' && name.startsWith('parse')))
          return dropContent(this.argumentsMix(node));
        if (
          receiver.text === 'Promise' ||
          (receiver.text === 'Array' && name === 'from') ||
          (receiver.text === 'Object' && name === 'freeze')
        ) {
          return node.arguments[0] ? this.value(node.arguments[0], path) : CLEAN;
        }
        if (receiver.text === 'Object' && name === 'assign')
          return alternatives(node.arguments.map((argument) => this.value(argument, path)));
        if (receiver.text === 'Object' && node.arguments[0])
          return this.objectEntries(name, node.arguments[0], path) ?? CLEAN;
      }
      if (!fn) {
        if (name === 'then' || name === 'map' || name === 'flatMap') {
          const callback = node.arguments[0];
          if (callback && (ts.isArrowFunction(callback) || ts.isFunctionExpression(callback))) {
            // `map` returns one element per callback result; `then` and `flatMap` return the callback's result (its elements).
            return this.returnValue(callback, name === 'map' ? path.slice(1) : path);
          }
        }
        if (name === 'reduce') {
          // The accumulated value: what the callback returns (the elements it folds in), or the initial value.
          const [callback, initial] = node.arguments;
          if (callback && (ts.isArrowFunction(callback) || ts.isFunctionExpression(callback))) {
            return alternatives([this.returnValue(callback, path), initial ? this.value(initial, path) : CLEAN]);
          }
        }
        if (name === 'catch' || name === 'finally') return this.value(receiver, path);
        if (name === 'concat' && path[0] === ANY && this.isArrayLike(receiver)) {
          // `parts.concat(more, last)`: arrays add their elements, other arguments are elements themselves.
          const added = node.arguments.map((argument) =>
            this.isArrayLike(argument) ? this.value(argument, path) : this.value(argument, path.slice(1)),
          );
          return alternatives([this.value(receiver, path), ...added]);
        }
        if (ELEMENT_PRESERVING.has(name) && this.isArrayLike(receiver)) return this.value(receiver, path);
        if (name === 'join') return this.value(receiver, [ANY]);
        // Getters of containers (`searchParams.get('id')`, `headers.get('x-user')`) hand out their contents.
        if (name === 'get' || name === 'getAll') return this.value(receiver);
        if (STRING_METHODS.has(name) && this.isStringLike(receiver)) {
          return name === 'concat' || name === 'replace' || name === 'replaceAll'
            ? mix([
                this.value(receiver),
                ...node.arguments.slice(name === 'concat' ? 0 : 1).map((argument) => this.value(argument)),
              ])
            : this.value(receiver);
        }
        return CLEAN;
      }
    }
    if (!fn) return CLEAN;
    return this.substitute(withReturnHop(this.returnValue(fn, path), fn), node, fn, false);
  }

  /** `Object.keys(o)`, `Object.entries(o)`, `Object.values(o)`, `Object.fromEntries(pairs)`. */
  private objectEntries(name: string, argument: ts.Expression, path: Path): Taint | undefined {
    const [, field, ...rest] = path;
    switch (name) {
      case 'keys':
        return this.keysOf(argument);
      case 'values':
        return this.value(argument, [ANY, ...path.slice(1)]);
      case 'entries':
        if (field === '0') return this.keysOf(argument);
        if (field === '1') return this.value(argument, [ANY, ...rest]);
        return mix([this.keysOf(argument), this.value(argument, [ANY])]);
      case 'fromEntries':
        return this.value(argument, [ANY, '1', ...path.slice(1)]);
      default:
        return undefined;
    }
  }

  /** Whether a call's callee is one of the specified functions (matched through the checker). */
  calls(node: ts.CallExpression | ts.NewExpression, specs: readonly Specifier[] | undefined): boolean {
    if (!specs?.length) return false;
    const callee = skipOuter(node.expression);
    const nameNode = ts.isPropertyAccessExpression(callee) ? callee.name : callee;
    if (!ts.isIdentifier(nameNode)) return false;
    const names = new Set(specs.flatMap(specifierNames));
    if (!names.has(nameNode.text) && !(nameNode === callee && names.has(renamedImport(nameNode) ?? ''))) return false;
    return (
      symbolMatches(this.checker, this.checker.getSymbolAtLocation(nameNode), specs) || specs.includes(nameNode.text)
    );
  }

  private argumentsMix(node: ts.CallExpression): Taint {
    return mix(node.arguments.map((argument) => this.value(argument)));
  }

  private isGlobal(identifier: ts.Identifier): boolean {
    const declaration = this.definitions.declarationOf(identifier);
    return !declaration || declaration.getSourceFile().isDeclarationFile;
  }

  private isStringLike(node: ts.Expression): boolean {
    const type = this.checker.getTypeAtLocation(node);
    return (
      (type.flags & (ts.TypeFlags.StringLike | ts.TypeFlags.Any | ts.TypeFlags.Unknown)) !== 0 ||
      this.isUnionOf(type, ts.TypeFlags.StringLike)
    );
  }

  private isArrayLike(node: ts.Expression): boolean {
    const type = this.checker.getTypeAtLocation(node);
    return (type.flags & (ts.TypeFlags.Any | ts.TypeFlags.Unknown)) !== 0 || this.checker.isArrayLikeType(type);
  }

  private isUnionOf(type: ts.Type, flags: ts.TypeFlags): boolean {
    return (
      type.isUnion() &&
      type.types.every((part) => (part.flags & (flags | ts.TypeFlags.Undefined | ts.TypeFlags.Null)) !== 0)
    );
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
        result = alternatives(this.definitions.returnExpressions(fn).map((expression) => this.value(expression, path)));
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
   * Resolves a callee's symbolic parameters with the caller's arguments. `toSink`: the call carries
   * values toward a sink, so each source records this argument as where it left its function.
   */
  substitute(taint: Taint, call: ts.CallExpression | ts.NewExpression, fn: FunctionNode, toSink: boolean): Taint {
    if (!hasOrigin(taint, (origin) => origin.kind === 'param' && origin.fn === fn)) return taint;
    const args = call.arguments ?? ts.factory.createNodeArray();
    const calleeName = functionName(fn);
    return flatMapOrigins(taint, (origin) => {
      if (origin.kind !== 'param' || origin.fn !== fn) return undefined;
      const parameter = fn.parameters[origin.index];
      if (!parameter) return CLEAN;
      const paramName = ts.isIdentifier(parameter.name) ? parameter.name.text : `#${origin.index + 1}`;
      let argTaint: Taint;
      let exit: ts.Expression | undefined;
      if (parameter.dotDotDotToken) {
        const [head, ...rest] = origin.path;
        const index = Number(head);
        const restArgs = args.slice(origin.index);
        argTaint = Number.isInteger(index)
          ? restArgs[index]
            ? this.value(restArgs[index], rest)
            : CLEAN
          : alternatives(restArgs.map((argument) => this.value(argument, rest)));
      } else {
        const argument = args[origin.index];
        if (argument && ts.isSpreadElement(argument)) return CLEAN;
        exit = argument;
        argTaint = argument
          ? this.value(argument, origin.path)
          : parameter.initializer
            ? this.value(parameter.initializer, origin.path)
            : CLEAN;
      }
      if (isClean(argTaint)) return CLEAN;
      const hop = { label: `${calleeName}(${paramName})`, node: parameter.name };
      let result = mapOrigins(argTaint, (argOrigin) => {
        if (argOrigin.kind === 'principal') return argOrigin;
        const steps = [...argOrigin.steps, hop, ...origin.steps];
        if (argOrigin.kind === 'source') {
          return { ...argOrigin, steps, exitArg: argOrigin.exitArg ?? (toSink ? exit : undefined) };
        }
        return { ...argOrigin, steps };
      });
      if (!origin.content) result = dropContent(result);
      else if (origin.validated) result = markValidated(result);
      return result;
    });
  }

  /**
   * A use proven equal to a principal (or a parameter that callers may bind to one) takes its
   * value; a use whose text a check or its type constrains keeps its flows with less content taint.
   */
  private guarded(use: ts.Expression, path: Path, taint: Taint): Taint {
    if (!hasOrigin(taint, (origin) => origin.kind === 'source' || origin.kind === 'param')) return taint;
    const { principal, checked } = this.withoutOverlay(() => this.guards.inspect(use));
    if (principal) return principal;
    if (!hasOrigin(taint, (origin) => (origin.kind === 'source' || origin.kind === 'param') && origin.content))
      return taint;
    // The use's type says something about its own value only, not about a part read further on.
    const how =
      checked === 'allowListed' || path.length > 0
        ? checked
        : (this.withoutOverlay(() => this.guards.checks.ofType(use)) ?? checked);
    return how ? sanitize(taint, how) : taint;
  }

  /** The shapes an input object may have: the literals it is built from, seen through calls. */
  shapes(node: ts.Expression, subst: Subst = IDENTITY, depth = 0): Shape[] {
    const expression = skipOuter(node);
    if (depth > 12) return [];
    if (ts.isObjectLiteralExpression(expression)) return [{ kind: 'literal', literal: expression, subst, writes: [] }];
    if (ts.isAwaitExpression(expression)) return this.shapes(expression.expression, subst, depth + 1);
    if (ts.isConditionalExpression(expression)) {
      return [
        ...this.shapes(expression.whenTrue, subst, depth + 1),
        ...this.shapes(expression.whenFalse, subst, depth + 1),
      ];
    }
    if (ts.isIdentifier(expression)) {
      const declaration = this.definitions.declarationOf(expression);
      if (declaration && ts.isVariableDeclaration(declaration) && ts.isIdentifier(declaration.name)) {
        const definitions = this.definitions.reaching(declaration, expression);
        const symbol = this.checker.getSymbolAtLocation(declaration.name);
        const before = (write: { at: ts.Node }) => write.at.end <= expression.pos;
        const writes = symbol ? this.definitions.propertyWrites(symbol, declaration).filter(before) : [];
        const computed = symbol ? this.definitions.computedWrites(symbol, declaration).filter(before) : [];
        const shapes = definitions
          .flatMap((definition) => this.shapes(definition, subst, depth + 1))
          .map((shape) =>
            shape.kind === 'literal' && writes.length ? { ...shape, writes: [...shape.writes, ...writes] } : shape,
          )
          .map((shape) =>
            shape.kind === 'literal' && computed.length
              ? { ...shape, computed: [...(shape.computed ?? []), ...computed] }
              : shape,
          );
        return shapes.length ? shapes : [{ kind: 'opaque', node: expression, subst }];
      }
      if (
        declaration &&
        ts.isParameter(declaration) &&
        ts.isIdentifier(declaration.name) &&
        isFunctionNode(declaration.parent)
      ) {
        if (subst !== IDENTITY) return [{ kind: 'opaque', node: expression, subst }];
        return [
          {
            kind: 'param',
            fn: declaration.parent,
            index: declaration.parent.parameters.indexOf(declaration),
            path: [],
          },
        ];
      }
    }
    if (ts.isPropertyAccessExpression(expression)) {
      const holders = this.shapes(expression.expression, subst, depth + 1);
      const name = expression.name.text;
      const out: Shape[] = [];
      for (const holder of holders) {
        if (holder.kind === 'literal') {
          const value = literalMember(holder, name);
          if (value) out.push(...this.shapes(value, holder.subst, depth + 1));
        } else if (holder.kind === 'param') {
          out.push({ ...holder, path: [...holder.path, name] });
        }
      }
      if (out.length) return out;
    }
    if (ts.isCallExpression(expression) && expression.arguments[0] && this.calls(expression, this.model.propagators)) {
      return this.shapes(expression.arguments[0], subst, depth + 1);
    }
    if (ts.isCallExpression(expression)) {
      const fn = this.definitions.callee(expression);
      if (fn?.body) {
        const returns = ts.isBlock(fn.body) ? this.definitions.returnExpressions(fn) : [fn.body];
        const inner: Subst = (taint) => subst(this.substitute(taint, expression, fn, true));
        const out: Shape[] = [];
        for (const returned of returns) {
          for (const shape of this.shapes(returned, IDENTITY, depth + 1)) {
            if (shape.kind === 'literal' || shape.kind === 'opaque')
              out.push({ ...shape, subst: (taint) => inner(shape.subst(taint)) });
            else if (shape.fn === fn) out.push(...this.argumentShapes(expression, shape, subst, depth));
          }
        }
        if (out.length) return out;
      }
    }
    return [{ kind: 'opaque', node: expression, subst }];
  }

  /** The shapes of an array's elements: a literal's, or what a `.map` callback returns. */
  elements(node: ts.Expression, subst: Subst = IDENTITY, depth = 0): Shape[] {
    const expression = skipOuter(node);
    if (depth > 12) return [];
    if (ts.isArrayLiteralExpression(expression)) {
      return expression.elements.flatMap((element) =>
        ts.isSpreadElement(element)
          ? this.elements(element.expression, subst, depth + 1)
          : this.shapes(element, subst, depth + 1),
      );
    }
    if (ts.isCallExpression(expression)) {
      const callee = skipOuter(expression.expression);
      const callback = expression.arguments[0];
      if (
        ts.isPropertyAccessExpression(callee) &&
        (callee.name.text === 'map' || callee.name.text === 'flatMap') &&
        callback
      ) {
        const fn = skipOuter(callback);
        if (ts.isArrowFunction(fn) || ts.isFunctionExpression(fn)) {
          const returns = ts.isBlock(fn.body) ? this.definitions.returnExpressions(fn) : [fn.body];
          return returns.flatMap((returned) => this.shapes(returned, subst, depth + 1));
        }
      }
    }
    if (ts.isIdentifier(expression)) {
      const declaration = this.definitions.declarationOf(expression);
      if (declaration && ts.isVariableDeclaration(declaration)) {
        return this.definitions
          .reaching(declaration, expression)
          .flatMap((definition) => this.elements(definition, subst, depth + 1));
      }
    }
    return [{ kind: 'opaque', node: expression, subst }];
  }

  /** The caller-side shapes of a callee parameter shape, for a call site. */
  argumentShapes(call: ts.CallExpression | ts.NewExpression, shape: ParamShape, subst: Subst, depth = 0): Shape[] {
    const argument = call.arguments?.[shape.index];
    if (!argument) return [];
    let shapes = this.shapes(argument, subst, depth + 1);
    for (const name of shape.path) {
      shapes = shapes.flatMap((holder): Shape[] => {
        if (holder.kind === 'literal') {
          const value = literalMember(holder, name);
          return value ? this.shapes(value, holder.subst, depth + 1) : [];
        }
        if (holder.kind === 'param') return [{ ...holder, path: [...holder.path, name] }];
        return [holder];
      });
    }
    return shapes;
  }
}

/**
 * Memoised answers per node and path. An answer that never went through a call is the same under
 * every overlay and is shared; one that did is kept in the layer of the overlay it was computed with.
 */
class LayeredMemo {
  private readonly shared = new Map<ts.Node, Map<string, Taint>>();
  private readonly layers = new Map<CallOverlay | undefined, Map<ts.Node, Map<string, Taint>>>();

  get(
    node: ts.Node,
    key: string,
    overlay: CallOverlay | undefined,
  ): { taint: Taint; throughCall: boolean } | undefined {
    const shared = this.shared.get(node)?.get(key);
    if (shared) return { taint: shared, throughCall: false };
    const layered = this.layers.get(overlay)?.get(node)?.get(key);
    return layered && { taint: layered, throughCall: true };
  }

  set(node: ts.Node, key: string, overlay: CallOverlay | undefined, taint: Taint, throughCall: boolean): void {
    let byNode = throughCall ? this.layers.get(overlay) : this.shared;
    if (!byNode) this.layers.set(overlay, (byNode = new Map<ts.Node, Map<string, Taint>>()));
    let byPath = byNode.get(node);
    if (!byPath) byNode.set(node, (byPath = new Map<string, Taint>()));
    byPath.set(key, taint);
  }
}

/** A produced value (a DynamoDB item) that a function returns records the function as a hop. */
function withReturnHop(taint: Taint, fn: FunctionNode): Taint {
  if (!hasOrigin(taint, (origin) => origin.kind === 'produced')) return taint;
  const hop = { label: functionName(fn), node: fn.name ?? fn };
  return mapOrigins(taint, (origin) =>
    origin.kind === 'produced' ? { ...origin, steps: [...origin.steps, hop] } : origin,
  );
}

/** A property of an object shape: the last write to it, or the literal's own member. */
export function literalMember(shape: LiteralShape, name: string): ts.Expression | undefined {
  for (let i = shape.writes.length - 1; i >= 0; i--) {
    const write = shape.writes[i]!;
    if (write.path.length === 1 && write.path[0] === name) return write.value;
  }
  const member = findProperty(shape.literal, name);
  return member && memberValue(member);
}

/** Entries added under a property after creation (`params.ExpressionAttributeValues[':s'] = v`). */
export function nestedWrites(shape: LiteralShape, name: string): { name: string; value: ts.Expression }[] {
  return shape.writes
    .filter((write) => write.path.length === 2 && write.path[0] === name)
    .map((write) => ({ name: write.path[1]!, value: write.value }));
}

/** `a + b + c` parses left-deep; its operands are read with a loop, not one recursion per term. */
export function concatenationOperands(node: ts.BinaryExpression): ts.Expression[] {
  const operands: ts.Expression[] = [];
  let current: ts.Expression = node;
  while (ts.isBinaryExpression(current) && current.operatorToken.kind === ts.SyntaxKind.PlusToken) {
    operands.push(current.right);
    current = skipOuter(current.left);
  }
  operands.push(current);
  return operands.reverse();
}

export function functionName(fn: FunctionNode): string {
  if (fn.name && (ts.isIdentifier(fn.name) || ts.isStringLiteral(fn.name))) {
    const owner = fn.parent;
    if ((ts.isClassDeclaration(owner) || ts.isClassExpression(owner)) && owner.name)
      return `${owner.name.text}.${fn.name.text}`;
    return qualified(owner, fn.name.text);
  }
  if (ts.isConstructorDeclaration(fn)) return 'constructor';
  const holder = fn.parent;
  if (ts.isVariableDeclaration(holder) && ts.isIdentifier(holder.name)) return holder.name.text;
  if (ts.isPropertyAssignment(holder)) return qualified(holder.parent, staticName(holder.name) ?? 'function');
  return 'function';
}

/** `service.get` for a method of an object literal assigned to `service`. */
function qualified(owner: ts.Node, name: string): string {
  if (
    ts.isObjectLiteralExpression(owner) &&
    ts.isVariableDeclaration(owner.parent) &&
    ts.isIdentifier(owner.parent.name)
  ) {
    return `${owner.parent.name.text}.${name}`;
  }
  return name;
}
