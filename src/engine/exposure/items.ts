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

/**
 * Decides whether a value produced by a DynamoDB call is a whole item (or a container of whole
 * items) rather than one of an item's properties, and whether the read projected its attributes.
 */
export class Items {
  private readonly projectedMemo = new Map<ts.Node, boolean>();

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
   * take. `via`: the calls that returned the item (`ProducedOrigin.via`); a wrapper that forwards
   * its parameter to the read (`get: (params) => client.get(params)`) reads with what its caller
   * passed, so the caller's literal decides.
   */
  projected(site: SinkSite, via: readonly ReturnedThrough[] = []): boolean {
    const cached = this.projectedMemo.get(site.node);
    if (cached !== undefined) return cached;
    const shapes = site.input ? this.tracer.shapes.of(site.input) : [];
    if (!site.mapper && shapes.some((shape) => shape.kind === 'param')) {
      const inputs = this.passedInputs(shapes, via);
      return !!inputs?.length && inputs.every((shape) => this.projects(site.operation, shape));
    }
    const result = site.mapper
      ? this.mapperProjects(site)
      : shapes.length > 0 && shapes.every((shape) => shape.kind === 'literal' && this.projects(site.operation, shape));
    this.projectedMemo.set(site.node, result);
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
  private mapperProjects(site: SinkSite): boolean {
    const lists = site.mapper?.parts.filter((part) => part.role === 'attributes') ?? [];
    return lists.some((part) => this.isConstantList(part.node));
  }

  /** A non-empty list of constant names: a literal, or a `const` list of literals (`['id', 'name'] as const`). */
  private isConstantList(node: ts.Expression): boolean {
    const list = skipOuter(node);
    // A projection expression (`projection: { expression: 'id, title' }`) names its attributes too.
    if (constantString(this.tracer.definitions, list).complete) return true;
    if (ts.isArrayLiteralExpression(list))
      return list.elements.length > 0 && list.elements.every((element) => this.isConstantText(element));
    const elements = ts.isIdentifier(list) ? this.tracer.shapes.elements(list) : [];
    return (
      elements.length > 0 && elements.every((element) => element.kind === 'opaque' && this.isConstantText(element.node))
    );
  }

  private projects(operation: Operation, shape: LiteralShape): boolean {
    switch (operation) {
      case 'get':
      case 'query':
      case 'scan':
        return this.hasProjection(shape);
      case 'batchGet': {
        const tables = this.literals(literalMember(shape, 'RequestItems'));
        return (
          !!tables?.length &&
          tables.every((table) => {
            const requests = table.literal.properties.map(memberValue);
            return (
              requests.length > 0 &&
              requests.every((request) => this.literals(request)?.every((inner) => this.hasProjection(inner)) ?? false)
            );
          })
        );
      }
      case 'transactGet': {
        const items = literalMember(shape, 'TransactItems');
        const elements = items ? this.tracer.shapes.elements(items) : [];
        return (
          elements.length > 0 &&
          elements.every((element) => {
            const get = element.kind === 'literal' ? literalMember(element, 'Get') : undefined;
            return this.literals(get)?.every((inner) => this.hasProjection(inner)) ?? false;
          })
        );
      }
      case 'statement':
        return selectsColumns(this.text(shape, 'Statement'));
      default:
        return false;
    }
  }

  /** A constant `ProjectionExpression` whose `ExpressionAttributeNames` are constant, or a constant `AttributesToGet`. */
  private hasProjection(shape: LiteralShape): boolean {
    const projection = literalMember(shape, 'ProjectionExpression');
    if (projection) {
      if (!this.isConstantText(projection)) return false;
      const names = literalMember(shape, 'ExpressionAttributeNames');
      return (
        !names ||
        (this.literals(names)?.every((literal) =>
          literal.literal.properties.every((member) => {
            const value = memberValue(member);
            return (
              !ts.isSpreadAssignment(member) &&
              propertyNameOf(member) !== undefined &&
              !!value &&
              this.isConstantText(value)
            );
          }),
        ) ??
          false)
      );
    }
    const attributes = literalMember(shape, 'AttributesToGet');
    return !!attributes && this.isConstantList(attributes);
  }

  /** Constant text, including `FIELDS.join(', ')` over a `const` list of literals. */
  private isConstantText(node: ts.Expression): boolean {
    if (constantString(this.tracer.definitions, node).complete) return true;
    const call = skipOuter(node);
    if (!ts.isCallExpression(call)) return false;
    const callee = skipOuter(call.expression);
    if (!ts.isPropertyAccessExpression(callee) || callee.name.text !== 'join') return false;
    const list = this.tracer.shapes.elements(callee.expression);
    return list.length > 0 && list.every((element) => element.kind === 'opaque' && this.isConstantText(element.node));
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
function selectsColumns(statement: string | undefined): boolean {
  const columns = statement && /^\s*SELECT\s+(.+?)\s+FROM\s/is.exec(statement)?.[1];
  return !!columns && !columns.includes('*');
}
