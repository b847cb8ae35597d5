import ts from 'typescript';
import { descendants, staticName } from './ast.js';

/**
 * perf: the names by which code of the program can refer to an enum member: the members of every
 * enum the program declares (its own files and declaration files), and the aliases an import
 * gives a member (`import Open = Status.Open`). A name outside them is no enum member, so asking
 * the checker for its symbol is not needed; for a property read (`item.ownerId`) that question
 * makes the checker type the object read, often a whole call into a library.
 * Read from the syntax alone: kept per source file, which an editor's next program reuses when the
 * file did not change, and united per program.
 */
const byFile = new WeakMap<ts.SourceFile, readonly string[]>();
const byProgram = new WeakMap<ts.Program, ReadonlySet<string>>();

/** The words without which a file declares no enum and no import alias (two patterns: one alternation scans slower). */
const ENUM_WORD = /\benum\b/;
const IMPORT_ALIAS = /\bimport\b[^;'"]*=/;

export function enumMemberNames(program: ts.Program): ReadonlySet<string> {
  let names = byProgram.get(program);
  if (!names) {
    const all = new Set<string>();
    for (const file of program.getSourceFiles()) for (const name of namesIn(file)) all.add(name);
    names = all;
    byProgram.set(program, names);
  }
  return names;
}

function namesIn(file: ts.SourceFile): readonly string[] {
  const kept = byFile.get(file);
  if (kept) return kept;
  const found: string[] = [];
  const text = file.text;
  if ((text.includes('enum') && ENUM_WORD.test(text)) || IMPORT_ALIAS.test(text)) {
    // A declaration file has no function bodies: its enums and aliases sit in statement lists.
    for (const node of file.isDeclarationFile ? statementsIn(file) : descendants(file)) {
      if (ts.isEnumDeclaration(node)) {
        for (const member of node.members) {
          const name = staticName(member.name);
          if (name !== undefined) found.push(name);
        }
      } else if (ts.isImportEqualsDeclaration(node) && !ts.isExternalModuleReference(node.moduleReference)) {
        found.push(node.name.text);
      }
    }
  }
  byFile.set(file, found);
  return found;
}

/** The statements of a file and of the namespaces and module declarations in it, however nested. */
function* statementsIn(file: ts.SourceFile): Generator<ts.Statement> {
  const lists: (readonly ts.Statement[])[] = [file.statements];
  for (let list = lists.pop(); list; list = lists.pop()) {
    for (const statement of list) {
      yield statement;
      let body = ts.isModuleDeclaration(statement) ? statement.body : undefined;
      while (body && ts.isModuleDeclaration(body)) body = body.body;
      if (body && ts.isModuleBlock(body)) lists.push(body.statements);
    }
  }
}
