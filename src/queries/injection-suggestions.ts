import ts from 'typescript';
import { findProperty, propertyNameOf, skipOuter } from '../engine/ast.js';
import type { InjectionPosition } from '../engine/dynamodb/injection.js';
import type { SinkSite } from '../engine/dynamodb/sites.js';
import type { Taint } from '../engine/taint.js';
import type { Tracer } from '../engine/flow/tracer.js';

/** A text edit, in offsets of the file being linted. */
export interface Edit {
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

export interface Suggestion {
  readonly messageId: 'suggestBindExpressionValues' | 'suggestBindStatementParameters';
  readonly edits: readonly Edit[];
}

/** An interpolation in a value position, and what it becomes. */
interface Binding {
  /** The `${…}` with the quotes around it, if any. */
  readonly start: number;
  readonly end: number;
  readonly expression: ts.Expression;
  /** `:status` for an expression; `?` for PartiQL. */
  readonly placeholder: string;
  /** PartiQL: the index of the `?` among the statement's parameters. */
  readonly index: number;
}

/** The text before an interpolation that makes it a compared value: `status = `, `begins_with(sk, `. */
const EXPRESSION_VALUE =
  /(?:([#\w.[\]]+)\s*(?:=|<>|<=|>=|<|>)|\b(?:begins_with|contains)\s*\(\s*([#\w.[\]]+)\s*,)\s*(['"]?)$/i;
/** A quoted PartiQL string in a value position: `= '`, `: '` in a VALUE tuple, `[ '` or `, '` in a list. */
const STATEMENT_VALUE = /(?:=|<>|<=|>=|<|>|:|,|\[|\()\s*'$/;

/**
 * Rewrites an inline template in a DynamoDB input literal so that the client values it splices
 * become bound values: `:name` placeholders plus `ExpressionAttributeValues` entries for an
 * expression, `?` plus `Parameters` entries for a PartiQL statement. Offered only when the rewrite
 * is mechanical and keeps the code compiling: every tainted interpolation sits in a value
 * position, the input literal is the sink's own input with no spreads or later writes, the bound
 * collection is absent or an inline literal, and each value's type fits what the SDK accepts there.
 */
export function bindingSuggestions(
  tracer: Tracer,
  position: InjectionPosition,
  site: SinkSite,
  carries: (taint: Taint) => boolean,
): Suggestion[] {
  const member = position.member;
  if (
    !member ||
    !ts.isTemplateExpression(member.initializer) ||
    (position.kind !== 'expression' && position.kind !== 'statement')
  )
    return [];
  const literal = member.parent;
  const inputType = inputTypeOf(tracer, site, literal);
  if (!inputType || literal.properties.some(ts.isSpreadAssignment)) return [];
  const statement = position.kind === 'statement';
  const found = valueBindings(tracer, member.initializer, literal, statement, carries);
  if (!found?.bindings.length) return [];
  const { bindings, parameters } = found;
  const collection = statement ? 'Parameters' : 'ExpressionAttributeValues';
  const entries = collectionEntries(tracer, inputType, collection, bindings);
  if (!entries) return [];
  const added = statement
    ? parametersEdit(literal, member, bindings, entries, parameters)
    : valuesEdit(literal, member, bindings, entries);
  if (!added) return [];
  const edits = [
    ...bindings.map((binding) => ({ start: binding.start, end: binding.end, text: binding.placeholder })),
    added,
  ];
  return [{ messageId: statement ? 'suggestBindStatementParameters' : 'suggestBindExpressionValues', edits }];
}

/** The SDK's type for the input, when the literal is the sink's input itself and nothing rewrites it later. */
function inputTypeOf(tracer: Tracer, site: SinkSite, literal: ts.ObjectLiteralExpression): ts.Type | undefined {
  const input = site.input && skipOuter(site.input);
  if (!input) return undefined;
  if (input !== literal) {
    const declaration = ts.isIdentifier(input) ? tracer.definitions.declarationOf(input) : undefined;
    if (!declaration || !ts.isVariableDeclaration(declaration) || declaration.initializer !== literal) return undefined;
    if ((declaration.parent.flags & ts.NodeFlags.Const) === 0) return undefined;
    const symbol = tracer.checker.getSymbolAtLocation(declaration.name);
    if (
      !symbol ||
      tracer.definitions.propertyWrites(symbol, declaration).length ||
      tracer.definitions.computedWrites(symbol, declaration).length
    )
      return undefined;
  }
  return tracer.checker.getContextualType(site.input) ?? undefined;
}

/**
 * The tainted interpolations, each in a value position (undefined if one is elsewhere), and the
 * number of PartiQL parameters the rewritten statement has.
 */
function valueBindings(
  tracer: Tracer,
  template: ts.TemplateExpression,
  literal: ts.ObjectLiteralExpression,
  statement: boolean,
  carries: (taint: Taint) => boolean,
): { bindings: Binding[]; parameters: number } | undefined {
  const file = template.getSourceFile().text;
  const taken = new Set(literal.getText().match(/:[A-Za-z0-9_]+/g) ?? []);
  const bindings: Binding[] = [];
  let text = template.head.text;
  let parameters = statement ? countParameters(text) : 0;
  let previous: ts.TemplateLiteralLikeNode = template.head;
  for (const span of template.templateSpans) {
    const open = previous.end - 2;
    const close = span.literal.getStart() + 1;
    const after = span.literal.text;
    if (carries(tracer.value(span.expression))) {
      const match = (statement ? STATEMENT_VALUE : EXPRESSION_VALUE).exec(text);
      const quote = statement ? "'" : (match?.[3] ?? '');
      if (!match || !after.startsWith(quote) || !/^(?:\s|\)|,|\]|}|$)/.test(after.slice(quote.length)))
        return undefined;
      const placeholder = statement ? '?' : freshName(match[1] ?? match[2] ?? 'value', taken);
      bindings.push({
        start: open - quote.length,
        end: close + quote.length,
        expression: span.expression,
        placeholder,
        index: parameters,
      });
      if (statement) parameters++;
      text += placeholder + after.slice(quote.length);
    } else {
      text += file.slice(open, close) + after;
    }
    if (statement) parameters += countParameters(after);
    previous = span.literal;
  }
  return { bindings, parameters };
}

/** `:status`, or `:status2` when taken. Attribute paths and `#names` give their last plain word. */
function freshName(attribute: string, taken: Set<string>): string {
  let base =
    attribute
      .split(/[.[\]]/)
      .filter(Boolean)
      .pop()
      ?.replace(/^#/, '')
      .replace(/\W/g, '') ?? '';
  base ||= 'value';
  let name = `:${base}`;
  for (let n = 2; taken.has(name); n++) name = `:${base}${n}`;
  taken.add(name);
  return name;
}

function countParameters(text: string): number {
  return (text.match(/\?/g) ?? []).length;
}

/** Each bound value as the SDK takes it: as is (document clients) or as `{ S: … }` (low-level clients). */
function collectionEntries(
  tracer: Tracer,
  inputType: ts.Type,
  collection: string,
  bindings: readonly Binding[],
): string[] | undefined {
  const checker = tracer.checker;
  const property = checker.getApparentType(inputType).getProperty(collection);
  if (!property) return undefined;
  const holder = checker.getNonNullableType(checker.getTypeOfSymbol(property));
  const element = checker.getIndexInfoOfType(
    holder,
    collection === 'Parameters' ? ts.IndexKind.Number : ts.IndexKind.String,
  )?.type;
  if (!element) return undefined;
  const out: string[] = [];
  for (const binding of bindings) {
    const type = checker.getTypeAtLocation(binding.expression);
    const text = binding.expression.getText();
    if (checker.isTypeAssignableTo(type, element)) out.push(text);
    else if (element.getProperty('S') && checker.isTypeAssignableTo(type, checker.getStringType()))
      out.push(`{ S: ${text} }`);
    else return undefined;
  }
  return out;
}

/** Adds the entries to an inline `ExpressionAttributeValues` literal, or adds the property after the expression. */
function valuesEdit(
  literal: ts.ObjectLiteralExpression,
  member: ts.PropertyAssignment,
  bindings: readonly Binding[],
  entries: readonly string[],
): Edit | undefined {
  const pairs = bindings.map((binding, i) => `'${binding.placeholder}': ${entries[i]}`);
  const existing = findProperty(literal, 'ExpressionAttributeValues');
  if (!existing)
    return { start: member.end, end: member.end, text: `, ExpressionAttributeValues: { ${pairs.join(', ')} }` };
  if (!ts.isPropertyAssignment(existing) || !ts.isObjectLiteralExpression(existing.initializer)) return undefined;
  const values = existing.initializer;
  if (values.properties.some((property) => propertyNameOf(property) === undefined)) return undefined;
  const last = values.properties[values.properties.length - 1];
  if (!last) return { start: values.getStart() + 1, end: values.end - 1, text: ` ${pairs.join(', ')} ` };
  return { start: last.end, end: last.end, text: `, ${pairs.join(', ')}` };
}

/** Inserts the values into an inline `Parameters` array at their `?` positions, or adds the property. */
function parametersEdit(
  literal: ts.ObjectLiteralExpression,
  member: ts.PropertyAssignment,
  bindings: readonly Binding[],
  entries: readonly string[],
  total: number,
): Edit | undefined {
  const existing = findProperty(literal, 'Parameters');
  if (!existing) {
    if (total !== bindings.length) return undefined;
    return { start: member.end, end: member.end, text: `, Parameters: [${entries.join(', ')}]` };
  }
  if (!ts.isPropertyAssignment(existing) || !ts.isArrayLiteralExpression(existing.initializer)) return undefined;
  const array = existing.initializer;
  if (array.elements.some(ts.isSpreadElement) || array.elements.length + bindings.length !== total) return undefined;
  const merged = array.elements.map((element) => element.getText());
  bindings.forEach((binding, i) => merged.splice(binding.index, 0, entries[i]!));
  return { start: array.getStart(), end: array.end, text: `[${merged.join(', ')}]` };
}
