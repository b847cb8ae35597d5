import path from 'node:path';
import ts from 'typescript';
import { skipOuter } from './ast.js';

/** How many alias hops (`export { x } from '@/b'` in turn unresolved) are followed. */
const MAX_ALIAS_HOPS = 4;

/** Reads tsconfig files without enumerating their `include` globs: only their options are wanted. */
const CONFIG_HOST: ts.ParseConfigHost = {
  useCaseSensitiveFileNames: ts.sys.useCaseSensitiveFileNames,
  readDirectory: () => [],
  fileExists: (name) => ts.sys.fileExists(name),
  readFile: (name) => ts.sys.readFile(name),
};

/**
 * An import the program cannot resolve is followed through the path mapping of the nearest
 * tsconfig of the importing file. A program linted with one root tsconfig (a monorepo, or a
 * corpus) does not know the `paths` each package declares for itself (`@/lib/db`): the checker
 * gives every name imported that way the unknown symbol. When the nearest `tsconfig.json` above
 * the importing file resolves the specifier to a file the program holds, the imported name is
 * that file's export. Caches are per program; a broken or missing config resolves nothing.
 */
export class UnresolvedImports {
  private readonly configByDirectory = new Map<string, string | null>();
  private readonly optionsByConfig = new Map<string, ts.CompilerOptions | null>();
  private readonly fileBySpecifier = new Map<string, ts.SourceFile | null>();

  constructor(
    private readonly program: ts.Program,
    private readonly checker: ts.TypeChecker,
  ) {}

  /** The program's file a module specifier names: the checker's answer, else the nearest tsconfig's. */
  moduleFile(specifier: ts.Expression): ts.SourceFile | undefined {
    const resolved = this.checker.getSymbolAtLocation(specifier)?.valueDeclaration;
    if (resolved && ts.isSourceFile(resolved)) return resolved;
    if (!ts.isStringLiteralLike(specifier)) return undefined;
    return this.fallbackFile(specifier.text, specifier.getSourceFile().fileName);
  }

  /**
   * What an import alias stands for when the checker could not resolve its module: the exported
   * symbol of the file the nearest tsconfig resolves it to (the module's own symbol for a
   * namespace import or a whole `require`). `undefined` when the alias is resolved, or stays not.
   */
  aliasTarget(alias: ts.Symbol, hops = 0): ts.Symbol | undefined {
    const declaration = alias.declarations?.[0];
    if (!declaration || hops > MAX_ALIAS_HOPS) return undefined;
    const imported = importedName(declaration);
    if (!imported) return undefined;
    const file = this.moduleFile(imported.specifier);
    const moduleSymbol = file && this.checker.getSymbolAtLocation(file);
    if (!moduleSymbol) return undefined;
    if (imported.name === undefined) return moduleSymbol;
    return this.member(moduleSymbol, imported.name, hops);
  }

  /** An export of a module symbol, through further aliases (resolved by the checker or by this fallback). */
  member(moduleSymbol: ts.Symbol, name: string, hops = 0): ts.Symbol | undefined {
    let found: ts.Symbol | undefined;
    try {
      found = this.checker.tryGetMemberInModuleExports(name, moduleSymbol);
    } catch {
      return undefined;
    }
    if (!found || !(found.flags & ts.SymbolFlags.Alias)) return found;
    const aliased = this.checker.getAliasedSymbol(found);
    if (aliased.declarations?.length) return aliased;
    return this.aliasTarget(found, hops + 1);
  }

  private fallbackFile(specifier: string, importer: string): ts.SourceFile | undefined {
    const directory = path.dirname(importer);
    const key = `${directory}\u0000${specifier}`;
    const cached = this.fileBySpecifier.get(key);
    if (cached !== undefined) return cached ?? undefined;
    let found: ts.SourceFile | undefined;
    try {
      const options = this.optionsFor(directory);
      if (options) {
        const resolved = ts.resolveModuleName(specifier, importer, options, ts.sys).resolvedModule;
        if (resolved && !resolved.isExternalLibraryImport)
          found = this.program.getSourceFile(resolved.resolvedFileName);
      }
    } catch {
      found = undefined;
    }
    this.fileBySpecifier.set(key, found ?? null);
    return found;
  }

  /** The compiler options of the nearest `tsconfig.json` above a directory (its `paths`, its `baseUrl`). */
  private optionsFor(directory: string): ts.CompilerOptions | undefined {
    let config = this.configByDirectory.get(directory);
    if (config === undefined) {
      config = ts.findConfigFile(directory, (name) => ts.sys.fileExists(name)) ?? null;
      this.configByDirectory.set(directory, config);
    }
    if (config === null) return undefined;
    let options = this.optionsByConfig.get(config);
    if (options === undefined) {
      options = readOptions(config);
      this.optionsByConfig.set(config, options);
    }
    return options ?? undefined;
  }
}

function readOptions(config: string): ts.CompilerOptions | null {
  try {
    const read = ts.readConfigFile(config, (name) => ts.sys.readFile(name));
    if (read.error || typeof read.config !== 'object' || read.config === null) return null;
    const parsed = ts.parseJsonConfigFileContent(read.config, CONFIG_HOST, path.dirname(config), undefined, config);
    return parsed.options;
  } catch {
    return null;
  }
}

/** The module specifier an alias declaration imports from, and the exported name (`undefined`: the whole module). */
function importedName(declaration: ts.Declaration): { specifier: ts.Expression; name: string | undefined } | undefined {
  if (ts.isImportSpecifier(declaration)) {
    return {
      specifier: declaration.parent.parent.parent.moduleSpecifier,
      name: (declaration.propertyName ?? declaration.name).text,
    };
  }
  if (ts.isImportClause(declaration)) return { specifier: declaration.parent.moduleSpecifier, name: 'default' };
  if (ts.isNamespaceImport(declaration))
    return { specifier: declaration.parent.parent.moduleSpecifier, name: undefined };
  if (ts.isExportSpecifier(declaration)) {
    const specifier = declaration.parent.parent.moduleSpecifier;
    return specifier ? { specifier, name: (declaration.propertyName ?? declaration.name).text } : undefined;
  }
  if (ts.isImportEqualsDeclaration(declaration) && ts.isExternalModuleReference(declaration.moduleReference))
    return { specifier: declaration.moduleReference.expression, name: undefined };
  if (ts.isVariableDeclaration(declaration)) {
    const specifier = requiredSpecifier(declaration.initializer);
    return specifier ? { specifier, name: undefined } : undefined;
  }
  if (ts.isBindingElement(declaration) && ts.isObjectBindingPattern(declaration.parent)) {
    const holder = declaration.parent.parent;
    const specifier = ts.isVariableDeclaration(holder) ? requiredSpecifier(holder.initializer) : undefined;
    const key = declaration.propertyName ?? declaration.name;
    return specifier && (ts.isIdentifier(key) || ts.isStringLiteral(key)) ? { specifier, name: key.text } : undefined;
  }
  return undefined;
}

/** `require('x')` → the `'x'` literal. */
function requiredSpecifier(initializer: ts.Expression | undefined): ts.Expression | undefined {
  const call = initializer && skipOuter(initializer);
  return call &&
    ts.isCallExpression(call) &&
    ts.isIdentifier(call.expression) &&
    call.expression.text === 'require' &&
    call.arguments.length === 1 &&
    ts.isStringLiteralLike(call.arguments[0]!)
    ? call.arguments[0]
    : undefined;
}

const byProgram = new WeakMap<ts.Program, UnresolvedImports>();

/** The fallback import resolution of a program (one per program). */
export function unresolvedImportsFor(program: ts.Program): UnresolvedImports {
  let found = byProgram.get(program);
  if (!found) {
    found = new UnresolvedImports(program, program.getTypeChecker());
    byProgram.set(program, found);
  }
  return found;
}
