import ts from 'typescript';
import { findProperty, memberValue, skipOuter, staticName } from './ast.js';
import type { Definitions } from './definitions.js';

/** Stands for a part of a string the engine cannot know. */
export const UNKNOWN_PART = '\u0000';

export interface StringValue {
  /**
   * The text, with `UNKNOWN_PART` where a part is not constant. For a variable built over several
   * statements, the pieces of every reaching definition, space-separated.
   */
  readonly text: string;
  readonly complete: boolean;
}

/**
 * The constant text of a string expression, followed through `const`s, templates, concatenation
 * and constant objects, so that `KeyConditionExpression: KCE.byOwner` can still be read.
 */
export function constantString(definitions: Definitions, node: ts.Expression, depth = 0): StringValue {
  const expression = skipOuter(node);
  if (depth > 20) return unknown;
  if (ts.isStringLiteralLike(expression)) return { text: expression.text, complete: true };
  if (ts.isNumericLiteral(expression)) return { text: expression.text, complete: true };
  if (ts.isTemplateExpression(expression)) {
    let text = expression.head.text;
    let complete = true;
    for (const span of expression.templateSpans) {
      const part = constantString(definitions, span.expression, depth + 1);
      text += part.text + span.literal.text;
      complete &&= part.complete;
    }
    return { text, complete };
  }
  if (ts.isBinaryExpression(expression) && expression.operatorToken.kind === ts.SyntaxKind.PlusToken) {
    const left = constantString(definitions, expression.left, depth + 1);
    const right = constantString(definitions, expression.right, depth + 1);
    return { text: left.text + right.text, complete: left.complete && right.complete };
  }
  if (
    ts.isBinaryExpression(expression) &&
    (expression.operatorToken.kind === ts.SyntaxKind.EqualsToken ||
      expression.operatorToken.kind === ts.SyntaxKind.PlusEqualsToken)
  ) {
    // A definition reaching a use: `expr = '…'`, or a piece appended with `expr += '…'`.
    return constantString(definitions, expression.right, depth + 1);
  }
  if (ts.isIdentifier(expression)) {
    const declaration = definitions.declarationOf(expression);
    if (declaration && ts.isVariableDeclaration(declaration)) {
      // An expression assembled over several statements holds the text of each piece.
      const values = definitions
        .reaching(declaration, expression)
        .map((value) => constantString(definitions, value, depth + 1));
      if (values.length)
        return { text: values.map((value) => value.text).join(' '), complete: values.every((value) => value.complete) };
    }
    return unknown;
  }
  if (ts.isPropertyAccessExpression(expression)) {
    const holder = skipOuter(expression.expression);
    const declaration = ts.isIdentifier(holder) ? definitions.declarationOf(holder) : undefined;
    const literal =
      declaration &&
      ts.isVariableDeclaration(declaration) &&
      declaration.initializer &&
      skipOuter(declaration.initializer);
    if (literal && ts.isObjectLiteralExpression(literal) && (declaration.parent.flags & ts.NodeFlags.Const) !== 0) {
      const member = findProperty(literal, expression.name.text);
      const value = member && memberValue(member);
      if (value) return constantString(definitions, value, depth + 1);
    }
    // `EntityType.ATTENDANCE` of `enum EntityType { ATTENDANCE = 'ATTENDANCE' }`: a string member's text.
    if (declaration && ts.isEnumDeclaration(declaration)) {
      const member = declaration.members.find((each) => staticName(each.name) === expression.name.text);
      const initializer = member?.initializer && skipOuter(member.initializer);
      if (initializer && ts.isStringLiteralLike(initializer)) return { text: initializer.text, complete: true };
    }
  }
  return unknown;
}

const unknown: StringValue = { text: UNKNOWN_PART, complete: false };

/** `:name` placeholders an expression refers to. */
export function placeholders(text: string): string[] {
  return [...new Set(text.match(/:[A-Za-z0-9_]+/g) ?? [])];
}

/** Placeholders compared for equality (`owner = :me`, `:me = #o`), the form ownership checks take. */
export function equalityPlaceholders(text: string): string[] {
  const out = new Set<string>();
  for (const match of text.matchAll(/[#\w.\][)]\s*=\s*(:[A-Za-z0-9_]+)/g)) out.add(match[1]!);
  for (const match of text.matchAll(/(:[A-Za-z0-9_]+)\s*=\s*[#\w(]/g)) out.add(match[1]!);
  return [...out];
}

/**
 * The placeholders a condition compares by `=` in every alternative it allows: all of them when it
 * has no `OR`; `:me` of `toId = :me OR fromId = :me`; none where `NOT` may turn a comparison round.
 */
export function equalityPlaceholdersOfEveryAlternative(text: string): string[] {
  if (/\bNOT\b/i.test(text)) return [];
  const alternatives: string[] = [];
  let depth = 0;
  let start = 0;
  for (const match of text.matchAll(/[()]|\bOR\b/gi)) {
    if (match[0] === '(') depth++;
    else if (match[0] === ')') depth--;
    else if (depth === 0) {
      alternatives.push(text.slice(start, match.index));
      start = match.index + match[0].length;
    }
  }
  alternatives.push(text.slice(start));
  // An `OR` inside parentheses (`a = :a AND (b = :b OR c = :c)`) leaves only what is outside them certain.
  const certain = alternatives.map((alternative) =>
    equalityPlaceholders(alternative.replace(/\([^()]*\bOR\b[^()]*\)/gi, '')),
  );
  return certain.reduce((common, next) => common.filter((name) => next.includes(name)));
}

/** `passwordHash` → `password hash`; `is_deleted` → `is deleted`; `USER#` → `user`. */
export function nameWords(name: string): string {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .replace(/[^A-Za-z0-9]+/g, ' ')
    .trim()
    .toLowerCase();
}

/** The constant prefix a single-table key text starts with: `USER` for `USER#42`, `user` for `user#${id}`. */
export function keyTextPrefix(text: string): string | undefined {
  return /^([A-Za-z][A-Za-z0-9_-]*)#/.exec(text)?.[1];
}
