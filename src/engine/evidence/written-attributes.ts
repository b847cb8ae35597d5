import ts from 'typescript';
import { literalProperty, memberValue, propertyNameOf, skipOuter } from '../ast.js';
import type { Definitions } from '../definitions.js';
import { constantString } from '../strings.js';

/** What a write shows of the attributes of the items it writes: nested names, `SET` clauses, `#name` placeholders. */

/** DynamoDB's attribute-value descriptors of a marshalled item (`{ S: 'x' }`, `{ M: { … } }`, `{ L: […] }`). */
const ATTRIBUTE_TYPES: ReadonlySet<string> = new Set(['S', 'N', 'B', 'BOOL', 'NULL', 'M', 'L', 'SS', 'NS', 'BS']);
const MAX_NESTED_DEPTH = 6;

/**
 * The attributes written inside an item attribute's maps and lists, plain (`cards: [{ token }]`)
 * or marshalled (`{ L: [{ M: { token: { S: t } } }] }`), a few levels deep.
 */
export function nestedAttributes(value: ts.Expression, depth = 0): { name: string; node: ts.Node }[] {
  if (depth >= MAX_NESTED_DEPTH) return [];
  const node = skipOuter(value);
  if (ts.isArrayLiteralExpression(node))
    return node.elements.flatMap((element) => nestedAttributes(element, depth + 1));
  if (!ts.isObjectLiteralExpression(node)) return [];
  const only = node.properties.length === 1 ? node.properties[0] : undefined;
  const descriptor = only && propertyNameOf(only);
  if (only && descriptor !== undefined && ATTRIBUTE_TYPES.has(descriptor)) {
    const inner = memberValue(only);
    return (descriptor === 'M' || descriptor === 'L') && inner ? nestedAttributes(inner, depth + 1) : [];
  }
  const out: { name: string; node: ts.Node }[] = [];
  for (const member of node.properties) {
    const name = propertyNameOf(member);
    const inner = memberValue(member);
    if (name === undefined || !inner) continue;
    out.push({ name, node: member }, ...nestedAttributes(inner, depth + 1));
  }
  return out;
}

/** `SET a = :a, #b = :b` → [[…, 'a', ':a'], [..., '#b', ':b']]. */
export function setClauses(text: string): RegExpExecArray[] {
  const set = /\bSET\b([\s\S]*?)(?:\b(?:REMOVE|ADD|DELETE)\b|$)/i.exec(text)?.[1] ?? '';
  return [...set.matchAll(/([#\w.]+)\s*=\s*(?:[\w_]+\s*\(\s*[#\w.]+\s*,\s*)?(:[\w]+)/g)] as RegExpExecArray[];
}

/**
 * The attribute a name written in an expression stands for: itself, or for a `#name` placeholder the
 * constant a constant `ExpressionAttributeNames` literal gives it (`undefined` when that cannot be read).
 */
export function attributeName(
  definitions: Definitions,
  names: ts.Expression | undefined,
  placeholder: string,
): string | undefined {
  if (!placeholder.startsWith('#')) return placeholder;
  const literal = names && skipOuter(names);
  if (!literal || !ts.isObjectLiteralExpression(literal)) return undefined;
  const value = literalProperty(literal, placeholder);
  const text = value && constantString(definitions, value);
  return text?.complete ? text.text : undefined;
}
