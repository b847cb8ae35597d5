import ts from 'typescript';
import { findProperty, memberValue, propertyNameOf, pushAll, shortText } from '../ast.js';
import { alternatives, hasOrigin, isClean } from '../taint.js';
import type { Taint } from '../taint.js';
import { ANY } from '../flow/path.js';
import { NO_CALL_CONTEXT, literalMember, nestedWrites } from '../flow/shapes.js';
import type { LiteralShape, OpaqueShape, Shape, CallContext } from '../flow/shapes.js';
import type { Path } from '../flow/path.js';
import type { Tracer } from '../flow/tracer.js';
import type { Operation } from '../model.js';
import type { SinkSite } from './sites.js';

/** What client text does in a position, which decides the safe alternative a message offers. */
export type InjectionKind =
  /** Key condition, filter, condition or update expression: the text is parsed as syntax. */
  | 'expression'
  /** A projection, `AttributesToGet`, an `ExpressionAttributeNames` value: which attributes. */
  | 'attributeName'
  /** The key of an `ExpressionAttributeValues` entry: a placeholder an expression refers to. */
  | 'placeholder'
  /** `TableName`, `IndexName`, `Select`, `ConditionalOperator`: a choice among a few constants. */
  | 'selector'
  /** A PartiQL statement. */
  | 'statement';

/** A string (or list of strings) of an input object that DynamoDB parses or resolves as a name. */
export interface InjectionPosition {
  /** `FilterExpression`, `ExpressionAttributeNames['#f']`, `TransactItems[].Update.UpdateExpression`. */
  readonly label: string;
  readonly kind: InjectionKind;
  /** Where a report may go, from the property in the input literal inwards. */
  readonly nodes: readonly ts.Node[];
  readonly taint: Taint;
  /** The input literal's own property holding the value, when no later write replaces it. */
  readonly member?: ts.PropertyAssignment;
}

/** An expression holding an input object, and the path to the input inside it. */
export interface WrittenInput {
  readonly node: ts.Expression;
  readonly path: Path;
}

/** The string fields, the ones that choose what is read first (an opaque input is reported as its first). */
const STRING_FIELDS: Readonly<Record<string, InjectionKind>> = {
  TableName: 'selector',
  IndexName: 'selector',
  Statement: 'statement',
  KeyConditionExpression: 'expression',
  FilterExpression: 'expression',
  ConditionExpression: 'expression',
  UpdateExpression: 'expression',
  ProjectionExpression: 'attributeName',
  Select: 'selector',
  ConditionalOperator: 'selector',
};
const TRANSACT_ITEMS = ['Get', 'Put', 'Update', 'Delete', 'ConditionCheck'] as const;
const NAMES = 'ExpressionAttributeNames';
const VALUES = 'ExpressionAttributeValues';

/**
 * Reads the injection positions of an input object: every expression string, attribute name,
 * placeholder key, table/index name and PartiQL statement, inside batch and transaction items too.
 * Positions whose value is constant are left out.
 */
export class InjectionReader {
  constructor(private readonly tracer: Tracer) {}

  /**
   * `written` is the expression the shape was found from (the site's input, or the argument of a
   * call that hands the input on) and the path to the input inside it.
   */
  positions(
    site: SinkSite,
    shape: Shape,
    written: WrittenInput | undefined = site.input && { node: site.input, path: [] },
  ): InjectionPosition[] {
    // A parameter is resolved at each call site, unless it is a request object itself (`new QueryCommand(req.body)`).
    if (shape.kind === 'param') {
      if (!written) return [];
      const input: OpaqueShape = { kind: 'opaque', node: written.node, context: NO_CALL_CONTEXT };
      return this.opaque(input, '', written.path).filter((position) =>
        hasOrigin(position.taint, (origin) => origin.kind === 'source'),
      );
    }
    if (shape.kind === 'opaque') return this.opaque(shape, '');
    return this.input(site.operation, shape, '');
  }

  /** A wrapper that takes the table apart from the key (`db.fetch(table, key)`). */
  tableArgument(site: SinkSite): InjectionPosition[] {
    const table = site.parts?.table;
    return table ? position('TableName', 'selector', [table], this.tracer.value(table)) : [];
  }

  private input(operation: Operation, shape: LiteralShape, prefix: string): InjectionPosition[] {
    const out: InjectionPosition[] = [];
    for (const [name, kind] of Object.entries(STRING_FIELDS)) pushAll(out, this.field(shape, name, kind, prefix));
    pushAll(out, this.field(shape, 'AttributesToGet', 'attributeName', prefix, [ANY]));
    pushAll(out, this.objectEntries(shape, NAMES, 'attributeName', prefix));
    pushAll(out, this.objectEntries(shape, VALUES, 'placeholder', prefix));
    switch (operation) {
      case 'batchGet':
      case 'batchWrite':
        pushAll(out, this.requestItems(shape, operation === 'batchGet'));
        break;
      case 'transactGet':
      case 'transactWrite':
        pushAll(out, this.transactItems(shape));
        break;
      case 'batchStatement':
        pushAll(out, this.statements(shape, 'Statements'));
        break;
      case 'transactStatement':
        pushAll(out, this.statements(shape, 'TransactStatements'));
        break;
      default:
        break;
    }
    return out;
  }

  /**
   * An input the engine cannot see into (`new QueryCommand(req.body)`): the fields read from it,
   * as one position named after them all.
   */
  private opaque(shape: OpaqueShape, prefix: string, inside: Path = []): InjectionPosition[] {
    const fields: [string, InjectionKind, Path][] = [
      ...Object.entries(STRING_FIELDS).map(([name, kind]): [string, InjectionKind, Path] => [name, kind, []]),
      ['AttributesToGet', 'attributeName', [ANY]],
      [NAMES, 'attributeName', [ANY]],
    ];
    const found = fields.flatMap(([name, kind, path]) =>
      position(
        prefix + name,
        kind,
        [shape.node],
        shape.context(this.tracer.value(shape.node, [...inside, name, ...path])),
      ),
    );
    if (found.length < 2) return found;
    return position(
      found.map((field) => field.label).join(', '),
      found[0]!.kind,
      [shape.node],
      alternatives(found.map((field) => field.taint)),
    );
  }

  /** A string field: the property (or the last write to it), and spreads that may override it. */
  private field(
    shape: LiteralShape,
    name: string,
    kind: InjectionKind,
    prefix: string,
    path: Path = [],
  ): InjectionPosition[] {
    const label = prefix + name;
    const value = literalMember(shape, name);
    const own = findProperty(shape.literal, name);
    const member = own && ts.isPropertyAssignment(own) && own.initializer === value ? own : undefined;
    const out = value ? position(label, kind, [value], shape.context(this.tracer.value(value, path)), member) : [];
    if (value && !member) return out;
    const after = own ? shape.literal.properties.indexOf(own) + 1 : 0;
    for (const spread of shape.literal.properties.slice(after)) {
      if (ts.isSpreadAssignment(spread))
        pushAll(
          out,
          position(
            label,
            kind,
            [spread.expression],
            shape.context(this.tracer.value(spread.expression, [name, ...path])),
          ),
        );
    }
    return out;
  }

  /**
   * `ExpressionAttributeNames` values or `ExpressionAttributeValues` keys, however the object is
   * built: in the literal, in a variable filled entry by entry (`names[\`#${k}\`] = k`), or written
   * into the input afterwards (`params.ExpressionAttributeNames['#s'] = s`).
   */
  private objectEntries(
    shape: LiteralShape,
    field: typeof NAMES | typeof VALUES,
    kind: InjectionKind,
    prefix: string,
  ): InjectionPosition[] {
    const label = prefix + field;
    const keys = field === VALUES;
    const out: InjectionPosition[] = [];
    const holder = literalMember(shape, field);
    if (holder) pushAll(out, this.entries(holder, shape.context, label, kind, keys));
    if (!keys) {
      for (const write of nestedWrites(shape, field))
        pushAll(
          out,
          position(`${label}['${write.name}']`, kind, [write.value], shape.context(this.tracer.value(write.value))),
        );
    }
    for (const write of shape.computed ?? []) {
      if (write.path.length !== 1 || write.path[0] !== field) continue;
      const node = keys ? write.key : write.value;
      pushAll(
        out,
        position(`${label}[${shortText(write.key, 30)}]`, kind, [node], shape.context(this.tracer.value(node))),
      );
    }
    return out;
  }

  private entries(
    node: ts.Expression,
    context: CallContext,
    label: string,
    kind: InjectionKind,
    keys: boolean,
  ): InjectionPosition[] {
    const out: InjectionPosition[] = [];
    for (const shape of this.tracer.shapes.of(node, context)) {
      if (shape.kind !== 'literal') {
        // The keys of an object from elsewhere only name placeholders; its values may be attribute names.
        if (keys) continue;
        const inner = shape.kind === 'opaque' ? shape.node : node;
        const apply = shape.kind === 'opaque' ? shape.context : context;
        pushAll(out, position(label, kind, [node, inner], apply(this.tracer.value(inner, [ANY]))));
        continue;
      }
      for (const member of shape.literal.properties) {
        if (ts.isSpreadAssignment(member)) {
          if (!keys)
            pushAll(
              out,
              position(
                label,
                kind,
                [node, member.expression],
                shape.context(this.tracer.value(member.expression, [ANY])),
              ),
            );
          continue;
        }
        const name = propertyNameOf(member);
        if (keys) {
          if (name === undefined && ts.isComputedPropertyName(member.name)) {
            const key = member.name.expression;
            pushAll(
              out,
              position(`${label}[${shortText(key, 30)}]`, kind, [node, key], shape.context(this.tracer.value(key))),
            );
          }
          continue;
        }
        const value = memberValue(member);
        const shown = name === undefined ? shortText(member.name, 30) : `'${name}'`;
        if (value)
          pushAll(out, position(`${label}[${shown}]`, kind, [node, value], shape.context(this.tracer.value(value))));
      }
      if (!keys) {
        for (const write of shape.writes) {
          if (write.path.length === 1)
            pushAll(
              out,
              position(
                `${label}['${write.path[0]}']`,
                kind,
                [node, write.value],
                shape.context(this.tracer.value(write.value)),
              ),
            );
        }
      }
      for (const write of shape.computed ?? []) {
        if (write.path.length !== 0) continue;
        const target = keys ? write.key : write.value;
        pushAll(
          out,
          position(
            `${label}[${shortText(write.key, 30)}]`,
            kind,
            [node, target],
            shape.context(this.tracer.value(target)),
          ),
        );
      }
    }
    return out;
  }

  /** `RequestItems: { [table]: … }`: each table name, and a batch read's per-table projection. */
  private requestItems(shape: LiteralShape, reads: boolean): InjectionPosition[] {
    const holder = literalMember(shape, 'RequestItems');
    if (!holder) return [];
    const out: InjectionPosition[] = [];
    for (const items of this.tracer.shapes.of(holder, shape.context)) {
      if (items.kind !== 'literal') continue;
      for (const member of items.literal.properties) {
        if (ts.isSpreadAssignment(member)) continue;
        const computed = ts.isComputedPropertyName(member.name) ? member.name.expression : undefined;
        const table = computed ? shortText(computed, 30) : (propertyNameOf(member) ?? '…');
        if (computed)
          pushAll(
            out,
            position(
              `RequestItems[${table}]`,
              'selector',
              [holder, computed],
              items.context(this.tracer.value(computed)),
            ),
          );
        const value = memberValue(member);
        if (!reads || !value) continue;
        for (const request of this.tracer.shapes.of(value, items.context)) {
          if (request.kind === 'literal') pushAll(out, this.input('get', request, `RequestItems[${table}].`));
        }
      }
      for (const write of items.computed ?? []) {
        if (write.path.length === 0)
          pushAll(
            out,
            position(
              `RequestItems[${shortText(write.key, 30)}]`,
              'selector',
              [holder, write.key],
              items.context(this.tracer.value(write.key)),
            ),
          );
      }
    }
    return out;
  }

  /** `TransactItems: [{ Update: {…} }, …]`: each item's own input. */
  private transactItems(shape: LiteralShape): InjectionPosition[] {
    const list = literalMember(shape, 'TransactItems');
    if (!list) return [];
    const out: InjectionPosition[] = [];
    for (const item of this.tracer.shapes.elements(list, shape.context)) {
      if (item.kind !== 'literal') continue;
      for (const name of TRANSACT_ITEMS) {
        const inner = literalMember(item, name);
        if (!inner) continue;
        for (const operation of this.tracer.shapes.of(inner, item.context)) {
          const prefix = `TransactItems[].${name}.`;
          if (operation.kind === 'literal') pushAll(out, this.input('get', operation, prefix));
          else if (operation.kind === 'opaque') pushAll(out, this.opaque(operation, prefix));
        }
      }
    }
    return out;
  }

  /** `Statements: [{ Statement, Parameters }, …]` of a PartiQL batch or transaction. */
  private statements(shape: LiteralShape, field: string): InjectionPosition[] {
    const list = literalMember(shape, field);
    if (!list) return [];
    return this.tracer.shapes
      .elements(list, shape.context)
      .flatMap((element) =>
        element.kind === 'literal' ? this.field(element, 'Statement', 'statement', `${field}[].`) : [],
      );
  }
}

function position(
  label: string,
  kind: InjectionKind,
  nodes: readonly ts.Node[],
  taint: Taint,
  member?: ts.PropertyAssignment,
): InjectionPosition[] {
  return isClean(taint) ? [] : [{ label, kind, nodes, taint, ...(member ? { member } : {}) }];
}
