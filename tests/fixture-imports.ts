import path from 'node:path';
import ts from 'typescript';
import { unresolvedImportsFor } from '../src/engine/unresolved-imports.js';

/** A fixture's program, built from its own `tsconfig.json`. */
export function fixtureProgram(root: string): ts.Program {
  const host = { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => undefined };
  const config = ts.getParsedCommandLineOfConfigFile(path.join(root, 'tsconfig.json'), {}, host);
  if (!config) throw new Error('fixture tsconfig unreadable');
  return ts.createProgram(config.fileNames, config.options);
}

/**
 * The file (relative to `root`, with `/`) the unresolved-imports fallback gives a specifier
 * written in `importer`: a synthesized literal has no symbol, so the fallback answers, read from
 * the importer's directory.
 */
export function fallbackModule(
  program: ts.Program,
  root: string,
  importer: string,
  specifier: string,
): string | undefined {
  const file = program.getSourceFile(importer)!;
  const literal = ts.factory.createStringLiteral(specifier);
  Object.defineProperty(literal, 'getSourceFile', { value: () => file });
  const found = unresolvedImportsFor(program).moduleFile(literal);
  return found && path.relative(root, found.fileName).split(path.sep).join('/');
}
