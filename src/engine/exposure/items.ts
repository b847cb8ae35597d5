import ts from 'typescript';
import { memberValue, propertyNameOf, skipOuter } from '../ast.js';
import type { SinkSite } from '../dynamodb/sites.js';
import type { Operation } from '../model.js';
import { constantString } from '../strings.js';
import type { ProducedOrigin, ReturnedThrough } from '../taint.js';
import { ANY } from '../flow/path.js';
import { literalMember } from '../flow/shapes.js';
import type { LiteralShape, Shape } from '../flow/shapes.js';
import type { Tracer } from '../flow/tracer.js';

/** Any array element (`*` or an index). */
const ELEMENT = '*';
/** Any property name (a `Responses` table name). */
const KEY = '#';

/**
 * Where the items sit in each operation's output. `LastEvaluatedKey`, `Count` and the like are
 * not items; writes return one only through `ReturnValues`.
 */
const ITEM_PATHS: Readonly<Record<Operation, readonly (readonly string[])[]>> = {
  get: [['Item']],
  query: [['Items', ELEMENT]],
  scan: [['Items', ELEMENT]],
  statement: [['Items', ELEMENT]],
  batchGet: [['Responses', KEY, ELEMENT]],
  transactGet: [['Responses', ELEMENT, 'Item']],
  batchStatement: [['Responses', ELEMENT, 'Item']],
  transactStatement: [['Responses', ELEMENT, 'Item']],
  put: [['Attributes']],
  update: [['Attributes']],
  delete: [['Attributes']],
  batchWrite: [],
  transactWrite: [],
};
const WRITES: ReadonlySet<Operation> = new Set(['put', 'update', 'delete']);

/** The attributes a projected read returns, and where its projection is written. */
export interface Projection {
  /** Top-level attribute names; every branch's, where the projection's text varies by branch. */
  readonly names: ReadonlySet<string>;
  readonly node: ts.Node;
}

/**
 * Decides whether a value produced by a DynamoDB call is a whole item (or a container of whole
 * items) rather than one of an item's properties, and whether the read projected its attributes.
 */
export class Items {
  private readonly projectionMemo = new Map<ts.Node, Projection | null>();

  /** `creates`: whether a put creates its item (a fresh key, `attribute_not_exists`): no old item can come back. */
  constructor(
    private readonly tracer: Tracer,
    private readonly creates?: (site: SinkSite) => boolean,
  ) {}

  /** A whole item, a list of them or the whole output: a path that stops at or above an item. */
  isRaw(origin: ProducedOrigin, site: SinkSite): boolean {
    return this.isRawAt(origin, this.itemPaths(site));
  }

  /** A path that stops at or above one of the given item paths (`[]`: the output is the item). */
  isRawAt(origin: ProducedOrigin, paths: readonly (readonly string[])[]): boolean {
    return paths.some(
      (pattern) =>
        origin.path.length <= pattern.length && origin.path.every((segment, i) => matches(segment, pattern[i]!)),
    );
  }

  /**
   * Some of an item's data: a path at or above an item (as `isRaw`), or into one (`Items[0].name`);
   * not `Count` or `LastEvaluatedKey`.
   */
  holdsItemData(origin: ProducedOrigin, site: SinkSite): boolean {
    return this.itemPaths(site).some((pattern) =>
      origin.path.slice(0, pattern.length).every((segment, i) => matches(segment, pattern[i]!)),
    );
  }

  /**
   * The members of an item a path into one reads (`Item.profile.name` → `profile`, `name`);
   * undefined for a path at or above an item, or through a member whose name is not known.
   */
  membersRead(origin: ProducedOrigin, site: SinkSite): readonly string[] | undefined {
    for (const pattern of this.itemPaths(site)) {
      if (origin.path.length <= pattern.length) continue;
      if (!origin.path.slice(0, pattern.length).every((segment, i) => matches(segment, pattern[i]!))) continue;
      const members = origin.path.slice(pattern.length);
      return members.includes(ANY) ? undefined : members;
    }
    return undefined;
  }

  private itemPaths(site: SinkSite): readonly (readonly string[])[] {
    if (site.mapper) return site.mapper.itemPaths;
    let paths = ITEM_PATHS[site.operation];
    const shapes = this.literalInputs(site);
    if (WRITES.has(site.operation)) {
      // Without `ReturnValues` (or with `NONE`) a write returns no attributes; `UPDATED_NEW` and
      // `UPDATED_OLD` return only the attributes the update set, not an item.
      const returned = shapes?.map((shape) => literalMember(shape, 'ReturnValues'));
      if (
        returned?.every((value) => {
          const text = value && constantString(this.tracer.definitions, value);
          return !text || text.text === 'NONE' || (text.complete && /^UPDATED_(?:NEW|OLD)$/.test(text.text));
        })
      )
        paths = [];
      // `ReturnValues: 'ALL_OLD'` of a put that creates its item returns no item.
      else if (site.operation === 'put' && this.creates?.(site)) paths = [];
    } else if (shapes?.length && shapes.every((shape) => this.text(shape, 'Select') === 'COUNT')) {
      paths = [];
    }
    return site.pages ? paths.map((path) => [ELEMENT, ...path]) : paths;
  }

  /**
   * The read's input fixes the attributes it returns: a constant projection on every input it may
   * take, with the attributes it names. `via`: the calls that returned the item
   * (`ProducedOrigin.via`); a wrapper that forwards its parameter to the read
   * (`get: (params) => client.get(params)`) reads with what its caller passed, so the caller's
   * literal decides.
   */
  projection(site: SinkSite, via: readonly ReturnedThrough[] = []): Projection | undefined {
    const cached = this.projectionMemo.get(site.node);
    if (cached !== undefined) return cached ?? undefined;
    const shapes = site.input ? this.tracer.shapes.of(site.input) : [];
    if (!site.mapper && shapes.some((shape) => shape.kind === 'param')) {
      const inputs = this.passedInputs(shapes, via);
      return inputs && union(inputs.map((shape) => this.projects(site.operation, shape)));
    }
    const result = site.mapper
      ? this.mapperProjection(site)
      : union(shapes.map((shape) => (shape.kind === 'literal' ? this.projects(site.operation, shape) : undefined)));
    this.projectionMemo.set(site.node, result ?? null);
    return result;
  }

  /**
   * The literals an input may be, a parameter of the reading function resolved with the argument
   * of the call that returned the item (and so on outwards, for a wrapper of a wrapper);
   * `undefined` if any is not a literal.
   */
  private passedInputs(shapes: readonly Shape[], via: readonly ReturnedThrough[]): LiteralShape[] | undefined {
    const out: LiteralShape[] = [];
    for (const shape of shapes) {
      if (shape.kind === 'opaque') return undefined;
      if (shape.kind === 'literal') {
        out.push(shape);
        continue;
      }
      // The parameter itself, not a part of it (`client.get(params.input)`).
      const at = shape.path.length ? -1 : via.findIndex((hop) => hop.fn === shape.fn);
      const argument = at < 0 ? undefined : via[at]!.call.arguments[shape.index];
      if (!argument || ts.isSpreadElement(argument)) return undefined;
      const passed = this.passedInputs(this.tracer.shapes.of(argument), via.slice(at + 1));
      if (!passed) return undefined;
      out.push(...passed);
    }
    return out;
  }

  /** A data mapper read with a constant list of attributes (`{ attributes: ['id', 'name'] }`, `.attributes([...])`). */
  private mapperProjection(site: SinkSite): Projection | undefined {
    for (const part of site.mapper?.parts ?? []) {
      const names = part.role === 'attributes' ? this.constantList(part.node) : undefined;
      if (names) return { names: new Set(names), node: part.node };
    }
    return undefined;
  }

  /** A non-empty list of constant names: a literal, or a `const` list of literals (`['id', 'name'] as const`). */
  private constantList(node: ts.Expression): string[] | undefined {
    const list = skipOuter(node);
    // A projection expression (`projection: { expression: 'id, title' }`) names its attributes too.
    const text = constantString(this.tracer.definitions, list);
    if (text.complete) return attributesOf(text.text);
    const elements: readonly (ts.Expression | undefined)[] = ts.isArrayLiteralExpression(list)
      ? list.elements
      : ts.isIdentifier(list)
        ? this.tracer.shapes.elements(list).map((element) => (element.kind === 'opaque' ? element.node : undefined))
        : [];
    const names = elements.flatMap((element) => {
      const name = element && this.constantText(element);
      return name === undefined ? [] : [name];
    });
    return names.length > 0 && names.length === elements.length ? names : undefined;
  }

  private projects(operation: Operation, shape: LiteralShape): Projection | undefined {
    switch (operation) {
      case 'get':
      case 'query':
      case 'scan':
        return this.ownProjection(shape);
      case 'batchGet': {
        const tables = this.literals(literalMember(shape, 'RequestItems')) ?? [];
        return union(
          tables.flatMap((table) => {
            const requests = table.literal.properties.map(memberValue);
            return requests.length ? requests.map((request) => this.innerProjection(request)) : [undefined];
          }),
        );
      }
      case 'transactGet': {
        const items = literalMember(shape, 'TransactItems');
        return union(
          (items ? this.tracer.shapes.elements(items) : []).map((element) =>
            element.kind === 'literal' ? this.innerProjection(literalMember(element, 'Get')) : undefined,
          ),
        );
      }
      case 'statement': {
        const statement = literalMember(shape, 'Statement');
        const columns = statement && selectedColumns(this.text(shape, 'Statement'));
        return statement && columns ? { names: new Set(columns), node: statement } : undefined;
      }
      default:
        return undefined;
    }
  }

  /** The projection of every literal a nested request (a batch's table entry, a transaction's `Get`) may be. */
  private innerProjection(request: ts.Expression | undefined): Projection | undefined {
    return union((this.literals(request) ?? []).map((inner) => this.ownProjection(inner)));
  }

  /** A constant `ProjectionExpression` whose `ExpressionAttributeNames` are constant, or a constant `AttributesToGet`. */
  private ownProjection(shape: LiteralShape): Projection | undefined {
    const projection = literalMember(shape, 'ProjectionExpression');
    if (projection) {
      const text = this.constantText(projection);
      if (text === undefined) return undefined;
      const aliases = new Map<string, string[]>();
      const names = literalMember(shape, 'ExpressionAttributeNames');
      if (names) {
        const literals = this.literals(names);
        if (!literals) return undefined;
        for (const member of literals.flatMap((literal) => literal.literal.properties)) {
          const alias = propertyNameOf(member);
          const value = ts.isSpreadAssignment(member) ? undefined : memberValue(member);
          const name = value && this.constantText(value);
          if (alias === undefined || name === undefined) return undefined;
          aliases.set(alias, [...(aliases.get(alias) ?? []), name]);
        }
      }
      const named = attributesOf(text).flatMap((name) => (name.startsWith('#') ? (aliases.get(name) ?? []) : [name]));
      return { names: new Set(named), node: projection };
    }
    const attributes = literalMember(shape, 'AttributesToGet');
    const list = attributes && this.constantList(attributes);
    return attributes && list ? { names: new Set(list), node: attributes } : undefined;
  }

  /** Constant text, including `FIELDS.join(', ')` over a `const` list of literals. */
  private constantText(node: ts.Expression): string | undefined {
    const value = constantString(this.tracer.definitions, node);
    if (value.complete) return value.text;
    const call = skipOuter(node);
    if (!ts.isCallExpression(call)) return undefined;
    const callee = skipOuter(call.expression);
    if (!ts.isPropertyAccessExpression(callee) || callee.name.text !== 'join') return undefined;
    const parts = this.tracer.shapes
      .elements(callee.expression)
      .map((element) => (element.kind === 'opaque' ? this.constantText(element.node) : undefined));
    return parts.length > 0 && parts.every((part) => part !== undefined) ? parts.join(',') : undefined;
  }

  private text(shape: LiteralShape, name: string): string | undefined {
    const node = literalMember(shape, name);
    const value = node && constantString(this.tracer.definitions, node);
    return value?.complete ? value.text : undefined;
  }

  /** The object literals an input (or a part of one) may be; `undefined` if any is not a literal. */
  private literals(node: ts.Expression | undefined): LiteralShape[] | undefined {
    if (!node) return undefined;
    const shapes = this.tracer.shapes.of(node);
    return shapes.every((shape) => shape.kind === 'literal') ? shapes : undefined;
  }

  private literalInputs(site: SinkSite): LiteralShape[] | undefined {
    return site.input ? this.literals(site.input) : undefined;
  }
}

function matches(segment: string, pattern: string): boolean {
  if (pattern === KEY) return true;
  if (pattern === ELEMENT) return segment === ANY || /^\d+$/.test(segment);
  return segment === pattern;
}

/** `SELECT id, name FROM …` names its columns; `SELECT * FROM …` does not. */
function selectedColumns(statement: string | undefined): string[] | undefined {
  const columns = statement && /^\s*SELECT\s+(.+?)\s+FROM\s/is.exec(statement)?.[1];
  return columns && !columns.includes('*') ? attributesOf(columns.replace(/"/g, '')) : undefined;
}

/**
 * The top-level attributes a projection's text names (`id, #n, address.city` → `id`, `#n`,
 * `address`); a text assembled on several branches holds every branch's names.
 */
function attributesOf(text: string): string[] {
  return text
    .split(/[\s,]+/)
    .map((path) => path.split(/[.[]/)[0]!)
    .filter((name) => name.length > 0);
}

/** What every alternative projects (the names of all of them), or `undefined` if one does not project. */
function union(projections: readonly (Projection | undefined)[]): Projection | undefined {
  if (!projections.length || projections.some((projection) => !projection)) return undefined;
  const names = new Set(projections.flatMap((projection) => [...projection!.names]));
  return { names, node: projections[0]!.node };
}
