import { RegExpParser, visitRegExpAST } from '@eslint-community/regexpp';
import type { Alternative, Pattern } from '@eslint-community/regexpp/ast';
import ts from 'typescript';
import { skipOuter } from './ast.js';
import type { Definitions } from './definitions.js';
import { constantString } from './strings.js';

/** How far `const RE = OTHER` aliases are followed to the pattern they name. */
const MAX_ALIASES = 8;

/**
 * Whether a regular expression only matches whole strings of a constrained shape: every
 * alternative is anchored at both ends (`/^a|b$/` is not), `^`/`$` are not per-line (no `m`
 * flag), and no unbounded wildcard (`.*`, `.+`) lets arbitrary text through.
 */
export function isValidatingPattern(source: string, flags: string): boolean {
  if (flags.includes('m')) return false;
  let pattern: Pattern;
  try {
    pattern = new RegExpParser().parsePattern(source, 0, source.length, {
      unicode: flags.includes('u'),
      unicodeSets: flags.includes('v'),
    });
  } catch {
    return false;
  }
  if (!pattern.alternatives.every(anchoredBothEnds)) return false;
  let permissive = false;
  visitRegExpAST(pattern, {
    onQuantifierEnter(quantifier) {
      if (
        quantifier.max === Infinity &&
        quantifier.element.type === 'CharacterSet' &&
        quantifier.element.kind === 'any'
      )
        permissive = true;
    },
  });
  return !permissive;
}

function anchoredBothEnds(alternative: Alternative): boolean {
  const elements = alternative.elements;
  const first = elements[0];
  const last = elements[elements.length - 1];
  if (elements.length === 1 && first?.type === 'Group') return first.alternatives.every(anchoredBothEnds);
  return first?.type === 'Assertion' && first.kind === 'start' && last?.type === 'Assertion' && last.kind === 'end';
}

/** The regular expression an expression denotes: a literal, `new RegExp('…', 'u')`, or a `const` naming one. */
export function regexOf(
  definitions: Definitions,
  expression: ts.Expression,
): { source: string; flags: string } | undefined {
  let node = skipOuter(expression);
  for (let hops = 0; hops < MAX_ALIASES && ts.isIdentifier(node); hops++) {
    const initializer = definitions.constInitializer(node);
    if (!initializer) return undefined;
    node = skipOuter(initializer);
  }
  if (ts.isRegularExpressionLiteral(node)) {
    const end = node.text.lastIndexOf('/');
    return { source: node.text.slice(1, end), flags: node.text.slice(end + 1) };
  }
  if (
    (ts.isNewExpression(node) || ts.isCallExpression(node)) &&
    ts.isIdentifier(node.expression) &&
    node.expression.text === 'RegExp'
  ) {
    const [sourceArgument, flagsArgument] = node.arguments ?? [];
    const source = sourceArgument && constantString(definitions, sourceArgument);
    const flags = flagsArgument ? constantString(definitions, flagsArgument) : { text: '', complete: true };
    return source?.complete && flags.complete ? { source: source.text, flags: flags.text } : undefined;
  }
  return undefined;
}
