import ts from 'typescript';
import { descendants, ownSourceFiles, propertyNameOf } from '../ast.js';
import type { FunctionNode } from '../ast.js';
import { objectMember } from '../parameter-matchers.js';

/** Bounds: characters of schema text read per program. */
const MAX_SCHEMA_TEXT = 2_000_000;
const cache = new WeakMap<ts.Program, Map<string, ReadonlySet<string>>>();

/**
 * The fields (`Type.field`) that a GraphQL schema written in the program (SDL in a string or
 * template literal, such as Apollo's `typeDefs`) declares with one of `scalars` as its type:
 * a `JSON`/`AWSJSON` scalar passes the whole value through, unprojected by the schema.
 */
export function scalarFields(program: ts.Program, scalars: readonly string[]): ReadonlySet<string> {
  let byScalars = cache.get(program);
  if (!byScalars) cache.set(program, (byScalars = new Map<string, ReadonlySet<string>>()));
  const key = scalars.join('|');
  let fields = byScalars.get(key);
  if (!fields) byScalars.set(key, (fields = collectFields(program, new Set(scalars))));
  return fields;
}

/** `Query: { note: (parent, args) => … }`: the `Type.field` a resolver map's member resolves, if it is one. */
export function resolvedField(fn: FunctionNode): string | undefined {
  const member = objectMember(fn);
  const holder = member?.literal.parent;
  const type = holder && ts.isPropertyAssignment(holder) ? propertyNameOf(holder) : undefined;
  return member?.name !== undefined && type !== undefined ? `${type}.${member.name}` : undefined;
}

function collectFields(program: ts.Program, scalars: ReadonlySet<string>): Set<string> {
  const fields = new Set<string>();
  let read = 0;
  for (const file of ownSourceFiles(program)) {
    if (![...scalars].some((scalar) => file.text.includes(scalar)) || !/\btype\s+\w+/.test(file.text)) continue;
    for (const node of descendants(file)) {
      const text = schemaText(node);
      if (text === undefined || !/\btype\s+\w+/.test(text)) continue;
      read += text.length;
      if (read > MAX_SCHEMA_TEXT) return fields;
      for (const [, type, body] of text.matchAll(/\btype\s+(\w+)[^{]*\{([^}]*)\}/g)) {
        // Arguments may hold `:` and types of their own: drop them before reading `field: Type`.
        const declarations = body!.replace(/\([^)]*\)/g, '');
        for (const [, field, scalar] of declarations.matchAll(/(\w+)\s*:\s*\[?\s*(\w+)/g))
          if (scalars.has(scalar!)) fields.add(`${type}.${field}`);
      }
    }
  }
  return fields;
}

/** The text of a string or template literal (a template's literal parts, joined). */
function schemaText(node: ts.Node): string | undefined {
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return node.text;
  if (ts.isTemplateExpression(node))
    return [node.head.text, ...node.templateSpans.map((span) => span.literal.text)].join(' ');
  return undefined;
}
