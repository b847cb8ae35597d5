import ts from 'typescript';
import { addTo, calledName, callerName, isStatic, namedValueOf, ownSourceFiles, skipOuter, staticName } from './ast.js';
import type { FunctionNode } from './ast.js';

/** Names followed from a function's own name through aliases. */
const MAX_NAMES = 32;
/** Candidate calls confirmed through the checker per function. */
const MAX_CANDIDATES = 4000;

/** `default`: the name a default export is imported by, as an alias edge like any other. */
const DEFAULT = 'default';

type Call = ts.CallExpression | ts.NewExpression;

/** A call a function is handed to by name, and the argument position (`wrap(main)`: 0). */
export interface HandedSite {
  readonly call: ts.CallExpression;
  readonly position: number;
}

/**
 * A place that holds a function by one of its names as a named member, where a framework may
 * read it from: an object literal's member (`{ Mutation: { editUser } }`, `note: getNote`), or an
 * assignment under a holder's member (`resolvers['Mutation']['editUser'] = editUser`).
 */
export type HeldMember =
  | {
      readonly kind: 'literal';
      readonly literal: ts.ObjectLiteralExpression;
      readonly name: string | undefined;
      readonly reference: ts.Identifier;
    }
  | { readonly kind: 'assigned'; readonly holder: string; readonly name: string; readonly reference: ts.Identifier };

/** What one file says, read from its syntax alone. */
interface FileCalls {
  /** Its calls and constructions with arguments, by the name they call (`save(x)`, `repo.save(x)`). */
  readonly byName: ReadonlyMap<string, readonly Call[]>;
  /**
   * Its method calls without arguments, by the method's name (`todo.toPut()`): they bind no
   * parameter, only the receiver, so they are callers of class members alone (`this` is bound there).
   */
  readonly receiverByName: ReadonlyMap<string, readonly Call[]>;
  /** Name → names that stand for the same value here (`import { save as write }`, `{ remove: save }`). */
  readonly aliases: ReadonlyMap<string, readonly string[]>;
  /** Its calls that are handed a plain name as an argument, by that name (`wrap(main)`). */
  readonly handedByName: ReadonlyMap<string, readonly HandedSite[]>;
  /** Its calls that hand a value under a name written as a string, by that name (`app.decorate('store', value)`). */
  readonly namingByName: ReadonlyMap<string, readonly ts.CallExpression[]>;
  /** Its members that hold a plain name, by that name (`{ editUser }`, `x['Mutation']['e'] = editUser`). */
  readonly heldByName: ReadonlyMap<string, readonly HeldMember[]>;
}

const byFile = new WeakMap<ts.SourceFile, FileCalls>();

/**
 * The program's calls of a function (callers with arguments; of a class's method, also those
 * without, which bind its `this`), found without asking the checker about every call: candidates
 * are the calls named by the function's own name or by a name an alias gives it anywhere in the
 * program (an import or export under another name, a default export, a variable or property that
 * holds it, a `require`), and each candidate is confirmed
 * through `callee`. The syntax is kept per source file (an editor's next program reuses it for
 * unchanged files); confirmed answers are kept per instance, one per program.
 */
export class Callers {
  private readonly memo = new Map<FunctionNode, readonly Call[]>();
  private readonly calledMemo = new Map<FunctionNode, boolean>();
  /** The program's own files' syntax united: read once per program, so a lookup by name costs no walk over files. */
  private syntax: FileCalls | undefined;

  private readonly handedMemo = new Map<FunctionNode, readonly HandedSite[]>();
  private readonly heldMemo = new Map<FunctionNode, readonly HeldMember[]>();

  constructor(
    private readonly program: ts.Program,
    private readonly callee: (call: Call) => FunctionNode | undefined,
    /** The function a plain name stands for (through imports), for `handedAt`. */
    private readonly functionNamed: (name: ts.Identifier) => FunctionNode | undefined,
  ) {}

  of(fn: FunctionNode): readonly Call[] {
    const cached = this.memo.get(fn);
    if (cached) return cached;
    const found: Call[] = [];
    for (const call of this.candidates(fn)) if (this.callee(call) === fn) found.push(call);
    this.memo.set(fn, found);
    return found;
  }

  /** Whether the program calls the function at all: stops at the first confirmed call. */
  isCalled(fn: FunctionNode): boolean {
    const known = this.memo.get(fn);
    if (known) return known.length > 0;
    let called = this.calledMemo.get(fn);
    if (called === undefined) {
      called = false;
      for (const call of this.candidates(fn)) {
        if (this.callee(call) !== fn) continue;
        called = true;
        break;
      }
      this.calledMemo.set(fn, called);
    }
    return called;
  }

  /**
   * The program's calls that hand a value under a name written as their first argument
   * (`app.decorate('store', { remove })`, `container.register('repo', repo)`): the value is the second.
   */
  namingCalls(name: string): readonly ts.CallExpression[] {
    return this.programSyntax().namingByName.get(name) ?? [];
  }

  /** The calls the function is handed to by one of its names (`wrap(main)`, `wrap(impl)` of an imported `impl`). */
  handedAt(fn: FunctionNode): readonly HandedSite[] {
    return this.confirmedByName(
      fn,
      this.handedMemo,
      this.programSyntax().handedByName,
      (site) => site.call.arguments[site.position] as ts.Identifier,
    );
  }

  /** The members that hold the function by one of its names (`{ Mutation: { editUser } }` of an imported `editUser`). */
  heldAt(fn: FunctionNode): readonly HeldMember[] {
    return this.confirmedByName(fn, this.heldMemo, this.programSyntax().heldByName, (held) => held.reference);
  }

  /**
   * The places listed under one of the function's names whose plain name stands for the function
   * itself (confirmed through `functionNamed`), bounded by `MAX_CANDIDATES`, memoised in `memo`.
   */
  private confirmedByName<T>(
    fn: FunctionNode,
    memo: Map<FunctionNode, readonly T[]>,
    byName: ReadonlyMap<string, readonly T[]>,
    reference: (place: T) => ts.Identifier,
  ): readonly T[] {
    const cached = memo.get(fn);
    if (cached) return cached;
    const found: T[] = [];
    let count = 0;
    outer: for (const name of namesOf(fn, this.programSyntax().aliases)) {
      for (const place of byName.get(name) ?? []) {
        if (++count > MAX_CANDIDATES) break outer;
        if (this.functionNamed(reference(place)) === fn) found.push(place);
      }
    }
    memo.set(fn, found);
    return found;
  }

  /**
   * The names held as members of literals held under one of `holders` (`{ Mutation: { editUser } }`)
   * or assigned under such a member (`x['Mutation']['e'] = editUser`), from syntax alone.
   */
  namesHeldUnder(holders: ReadonlySet<string>): ReadonlySet<string> {
    const names = new Set<string>();
    for (const [name, places] of this.programSyntax().heldByName)
      if (places.some((held) => holders.has(held.kind === 'assigned' ? held.holder : (holderName(held.literal) ?? ''))))
        names.add(name);
    return names;
  }

  private *candidates(fn: FunctionNode): Generator<Call> {
    const { byName, receiverByName, aliases } = this.programSyntax();
    const lists = isInstanceMethod(fn) ? [byName, receiverByName] : [byName];
    let count = 0;
    for (const name of namesOf(fn, aliases)) {
      for (const calls of lists)
        for (const call of calls.get(name) ?? []) {
          if (++count > MAX_CANDIDATES) return;
          yield call;
        }
    }
  }

  private programSyntax(): FileCalls {
    if (this.syntax) return this.syntax;
    const byName = new Map<string, Call[]>();
    const receiverByName = new Map<string, Call[]>();
    const aliases = new Map<string, string[]>();
    const handedByName = new Map<string, HandedSite[]>();
    const namingByName = new Map<string, ts.CallExpression[]>();
    const heldByName = new Map<string, HeldMember[]>();
    for (const file of ownSourceFiles(this.program).map(fileCalls)) {
      unite(byName, file.byName);
      unite(receiverByName, file.receiverByName);
      unite(aliases, file.aliases);
      unite(handedByName, file.handedByName);
      unite(namingByName, file.namingByName);
      unite(heldByName, file.heldByName);
    }
    return (this.syntax = { byName, receiverByName, aliases, handedByName, namingByName, heldByName });
  }
}

/** Adds one file's lists to the program's, name by name (the file's own lists stay untouched for reuse). */
function unite<T>(into: Map<string, T[]>, from: ReadonlyMap<string, readonly T[]>): void {
  for (const [name, items] of from) {
    const list = into.get(name);
    if (list) list.push(...items);
    else into.set(name, [...items]);
  }
}

/** An instance method of a class (not a function held in an object literal): its calls bind `this` to their receiver. */
function isInstanceMethod(fn: FunctionNode): boolean {
  return ts.isMethodDeclaration(fn) && ts.isClassLike(fn.parent) && !isStatic(fn);
}

/** A function's own names and every name an alias gives them (bounded). */
function namesOf(fn: FunctionNode, aliases: ReadonlyMap<string, readonly string[]>): ReadonlySet<string> {
  const names = new Set<string>(ownNames(fn));
  const queue = [...names];
  while (queue.length && names.size < MAX_NAMES) {
    for (const alias of aliases.get(queue.shift()!) ?? []) {
      if (names.has(alias)) continue;
      names.add(alias);
      queue.push(alias);
    }
  }
  return names;
}

/** The names a function is defined under: its own, its holder's, `default` for a default export. */
function ownNames(fn: FunctionNode): string[] {
  const names: string[] = [];
  const own = callerName(fn);
  if (own !== undefined) names.push(own);
  const holder = fn.parent;
  // `app.decorate('check', function () {…})`: called as `app.check(…)`.
  const named = namedValueOf(holder);
  if (named?.value === fn) names.push(named.name);
  if (ts.isExportAssignment(holder) || (ts.isFunctionDeclaration(fn) && isDefaultExport(fn))) names.push(DEFAULT);
  if (ts.isBinaryExpression(holder) && holder.right === fn && holder.operatorToken.kind === ts.SyntaxKind.EqualsToken) {
    const target = assignedName(holder.left);
    if (target !== undefined) names.push(target);
  }
  return names;
}

function isDefaultExport(fn: ts.FunctionDeclaration): boolean {
  return !!fn.modifiers?.some((modifier) => modifier.kind === ts.SyntaxKind.DefaultKeyword);
}

/** `exports.save = …` → `save`; `module.exports = …` → `default`. */
function assignedName(target: ts.Expression): string | undefined {
  const node = skipOuter(target);
  if (!ts.isPropertyAccessExpression(node)) return undefined;
  if (node.name.text === 'exports' && ts.isIdentifier(node.expression) && node.expression.text === 'module')
    return DEFAULT;
  return node.name.text;
}

/**
 * A file's calls that hand a value under a name written as a string (`app.decorate('store', value)`),
 * by that name: read from its syntax alone, kept per source file.
 */
export function namingCallsIn(file: ts.SourceFile): ReadonlyMap<string, readonly ts.CallExpression[]> {
  return fileCalls(file).namingByName;
}

function fileCalls(file: ts.SourceFile): FileCalls {
  const kept = byFile.get(file);
  if (kept) return kept;
  const byName = new Map<string, Call[]>();
  const receiverByName = new Map<string, Call[]>();
  const aliases = new Map<string, string[]>();
  const handedByName = new Map<string, HandedSite[]>();
  const namingByName = new Map<string, ts.CallExpression[]>();
  const heldByName = new Map<string, HeldMember[]>();
  const hold = (held: HeldMember) => {
    addTo(heldByName, held.reference.text, held);
  };
  const alias = (from: string | undefined, to: string | undefined) => {
    if (from === undefined || to === undefined || from === to) return;
    addTo(aliases, from, to);
  };
  const identifierText = (node: ts.Expression | undefined) => {
    const inner = node && skipOuter(node);
    return inner && ts.isIdentifier(inner) ? inner.text : undefined;
  };
  const stack: ts.Node[] = [file];
  while (stack.length) {
    const node = stack.pop()!;
    if (
      ts.isCallExpression(node) &&
      !node.arguments.length &&
      ts.isPropertyAccessExpression(skipOuter(node.expression))
    )
      addTo(receiverByName, calledName(node.expression)!, node);
    if ((ts.isCallExpression(node) || ts.isNewExpression(node)) && node.arguments?.length) {
      const name = calledName(node.expression);
      if (name !== undefined) addTo(byName, name, node);
      if (ts.isCallExpression(node)) {
        const named = namedValueOf(node);
        if (named) addTo(namingByName, named.name, node);
        for (const [position, argument] of node.arguments.entries()) {
          if (ts.isSpreadElement(argument)) break;
          if (!ts.isIdentifier(argument)) continue;
          addTo(handedByName, argument.text, { call: node, position });
        }
      }
    }
    if (ts.isImportSpecifier(node) || ts.isExportSpecifier(node)) {
      alias((node.propertyName ?? node.name).text, node.name.text);
    } else if (ts.isImportClause(node) && node.name) {
      alias(DEFAULT, node.name.text);
    } else if (ts.isExportAssignment(node)) {
      alias(identifierText(node.expression), DEFAULT);
    } else if (ts.isPropertyAssignment(node)) {
      alias(identifierText(node.initializer), staticName(node.name));
      const value = skipOuter(node.initializer);
      if (ts.isIdentifier(value))
        hold({ kind: 'literal', literal: node.parent, name: staticName(node.name), reference: value });
    } else if (ts.isShorthandPropertyAssignment(node)) {
      hold({ kind: 'literal', literal: node.parent, name: node.name.text, reference: node.name });
    } else if (ts.isBindingElement(node) && node.propertyName && ts.isIdentifier(node.name)) {
      alias(staticName(node.propertyName), node.name.text);
    } else if (ts.isVariableDeclaration(node) && ts.isIdentifier(node.name) && node.initializer) {
      const init = skipOuter(node.initializer);
      if (ts.isCallExpression(init) && identifierText(init.expression) === 'require') alias(DEFAULT, node.name.text);
      else alias(identifierText(init), node.name.text);
    } else if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.EqualsToken) {
      alias(identifierText(node.right), assignedName(node.left));
      const value = skipOuter(node.right);
      const member = ts.isIdentifier(value) ? memberAssigned(node.left) : undefined;
      if (member && ts.isIdentifier(value)) hold({ kind: 'assigned', ...member, reference: value });
    }
    node.forEachChild((child) => {
      stack.push(child);
    });
  }
  const calls: FileCalls = { byName, receiverByName, aliases, handedByName, namingByName, heldByName };
  byFile.set(file, calls);
  return calls;
}

/** `x['Mutation']['editUser'] = …`, `x.Mutation.editUser = …`: the holder's member name and the member's. */
export function memberAssigned(target: ts.Expression): { holder: string; name: string } | undefined {
  const node = skipOuter(target);
  if (!ts.isPropertyAccessExpression(node) && !ts.isElementAccessExpression(node)) return undefined;
  const name = ts.isPropertyAccessExpression(node) ? node.name.text : staticName(node.argumentExpression);
  const inner = skipOuter(node.expression);
  if (!ts.isPropertyAccessExpression(inner) && !ts.isElementAccessExpression(inner)) return undefined;
  const holder = ts.isPropertyAccessExpression(inner) ? inner.name.text : staticName(inner.argumentExpression);
  return name !== undefined && holder !== undefined ? { holder, name } : undefined;
}

/** The name an object literal is held under: its property's (`Mutation: { … }`) or its variable's. */
export function holderName(literal: ts.ObjectLiteralExpression): string | undefined {
  const holder = literal.parent;
  return (ts.isPropertyAssignment(holder) || ts.isVariableDeclaration(holder)) && holder.initializer === literal
    ? staticName(holder.name)
    : undefined;
}
