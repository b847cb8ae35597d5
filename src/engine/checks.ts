import ts from 'typescript';
import { bindingPath, isGlobalMethodCall, skipOuter } from './ast.js';
import type { ValidatorModel } from './model.js';
import { isValidatingPattern, regexOf } from './patterns.js';
import { constantString } from './strings.js';
import { enumMemberNames } from './enum-members.js';
import { hasOrigin } from './taint.js';
import type { Sanitization } from './taint.js';
import type { Tracer } from './flow/tracer.js';
import { resolvedSignature } from './types.js';

/** A value that a check constrains, and how strongly. */
export interface ValueCheck {
  readonly subject: ts.Expression;
  readonly how: Sanitization;
}

const NULLISH = ts.TypeFlags.Undefined | ts.TypeFlags.Null | ts.TypeFlags.Void;
const CLOSED =
  ts.TypeFlags.NumberLike |
  ts.TypeFlags.BigIntLike |
  ts.TypeFlags.BooleanLike |
  ts.TypeFlags.StringLiteral |
  ts.TypeFlags.EnumLike;
/** How far a use is followed back to find a type assertion behind its type. */
const MAX_ASSERTION_HOPS = 8;
const MEMBERSHIP_METHODS = new Set(['includes', 'has']);

/**
 * Recognises checks that constrain a value's text: anchored patterns, allow-list membership,
 * equality with constants, type predicates, modelled validator calls, and closed types.
 */
export class Checks {
  private readonly memo = new Map<ts.Node, readonly ValueCheck[]>();
  private readonly afterMemo = new Map<ts.Node, readonly ValueCheck[]>();

  constructor(
    private readonly tracer: Tracer,
    private readonly validators: readonly ValidatorModel[],
  ) {}

  /** What a condition (a call, or `x in LABELS`; not a `!`, `&&`, `||` or comparison) proves when it is true. */
  whenTrue(condition: ts.Expression): readonly ValueCheck[] {
    const node = skipOuter(condition);
    let cached = this.memo.get(node);
    if (!cached) this.memo.set(node, (cached = this.computeWhenTrue(node)));
    return cached;
  }

  /** `x === 'open'`, `x === Status.Open`: equal to a constant, so one of the values the code wrote. */
  whenEqual(left: ts.Expression, right: ts.Expression): ValueCheck[] {
    if (this.isConstant(right)) return [{ subject: left, how: 'allowListed' }];
    if (this.isConstant(left)) return [{ subject: right, how: 'allowListed' }];
    return [];
  }

  /** `RE.exec(x) !== null`: the match succeeded. */
  whenNotEqual(left: ts.Expression, right: ts.Expression): readonly ValueCheck[] {
    if (isNullish(right)) return this.whenTrue(left);
    if (isNullish(left)) return this.whenTrue(right);
    return [];
  }

  /** What a call proves once it returns normally: `assertIsNoteId(id)`, `Joi.assert(body, schema)`. */
  afterCall(call: ts.CallExpression): readonly ValueCheck[] {
    let cached = this.afterMemo.get(call);
    if (!cached) this.afterMemo.set(call, (cached = this.computeAfterCall(call)));
    return cached;
  }

  private computeAfterCall(call: ts.CallExpression): ValueCheck[] {
    const out: ValueCheck[] = [];
    const predicate = this.typePredicate(call, true);
    if (predicate) out.push(predicate);
    for (const model of this.modelsOf(call, 'assertion')) out.push(...this.modelCheck(call, model));
    return out;
  }

  /** `schema.parse(body)`: the argument it checks, and where the checked value sits in its result. */
  parse(
    call: ts.CallExpression,
  ):
    | { argument: ts.Expression; resultPath?: string; outcomePath?: string; successPath?: string; how: Sanitization }
    | undefined {
    const model = this.modelsOf(call, 'parse')[0];
    const argument = model && call.arguments[model.argument];
    return (
      argument && {
        argument,
        resultPath: model.resultPath,
        outcomePath: model.outcomePath,
        successPath: model.successPath,
        how: model.allowList ? 'allowListed' : 'validated',
      }
    );
  }

  /**
   * Whether the schema behind a parse declares a field of its result: `.passthrough()` (or a
   * `catchall`) hands back undeclared fields as the client sent them. Read from the result's type;
   * an untyped result is trusted.
   */
  declaresField(call: ts.CallExpression, resultPath: string | undefined, field: string): boolean {
    const checker = this.tracer.checker;
    let type = checker.getAwaitedType(checker.getTypeAtLocation(call)) ?? checker.getTypeAtLocation(call);
    if (resultPath !== undefined) {
      const holder = checker.getPropertyOfType(type.getNonNullableType(), resultPath);
      if (!holder) return true;
      type = checker.getTypeOfSymbolAtLocation(holder, call);
    }
    type = type.getNonNullableType();
    // Nothing declared (`any`, `Record<string, any>`): the type cannot tell.
    if (type.flags & (ts.TypeFlags.Any | ts.TypeFlags.Unknown) || checker.getPropertiesOfType(type).length === 0)
      return true;
    return checker.getPropertyOfType(type, field) !== undefined;
  }

  /**
   * What the checker's type of a use proves: a number, boolean, literal union or enum cannot carry
   * chosen text; a branded string was checked by whoever made it. Types that come from an
   * assertion (`x as Status`) prove nothing.
   */
  ofType(use: ts.Expression): Sanitization | undefined {
    const how = closedType(this.typeOfUse(use));
    return how && !this.asserted(use) ? how : undefined;
  }

  /**
   * perf: the checker types a shorthand property (`Key: { id }`) as a property of its object
   * literal, which checks the whole literal against its contextual type (a DynamoDB command's
   * input: costly, and asked nowhere else). The value is the variable's: where that is declared a
   * string, narrowing makes it closed only through checks the guards read themselves (an equality
   * with a constant, a switch over constants, a type predicate), so its declared type answers.
   * Any other declared type (`any`, a union a `typeof` test narrows) is asked at the use.
   */
  private typeOfUse(use: ts.Expression): ts.Type {
    const checker = this.tracer.checker;
    if (ts.isShorthandPropertyAssignment(use.parent) && use.parent.name === use) {
      const variable = checker.getShorthandAssignmentValueSymbol(use.parent);
      const declared = variable && checker.getTypeOfSymbol(variable);
      if (declared && isPlainString(declared)) return declared;
    }
    return checker.getTypeAtLocation(use);
  }

  private computeWhenTrue(node: ts.Expression): ValueCheck[] {
    if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.InKeyword) {
      return this.isConstantHolder(node.right) ? [{ subject: node.left, how: 'allowListed' }] : [];
    }
    if (!ts.isCallExpression(node)) return [];
    const out: ValueCheck[] = [];
    const predicate = this.typePredicate(node, false);
    if (predicate) out.push(predicate);
    for (const model of this.modelsOf(node, 'predicate')) out.push(...this.modelCheck(node, model));
    const made = !predicate && this.madeByFactory(node);
    if (made && node.arguments[made.argument]) out.push({ subject: node.arguments[made.argument]!, how: 'validated' });
    const pattern = this.patternCheck(node);
    if (pattern) out.push(pattern);
    const membership = this.membershipCheck(node);
    if (membership) out.push(membership);
    return out;
  }

  /** `/^[a-z]+$/.test(x)`, `RE.exec(x)`, `x.match(RE)`: only patterns that constrain the whole text. */
  private patternCheck(call: ts.CallExpression): ValueCheck | undefined {
    const callee = skipOuter(call.expression);
    if (!ts.isPropertyAccessExpression(callee)) return undefined;
    const method = callee.name.text;
    let regex: ts.Expression | undefined;
    let subject: ts.Expression | undefined;
    if ((method === 'test' || method === 'exec') && call.arguments[0])
      [regex, subject] = [callee.expression, call.arguments[0]];
    else if (method === 'match' && call.arguments[0]) [regex, subject] = [call.arguments[0], callee.expression];
    const pattern = regex && regexOf(this.tracer.definitions, regex);
    return pattern && subject && isValidatingPattern(pattern.source, pattern.flags)
      ? { subject, how: 'validated' }
      : undefined;
  }

  /** `ALLOWED.includes(x)`, `SORTS.has(x)`, `Object.hasOwn(LABELS, x)` over constants. */
  private membershipCheck(call: ts.CallExpression): ValueCheck | undefined {
    const callee = skipOuter(call.expression);
    if (!ts.isPropertyAccessExpression(callee)) return undefined;
    const [first, second] = call.arguments;
    const method = callee.name.text;
    if (MEMBERSHIP_METHODS.has(method) && first && this.isConstantCollection(callee.expression))
      return { subject: first, how: 'allowListed' };
    if (method === 'hasOwnProperty' && first && this.isConstantHolder(callee.expression))
      return { subject: first, how: 'allowListed' };
    if (isGlobalMethodCall(call, 'Object', 'hasOwn') && first && second && this.isConstantHolder(first)) {
      return { subject: second, how: 'allowListed' };
    }
    return undefined;
  }

  /** `x is NoteId` (or `asserts x is NoteId`) where `NoteId` constrains the text. */
  private typePredicate(call: ts.CallExpression, asserts: boolean): ValueCheck | undefined {
    // perf: resolving a call's signature is costly and most calls before a use are not predicates.
    if (!this.mayBePredicate(call)) return undefined;
    const checker = this.tracer.checker;
    const signature = resolvedSignature(checker, call);
    const declaration = signature?.declaration;
    // The standard library's predicates (`Array.isArray`) check shapes, not values.
    if (!signature || !declaration || isStandardLibrary(declaration.getSourceFile())) return undefined;
    const predicate = checker.getTypePredicateOfSignature(signature);
    const kind = asserts ? ts.TypePredicateKind.AssertsIdentifier : ts.TypePredicateKind.Identifier;
    if (predicate?.kind !== kind || !predicate.type) return undefined;
    const subject = call.arguments[predicate.parameterIndex];
    const how = closedType(predicate.type) ?? (isSchemaType(checker, predicate.type) ? 'validated' : undefined);
    return subject && how ? { subject, how } : undefined;
  }

  /** The value a modelled validator call checks; `errors.isEmpty()` reaches back to `const errors = validationResult(req)`. */
  private modelCheck(call: ts.CallExpression, model: ValidatorModel): ValueCheck[] {
    let args = call.arguments;
    if (model.ofReceiverCall) {
      const callee = skipOuter(call.expression);
      let receiver = ts.isPropertyAccessExpression(callee) ? skipOuter(callee.expression) : undefined;
      if (receiver && ts.isIdentifier(receiver)) {
        const declaration = this.tracer.definitions.declarationOf(receiver);
        receiver =
          declaration && ts.isVariableDeclaration(declaration) && declaration.initializer
            ? skipOuter(declaration.initializer)
            : undefined;
      }
      args = receiver && ts.isCallExpression(receiver) ? receiver.arguments : ts.factory.createNodeArray();
    }
    const subject = args[model.argument];
    return subject ? [{ subject, how: model.allowList ? 'allowListed' : 'validated' }] : [];
  }

  /** `validate(body)` where `const validate = ajv.compile(schema)`. */
  private madeByFactory(call: ts.CallExpression): ValidatorModel | undefined {
    const callee = skipOuter(call.expression);
    const declaration = ts.isIdentifier(callee) ? this.tracer.definitions.declarationOf(callee) : undefined;
    if (!declaration || !ts.isVariableDeclaration(declaration) || !declaration.initializer) return undefined;
    const init = skipOuter(declaration.initializer);
    return ts.isCallExpression(init) ? this.modelsOf(init, 'factory')[0] : undefined;
  }

  /** Whether some declaration of the callee returns a type predicate: written on it, or on the interface typing it (ajv's `ValidateFunction`). */
  private mayBePredicate(call: ts.CallExpression): boolean {
    const callee = skipOuter(call.expression);
    const name = ts.isPropertyAccessExpression(callee) ? callee.name : callee;
    const symbol = this.tracer.definitions.symbolOf(name);
    const returnsPredicate = (declaration: ts.Declaration | undefined) =>
      !!declaration && ts.isFunctionLike(declaration) && !!declaration.type && ts.isTypePredicateNode(declaration.type);
    for (const declaration of symbol?.declarations ?? []) {
      if (ts.isFunctionLike(declaration)) {
        if (returnsPredicate(declaration)) return true;
      } else if (
        ts.isVariableDeclaration(declaration) ||
        ts.isPropertySignature(declaration) ||
        ts.isPropertyDeclaration(declaration) ||
        ts.isParameter(declaration)
      ) {
        const type = this.tracer.checker.getTypeOfSymbolAtLocation(symbol!, name);
        if (type.getCallSignatures().some((signature) => returnsPredicate(signature.getDeclaration()))) return true;
      }
    }
    return false;
  }

  private modelsOf(call: ts.CallExpression, kind: NonNullable<ValidatorModel['kind']>): ValidatorModel[] {
    // A validator of unset kind may be used any way but as a factory.
    const usable = (model: ValidatorModel) => (model.kind === undefined ? kind !== 'factory' : model.kind === kind);
    return this.validators.filter((model) => usable(model) && this.tracer.calls(call, [model.callee]));
  }

  /** A literal, a `const` string, or an enum member. */
  isConstant(node: ts.Expression): boolean {
    const expression = skipOuter(node);
    if (
      ts.isNumericLiteral(expression) ||
      expression.kind === ts.SyntaxKind.TrueKeyword ||
      expression.kind === ts.SyntaxKind.FalseKeyword
    )
      return true;
    if (constantString(this.tracer.definitions, expression).complete) return true;
    // `Status.Open`: an enum member (its symbol says so, without computing a type), asked only
    // of a name some enum member goes by.
    const name = ts.isPropertyAccessExpression(expression) ? expression.name : expression;
    return (
      ts.isIdentifier(name) &&
      enumMemberNames(this.tracer.program).has(name.text) &&
      ((this.tracer.definitions.symbolOf(name)?.flags ?? 0) & ts.SymbolFlags.EnumMember) !== 0
    );
  }

  /** An array or set the request cannot have filled: `['a', 'b']`, `new Set(SORTS)`. */
  private isConstantCollection(node: ts.Expression): boolean {
    const checker = this.tracer.checker;
    const type = checker.getTypeAtLocation(node);
    const name = type.getSymbol()?.name;
    const collection =
      checker.isArrayLikeType(type) ||
      name === 'Set' ||
      name === 'ReadonlySet' ||
      name === 'Map' ||
      name === 'ReadonlyMap';
    return collection && !(type.flags & ts.TypeFlags.StringLike) && this.isClean(node);
  }

  private isConstantHolder(node: ts.Expression): boolean {
    return (
      !(this.tracer.checker.getTypeAtLocation(node).flags & (ts.TypeFlags.Any | ts.TypeFlags.Unknown)) &&
      this.isClean(node)
    );
  }

  private isClean(node: ts.Expression): boolean {
    return !hasOrigin(this.tracer.value(node), (origin) => origin.kind === 'source' || origin.kind === 'param');
  }

  /** Whether a use's type was asserted rather than proven: `req.query.s as Status`, through `const`s and properties. */
  private asserted(use: ts.Expression): boolean {
    let node: ts.Node = use;
    for (let hops = 0; hops < MAX_ASSERTION_HOPS; hops++) {
      while (ts.isParenthesizedExpression(node)) node = node.expression;
      if (ts.isAsExpression(node) || ts.isTypeAssertionExpression(node)) {
        if (!ts.isConstTypeReference(node.type)) return true;
        node = node.expression;
      } else if (ts.isNonNullExpression(node) || ts.isSatisfiesExpression(node)) {
        node = node.expression;
      } else if (ts.isPropertyAccessExpression(node) || ts.isElementAccessExpression(node)) {
        node = node.expression;
      } else if (ts.isIdentifier(node)) {
        let declaration: ts.Node | undefined = this.tracer.definitions.declarationOf(node);
        if (declaration && ts.isBindingElement(declaration)) declaration = bindingPath(declaration).holder;
        if (!declaration || !ts.isVariableDeclaration(declaration) || !declaration.initializer) return false;
        node = declaration.initializer;
      } else {
        return false;
      }
    }
    return false;
  }
}

/** A type whose values cannot carry chosen text (`allowListed`) or were branded by a check (`validated`). */
export function closedType(type: ts.Type): Sanitization | undefined {
  if (type.isUnion()) {
    const parts = type.types.filter((part) => !(part.flags & NULLISH));
    if (parts.length === 0) return undefined;
    const each = parts.map(closedType);
    if (each.every((how) => how === 'allowListed')) return 'allowListed';
    return each.every((how) => how !== undefined) ? 'validated' : undefined;
  }
  if (type.flags & CLOSED) return 'allowListed';
  if (type.isIntersection()) {
    // `string & { readonly __brand: 'NoteId' }`.
    const primitive = type.types.some((part) => part.flags & ts.TypeFlags.StringLike);
    const brand = type.types.some((part) => part.flags & ts.TypeFlags.Object);
    if (primitive && brand) return 'validated';
    const each = type.types.map(closedType);
    if (each.includes('allowListed')) return 'allowListed';
  }
  return undefined;
}

/** `string`, possibly optional or nullable: a type only narrowing could close. */
function isPlainString(type: ts.Type): boolean {
  const parts = type.isUnion() ? type.types : [type];
  return (
    parts.some((part) => part.flags & ts.TypeFlags.String) &&
    parts.every((part) => part.flags & (ts.TypeFlags.String | NULLISH))
  );
}

/** An object type with named properties, such as what a schema check proves (`data is CreateNote`). */
function isSchemaType(checker: ts.TypeChecker, type: ts.Type): boolean {
  if (!(type.flags & ts.TypeFlags.Object) || checker.isArrayLikeType(type)) return false;
  if (type.getCallSignatures().length > 0) return false;
  return (
    checker.getPropertiesOfType(type).length > 0 &&
    !isStandardLibrary(type.getSymbol()?.declarations?.[0]?.getSourceFile())
  );
}

function isStandardLibrary(file: ts.SourceFile | undefined): boolean {
  return !!file && /[\\/]typescript[\\/]lib[\\/]lib\.[^\\/]*\.d\.ts$/.test(file.fileName);
}

function isNullish(node: ts.Expression): boolean {
  const expression = skipOuter(node);
  return (
    expression.kind === ts.SyntaxKind.NullKeyword || (ts.isIdentifier(expression) && expression.text === 'undefined')
  );
}
