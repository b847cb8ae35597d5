import ts from 'typescript';
import { isOuterExpression } from './ast.js';
import type { Specifier } from './types.js';

/**
 * A deployment configuration written as a module (`serverless.ts`) read as the plain object it
 * exports, by syntax alone: object and array literals (with spreads), strings and template
 * strings, `const`s of the file and of the files it imports by relative path, member reads, and
 * calls of a deep-merge function (`merge(base, own)`). `__dirname`, alone or passed alone to a
 * helper (`handlerPath(__dirname)`, the Serverless TypeScript template), is the file's folder.
 * Anything else (other calls, variables of the framework) is left out, so the object says less
 * than the deployment, never more. Bounded: files read, nodes evaluated, characters per file.
 */
export function readScriptConfig(path: string, merges: readonly Specifier[]): Record<string, unknown> | undefined {
  const reader = new ScriptReader(merges);
  const file = reader.file(path);
  const exported = file && exportedValue(file);
  const value = exported && reader.value(exported);
  return isRecord(value) ? value : undefined;
}

const MAX_FILES = 40;
const MAX_NODES = 50_000;
const MAX_FILE_CHARS = 2_000_000;
const MODULE_SUFFIXES = ['.ts', '.js', '.mts', '.mjs', '.cts', '.cjs', '/index.ts', '/index.js'];

class ScriptReader {
  private readonly files = new Map<string, ts.SourceFile | undefined>();
  private readonly resolving = new Set<ts.Node>();
  private nodes = 0;

  constructor(private readonly merges: readonly Specifier[]) {}

  file(path: string): ts.SourceFile | undefined {
    if (this.files.has(path)) return this.files.get(path);
    let file: ts.SourceFile | undefined;
    if (this.files.size < MAX_FILES && ts.sys.fileExists(path)) {
      const text = ts.sys.readFile(path);
      if (text && text.length <= MAX_FILE_CHARS) file = ts.createSourceFile(path, text, ts.ScriptTarget.Latest, true);
    }
    this.files.set(path, file);
    return file;
  }

  value(node: ts.Expression): unknown {
    if (++this.nodes > MAX_NODES || this.resolving.has(node)) return undefined;
    this.resolving.add(node);
    try {
      return this.evaluate(node);
    } finally {
      this.resolving.delete(node);
    }
  }

  private evaluate(node: ts.Expression): unknown {
    if (isOuterExpression(node)) return this.value(node.expression);
    if (ts.isStringLiteralLike(node)) return node.text;
    if (ts.isNumericLiteral(node)) return Number(node.text);
    if (node.kind === ts.SyntaxKind.TrueKeyword) return true;
    if (node.kind === ts.SyntaxKind.FalseKeyword) return false;
    if (ts.isTemplateExpression(node)) {
      let text = node.head.text;
      for (const span of node.templateSpans) {
        const part = this.value(span.expression);
        // An unknown part keeps the string's presence, not its meaning: like a framework variable.
        text += (typeof part === 'string' || typeof part === 'number' ? String(part) : '${?}') + span.literal.text;
      }
      return text;
    }
    if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.PlusToken) {
      const [left, right] = [this.value(node.left), this.value(node.right)];
      return typeof left === 'string' || typeof right === 'string' ? `${text(left)}${text(right)}` : undefined;
    }
    if (ts.isObjectLiteralExpression(node)) return this.object(node);
    if (ts.isArrayLiteralExpression(node))
      return node.elements.flatMap((element): unknown[] => {
        if (!ts.isSpreadElement(element)) return [this.value(element)];
        const spread = this.value(element.expression);
        return Array.isArray(spread) ? (spread as unknown[]) : [];
      });
    if (ts.isIdentifier(node)) return this.identifier(node);
    if (ts.isPropertyAccessExpression(node) || ts.isElementAccessExpression(node)) {
      const key = ts.isPropertyAccessExpression(node) ? node.name.text : this.value(node.argumentExpression);
      const owner = this.value(node.expression);
      return isRecord(owner) && typeof key === 'string' ? owner[key] : undefined;
    }
    if (ts.isCallExpression(node)) return this.call(node);
    return undefined;
  }

  private object(node: ts.ObjectLiteralExpression): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const property of node.properties) {
      if (ts.isSpreadAssignment(property)) {
        const spread = this.value(property.expression);
        if (isRecord(spread)) Object.assign(out, spread);
      } else if (ts.isShorthandPropertyAssignment(property)) {
        out[property.name.text] = this.value(property.name);
      } else if (ts.isPropertyAssignment(property)) {
        const name = ts.isComputedPropertyName(property.name)
          ? this.value(property.name.expression)
          : ts.isIdentifier(property.name) ||
              ts.isStringLiteralLike(property.name) ||
              ts.isNumericLiteral(property.name)
            ? property.name.text
            : undefined;
        if (typeof name === 'string') out[name] = this.value(property.initializer);
      }
    }
    return out;
  }

  private call(node: ts.CallExpression): unknown {
    const [only] = node.arguments;
    if (node.arguments.length === 1 && only && ts.isIdentifier(only) && only.text === '__dirname')
      return folderOf(node.getSourceFile().fileName);
    if (!ts.isIdentifier(node.expression) || !this.isMerge(node.expression)) return undefined;
    let merged: Record<string, unknown> = {};
    for (const argument of node.arguments) {
      const value = this.value(argument);
      if (isRecord(value)) merged = deepMerge(merged, value);
    }
    return merged;
  }

  /** Whether a callee is imported from a deep-merge package under a name the model gives. */
  private isMerge(callee: ts.Identifier): boolean {
    const imported = importOf(callee);
    return (
      !!imported &&
      this.merges.some(
        (spec) =>
          typeof spec !== 'string' &&
          spec.from === 'package' &&
          spec.package === imported.module &&
          (typeof spec.name === 'string' ? [spec.name] : spec.name).includes(imported.name),
      )
    );
  }

  private identifier(node: ts.Identifier): unknown {
    if (node.text === '__dirname') return folderOf(node.getSourceFile().fileName);
    const file = node.getSourceFile();
    const declared = topLevelConst(file, node.text);
    if (declared) return this.value(declared);
    const imported = importOf(node);
    if (!imported?.module.startsWith('.')) return undefined;
    const target = this.module(folderOf(file.fileName), imported.module);
    if (!target) return undefined;
    const exported = imported.name === 'default' ? exportedValue(target) : topLevelConst(target, imported.name);
    return exported && this.value(exported);
  }

  private module(folder: string, specifier: string): ts.SourceFile | undefined {
    const base = joinPath(folder, specifier.replace(/\.[cm]?js$/, ''));
    for (const suffix of MODULE_SUFFIXES) {
      const file = ts.sys.fileExists(base + suffix) ? this.file(base + suffix) : undefined;
      if (file) return file;
    }
    return undefined;
  }
}

/** What a module exports as a whole: `export default X`, `export = X`, `module.exports = X`. */
function exportedValue(file: ts.SourceFile): ts.Expression | undefined {
  for (const statement of file.statements) {
    if (ts.isExportAssignment(statement)) return statement.expression;
    if (
      ts.isExpressionStatement(statement) &&
      ts.isBinaryExpression(statement.expression) &&
      statement.expression.operatorToken.kind === ts.SyntaxKind.EqualsToken &&
      statement.expression.left.getText(file) === 'module.exports'
    )
      return statement.expression.right;
  }
  return undefined;
}

/** The initializer of a `const` the file declares at its top (exported or not). */
function topLevelConst(file: ts.SourceFile, name: string): ts.Expression | undefined {
  for (const statement of file.statements) {
    if (!ts.isVariableStatement(statement) || !(statement.declarationList.flags & ts.NodeFlags.Const)) continue;
    for (const declaration of statement.declarationList.declarations)
      if (ts.isIdentifier(declaration.name) && declaration.name.text === name) return declaration.initializer;
  }
  return undefined;
}

/** The module and exported name an identifier is imported as (`default` for a default import). */
function importOf(node: ts.Identifier): { module: string; name: string } | undefined {
  for (const statement of node.getSourceFile().statements) {
    if (!ts.isImportDeclaration(statement) || !ts.isStringLiteral(statement.moduleSpecifier)) continue;
    const clause = statement.importClause;
    if (!clause || clause.phaseModifier === ts.SyntaxKind.TypeKeyword) continue;
    const module = statement.moduleSpecifier.text;
    if (clause.name?.text === node.text) return { module, name: 'default' };
    const bindings = clause.namedBindings;
    if (bindings && ts.isNamedImports(bindings))
      for (const element of bindings.elements)
        if (element.name.text === node.text) return { module, name: (element.propertyName ?? element.name).text };
  }
  return undefined;
}

/** deepmerge's default: objects merged member by member, lists concatenated, anything else replaced. */
function deepMerge(target: Record<string, unknown>, source: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...target };
  for (const [key, value] of Object.entries(source)) {
    const existing = out[key];
    out[key] =
      isRecord(existing) && isRecord(value)
        ? deepMerge(existing, value)
        : Array.isArray(existing) && Array.isArray(value)
          ? [...(existing as unknown[]), ...(value as unknown[])]
          : value;
  }
  return out;
}

function text(value: unknown): string {
  return typeof value === 'string' || typeof value === 'number' ? String(value) : '${?}';
}

function folderOf(path: string): string {
  return path.slice(0, Math.max(0, path.lastIndexOf('/')));
}

/** `folder` joined with a relative path, `.` and `..` resolved. */
function joinPath(folder: string, relative: string): string {
  const out = folder.split('/');
  for (const part of relative.split('/')) {
    if (part === '..') out.pop();
    else if (part && part !== '.') out.push(part);
  }
  return out.join('/');
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
