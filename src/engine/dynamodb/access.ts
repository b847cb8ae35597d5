import ts from 'typescript';
import { memberValue, propertyNameOf, skipOuter } from '../ast.js';
import { constantString, equalityPlaceholders, placeholders } from '../strings.js';
import type { Taint } from '../taint.js';
import { literalMember, nestedWrites } from '../tracer.js';
import type { LiteralShape, ParamShape, Shape, Subst, Tracer } from '../tracer.js';
import type { SinkSite } from './sites.js';
import type { TableKeys } from './table-keys.js';

/** A value in a position that selects items: a `Key` attribute, a key condition value, … */
export interface KeyPosition {
  /** `Key.userId`, `ExpressionAttributeValues[':uid']`. */
  readonly label: string;
  /** Where a report may go, from the property in the input literal inwards. */
  readonly nodes: readonly ts.Node[];
  readonly taint: Taint;
}

/** One DynamoDB access, seen from the function being analysed (parameters still symbolic). */
export interface AccessFact {
  readonly site: SinkSite;
  readonly table?: ts.Expression;
  readonly keys: readonly KeyPosition[];
  /** Values that scope the access if they derive from a principal: owner conditions, post-read checks. */
  readonly witnesses: readonly Taint[];
  /** A put guarded by `attribute_not_exists(…)` creates an item: it cannot take one over. */
  readonly create: boolean;
  /** The input object is a parameter of the summarised function: resolved at each call site. */
  readonly pendingInput?: ParamShape;
}

const DEFAULT_KEY_NAMES = ['pk', 'sk', 'PK', 'SK', 'id'];
/** DynamoDB's AttributeValue wrappers: `{ S: value }` carries the inner value. */
const ATTRIBUTE_VALUE_TAGS = new Set(['S', 'N', 'B', 'SS', 'NS', 'BS', 'BOOL']);

/** Reads the key positions and scoping witnesses of an input object. */
export class AccessReader {
  constructor(
    private readonly tracer: Tracer,
    private readonly tableKeys: TableKeys,
  ) {}

  facts(site: SinkSite, shapes: readonly Shape[]): AccessFact[] {
    return shapes.map((shape): AccessFact => {
      if (shape.kind === 'param') return { site, keys: [], witnesses: [], create: false, pendingInput: shape };
      if (shape.kind === 'opaque') {
        const field = site.operation === 'put' ? 'Item' : site.operation === 'query' || site.operation === 'scan' ? 'ExpressionAttributeValues' : 'Key';
        const taint = shape.subst(this.tracer.value(shape.node, [field]));
        return { site, keys: [{ label: field, nodes: [shape.node], taint }], witnesses: [], create: false };
      }
      return this.fromLiteral(site, shape);
    });
  }

  private fromLiteral(site: SinkSite, shape: LiteralShape): AccessFact {
    const subst = shape.subst;
    const member = (name: string) => literalMember(shape, name);
    const table = member('TableName');
    const values = member('ExpressionAttributeValues');
    const text = (name: string) => {
      const node = member(name);
      return node ? constantString(this.tracer.definitions, node) : undefined;
    };
    const keys: KeyPosition[] = [];
    const witnesses: Taint[] = [];
    let create = false;
    switch (site.operation) {
      case 'get':
      case 'update':
      case 'delete': {
        const key = member('Key');
        if (key) keys.push(...this.attributes(key, 'Key', subst, [key], nestedWrites(shape, 'Key')));
        break;
      }
      case 'put': {
        const item = member('Item');
        if (item) keys.push(...this.itemKeys(item, table, subst));
        break;
      }
      case 'query': {
        const condition = text('KeyConditionExpression');
        const names = condition?.complete ? placeholders(condition.text) : undefined;
        if (values) keys.push(...this.expressionValues(values, names, subst, nestedWrites(shape, 'ExpressionAttributeValues')));
        break;
      }
      case 'scan': {
        const filter = text('FilterExpression');
        if (values && filter) {
          const added = nestedWrites(shape, 'ExpressionAttributeValues');
          keys.push(...this.expressionValues(values, filter.complete ? placeholders(filter.text) : undefined, subst, added));
          const equalities = equalityPlaceholders(filter.text);
          witnesses.push(...this.expressionValues(values, equalities, subst, added).map((position) => position.taint));
        }
        break;
      }
    }
    if (site.operation === 'put' || site.operation === 'update' || site.operation === 'delete') {
      const condition = text('ConditionExpression');
      if (condition) {
        create = site.operation === 'put' && /attribute_not_exists\s*\(/.test(condition.text);
        const added = nestedWrites(shape, 'ExpressionAttributeValues');
        if (values) witnesses.push(...this.expressionValues(values, equalityPlaceholders(condition.text), subst, added).map((position) => position.taint));
      }
    }
    return { site, table, keys, witnesses, create };
  }

  /** The attributes of a key object, each a position; an opaque key is one position. */
  private attributes(
    node: ts.Expression,
    label: string,
    subst: Subst,
    outer: readonly ts.Node[],
    added: readonly { name: string; value: ts.Expression }[] = [],
  ): KeyPosition[] {
    const out: KeyPosition[] = [];
    const entry = (name: string, value: ts.Expression, apply: Subst) => {
      const inner = unwrapAttributeValue(value);
      out.push({ label: `${label}.${name}`, nodes: [...outer, inner], taint: apply(this.tracer.value(inner)) });
    };
    for (const shape of this.tracer.shapes(node, subst)) {
      if (shape.kind !== 'literal') {
        const taint = shape.kind === 'opaque' ? shape.subst(this.tracer.value(shape.node)) : subst(this.tracer.value(node));
        out.push({ label, nodes: [...outer, shape.kind === 'opaque' ? shape.node : node], taint });
        continue;
      }
      const written = new Set(shape.writes.filter((write) => write.path.length === 1).map((write) => write.path[0]));
      for (const property of shape.literal.properties) {
        if (ts.isSpreadAssignment(property)) {
          out.push({ label, nodes: [...outer, property.expression], taint: shape.subst(this.tracer.value(property.expression)) });
          continue;
        }
        const value = memberValue(property);
        const name = propertyNameOf(property);
        if (value && name !== undefined && !written.has(name)) entry(name, value, shape.subst);
      }
      for (const name of written) entry(name!, literalMember(shape, name!)!, shape.subst);
    }
    for (const { name, value } of added) entry(name, value, subst);
    return out;
  }

  /** `ExpressionAttributeValues` entries, restricted to the placeholders an expression uses. */
  private expressionValues(
    node: ts.Expression,
    names: readonly string[] | undefined,
    subst: Subst,
    added: readonly { name: string; value: ts.Expression }[],
  ): KeyPosition[] {
    const all = this.attributes(node, 'ExpressionAttributeValues', subst, [node], added);
    if (!names) return all;
    return all
      .filter((position) => {
        const name = position.label.slice('ExpressionAttributeValues.'.length);
        return position.label === 'ExpressionAttributeValues' || names.includes(name);
      })
      .map((position) => ({ ...position, label: position.label.replace(/^ExpressionAttributeValues\.(.*)$/, "ExpressionAttributeValues['$1']") }));
  }

  /**
   * A put's key attributes: those other accesses to the same table use in `Key`; failing that the
   * conventional names the item has; failing that the ones ending in `Id`.
   */
  private itemKeys(item: ts.Expression, table: ts.Expression | undefined, subst: Subst): KeyPosition[] {
    const known = table ? this.tableKeys.keysOf(table) : undefined;
    const out: KeyPosition[] = [];
    for (const shape of this.tracer.shapes(item, subst)) {
      if (shape.kind !== 'literal') {
        const node = shape.kind === 'opaque' ? shape.node : item;
        const apply = shape.kind === 'opaque' ? shape.subst : subst;
        if (known?.length) {
          for (const name of known) out.push({ label: `Item.${name}`, nodes: [item, node], taint: apply(this.tracer.value(node, [name])) });
        } else {
          out.push({ label: 'Item', nodes: [item, node], taint: apply(this.tracer.value(node)) });
        }
        continue;
      }
      const present = shape.literal.properties.map(propertyNameOf).filter((name): name is string => name !== undefined);
      let names = known?.length ? known : DEFAULT_KEY_NAMES.filter((name) => present.includes(name));
      if (names.length === 0) names = present.filter((name) => /(?:Id|_id|ID)$/.test(name));
      const hasSpread = shape.literal.properties.some(ts.isSpreadAssignment);
      for (const name of names) {
        const value = literalMember(shape, name);
        if (value) {
          const inner = unwrapAttributeValue(value);
          out.push({ label: `Item.${name}`, nodes: [item, inner], taint: shape.subst(this.tracer.value(inner)) });
        } else if (hasSpread) {
          out.push({ label: `Item.${name}`, nodes: [item], taint: shape.subst(this.tracer.value(shape.literal, [name])) });
        }
      }
    }
    return out;
  }
}

function unwrapAttributeValue(node: ts.Expression): ts.Expression {
  const value = skipOuter(node);
  if (!ts.isObjectLiteralExpression(value) || value.properties.length !== 1) return node;
  const only = value.properties[0]!;
  const name = propertyNameOf(only);
  const inner = memberValue(only);
  return name && ATTRIBUTE_VALUE_TAGS.has(name) && inner ? inner : node;
}
