import ts from 'typescript';
import {
  descendants,
  enclosingFunction,
  isWithin,
  memberValue,
  propertyNameOf,
  pushAll,
  shortText,
  skipOuter,
} from '../ast.js';
import type { FunctionNode } from '../ast.js';
import {
  constantString,
  equalityPlaceholders,
  equalityPlaceholdersOfEveryAlternative,
  placeholders,
} from '../strings.js';
import { alternatives, isClean, sourcesOf, withStep } from '../taint.js';
import type { Origin, ReturnedThrough, Taint } from '../taint.js';
import { startsWith } from '../flow/path.js';
import { copiedEntries } from '../flow/copies.js';
import { argumentFor, functionName } from '../flow/arguments.js';
import { NO_CALL_CONTEXT, literalMember, nestedWrites } from '../flow/shapes.js';
import type { LiteralShape, OpaqueShape, ParamShape, Shape, Shapes, CallContext } from '../flow/shapes.js';
import type { Tracer } from '../flow/tracer.js';
import type { ComputedWrite } from '../definitions.js';
import type { Operation } from '../model.js';
import type { InjectionPosition } from './injection.js';
import type { SinkSite } from './sites.js';
import type { TableKeys } from './table-keys.js';
import { keyConditionAttributes } from '../evidence/entities.js';
import { convertedConditions } from './converted-conditions.js';

/** `a || b`, `a ?? b`: a spread of one may be either operand's object. */
const FALLBACK_OPERATORS: ReadonlySet<ts.SyntaxKind> = new Set([
  ts.SyntaxKind.BarBarToken,
  ts.SyntaxKind.QuestionQuestionToken,
]);

/** Values whose spread adds no named property (`...(id && { id })` when `id` is ''). */
const PRIMITIVES =
  ts.TypeFlags.StringLike |
  ts.TypeFlags.NumberLike |
  ts.TypeFlags.BooleanLike |
  ts.TypeFlags.BigIntLike |
  ts.TypeFlags.ESSymbolLike |
  ts.TypeFlags.Null |
  ts.TypeFlags.Undefined |
  ts.TypeFlags.Void;

/** A value in a position that selects items: a `Key` attribute, a key condition value, … */
export interface KeyPosition {
  /** `Key.userId`, `ExpressionAttributeValues[':uid']`. */
  readonly label: string;
  /** Where a report may go, from the property in the input literal inwards. */
  readonly nodes: readonly ts.Node[];
  readonly taint: Taint;
  /**
   * The position stands for every entry of a parameter's object, copied under the same names
   * (`for (const [k, v] of Object.entries(values)) attributeValues[k] = { S: v }`): each call site
   * splits it into the names its argument holds (`AccessReader.entriesAt`).
   */
  readonly entries?: ParamShape;
  /**
   * The entries are a put's whole item, passed as that parameter: each call site keeps only the
   * attributes that key the item its argument builds (`save({ id: randomUUID(), title: body.title })`
   * is keyed by `id`, whatever `title` holds).
   */
  readonly entriesAreItem?: true;
  /** The attribute a query's key condition compares the value with (`GSI1PK` for `GSI1PK = :type`). */
  readonly compared?: string;
  /**
   * The expression a caller passed for the value where it is a key wrapper's parameter
   * (`db.get(\`BRANCH#${id}\`, …)` of `get(PK, SK)` writing `Key: { PK, SK }`): its constant prefix
   * names the kind of item, as it would written in the key itself (`entriesAt`).
   */
  readonly value?: ts.Expression;
}

/** The expression a key position's value is written as: a caller's argument for a wrapper's parameter, else its own. */
export function keyValueOf(position: KeyPosition): ts.Node {
  return position.value ?? position.nodes[position.nodes.length - 1]!;
}

/** One DynamoDB access, seen from the function being analysed (parameters still symbolic). */
export interface AccessFact {
  readonly site: SinkSite;
  readonly table?: ts.Expression;
  readonly keys: readonly KeyPosition[];
  /** Values that filter the items without selecting them: `FilterExpression`, `ConditionExpression`, non-key PartiQL `WHERE` parameters. */
  readonly filters: readonly KeyPosition[];
  /** Values that scope the access if they derive from a principal: owner conditions, post-read checks. */
  readonly witnesses: readonly Taint[];
  /** A put guarded by `attribute_not_exists(…)` creates an item: it cannot take one over. */
  readonly create: boolean;
  /** The input object is a parameter of the summarised function: resolved at each call site. */
  readonly pendingInput?: ParamShape;
  /** Strings DynamoDB parses or resolves as names (expressions, attribute and table names, PartiQL) that are not constant. */
  readonly injections?: readonly InjectionPosition[];
  /** An item of a transaction (`TransactItems[].Update`): its own operation and input literal. */
  readonly transactionItem?: { readonly operation: Operation; readonly shape: LiteralShape };
  /** The outermost call the fact is seen through, its callee's parameters bound to that call's arguments. */
  readonly boundAt?: ts.CallExpression | ts.NewExpression;
  /**
   * The innermost call the fact is seen through: the call of the function that makes the access.
   * The item one call of a wrapper returns (`getItem(game.hostId, 'User')`) is that call's access,
   * not the one of the wrapper's other calls, whatever outer call (`getGame(id)`) binds them.
   */
  readonly calledAt?: ts.CallExpression | ts.NewExpression;
}

/** What an access does: a transaction item's own operation, else its call's. */
export function operationOf(fact: AccessFact): Operation {
  return fact.transactionItem?.operation ?? fact.site.operation;
}

/**
 * Whether a value a read produced came back to this access: a read in a helper or wrapper returns
 * its items to every caller (`db.get(pk)` for every entity), and only those returned (`via`,
 * innermost first) through a call this access's key went through (`getOther(userId)`) are its own.
 * Where the key only enters the calling function as a parameter (`validateUser(email)` calling
 * `findByEmail(email)`), the call it leaves by is not recorded: the value may be its own.
 */
export function returnedToAccess(fact: AccessFact, read: ts.Node, via: readonly ReturnedThrough[]): boolean {
  if (!via[0] || !isWithin(read, via[0].fn)) return true;
  const sources = fact.keys.flatMap((position) => sourcesOf(position.taint));
  const anchors = [
    ...fact.keys.flatMap((position) => position.nodes),
    ...sources.flatMap((origin) => [origin.node, ...(origin.exitArg ? [origin.exitArg] : [])]),
  ];
  const passedIn = (fn: ts.Node) =>
    sources.some(
      (origin) =>
        enclosingFunction(origin.node) !== fn &&
        origin.steps.some((step) => enclosingFunction(step.node) === fn || step.node.parent === fn),
    );
  return via.some(
    (hop) => anchors.some((anchor) => isWithin(anchor, hop.call)) || passedIn(enclosingFunction(hop.call)),
  );
}

const DEFAULT_KEY_NAMES = ['pk', 'sk', 'PK', 'SK', 'id'];
/** Variables followed back from a `Statement` to the template that builds it. */
const MAX_STATEMENT_HOPS = 4;
/** Where an unreadable input object holds its key values. */
const OPAQUE_FIELD: Readonly<Record<Operation, string>> = {
  get: 'Key',
  update: 'Key',
  delete: 'Key',
  put: 'Item',
  query: 'ExpressionAttributeValues',
  scan: 'ExpressionAttributeValues',
  batchGet: 'RequestItems',
  batchWrite: 'RequestItems',
  transactGet: 'TransactItems',
  transactWrite: 'TransactItems',
  statement: 'Parameters',
  batchStatement: 'Statements',
  transactStatement: 'TransactStatements',
};

/** A `?` of a PartiQL statement: its position, the attribute it is compared with or assigned to. */
interface StatementParameter {
  readonly index: number;
  readonly attribute?: string;
  /** In a WHERE clause: the parameter selects the item. */
  readonly inKey: boolean;
}

export function partiqlParameters(text: string): StatementParameter[] {
  const out: StatementParameter[] = [];
  const where = text.search(/\bWHERE\b/i);
  let index = 0;
  for (const match of text.matchAll(/\?/g)) {
    const before = text.slice(0, match.index);
    const compared =
      /["']?([\w.]+)["']?\s*(?:=|<>|<=|>=|<|>)\s*$/.exec(before) ?? /['"]([\w.]+)['"]\s*:\s*$/.exec(before);
    // An INSERT's VALUE parameters are data written, not selectors (SPEC 4).
    const inKey = where >= 0 && match.index > where;
    out.push({ index: index++, attribute: compared?.[1], inKey });
  }
  return out;
}
/** DynamoDB's AttributeValue wrappers: `{ S: value }` carries the inner value. */
const ATTRIBUTE_VALUE_TAGS = new Set(['S', 'N', 'B', 'SS', 'NS', 'BS', 'BOOL']);

/** Reads the key positions and scoping witnesses of an input object. */
export class AccessReader {
  constructor(
    private readonly tracer: Tracer,
    private readonly tableKeys: TableKeys,
  ) {}

  facts(site: SinkSite, shapes: readonly Shape[]): AccessFact[] {
    return shapes.flatMap((shape): AccessFact[] => {
      if (shape.kind === 'param')
        return [{ site, keys: [], filters: [], witnesses: [], create: false, pendingInput: shape }];
      if (shape.kind === 'opaque') {
        const field = OPAQUE_FIELD[site.operation];
        const taint = shape.context(this.tracer.value(shape.node, [field]));
        return [
          { site, keys: [{ label: field, nodes: [shape.node], taint }], filters: [], witnesses: [], create: false },
        ];
      }
      return this.fromLiteral(site, site.operation, shape);
    });
  }

  /**
   * A data mapper call: its key objects, items, key values and conditions by role, split by the
   * entity's declared key attributes; expression strings and `where` callbacks as injection positions.
   */
  mapperFacts(site: SinkSite): AccessFact[] {
    const mapper = site.mapper;
    if (!mapper) return [];
    const keyNames = mapper.keyNames;
    const isKey = (name: string) => !keyNames || keyNames.includes(name);
    const scan = site.operation === 'scan';
    const keys: KeyPosition[] = [];
    const filters: KeyPosition[] = [];
    const witnesses: Taint[] = [];
    const injections: InjectionPosition[] = [];
    // `witness`: the value is one the items must equal, so a principal value scopes the access.
    const condition = (
      label: string,
      attribute: string | undefined,
      node: ts.Expression,
      selects: boolean,
      witness = true,
    ) => {
      const position = { label, nodes: [node], taint: this.tracer.value(node) };
      if (scan) {
        keys.push(position);
        if (witness) witnesses.push(position.taint);
      } else if (selects && (attribute === undefined || isKey(attribute))) keys.push(position);
      else {
        filters.push(position);
        if (witness) witnesses.push(position.taint);
      }
    };
    for (const part of mapper.parts) {
      const node = part.node;
      switch (part.role) {
        case 'key':
          for (const position of this.attributes(node, 'key', NO_CALL_CONTEXT, [node])) {
            const name = /^key\.(.+)$/.exec(position.label)?.[1];
            (name === undefined || isKey(name) ? keys : filters).push(position);
          }
          break;
        case 'item':
          pushAll(keys, this.itemKeys(node, undefined, NO_CALL_CONTEXT, keyNames));
          break;
        case 'keyValue':
          keys.push({ label: 'key', nodes: [node], taint: this.tracer.value(node) });
          break;
        case 'conditions':
        case 'filter':
          if (part.attribute !== undefined) break;
          if (part.through) {
            this.convertedParts(part.role, node, part.through, condition);
            break;
          }
          // `.where(name)` with text the client chose: the client picks the attribute compared.
          if (this.tracer.checker.getTypeAtLocation(node).flags & ts.TypeFlags.StringLike) {
            if (!constantString(this.tracer.definitions, node).complete)
              injections.push({
                label: 'attribute',
                kind: 'attributeName',
                nodes: [node],
                taint: this.tracer.value(node),
              });
            break;
          }
          for (const { attribute, value, equal } of this.conditions(node))
            condition(`${part.role}.${attribute}`, attribute, value, part.role === 'conditions', equal);
          break;
        case 'conditionValue':
          condition(part.attribute ?? 'value', part.attribute, node, true);
          break;
        case 'expression':
          if (!constantString(this.tracer.definitions, node).complete)
            injections.push({ label: 'expression', kind: 'expression', nodes: [node], taint: this.tracer.value(node) });
          break;
        case 'attributes':
          for (const element of this.tracer.shapes.elements(node))
            if (element.kind === 'opaque' && !constantString(this.tracer.definitions, element.node).complete)
              injections.push({
                label: 'attributes',
                kind: 'attributeName',
                nodes: [element.node],
                taint: this.tracer.value(element.node),
              });
          break;
        case 'whereCallback':
          for (const span of whereSpans(node))
            injections.push({ label: 'where', kind: 'expression', nodes: [span], taint: this.tracer.value(span) });
          // `op.eq(attr.status, value)`: the operator parameterises the value, which filters the items read.
          for (const value of whereOperands(node)) condition('where', undefined, value, false);
          break;
      }
    }
    const facts: AccessFact[] = [
      { site, ...(mapper.entity ? { table: mapper.entity } : {}), keys, filters, witnesses, create: !!mapper.creates },
    ];
    if (injections.length) facts.push({ site, keys: [], filters: [], witnesses: [], create: false, injections });
    return facts;
  }

  /**
   * A request member converted from condition objects (`MapperArgument.through`): a literal's
   * compared values, as the role reads them; any other object (the client's own `filter`) is a
   * value of its own, which filters the items, or, in a scan, chooses which ones it returns. The
   * conditions bind the caller only where every path holds them (`ConvertedConditions.always`).
   */
  private convertedParts(
    role: 'conditions' | 'filter',
    node: ts.Expression,
    through: readonly string[],
    condition: (
      label: string,
      attribute: string | undefined,
      node: ts.Expression,
      selects: boolean,
      witness: boolean,
    ) => void,
  ): void {
    const { objects, always } = convertedConditions(this.tracer, node, through);
    for (const object of objects) {
      if (this.tracer.shapes.of(object).every((shape) => shape.kind === 'opaque')) {
        condition(role, undefined, object, false, false);
        continue;
      }
      for (const { attribute, value, equal } of this.conditions(object))
        condition(`${role}.${attribute}`, attribute, value, role === 'conditions', always && equal);
    }
  }

  /**
   * `{ userId: x }`, `{ userId: { eq: x } }`, `{ and: [{ … }] }`: each compared value with its
   * attribute, and whether the condition holds only where the attribute equals it (no other
   * operator, no `or`/`not` around it).
   */
  private conditions(
    node: ts.Expression,
    depth = 0,
    alternative = false,
  ): { attribute: string; value: ts.Expression; equal: boolean }[] {
    const out: { attribute: string; value: ts.Expression; equal: boolean }[] = [];
    if (depth > 4) return out;
    for (const shape of this.tracer.shapes.of(node)) {
      if (shape.kind !== 'literal') continue;
      for (const member of shape.literal.properties) {
        const name = propertyNameOf(member);
        const value = memberValue(member);
        if (name === undefined || !value) continue;
        const inner = skipOuter(value);
        if (LOGICAL.has(name)) {
          const list = ts.isArrayLiteralExpression(inner) ? inner.elements : [inner];
          for (const element of list)
            if (!ts.isSpreadElement(element))
              pushAll(out, this.conditions(element, depth + 1, alternative || name !== 'and'));
        } else if (ts.isObjectLiteralExpression(inner)) {
          for (const comparison of inner.properties) {
            const compared = memberValue(comparison);
            if (!compared) continue;
            const equal = !alternative && EQUALITY.has(propertyNameOf(comparison) ?? '');
            const operands = skipOuter(compared);
            if (ts.isArrayLiteralExpression(operands))
              for (const element of operands.elements) {
                if (!ts.isSpreadElement(element)) out.push({ attribute: name, value: element, equal: false });
              }
            else out.push({ attribute: name, value: compared, equal });
          }
        } else out.push({ attribute: name, value, equal: !alternative });
      }
    }
    return out;
  }

  /** A wrapper taking the key (and table) as separate arguments: `db.fetch(table, key)`. */
  partsFact(site: SinkSite): AccessFact {
    const key = site.parts?.key;
    return {
      site,
      table: site.parts?.table,
      keys: key ? this.attributes(key, 'Key', NO_CALL_CONTEXT, [key]) : [],
      filters: [],
      witnesses: [],
      create: false,
    };
  }

  private fromLiteral(
    site: SinkSite,
    operation: Operation,
    shape: LiteralShape,
    tableName?: ts.Expression,
  ): AccessFact[] {
    const context = shape.context;
    const member = (name: string) => literalMember(shape, name);
    const table = tableName ?? member('TableName');
    const values = member('ExpressionAttributeValues');
    const text = (name: string) => {
      const node = member(name);
      return node ? constantString(this.tracer.definitions, node) : undefined;
    };
    const keys: KeyPosition[] = [];
    const filters: KeyPosition[] = [];
    const witnesses: Taint[] = [];
    let create = false;
    switch (operation) {
      case 'get':
      case 'update':
      case 'delete': {
        const key = member('Key');
        if (key) pushAll(keys, this.attributes(key, 'Key', context, [key], nestedWrites(shape, 'Key')));
        break;
      }
      case 'put': {
        const item = member('Item');
        if (item) pushAll(keys, this.itemKeys(item, table, context));
        // A key part generated fresh for this put (`id: randomUUID()`) names an item that cannot exist
        // yet; but where the table's keys are known, a key part the client chooses still decides whose
        // partition the new item lands in, unless the fresh part is the partition itself: then the
        // client's sort key names an item in a partition nobody holds yet.
        const fresh = (position: KeyPosition) => this.isFreshId(position.nodes[position.nodes.length - 1]);
        const placed = !!table && !!this.tableKeys.keysOf(table)?.length;
        const partition = placed ? this.tableKeys.partitionOf(table) : undefined;
        const freshPartition = keys.some((position) => position.label === `Item.${partition}` && fresh(position));
        create =
          freshPartition ||
          (keys.some(fresh) &&
            !(placed && keys.some((position) => !fresh(position) && sourcesOf(position.taint).length > 0)));
        break;
      }
      case 'query': {
        pushAll(keys, this.legacyConditions(shape, 'KeyConditions').positions);
        const legacyFilter = this.legacyConditions(shape, 'QueryFilter');
        pushAll(filters, legacyFilter.positions);
        pushAll(witnesses, legacyFilter.equalities);
        const condition = text('KeyConditionExpression');
        const names = condition?.complete ? placeholders(condition.text) : undefined;
        const added = nestedWrites(shape, 'ExpressionAttributeValues');
        const compared = keyConditionAttributes(this.tracer.definitions, shape.literal);
        for (const position of values ? this.expressionValues(values, names, context, added) : []) {
          const placeholder = /^ExpressionAttributeValues\['(:\w+)'\]$/.exec(position.label)?.[1];
          const attribute = compared.find((entry) => entry.placeholder === placeholder)?.attribute;
          keys.push(attribute ? { ...position, compared: attribute } : position);
        }
        const filter = text('FilterExpression');
        if (values && filter && names) {
          const filtering = placeholders(filter.text).filter((name) => !names.includes(name));
          pushAll(filters, this.expressionValues(values, filtering, context, added));
          // A read filtered by `owner = :caller` returns only the caller's items (SPEC §3, post-read
          // check), as does `toId = :caller OR fromId = :caller`; `owner = :caller OR shared = :yes`
          // returns others' too.
          const equalities = equalityPlaceholdersOfEveryAlternative(filter.text).filter(
            (name) => !names.includes(name),
          );
          pushAll(
            witnesses,
            this.expressionValues(values, equalities, context, added).map((position) => position.taint),
          );
        }
        break;
      }
      case 'scan': {
        const legacyFilter = this.legacyConditions(shape, 'ScanFilter');
        pushAll(keys, legacyFilter.positions);
        pushAll(witnesses, legacyFilter.equalities);
        const filter = text('FilterExpression');
        if (values && filter) {
          const added = nestedWrites(shape, 'ExpressionAttributeValues');
          pushAll(
            keys,
            this.expressionValues(values, filter.complete ? placeholders(filter.text) : undefined, context, added),
          );
          const equalities = equalityPlaceholders(filter.text);
          pushAll(
            witnesses,
            this.expressionValues(values, equalities, context, added).map((position) => position.taint),
          );
        }
        break;
      }
      case 'batchGet':
        return this.perTable(member('RequestItems'), context, (tableKey, request) =>
          this.elements(request, 'Keys').flatMap((element) =>
            element.kind === 'literal' || element.kind === 'opaque'
              ? [this.keyFact(site, 'get', tableKey, element)]
              : [],
          ),
        );
      case 'batchWrite':
        return this.perTable(member('RequestItems'), context, (tableKey, requests) =>
          this.arrayElements(requests).flatMap((request) => [
            ...this.nested(request, 'PutRequest').flatMap((put) => this.fromLiteral(site, 'put', put, tableKey)),
            ...this.nested(request, 'DeleteRequest').flatMap((del) => this.fromLiteral(site, 'delete', del, tableKey)),
          ]),
        );
      case 'transactGet':
      case 'transactWrite': {
        const items = member('TransactItems');
        if (!items) return [];
        const out: AccessFact[] = [];
        const owners: TransactionOwner[] = [];
        for (const item of this.tracer.shapes.elements(items, context)) {
          for (const name of ['Get', 'Put', 'Update', 'Delete'] as const)
            for (const inner of this.nested(item, name)) {
              const itemOperation = name.toLowerCase() as Operation;
              const facts = this.fromLiteral(site, itemOperation, inner).map((fact) => ({
                ...fact,
                transactionItem: { operation: itemOperation, shape: inner },
              }));
              pushAll(out, facts);
              if (operation === 'transactWrite' && name !== 'Get')
                owners.push(...facts.map((fact) => ({ keys: fact.keys, witnesses: this.ownerCondition(inner) })));
            }
          // A `ConditionCheck` reads and writes nothing: it only makes the transaction fail.
          if (operation === 'transactWrite')
            for (const inner of this.nested(item, 'ConditionCheck')) {
              const key = literalMember(inner, 'Key');
              owners.push({
                keys: key ? this.attributes(key, 'Key', inner.context, [key]) : [],
                witnesses: this.ownerCondition(inner),
              });
            }
        }
        return sharedConditions(out, owners);
      }
      case 'statement':
        return [this.statementFact(site, shape)];
      case 'batchStatement':
      case 'transactStatement': {
        const list = member(operation === 'batchStatement' ? 'Statements' : 'TransactStatements');
        if (!list) return [];
        return this.tracer.shapes
          .elements(list, context)
          .flatMap((element) => (element.kind === 'literal' ? [this.statementFact(site, element)] : []));
      }
    }
    if (operation === 'put' || operation === 'update' || operation === 'delete') {
      const expected = this.legacyConditions(shape, 'Expected');
      pushAll(filters, expected.positions);
      pushAll(witnesses, expected.equalities);
      const condition = text('ConditionExpression');
      if (condition) {
        create ||= operation === 'put' && /attribute_not_exists\s*\(/.test(condition.text);
        pushAll(witnesses, this.conditionEqualities(shape, condition.text));
        if (values)
          pushAll(
            filters,
            this.expressionValues(
              values,
              placeholders(condition.text),
              context,
              nestedWrites(shape, 'ExpressionAttributeValues'),
            ),
          );
      }
    }
    return [{ site, table, keys, filters, witnesses, create }];
  }

  /**
   * The values an item's `ConditionExpression` requires attributes to equal, when the condition
   * holds only if every one of those equalities does (no `OR`, no `NOT`): `#creatorId = :me`
   * holds only for an existing item whose `creatorId` is `:me`.
   */
  private ownerCondition(shape: LiteralShape): Taint[] {
    const node = literalMember(shape, 'ConditionExpression');
    const condition = node && constantString(this.tracer.definitions, node);
    if (!condition?.complete || /\b(?:OR|NOT)\b/i.test(condition.text)) return [];
    return this.conditionEqualities(shape, condition.text);
  }

  /** The values a condition's equalities compare attributes with (`#creatorId = :me` → `:me`'s value). */
  private conditionEqualities(shape: LiteralShape, condition: string): Taint[] {
    const values = literalMember(shape, 'ExpressionAttributeValues');
    if (!values) return [];
    const added = nestedWrites(shape, 'ExpressionAttributeValues');
    return this.expressionValues(values, equalityPlaceholders(condition), shape.context, added).map(
      (position) => position.taint,
    );
  }

  /** `RequestItems: { [TABLE]: … }`: one callback per table entry, with the table's name expression. */
  private perTable(
    requestItems: ts.Expression | undefined,
    context: CallContext,
    each: (table: ts.Expression, value: Shape) => AccessFact[],
  ): AccessFact[] {
    if (!requestItems) return [];
    const out: AccessFact[] = [];
    for (const entry of requestItemEntries(this.tracer.shapes, requestItems, context))
      for (const inner of this.tracer.shapes.of(entry.value, entry.context)) pushAll(out, each(entry.table, inner));
    return out;
  }

  /** The elements of an array held in a shape's property (`Keys: [...]`). */
  private elements(holder: Shape, name: string): Shape[] {
    if (holder.kind !== 'literal') return [];
    const value = literalMember(holder, name);
    return value ? this.tracer.shapes.elements(value, holder.context) : [];
  }

  /** The elements of an array that is itself the shape (`[TABLE]: [ { PutRequest }, … ]`). */
  private arrayElements(shape: Shape): Shape[] {
    return shape.kind === 'opaque' ? this.tracer.shapes.elements(shape.node, shape.context) : [];
  }

  private nested(holder: Shape, name: string): LiteralShape[] {
    return nestedLiterals(this.tracer.shapes, holder, name);
  }

  /** One element of `Keys`: its attributes are an access of their own. */
  private keyFact(
    site: SinkSite,
    operation: Operation,
    table: ts.Expression,
    element: LiteralShape | OpaqueShape,
  ): AccessFact {
    const node = element.kind === 'literal' ? element.literal : element.node;
    return {
      site: { ...site, operation },
      table,
      keys: this.attributes(node, 'Keys[]', element.context, [node]),
      filters: [],
      witnesses: [],
      create: false,
    };
  }

  /**
   * A PartiQL statement: its `?` parameters in the WHERE clause that compare key attributes (or
   * an INSERT's key attributes) are key positions.
   */
  private statementFact(site: SinkSite, shape: LiteralShape): AccessFact {
    const statement = literalMember(shape, 'Statement');
    const parameters = literalMember(shape, 'Parameters');
    const text = statement ? constantString(this.tracer.definitions, statement).text : '';
    const tableName = /\b(?:FROM|UPDATE|INTO)\s+("?)([\w.-]+)\1/i.exec(text)?.[2];
    const known = tableName ? this.tableKeys.keysOfName(tableName, site.node) : undefined;
    const bound = partiqlParameters(text);
    const isKey = (name: string | undefined) =>
      name !== undefined &&
      (known?.length ? known.includes(name) : DEFAULT_KEY_NAMES.includes(name) || /(?:Id|_id|ID)$/.test(name));
    const inWhere = bound.filter((parameter) => parameter.inKey);
    let selected = inWhere.filter((parameter) => isKey(parameter.attribute));
    if (selected.length === 0) selected = inWhere;
    const keys: KeyPosition[] = [];
    const filters: KeyPosition[] = [];
    if (parameters) {
      const list = skipOuter(parameters);
      if (!ts.isArrayLiteralExpression(list)) {
        if (selected.length)
          keys.push({
            label: 'Parameters',
            nodes: [parameters],
            taint: shape.context(this.tracer.value(parameters, ['*'])),
          });
      } else {
        for (const parameter of inWhere) {
          const element = list.elements[parameter.index];
          if (!element || ts.isSpreadElement(element)) continue;
          const inner = unwrapAttributeValue(element);
          const position = {
            label: `Parameters[${parameter.index}]`,
            nodes: [parameters, inner],
            taint: shape.context(this.tracer.value(inner)),
          };
          (selected.includes(parameter) ? keys : filters).push(position);
        }
      }
    }
    const table = statement && this.statementTable(statement);
    return {
      site: { ...site, operation: 'statement' },
      ...(table ? { table } : {}),
      keys,
      filters,
      witnesses: [],
      create: /^\s*INSERT\b/i.test(text),
    };
  }

  /**
   * The splice that names a PartiQL statement's table (`${TABLE}` in `SELECT * FROM ${TABLE}`): the
   * access is to that table's entity, as it would be to a `TableName`'s.
   */
  private statementTable(statement: ts.Expression): ts.Expression | undefined {
    const definitions = this.tracer.definitions;
    let node = skipOuter(statement);
    for (let hop = 0; hop < MAX_STATEMENT_HOPS && ts.isIdentifier(node); hop++) {
      const declaration = definitions.declarationOf(node);
      const reaching =
        declaration && ts.isVariableDeclaration(declaration) ? definitions.reaching(declaration, node) : [];
      if (reaching.length !== 1) return undefined;
      node = skipOuter(reaching[0]!);
    }
    if (!ts.isTemplateExpression(node)) return undefined;
    let before = node.head.text;
    for (const span of node.templateSpans) {
      if (/\b(?:FROM|INTO|UPDATE)\s+"?$/i.test(before)) return span.expression;
      before += `?${span.literal.text}`;
    }
    return undefined;
  }

  /** The attributes of a key object, each a position; an opaque key is one position. */
  private attributes(
    node: ts.Expression,
    label: string,
    context: CallContext,
    outer: readonly ts.Node[],
    added: readonly { name: string; value: ts.Expression }[] = [],
  ): KeyPosition[] {
    const out = this.shapeAttributes(this.tracer.shapes.of(node, context), node, label, context, outer);
    for (const { name, value } of added) out.push(this.entryPosition(label, name, value, context, outer));
    return out;
  }

  private entryPosition(
    label: string,
    name: string,
    value: ts.Expression,
    apply: CallContext,
    outer: readonly ts.Node[],
  ): KeyPosition {
    const inner = unwrapAttributeValue(value);
    const named = name.startsWith('[') ? `${label}${name}` : `${label}.${name}`;
    return { label: named, nodes: [...outer, inner], taint: apply(this.tracer.value(inner)) };
  }

  /** `attributes` of a key object's shapes (`node` is the object, for shapes that are not literals). */
  private shapeAttributes(
    shapes: readonly Shape[],
    node: ts.Expression,
    label: string,
    context: CallContext,
    outer: readonly ts.Node[],
  ): KeyPosition[] {
    const out: KeyPosition[] = [];
    const entry = (name: string, value: ts.Expression, apply: CallContext) => {
      out.push(this.entryPosition(label, name, value, apply, outer));
    };
    for (const shape of shapes) {
      if (shape.kind !== 'literal') {
        const taint =
          shape.kind === 'opaque' ? shape.context(this.tracer.value(shape.node)) : context(this.tracer.value(node));
        out.push({ label, nodes: [...outer, shape.kind === 'opaque' ? shape.node : node], taint });
        continue;
      }
      const written = new Set(shape.writes.filter((write) => write.path.length === 1).map((write) => write.path[0]));
      for (const property of shape.literal.properties) {
        if (ts.isSpreadAssignment(property)) {
          out.push({
            label,
            nodes: [...outer, property.expression],
            taint: shape.context(this.tracer.value(property.expression)),
          });
          continue;
        }
        const value = memberValue(property);
        const name = propertyNameOf(property);
        if (value && name !== undefined && !written.has(name)) entry(name, value, shape.context);
      }
      for (const name of written) entry(name!, literalMember(shape, name!)!, shape.context);
      // `Object.assign(key, req.params)`: whatever the merged object holds, as a spread.
      for (const merge of shape.merged ?? [])
        if (!merge.path.length)
          out.push({
            label,
            nodes: [...outer, merge.source],
            taint: shape.context(this.tracer.value(merge.source)),
          });
      // `key[name] = v`: an attribute whose name is computed at run time.
      for (const write of shape.computed ?? [])
        if (!write.path.length) {
          const inner = unwrapAttributeValue(write.value);
          const taint = shape.context(this.tracer.value(inner));
          const position = { label: `${label}[${shortText(write.key, 30)}]`, nodes: [...outer, inner], taint };
          pushAll(out, this.copiedAttributes(write, position, label, shape.context, outer));
        }
    }
    return out;
  }

  /**
   * A computed write that copies another object entry by entry (`for (const [k, v] of
   * Object.entries(o)) key[k] = { S: v }`) gives the key object `o`'s attributes under the same
   * names, each made from `o`'s value there: `o`'s own positions, or, where `o` is a parameter,
   * one position each call site splits into the names its argument holds (`entries`).
   */
  private copiedAttributes(
    write: ComputedWrite,
    position: KeyPosition,
    label: string,
    context: CallContext,
    outer: readonly ts.Node[],
  ): KeyPosition[] {
    const copied = copiedEntries(this.tracer, write);
    if (!copied) return [position];
    const shapes = this.tracer.shapes.of(copied, context);
    const [only] = shapes;
    if (shapes.length === 1 && only?.kind === 'param') return [{ ...position, entries: only }];
    if (!shapes.some((shape) => shape.kind === 'literal')) return [position];
    return this.shapeAttributes(shapes, copied, label, context, outer);
  }

  /**
   * A position standing for every entry of a summarised function's parameter (`entries`), at a call
   * of that function: the names and values the call's argument holds there; `bind` gives the
   * position's own taint at the call where the argument's names are not known.
   */
  entriesAt(
    call: ts.CallExpression | ts.NewExpression,
    fn: FunctionNode,
    position: KeyPosition,
    bind: (taint: Taint) => Taint,
  ): KeyPosition[] {
    const { entries, entriesAreItem, ...rest } = position;
    const passed = argumentFor(this.tracer.definitions, call, fn, keyValueOf(position));
    const whole: KeyPosition = { ...rest, taint: bind(position.taint), ...(passed ? { value: passed } : {}) };
    const argument = entries?.fn === fn ? call.arguments?.[entries.index] : undefined;
    if (!entries || !argument) return [whole];
    const shapes = this.tracer.shapes.atArgument(call, entries, NO_CALL_CONTEXT);
    const [only] = shapes;
    if (shapes.length === 1 && only?.kind === 'param')
      return [{ ...whole, entries: only, ...(entriesAreItem ? { entriesAreItem } : {}) }];
    if (!shapes.length || !shapes.every((shape) => shape.kind === 'literal')) return [whole];
    const label = position.label.replace(/\[.*\]$/, '');
    // Each entry goes from the caller's argument through the parameter to the callee's write.
    const parameter = fn.parameters[entries.index];
    const hop = parameter && {
      label: `${functionName(fn)}(${ts.isIdentifier(parameter.name) ? parameter.name.text : `#${entries.index + 1}`})`,
      node: parameter.name,
    };
    const split = entriesAreItem
      ? this.itemKeysOf(shapes, argument, undefined, NO_CALL_CONTEXT)
      : this.shapeAttributes(shapes, argument, label, NO_CALL_CONTEXT, [argument]);
    return split.map((named) => ({
      label: named.label.replace(/^ExpressionAttributeValues\.(.*)$/, "ExpressionAttributeValues['$1']"),
      nodes: [...named.nodes, ...position.nodes],
      taint: hop ? withStep(named.taint, hop) : named.taint,
    }));
  }

  /** `ExpressionAttributeValues` entries, restricted to the placeholders an expression uses. */
  private expressionValues(
    node: ts.Expression,
    names: readonly string[] | undefined,
    context: CallContext,
    added: readonly { name: string; value: ts.Expression }[],
  ): KeyPosition[] {
    const all = this.attributes(node, 'ExpressionAttributeValues', context, [node], added);
    if (!names) return all;
    return all
      .filter((position) => {
        const name = position.label.slice('ExpressionAttributeValues.'.length);
        return position.label === 'ExpressionAttributeValues' || names.includes(name);
      })
      .map((position) => ({
        ...position,
        label: position.label.replace(/^ExpressionAttributeValues\.(.*)$/, "ExpressionAttributeValues['$1']"),
      }));
  }

  /**
   * A call of a fresh-id function (`randomUUID()`, `uuidv4()`), directly, through a `const`, inside a
   * template, or returned by every return of a function of the program (`generateUuid()`, also awaited).
   */
  private isFreshId(node: ts.Node | undefined, depth = 0): boolean {
    if (!node || depth > 3) return false;
    let inner = skipOuter(node as ts.Expression);
    if (ts.isAwaitExpression(inner)) inner = skipOuter(inner.expression);
    if (ts.isCallExpression(inner)) {
      if (this.tracer.calls(inner, this.tracer.model.freshIdCalls)) return true;
      const callee = this.tracer.definitions.callee(inner);
      const results = callee ? this.tracer.definitions.returnExpressions(callee) : [];
      return results.length > 0 && results.every((result) => this.isFreshId(result, depth + 1));
    }
    if (ts.isTemplateExpression(inner))
      return inner.templateSpans.some((span) => this.isFreshId(span.expression, depth + 1));
    if (!ts.isIdentifier(inner)) return false;
    const declaration = this.tracer.definitions.declarationOf(inner);
    return (
      !!declaration &&
      ts.isVariableDeclaration(declaration) &&
      (declaration.parent.flags & ts.NodeFlags.Const) !== 0 &&
      this.isFreshId(declaration.initializer, depth + 1)
    );
  }

  /**
   * The objects spread into an item literal after its own member `name`, or merged into it after the
   * literal and any later write of `name` (`Object.assign(item, body)`): each may replace the member.
   * One whose type says it has no such property (a parsed, declared body) replaces nothing.
   */
  private overriding(shape: LiteralShape, name: string): ts.Expression[] {
    const out: ts.Expression[] = [];
    const write = shape.writes.findLast((candidate) => candidate.path.length === 1 && candidate.path[0] === name);
    if (!write) {
      const properties = shape.literal.properties;
      const last = properties.findLastIndex((member) => propertyNameOf(member) === name);
      for (const member of properties.slice(last + 1))
        if (ts.isSpreadAssignment(member) && this.mayHold(member.expression, name)) out.push(member.expression);
    }
    for (const merge of shape.merged ?? [])
      if (!merge.path.length && (!write || merge.at.pos > write.at.pos) && this.mayHold(merge.source, name))
        out.push(merge.source);
    return out;
  }

  /**
   * Whether a spread object may hold property `name`: a literal written here holds the names it
   * writes (`...(id && { id })`), a primitive none; else its type decides, and an untyped one (`any`,
   * a request body) may hold any.
   */
  private mayHold(node: ts.Expression, name: string, depth = 0): boolean {
    const inner = skipOuter(node);
    if (depth < 8) {
      if (ts.isObjectLiteralExpression(inner))
        return inner.properties.some((member) =>
          ts.isSpreadAssignment(member)
            ? this.mayHold(member.expression, name, depth + 1)
            : ts.isComputedPropertyName(member.name) || propertyNameOf(member) === name,
        );
      if (ts.isConditionalExpression(inner))
        return this.mayHold(inner.whenTrue, name, depth + 1) || this.mayHold(inner.whenFalse, name, depth + 1);
      // A falsy value is a primitive: `a && b` spreads nothing of `a`.
      if (ts.isBinaryExpression(inner) && inner.operatorToken.kind === ts.SyntaxKind.AmpersandAmpersandToken)
        return this.mayHold(inner.right, name, depth + 1);
      if (ts.isBinaryExpression(inner) && FALLBACK_OPERATORS.has(inner.operatorToken.kind))
        return this.mayHold(inner.left, name, depth + 1) || this.mayHold(inner.right, name, depth + 1);
    }
    const checker = this.tracer.checker;
    const type = checker.getTypeAtLocation(inner);
    const holds = (part: ts.Type): boolean =>
      (part.flags & (ts.TypeFlags.Any | ts.TypeFlags.Unknown | ts.TypeFlags.TypeParameter)) !== 0 ||
      ((part.flags & PRIMITIVES) === 0 &&
        (!!checker.getPropertyOfType(part, name) || checker.getIndexInfosOfType(part).length > 0));
    return type.isUnion() || type.isIntersection() ? type.types.some(holds) : holds(type);
  }

  /**
   * A put's key attributes: those other accesses to the same table use in `Key`; failing that the
   * conventional names the item has; failing that the ones ending in `Id`.
   */
  private itemKeys(
    item: ts.Expression,
    table: ts.Expression | undefined,
    context: CallContext,
    declared?: readonly string[],
  ): KeyPosition[] {
    const known = declared ?? (table ? this.tableKeys.keysOf(table) : undefined);
    return this.itemKeysOf(this.tracer.shapes.of(item, context), item, known, context);
  }

  private itemKeysOf(
    shapes: readonly Shape[],
    item: ts.Expression,
    known: readonly string[] | undefined,
    context: CallContext,
  ): KeyPosition[] {
    const out: KeyPosition[] = [];
    for (const shape of shapes) {
      if (shape.kind !== 'literal') {
        const node = shape.kind === 'opaque' ? shape.node : item;
        const apply = shape.kind === 'opaque' ? shape.context : context;
        if (known?.length) {
          for (const name of known) {
            // `req.body.userId = identity` before `put({ Item: req.body })`: the item holds what was written.
            const written = this.tracer.shapes.live.overwrite(node, name, item);
            out.push(
              written
                ? { label: `Item.${name}`, nodes: [item, written], taint: apply(this.tracer.value(written)) }
                : { label: `Item.${name}`, nodes: [item, node], taint: apply(this.tracer.value(node, [name])) },
            );
          }
        } else {
          // Key names unknown: an item whose usual key attribute the program sets itself
          // (`thing.id = randomUUID()`) is keyed by that value, not by the request's.
          const whole = this.tracer.value(node);
          const setHere = !isClean(whole) && DEFAULT_KEY_NAMES.some((name) => isClean(this.tracer.value(node, [name])));
          if (setHere) continue;
          out.push(
            shape.kind === 'param'
              ? { label: 'Item', nodes: [item, node], taint: apply(whole), entries: shape, entriesAreItem: true }
              : { label: 'Item', nodes: [item, node], taint: apply(whole) },
          );
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
          const taint = shape.context(this.tracer.value(inner));
          // `{ userId: sub, ...body }`: what is spread or merged in after the member may replace it.
          const overriding = this.overriding(shape, name);
          out.push(
            overriding.length
              ? {
                  label: `Item.${name}`,
                  nodes: [item, inner, overriding[overriding.length - 1]!],
                  taint: alternatives([
                    taint,
                    ...overriding.map((source) => shape.context(this.tracer.value(source, [name]))),
                  ]),
                }
              : { label: `Item.${name}`, nodes: [item, inner], taint },
          );
        } else if (hasSpread) {
          out.push({
            label: `Item.${name}`,
            nodes: [item],
            taint: shape.context(this.tracer.value(shape.literal, [name])),
          });
        }
        for (const merge of value ? [] : (shape.merged ?? []))
          if (!merge.path.length)
            out.push({
              label: `Item.${name}`,
              nodes: [item, merge.source],
              taint: shape.context(this.tracer.value(merge.source, [name])),
            });
        if (!value && !hasSpread && known?.length) {
          // `item[field] = body[field]`: a known key attribute may be any entry written under a computed name.
          for (const write of shape.computed ?? [])
            if (!write.path.length) {
              const inner = unwrapAttributeValue(write.value);
              out.push({ label: `Item.${name}`, nodes: [item, inner], taint: shape.context(this.tracer.value(inner)) });
            }
        }
      }
    }
    return out;
  }

  /**
   * Legacy conditions (`KeyConditions`, `QueryFilter`, `ScanFilter`, `Expected`), the older forms of
   * the condition expressions: per attribute, the values it is compared with (`{ userId: {
   * ComparisonOperator: 'EQ', AttributeValueList: [v] } }`, `Expected`'s `{ userId: { Value: v } }`),
   * each a position labelled `KeyConditions.userId`, with whether it is an equality. Conditions joined
   * by `ConditionalOperator: 'OR'` are no equality any item must meet.
   */
  private legacyConditions(shape: LiteralShape, label: string): { positions: KeyPosition[]; equalities: Taint[] } {
    const positions: KeyPosition[] = [];
    const equalities: Taint[] = [];
    const node = literalMember(shape, label);
    if (!node) return { positions, equalities };
    const joined = literalMember(shape, 'ConditionalOperator');
    const alternative = !!joined && constantString(this.tracer.definitions, joined).text.toUpperCase() !== 'AND';
    for (const conditions of this.tracer.shapes.of(node, shape.context)) {
      if (conditions.kind !== 'literal') {
        const at = conditions.kind === 'opaque' ? conditions.node : node;
        const apply = conditions.kind === 'opaque' ? conditions.context : shape.context;
        positions.push({ label, nodes: [node, at], taint: apply(this.tracer.value(at)) });
        continue;
      }
      const names = new Set<string>();
      for (const member of conditions.literal.properties) {
        const name = propertyNameOf(member);
        if (name !== undefined) names.add(name);
      }
      for (const write of conditions.writes) if (write.path[0] !== undefined) names.add(write.path[0]);
      for (const name of names) {
        const named = `${label}.${name}`;
        // `condition[pk].AttributeValueList = [v]` after `condition[pk] = { ComparisonOperator: 'EQ' }`.
        const written = (field: string) =>
          conditions.writes.findLast(
            (write) => write.path.length === 2 && write.path[0] === name && write.path[1] === field,
          )?.value;
        const condition = literalMember(conditions, name);
        const inner = condition ? this.tracer.shapes.of(condition, conditions.context) : [];
        const fields = (field: string) => {
          const found = written(field);
          if (found) return [found];
          return inner.flatMap((candidate) => {
            const value = candidate.kind === 'literal' ? literalMember(candidate, field) : undefined;
            return value ? [value] : [];
          });
        };
        for (const candidate of inner)
          if (candidate.kind !== 'literal') {
            const at = candidate.kind === 'opaque' ? candidate.node : condition!;
            positions.push({ label: named, nodes: [node, at], taint: conditions.context(this.tracer.value(at)) });
          }
        const operators = fields('ComparisonOperator').map(
          (operator) => constantString(this.tracer.definitions, operator).text,
        );
        const values = [...fields('AttributeValueList'), ...fields('Value')];
        const equality =
          !alternative &&
          (operators.length ? operators.every((operator) => operator === 'EQ') : fields('Value').length > 0);
        for (const value of values) {
          const list = skipOuter(value);
          const elements = ts.isArrayLiteralExpression(list) ? list.elements : [value];
          for (const element of elements) {
            const at = unwrapAttributeValue(element);
            const taint = conditions.context(this.tracer.value(at));
            positions.push({ label: named, nodes: [node, at], taint });
            if (equality) equalities.push(taint);
          }
        }
      }
    }
    return { positions, equalities };
  }
}

/** An item of a transaction that may fail it: its key positions, and what its condition requires. */
interface TransactionOwner {
  readonly keys: readonly KeyPosition[];
  readonly witnesses: readonly Taint[];
}

/**
 * A transaction succeeds only if every condition in it holds, so the condition of one item
 * (`creatorId = :me` on `QUEST#${id}`) also guards each other item selected by the same request
 * value (`QUEST#${id}` of another table, `QUEST#${id}`/`SOLVER#…`): those items take the
 * condition's values as witnesses. An item keyed by other request values takes nothing.
 */
function sharedConditions(facts: AccessFact[], owners: readonly TransactionOwner[]): AccessFact[] {
  const guarding = owners.filter((owner) => owner.witnesses.length > 0);
  if (guarding.length === 0) return facts;
  return facts.map((fact) => {
    const witnesses = guarding
      .filter((owner) => owner.keys !== fact.keys && sharesRequestValue(fact.keys, owner.keys))
      .flatMap((owner) => owner.witnesses);
    return witnesses.length ? { ...fact, witnesses: [...fact.witnesses, ...witnesses] } : fact;
  });
}

/**
 * Whether some key position of `keys` holds, in every alternative, a request value (or a
 * parameter, in a summary) that some position of `others` holds in every alternative.
 */
function sharesRequestValue(keys: readonly KeyPosition[], others: readonly KeyPosition[]): boolean {
  const definite = others.flatMap((position) => definiteValues(position.taint));
  if (definite.length === 0) return false;
  return keys.some(
    (position) =>
      position.taint.alts.length > 0 &&
      position.taint.alts.every((alt) => alt.some((origin) => definite.some((other) => sameValue(origin, other)))),
  );
}

/** The request values and parameters a value holds whatever alternative it takes. */
function definiteValues(taint: Taint): Origin[] {
  const [first, ...rest] = taint.alts;
  if (!first) return [];
  return first.filter(
    (origin) =>
      (origin.kind === 'source' || origin.kind === 'param') &&
      rest.every((alt) => alt.some((other) => sameValue(origin, other))),
  );
}

/**
 * The same request value: the same part of the request (one destructuring reads several), read
 * in one function (`req.params.id` twice); the same parameter path of one function.
 */
function sameValue(a: Origin, b: Origin): boolean {
  if (a.kind === 'source' && b.kind === 'source')
    return (
      a.label === b.label &&
      a.sourceType === b.sourceType &&
      (a.node === b.node || enclosingFunction(a.node) === enclosingFunction(b.node))
    );
  if (a.kind === 'param' && b.kind === 'param')
    return a.fn === b.fn && a.index === b.index && a.path.length === b.path.length && startsWith(a.path, b.path);
  return false;
}

const LOGICAL = new Set(['and', 'or', 'not']);
/** The operators of a condition object that require the attribute to equal the value (`{ owner: { eq: sub } }`). */
const EQUALITY = new Set(['eq']);

/**
 * The client-shaped parts of a `where((attr, op) => …)` callback's template: spans other than
 * the callback's own attribute references and operator calls (which the library parameterises).
 */
function whereSpans(node: ts.Expression): ts.Expression[] {
  const fn = skipOuter(node);
  if (!ts.isArrowFunction(fn) && !ts.isFunctionExpression(fn)) return [];
  const own = new Set(fn.parameters.map((parameter) => parameter.name.getText()));
  const rootName = (expression: ts.Expression): string | undefined => {
    let value = skipOuter(expression);
    while (ts.isPropertyAccessExpression(value) || ts.isCallExpression(value) || ts.isElementAccessExpression(value))
      value = skipOuter(value.expression);
    return ts.isIdentifier(value) ? value.text : undefined;
  };
  const returned: ts.Expression[] = [];
  if (!ts.isBlock(fn.body)) returned.push(fn.body);
  else
    for (const statement of fn.body.statements)
      if (ts.isReturnStatement(statement) && statement.expression) returned.push(statement.expression);
  const out: ts.Expression[] = [];
  for (const value of returned) {
    const inner = skipOuter(value);
    if (ts.isTemplateExpression(inner)) {
      for (const span of inner.templateSpans) {
        const root = rootName(span.expression);
        if (root === undefined || !own.has(root)) out.push(span.expression);
      }
    } else if (!ts.isStringLiteralLike(inner)) {
      const root = rootName(inner);
      if (root === undefined || !own.has(root)) out.push(inner);
    }
  }
  return out;
}

function unwrapAttributeValue(node: ts.Expression): ts.Expression {
  const value = skipOuter(node);
  if (!ts.isObjectLiteralExpression(value) || value.properties.length !== 1) return node;
  const only = value.properties[0]!;
  const name = propertyNameOf(only);
  const inner = memberValue(only);
  return name && ATTRIBUTE_VALUE_TAGS.has(name) && inner ? inner : node;
}

/** `(attr, op) => op.eq(attr.status, value)`: the compared values of a where callback's operator calls. */
function whereOperands(node: ts.Expression): ts.Expression[] {
  const fn = skipOuter(node);
  if ((!ts.isArrowFunction(fn) && !ts.isFunctionExpression(fn)) || fn.parameters.length < 2) return [];
  const op = fn.parameters[1]!.name;
  if (!ts.isIdentifier(op)) return [];
  const out: ts.Expression[] = [];
  for (const call of descendants(fn.body)) {
    if (!ts.isCallExpression(call)) continue;
    const callee = skipOuter(call.expression);
    const receiver = ts.isPropertyAccessExpression(callee) ? skipOuter(callee.expression) : undefined;
    if (receiver && ts.isIdentifier(receiver) && receiver.text === op.text) out.push(...call.arguments.slice(1));
  }
  return out;
}

/**
 * The entries of a batch's `RequestItems` (`{ [TABLE]: …, Orders: … }`): each table's name
 * expression (the computed key, or the name itself) and its value, with the context of the
 * literal that holds them.
 */
export function requestItemEntries(
  shapes: Shapes,
  requestItems: ts.Expression,
  context: CallContext,
): { readonly table: ts.Expression; readonly value: ts.Expression; readonly context: CallContext }[] {
  const out: { table: ts.Expression; value: ts.Expression; context: CallContext }[] = [];
  for (const shape of shapes.of(requestItems, context)) {
    if (shape.kind !== 'literal') continue;
    for (const member of shape.literal.properties) {
      const value = memberValue(member);
      if (!value || ts.isSpreadAssignment(member)) continue;
      const table = ts.isComputedPropertyName(member.name) ? member.name.expression : (member.name as ts.Expression);
      out.push({ table, value, context: shape.context });
    }
  }
  return out;
}

/** `{ Put: {…} }` → the literal shapes of the member `name` (a request of a batch or transaction). */
export function nestedLiterals(shapes: Shapes, holder: Shape, name: string): LiteralShape[] {
  if (holder.kind !== 'literal') return [];
  const value = literalMember(holder, name);
  return value
    ? shapes.of(value, holder.context).filter((shape): shape is LiteralShape => shape.kind === 'literal')
    : [];
}
