import ts from 'typescript';
import { calledName, findProperty, memberValue, propertyNameOf, skipOuter } from './ast.js';
import type { Definitions } from './definitions.js';
import { fromPackage } from './dynamodb/sites.js';
import type { SchemaModel } from './model.js';
import { isValidatingPattern, regexOf } from './patterns.js';
import { schemaTypeDeclaresKeys } from './schema-types.js';
import { constantString } from './strings.js';
import type { Sanitization } from './taint.js';

/** How far a schema is followed through `const`s and method chains. */
const MAX_SCHEMA_DEPTH = 20;
/** How many calls of a parse helper are read for the schemas they pass it, and how many helpers deep. */
const MAX_SCHEMA_CALLS = 40;
const MAX_PASSED_DEPTH = 3;

/**
 * What a declared schema proves about one field of what it parses (SPEC §4, "string-only schemas
 * do not validate"): a closed type or a format / anchored pattern constrains the text, plain text
 * (`z.string()`, `.min(1)`, `.trim()`) does not. `undefined`: the schema cannot be read here (a
 * custom refinement, an imported schema), and is trusted like any validator.
 */
export type FieldStrength = Sanitization | 'unconstrained';

/** What a schema keeps of the value it parses. */
export type SchemaShape =
  | { readonly kind: 'loose' }
  | { readonly kind: 'fields'; readonly fields: ReadonlyMap<string, ts.Expression> }
  | { readonly kind: 'array'; readonly element: SchemaShape };

export class DeclaredSchemas {
  constructor(
    private readonly checker: ts.TypeChecker,
    private readonly definitions: Definitions,
    private readonly models: readonly SchemaModel[],
  ) {}

  /** `Schema.parse(input)` / `Schema.safeParse(input)`: the schema, when the method is a modelled parse. */
  parsedWith(call: ts.CallExpression): { schema: ts.Expression; model: SchemaModel; method: string } | undefined {
    const callee = skipOuter(call.expression);
    return ts.isPropertyAccessExpression(callee) ? this.parseMethod(callee) : undefined;
  }

  /**
   * The schema a validating function argument applies: `Schema.parse` passed as a value,
   * `(body) => Schema.parse(body)`, or (h3 v2, standard schemas) the schema itself.
   */
  appliedBy(validator: ts.Expression): { schema: ts.Expression; model: SchemaModel } | undefined {
    const node = skipOuter(validator);
    const method = ts.isPropertyAccessExpression(node) ? this.parseMethod(node) : undefined;
    if (method) return method;
    if ((ts.isArrowFunction(node) || ts.isFunctionExpression(node)) && ts.isExpression(node.body)) {
      const body = skipOuter(node.body);
      return ts.isCallExpression(body) ? this.parsedWith(body) : undefined;
    }
    const model = this.models.find((candidate) => this.builtWith(node, candidate, 0));
    return model && { schema: node, model };
  }

  /** `Schema.parse`: a parse method of a modelled library, read on the schema it is called on. */
  private parseMethod(
    access: ts.PropertyAccessExpression,
  ): { schema: ts.Expression; model: SchemaModel; method: string } | undefined {
    const method = access.name.text;
    const model = this.models.find((candidate) => method in candidate.parse);
    if (!model || !fromPackage(this.checker, this.checker.getSymbolAtLocation(access.name), model.package, method))
      return undefined;
    return { schema: access.expression, model, method };
  }

  /** What `schema` proves about the field at `path` of the value it parses (`[]`: the value itself). */
  fieldStrength(schema: ts.Expression, model: SchemaModel, path: readonly string[]): FieldStrength | undefined {
    let node: ts.Expression | undefined = schema;
    for (const field of path) {
      const shape: SchemaShape | undefined = node && this.shape(node, model);
      node = shape?.kind === 'fields' ? shape.fields.get(field) : undefined;
    }
    return node && this.strength(node, model, 0);
  }

  /**
   * What a schema keeps of the value it parses: its declared fields, each with its own schema
   * (`z.object({ … })`, `.extend`, `.pick`, `.omit`, through `const`s and files), everything
   * (`.passthrough()`, `z.record`), or an array of elements of a shape.
   */
  shape(node: ts.Expression, model: SchemaModel, depth = 0): SchemaShape | undefined {
    const link = depth > MAX_SCHEMA_DEPTH ? undefined : this.link(node, model);
    if (!link) return undefined;
    const { callee, name, first } = link;
    if (link.builder) {
      if (model.objects.includes(name)) return first && shapeFields(first);
      if (model.loose.includes(name)) return { kind: 'loose' };
      if (first && model.strength?.wrappers?.includes(name)) return this.shape(first, model, depth + 1);
      const element = first && model.arrays.includes(name) ? this.shape(first, model, depth + 1) : undefined;
      return element && { kind: 'array', element };
    }
    if (!ts.isPropertyAccessExpression(callee)) return undefined;
    if (model.loose.includes(name)) return { kind: 'loose' };
    const inner = this.shape(callee.expression, model, depth + 1);
    if (!inner) return undefined;
    if (model.same.includes(name)) return inner;
    if (model.arrays.includes(name)) return { kind: 'array', element: inner };
    const named = first && shapeFields(first);
    if (inner.kind !== 'fields' || named?.kind !== 'fields') return undefined;
    if (model.extend.includes(name)) return { kind: 'fields', fields: new Map([...inner.fields, ...named.fields]) };
    const kept = model.pick.includes(name) ? true : model.omit.includes(name) ? false : undefined;
    if (kept === undefined) return undefined;
    return { kind: 'fields', fields: new Map([...inner.fields].filter(([field]) => named.fields.has(field) === kept)) };
  }

  /**
   * Whether what `schema` parses has only the keys the schema declares (it strips the others), so
   * its keys are an allow-list: as its chain of builders shows (`z.object({ … }).partial()`), or,
   * where no chain can be read (`A.and(B)`, `z.union([…])`, `schemas[kind]`), as its type says.
   */
  keysDeclared(schema: ts.Expression, model: SchemaModel, depth = 0): boolean {
    const shape = this.shape(schema, model);
    if (shape) return shape.kind === 'fields';
    const passed = depth < MAX_PASSED_DEPTH ? this.passedSchemas(schema) : undefined;
    if (passed) return passed.every((argument) => this.keysDeclared(argument, model, depth + 1));
    return (
      !!model.keyTypes &&
      schemaTypeDeclaresKeys(this.checker, this.checker.getTypeAtLocation(schema), model.package, model.keyTypes)
    );
  }

  /**
   * The schemas a parse helper is given (`parseBody(req, UpdateSpace)` for its parameter `body`, or
   * a member of one, `parser.body`): what every call of the program passes there, a call whose
   * options literal lacks the member passing none (then that call parses nothing with it);
   * `undefined` when the schema is no parameter, the helper is not called, or a call passes
   * something that cannot be read.
   */
  private passedSchemas(schema: ts.Expression): ts.Expression[] | undefined {
    const members: string[] = [];
    let node = skipOuter(schema);
    while (ts.isPropertyAccessExpression(node) && members.length < MAX_SCHEMA_DEPTH) {
      members.unshift(node.name.text);
      node = skipOuter(node.expression);
    }
    const parameter = ts.isIdentifier(node) ? this.definitions.declarationOf(node) : undefined;
    if (!parameter || !ts.isParameter(parameter) || !ts.isIdentifier(parameter.name)) return undefined;
    const fn = parameter.parent;
    const bound = this.definitions.argumentsBound(fn, fn.parameters.indexOf(parameter), MAX_SCHEMA_CALLS);
    if (!bound) return undefined;
    const passed: ts.Expression[] = [];
    for (const argument of bound) {
      let value: ts.Expression | undefined = argument;
      for (const member of members) {
        const literal: ts.Expression = skipOuter(value);
        if (!ts.isObjectLiteralExpression(literal) || literal.properties.some(ts.isSpreadAssignment)) return undefined;
        const property = findProperty(literal, member);
        value = property && memberValue(property);
        if (!value) break;
      }
      if (value) passed.push(value);
    }
    return passed;
  }

  /** A schema's own strength, read along its chain of builders and methods. */
  private strength(node: ts.Expression, model: SchemaModel, depth: number): FieldStrength | undefined {
    const strength = model.strength;
    const link = !strength || depth > MAX_SCHEMA_DEPTH ? undefined : this.link(node, model);
    if (!strength || !link) return undefined;
    const { call, callee, name, first } = link;
    if (link.builder) {
      if (first && strength.wrappers?.includes(name)) return this.strength(first, model, depth + 1);
      if (first && strength.unions?.includes(name)) return this.unionStrength(first, model, depth);
      return this.builderStrength(call, model, name);
    }
    if (!ts.isPropertyAccessExpression(callee)) return undefined;
    if (strength.closed.includes(name)) return 'allowListed';
    if (strength.formats.includes(name)) return 'validated';
    if (strength.patterns.includes(name) && first) {
      const regex = regexOf(this.definitions, first);
      if (regex && isValidatingPattern(regex.source, regex.flags)) return 'validated';
    }
    return strength.neutral.includes(name) || strength.patterns.includes(name)
      ? this.strength(callee.expression, model, depth + 1)
      : undefined;
  }

  /** A builder's own strength: its kind, or a format or anchored pattern in its options (`Type.String({ format: 'uuid' })`). */
  private builderStrength(call: ts.CallExpression, model: SchemaModel, name: string): FieldStrength | undefined {
    const strength = model.strength;
    if (!strength) return undefined;
    if (strength.closed.includes(name)) return 'allowListed';
    if (strength.formats.includes(name)) return 'validated';
    if (strength.options && call.arguments.some((argument) => this.constrainingOptions(argument, strength.options!)))
      return 'validated';
    return strength.texts.includes(name) ? 'unconstrained' : undefined;
  }

  private constrainingOptions(
    argument: ts.Expression,
    keys: { readonly formats: readonly string[]; readonly patterns: readonly string[] },
  ): boolean {
    const literal = skipOuter(argument);
    if (!ts.isObjectLiteralExpression(literal)) return false;
    if (keys.formats.some((key) => findProperty(literal, key))) return true;
    return keys.patterns.some((key) => {
      const member = findProperty(literal, key);
      const value = member && memberValue(member);
      const text = value && constantString(this.definitions, value);
      return !!text?.complete && isValidatingPattern(text.text, 'u');
    });
  }

  /** `z.union([z.literal('a'), z.literal('b')])`: as strong as its weakest member. */
  private unionStrength(members: ts.Expression, model: SchemaModel, depth: number): FieldStrength | undefined {
    const list = skipOuter(members);
    if (!ts.isArrayLiteralExpression(list) || list.elements.length === 0) return undefined;
    const strengths = list.elements.map((element) => this.strength(element, model, depth + 1));
    if (strengths.includes('unconstrained')) return 'unconstrained';
    if (strengths.includes(undefined)) return undefined;
    return strengths.every((strength) => strength === 'allowListed') ? 'allowListed' : 'validated';
  }

  /**
   * One link of a schema's chain, through the `const`s that hold it: a builder of the library
   * (`z.object(…)`) or a method called on a schema (`.extend(…)`), with its first argument.
   */
  private link(
    node: ts.Expression,
    model: SchemaModel,
  ):
    | { call: ts.CallExpression; callee: ts.Expression; name: string; first?: ts.Expression; builder: boolean }
    | undefined {
    let expression = skipOuter(node);
    for (let hops = 0; hops < MAX_SCHEMA_DEPTH && ts.isIdentifier(expression); hops++) {
      const initializer = this.initializerOf(expression);
      if (!initializer) return undefined;
      expression = skipOuter(initializer);
    }
    if (!ts.isCallExpression(expression)) return undefined;
    const callee = skipOuter(expression.expression);
    const name = calledName(callee);
    if (name === undefined) return undefined;
    const first = expression.arguments[0];
    return {
      call: expression,
      callee,
      name,
      ...(first ? { first } : {}),
      builder: this.isBuilder(callee, model, name),
    };
  }

  /** A builder called on the library (`z.string()`, `z.coerce.number()`) or imported from it (`string()`). */
  private isBuilder(callee: ts.Expression, model: SchemaModel, name: string): boolean {
    if (ts.isIdentifier(callee))
      return fromPackage(this.checker, this.checker.getSymbolAtLocation(callee), model.package, name);
    let root = callee;
    while (ts.isPropertyAccessExpression(root)) root = skipOuter(root.expression);
    return (
      ts.isIdentifier(root) &&
      fromPackage(this.checker, this.checker.getSymbolAtLocation(root), model.package, root.text)
    );
  }

  /** Whether an expression is a schema built with the library: the innermost call of its chain is a builder. */
  private builtWith(node: ts.Expression, model: SchemaModel, depth: number): boolean {
    const link = depth > MAX_SCHEMA_DEPTH ? undefined : this.link(node, model);
    if (!link) return false;
    return (
      link.builder ||
      (ts.isPropertyAccessExpression(link.callee) && this.builtWith(link.callee.expression, model, depth + 1))
    );
  }

  private initializerOf(identifier: ts.Identifier): ts.Expression | undefined {
    const declaration = this.definitions.declarationOf(identifier);
    return declaration && ts.isVariableDeclaration(declaration) ? declaration.initializer : undefined;
  }
}

/** The fields of a shape literal `{ id: z.string(), … }` with their schemas; a spread makes it unknown. */
function shapeFields(node: ts.Expression): SchemaShape | undefined {
  const literal = skipOuter(node);
  if (!ts.isObjectLiteralExpression(literal) || literal.properties.some(ts.isSpreadAssignment)) return undefined;
  const fields = new Map<string, ts.Expression>();
  for (const property of literal.properties) {
    const name = propertyNameOf(property);
    const value = memberValue(property);
    if (name !== undefined && value) fields.set(name, value);
  }
  return { kind: 'fields', fields };
}
