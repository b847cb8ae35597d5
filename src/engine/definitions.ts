import ts from 'typescript';
import {
  bindingPath,
  findProperty,
  isFunctionNode,
  isGlobalMethodCall,
  isLibraryFile,
  isWithin,
  memberValue,
  ownSourceFiles,
  parentOf,
  returnedExpressions,
  skipOuter,
  staticMemberPath,
  staticName,
  statementList,
  thisObjectLiteral,
} from './ast.js';
import type { FunctionNode } from './ast.js';
import { resolvedSignature } from './types.js';
import { callbackParameter } from './callback-parameters.js';
import { ANY } from './flow/path.js';
import { Callers } from './callers.js';
import type { HandedSite, HeldMember } from './callers.js';
import { declaredNames } from './declared-names.js';
import { unresolvedImportsFor } from './unresolved-imports.js';
import type { UnresolvedImports } from './unresolved-imports.js';
import { deployedTablesFor } from './deployed-tables.js';
import type { DeployedTables } from './deployed-tables.js';
import type { DeploymentModel } from './model.js';

/** An assignment to a variable: `x = v`, `x += v`, or a destructuring one: `({ id: x } = v)`, `[x] = v`. */
export interface Write {
  readonly assignment: ts.BinaryExpression;
  /** In a destructuring assignment: where the variable's value sits in the assigned value (`['id']`, `['0']`). */
  readonly path?: readonly string[];
}

/** Built-in containers whose `set`/`append` store an entry that `get` hands out. */
const KEYED_CONTAINERS = new Set(['Map', 'WeakMap', 'Headers', 'URLSearchParams', 'FormData']);

/** How deep a destructuring assignment's target pattern is searched for a variable. */
const MAX_PATTERN_DEPTH = 6;
/** Bound on the property names of a write through `this` (`this.input.owner.id = …`). */
const MAX_THIS_WRITE_DEPTH = 4;

/** A property set on an object after it was created: `params.Key = …`, `Object.assign(params, {…})`. */
export interface PropertyWrite {
  readonly path: readonly string[];
  readonly value: ts.Expression;
  readonly at: ts.Node;
}

/** A write under a key computed at run time: `names[\`#${k}\`] = k`, `params.ExpressionAttributeValues[key] = v`. */
export interface ComputedWrite {
  /** The static path to the object written into (`[]` for the variable's own object). */
  readonly path: readonly string[];
  readonly key: ts.Expression;
  readonly value: ts.Expression;
  readonly at: ts.Node;
}

/** Another object whose properties were all copied into a variable's object: `Object.assign(key, req.params)`. */
export interface MergedObject {
  /** The static path to the object merged into (`[]` for the variable's own object). */
  readonly path: readonly string[];
  readonly source: ts.Expression;
  readonly at: ts.Node;
}

/** Everything a scope does to a variable's object after creating it. */
interface ObjectWrites {
  readonly properties: PropertyWrite[];
  readonly computed: ComputedWrite[];
  readonly merged: MergedObject[];
  /** Elements added to an array: `parts.push(a, ...more)`, `parts.unshift(a)`. */
  readonly elements: ts.Expression[];
  /** Properties set on the array's elements through the names a loop or an element callback gives them. */
  readonly throughElements: PropertyWrite[];
}

/** A name one element of an array (at `path` in a variable) takes: a `for…of` variable or an element callback's parameter. */
interface ElementAlias {
  readonly path: readonly string[];
  readonly name: ts.Identifier;
  readonly declaration: ts.Node;
}

/**
 * Name resolution through the checker: declarations, reaching definitions of `let`/`var`,
 * callees, callers and return expressions. Everything is memoised per program.
 */
export class Definitions {
  private readonly writesBySymbol = new Map<ts.Symbol, Write[]>();
  private readonly objectWritesBySymbol = new Map<ts.Symbol, ObjectWrites>();
  private readonly thisWritesByClass = new Map<ts.ClassLikeDeclaration, PropertyWrite[]>();
  private readonly calleeMemo = new Map<ts.Node, FunctionNode | null>();
  private readonly returnsMemo = new Map<FunctionNode, ts.Expression[]>();
  /** perf: the same name is asked about many times per program (callees, declarations, constants). */
  private readonly symbolMemo = new Map<ts.Node, ts.Symbol | null>();
  private callers: Callers | undefined;
  /** The program's classes by the last name of each type they implement or extend, built on first use. */
  private heritage: Map<string, ts.ClassLikeDeclaration[]> | undefined;
  private readonly implementationsMemo = new Map<ts.Node, ts.ClassLikeDeclaration[]>();

  /** Imports the program cannot resolve, followed through the importing file's own tsconfig. */
  readonly imports: UnresolvedImports | undefined;
  /** What the program's deployment templates say its functions' environment variables name. */
  readonly deployed: DeployedTables | undefined;

  constructor(
    private readonly checker: ts.TypeChecker,
    private readonly program?: ts.Program,
    /**
     * The functions a method called on a holder runs where a container hands the holder out by
     * name (`container.resolve('todos').find(id)`, see `Containers.members`): model knowledge the
     * tracer supplies.
     */
    private readonly containerMembers?: (holder: ts.Expression, name: string) => (FunctionNode | undefined)[],
    /** Deployment template formats (model data), for the tables functions' environment variables name. */
    deployments: readonly DeploymentModel[] = [],
  ) {
    this.imports = program && unresolvedImportsFor(program);
    const imports = this.imports;
    this.deployed =
      program && imports && deployments.length
        ? deployedTablesFor(program, deployments, (specifier) => imports.moduleFile(specifier))
        : undefined;
  }

  symbolOf(node: ts.Node): ts.Symbol | undefined {
    const cached = this.symbolMemo.get(node);
    if (cached !== undefined) return cached ?? undefined;
    const found = this.resolveSymbol(node);
    this.symbolMemo.set(node, found ?? null);
    return found;
  }

  private resolveSymbol(node: ts.Node): ts.Symbol | undefined {
    let symbol: ts.Symbol | undefined;
    if (ts.isShorthandPropertyAssignment(node.parent) && node.parent.name === node) {
      symbol = this.checker.getShorthandAssignmentValueSymbol(node.parent);
    } else {
      symbol = this.checker.getSymbolAtLocation(node);
    }
    if (!symbol) return this.unresolvedNamespaceMember(node);
    if (symbol.flags & ts.SymbolFlags.Alias) {
      const aliased = this.checker.getAliasedSymbol(symbol);
      symbol = aliased.declarations?.length ? aliased : (this.imports?.aliasTarget(symbol) ?? aliased);
    }
    return symbol;
  }

  /**
   * `db.getItem` where `db` is an import the program could not resolve: the module's export for a
   * namespace import, else the member of the imported value's type in its own file
   * (`Devices.get` of `export const Devices = { get() {…} }`, `repo.find` of `export const repo = new Repo()`,
   * and a class's static member: `NoteModel.getItem` of `export default class NoteModel { static getItem() {…} }`).
   */
  private unresolvedNamespaceMember(node: ts.Node): ts.Symbol | undefined {
    const access = node.parent;
    if (!this.imports || !ts.isPropertyAccessExpression(access) || access.name !== node) return undefined;
    const holder = skipOuter(access.expression);
    const alias = ts.isIdentifier(holder) ? this.checker.getSymbolAtLocation(holder) : undefined;
    if (!alias || !(alias.flags & ts.SymbolFlags.Alias)) return this.memberOfUnresolvedClass(holder, access.name.text);
    if (this.checker.getAliasedSymbol(alias).declarations?.length) return undefined;
    const target = this.imports.aliasTarget(alias);
    if (!target) return undefined;
    if (target.flags & ts.SymbolFlags.ValueModule) return this.imports.member(target, access.name.text);
    const declaration = target.valueDeclaration;
    if (!declaration || !(target.flags & (ts.SymbolFlags.Variable | ts.SymbolFlags.Class))) return undefined;
    return this.checker.getTypeOfSymbolAtLocation(target, declaration).getProperty(access.name.text);
  }

  /**
   * `this.repo.find()` with `private repo: NotesRepository`, or a parameter so typed, or a variable
   * so typed or set to `new NotesRepository(…)`, where the class is an import the checker could not
   * resolve (a `baseUrl` or `paths` alias of the importing package): the method of that name the
   * class declares, as the checker would have found it.
   */
  private memberOfUnresolvedClass(holder: ts.Expression, name: string): ts.Symbol | undefined {
    const declared = this.checker.getSymbolAtLocation(ts.isPropertyAccessExpression(holder) ? holder.name : holder);
    const className = declared?.valueDeclaration && declaredClassName(declared.valueDeclaration);
    if (!className) return undefined;
    // `symbolOf` follows an unresolved import to the class it names.
    const target = this.symbolOf(className);
    return target && target.flags & ts.SymbolFlags.Class
      ? target.members?.get(ts.escapeLeadingUnderscores(name))
      : undefined;
  }

  declarationOf(node: ts.Node): ts.Declaration | undefined {
    const symbol = this.symbolOf(node);
    const declaration = symbol?.valueDeclaration ?? symbol?.declarations?.[0];
    if (!declaration || declaration.getSourceFile().isDeclarationFile) return undefined;
    return declaration;
  }

  /** The value a `const` holds, for a name that refers to one: `const ROLES = ['admin']` for `ROLES`. */
  constInitializer(name: ts.Identifier): ts.Expression | undefined {
    const declaration = this.declarationOf(name);
    return declaration &&
      ts.isVariableDeclaration(declaration) &&
      ts.isIdentifier(declaration.name) &&
      (declaration.parent.flags & ts.NodeFlags.Const) !== 0
      ? declaration.initializer
      : undefined;
  }

  /**
   * The expressions whose value a variable may hold at `use`: the initializer and assignments
   * before it, where the latest unconditional assignment in an enclosing block kills the
   * earlier ones (`let k = a; if (x) k = b;` reaches both; `k = a; k = b;` only `b`).
   */
  reaching(declaration: ts.VariableDeclaration, use: ts.Node): ts.Expression[] {
    const isConst = (declaration.parent.flags & ts.NodeFlags.Const) !== 0;
    const initial = declaration.initializer ? [declaration.initializer] : [];
    if (isConst) return initial;
    const { assigned, initialLive } = this.reassigned(declaration, use);
    return initialLive ? [...initial, ...assigned] : assigned;
  }

  /**
   * The assignments to a variable or parameter (`id = id.trim()`) that may reach `use`, and whether
   * its initial value (the initializer, or what the caller passed) may still be there: no assignment
   * before the use surely ran.
   */
  reassigned(
    declaration: ts.VariableDeclaration | ts.ParameterDeclaration,
    use: ts.Node,
  ): { assigned: ts.Expression[]; initialLive: boolean } {
    const none = { assigned: [], initialLive: true };
    if (!ts.isIdentifier(declaration.name) || use.getSourceFile() !== declaration.getSourceFile()) return none;
    const symbol = this.checker.getSymbolAtLocation(declaration.name);
    if (!symbol) return none;
    const isBefore = (node: ts.Node) => node.end <= use.pos && !isWithin(use, node);
    const before: { value: ts.Expression; unconditional: boolean }[] = this.writes(symbol, declaration)
      .filter((write) => !write.path && isBefore(write.assignment))
      .map((write) => ({
        value: write.assignment,
        unconditional:
          write.assignment.operatorToken.kind === ts.SyntaxKind.EqualsToken &&
          this.isUnconditionalBefore(write.assignment.parent, use),
      }));
    // `var params = {…}` declared again before the use (old-style code reusing one name for each
    // call): each later declaration with a value assigns it.
    for (const other of symbol.declarations ?? [])
      if (other !== declaration && ts.isVariableDeclaration(other) && other.initializer && isBefore(other))
        before.push({ value: other.initializer, unconditional: this.isUnconditionalBefore(other.parent.parent, use) });
    before.sort((a, b) => a.value.pos - b.value.pos);
    let killer = -1;
    for (let i = before.length - 1; i >= 0; i--) {
      if (before[i]!.unconditional) {
        killer = i;
        break;
      }
    }
    return { assigned: before.slice(Math.max(killer, 0)).map((write) => write.value), initialLive: killer < 0 };
  }

  /**
   * Whether a write statement (`x.id = v`, `Object.assign(x, {…})`) always runs before `use`: a
   * statement of a block that holds the use, in the same function, with nothing between them that
   * could skip it.
   */
  runsBefore(write: ts.Node, use: ts.Node): boolean {
    const statement = write.parent;
    if (!ts.isExpressionStatement(statement) || write.end > use.pos) return false;
    const block = statement.parent;
    if (!statementList(block) || !isWithin(use, block)) return false;
    for (let node: ts.Node = use.parent; node !== block; node = node.parent) {
      if (isFunctionNode(node)) return false;
    }
    return true;
  }

  /** A statement (an assignment's, or a `var` declaration's) of a block that also holds the use, in the same function. */
  private isUnconditionalBefore(statement: ts.Node, use: ts.Node): boolean {
    if (!ts.isExpressionStatement(statement) && !ts.isVariableStatement(statement)) return false;
    const block = statement.parent;
    if (!statementList(block) || !isWithin(use, block)) return false;
    for (let node: ts.Node = use.parent; node !== block; node = node.parent) {
      if (isFunctionNode(node)) return false;
    }
    return true;
  }

  /**
   * The destructuring assignments to a variable before `use` (`({ id } = req.params)`), each the
   * assigned value and the variable's path in it: alternatives to its other definitions.
   */
  destructured(declaration: ts.VariableDeclaration, use: ts.Node): { value: ts.Expression; path: readonly string[] }[] {
    if (!ts.isIdentifier(declaration.name) || (declaration.parent.flags & ts.NodeFlags.Const) !== 0) return [];
    const symbol = this.checker.getSymbolAtLocation(declaration.name);
    if (!symbol) return [];
    return this.writes(symbol, declaration).flatMap((write) =>
      write.path &&
      write.assignment.getSourceFile() === use.getSourceFile() &&
      write.assignment.end <= use.pos &&
      !isWithin(use, write.assignment)
        ? [{ value: write.assignment.right, path: write.path }]
        : [],
    );
  }

  /** All assignments to a variable in the scope that declares it. */
  writes(symbol: ts.Symbol, declaration: ts.Node): Write[] {
    const cached = this.writesBySymbol.get(symbol);
    if (cached) return cached;
    const scope = scopeOf(declaration);
    const writes: Write[] = [];
    const stack: ts.Node[] = [scope];
    while (stack.length) {
      const node = stack.pop()!;
      if (ts.isBinaryExpression(node) && isAssignmentOperator(node.operatorToken.kind)) {
        const target = skipOuter(node.left);
        if (
          ts.isIdentifier(target) &&
          target.text === symbol.name &&
          this.checker.getSymbolAtLocation(target) === symbol
        ) {
          writes.push({ assignment: node });
        } else if (
          node.operatorToken.kind === ts.SyntaxKind.EqualsToken &&
          (ts.isObjectLiteralExpression(target) || ts.isArrayLiteralExpression(target))
        ) {
          const path = this.patternPath(symbol, target, 0);
          if (path) writes.push({ assignment: node, path });
        }
      }
      node.forEachChild((child) => {
        stack.push(child);
      });
    }
    writes.sort((a, b) => a.assignment.pos - b.assignment.pos);
    this.writesBySymbol.set(symbol, writes);
    return writes;
  }

  /** Where a destructuring target (`{ a: { b: x } }`, `[, x = d]`) puts the variable: `['a', 'b']`, `['1']`. */
  private patternPath(symbol: ts.Symbol, pattern: ts.Expression, depth: number): string[] | undefined {
    if (depth > MAX_PATTERN_DEPTH) return undefined;
    let node = skipOuter(pattern);
    // `x = default` inside a pattern: the target is the left side.
    if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.EqualsToken)
      node = skipOuter(node.left);
    if (ts.isIdentifier(node))
      return node.text === symbol.name && this.checker.getSymbolAtLocation(node) === symbol ? [] : undefined;
    if (ts.isObjectLiteralExpression(node)) {
      for (const member of node.properties) {
        if (ts.isShorthandPropertyAssignment(member)) {
          if (member.name.text === symbol.name && this.checker.getShorthandAssignmentValueSymbol(member) === symbol)
            return [member.name.text];
        } else if (ts.isPropertyAssignment(member)) {
          const name = staticName(member.name);
          const inner = name === undefined ? undefined : this.patternPath(symbol, member.initializer, depth + 1);
          if (inner) return [name!, ...inner];
        }
      }
      return undefined;
    }
    if (ts.isArrayLiteralExpression(node)) {
      for (const [index, element] of node.elements.entries()) {
        if (ts.isSpreadElement(element)) continue;
        const inner = this.patternPath(symbol, element, depth + 1);
        if (inner) return [String(index), ...inner];
      }
    }
    return undefined;
  }

  /** Properties set on a variable's object anywhere in its scope, in source order. */
  propertyWrites(symbol: ts.Symbol, declaration: ts.Node): PropertyWrite[] {
    return this.objectWrites(symbol, declaration).properties;
  }

  /** Writes under computed keys into a variable's object (or an object at a static path in it), in source order. */
  computedWrites(symbol: ts.Symbol, declaration: ts.Node): ComputedWrite[] {
    return this.objectWrites(symbol, declaration).computed;
  }

  /** Objects merged whole into a variable's object (or an object at a static path in it), in source order. */
  mergedObjects(symbol: ts.Symbol, declaration: ts.Node): MergedObject[] {
    return this.objectWrites(symbol, declaration).merged;
  }

  /**
   * Properties set on the elements of a variable's array (or of an array at a static path in it)
   * through a loop's variable or an element callback's parameter, at `[…path, ANY, …property]`, in source order.
   */
  elementPropertyWrites(symbol: ts.Symbol, declaration: ts.Node): PropertyWrite[] {
    return this.objectWrites(symbol, declaration).throughElements;
  }

  /** Elements pushed into a variable's array anywhere in its scope, in source order (spreads included as written). */
  pushedElements(symbol: ts.Symbol, declaration: ts.Node): ts.Expression[] {
    return this.objectWrites(symbol, declaration).elements;
  }

  private objectWrites(symbol: ts.Symbol, declaration: ts.Node): ObjectWrites {
    const cached = this.objectWritesBySymbol.get(symbol);
    if (cached) return cached;
    const properties: PropertyWrite[] = [];
    const computed: ComputedWrite[] = [];
    const merged: MergedObject[] = [];
    const elements: ts.Expression[] = [];
    const aliases: ElementAlias[] = [];
    const stack: ts.Node[] = [scopeOf(declaration)];
    while (stack.length) {
      const node = stack.pop()!;
      const alias = this.elementAlias(symbol, node);
      if (alias) aliases.push(alias);
      if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.EqualsToken) {
        const path = this.pathFrom(symbol, node.left);
        const target = skipOuter(node.left);
        if (path && path.length > 0) properties.push({ path, value: node.right, at: node });
        else if (!path && ts.isElementAccessExpression(target)) {
          const holder = this.pathFrom(symbol, target.expression);
          if (holder) computed.push({ path: holder, key: target.argumentExpression, value: node.right, at: node });
        }
      } else if (
        ts.isCallExpression(node) &&
        isGlobalMethodCall(node, 'Object', 'assign') &&
        node.arguments.length > 1
      ) {
        const path = this.pathFrom(symbol, node.arguments[0]!);
        for (const source of node.arguments.slice(1)) {
          const literal = skipOuter(source);
          if (!path) continue;
          if (!ts.isObjectLiteralExpression(literal)) {
            merged.push({ path, source, at: node });
            continue;
          }
          for (const member of literal.properties) {
            if (ts.isSpreadAssignment(member)) merged.push({ path, source: member.expression, at: node });
            const name = ts.isSpreadAssignment(member) ? undefined : staticName(member.name);
            const value = ts.isPropertyAssignment(member)
              ? member.initializer
              : ts.isShorthandPropertyAssignment(member)
                ? member.name
                : undefined;
            if (name !== undefined && value) properties.push({ path: [...path, name], value, at: node });
          }
        }
      } else if (ts.isCallExpression(node)) {
        const receiver = arrayAddReceiver(node);
        if (receiver && this.pathFrom(symbol, receiver)?.length === 0)
          for (const argument of node.arguments) elements.push(argument);
        // perf: the receiver is matched by name before its type is asked.
        const callee = skipOuter(node.expression);
        const holder = ts.isPropertyAccessExpression(callee) ? this.pathFrom(symbol, callee.expression) : undefined;
        const entry = holder && this.containerEntry(node);
        if (holder && entry) computed.push({ path: holder, key: entry.key, value: entry.value, at: node });
      }
      node.forEachChild((child) => {
        stack.push(child);
      });
    }
    const byPosition = (a: { at: ts.Node }, b: { at: ts.Node }) => a.at.pos - b.at.pos;
    properties.sort(byPosition);
    computed.sort(byPosition);
    merged.sort(byPosition);
    elements.sort((a, b) => a.pos - b.pos);
    // An element is one object wherever it is named: what is set on it through a loop's variable is
    // set on the array's element (`for (const trip of trips) trip.owner = user`), nested loops included.
    const throughElements: PropertyWrite[] = [];
    for (const { path, name, declaration: aliasDeclaration } of aliases) {
      const aliasSymbol = this.checker.getSymbolAtLocation(name);
      if (!aliasSymbol || aliasSymbol === symbol) continue;
      const written = this.objectWrites(aliasSymbol, aliasDeclaration);
      for (const write of [...written.properties, ...written.throughElements])
        throughElements.push({ ...write, path: [...path, ANY, ...write.path] });
    }
    throughElements.sort(byPosition);
    const writes = { properties, computed, merged, elements, throughElements };
    this.objectWritesBySymbol.set(symbol, writes);
    return writes;
  }

  /**
   * The name `node` gives each element of the array at a path in `symbol`'s object: the variable
   * of `for (const trip of trips)`, the parameter of `trips.forEach((trip) => …)`.
   */
  private elementAlias(symbol: ts.Symbol, node: ts.Node): ElementAlias | undefined {
    if (ts.isForOfStatement(node)) {
      const list = node.initializer;
      const variable =
        ts.isVariableDeclarationList(list) && list.declarations.length === 1 ? list.declarations[0] : undefined;
      if (!variable || !ts.isIdentifier(variable.name)) return undefined;
      const path = this.pathFrom(symbol, node.expression);
      return path && { path, name: variable.name, declaration: variable };
    }
    if (!ts.isArrowFunction(node) && !ts.isFunctionExpression(node)) return undefined;
    for (const [index, parameter] of node.parameters.entries()) {
      const callback = callbackParameter(node, index);
      if (!callback?.element || !ts.isIdentifier(parameter.name)) continue;
      const path = this.pathFrom(symbol, callback.receiver);
      if (path) return { path, name: parameter.name, declaration: parameter };
    }
    return undefined;
  }

  /**
   * `m.set(k, v)`, `headers.append(k, v)` on a built-in keyed container (`Map`, `Headers`,
   * `URLSearchParams`, `FormData`, as the library declares them): an entry under a key.
   */
  private containerEntry(call: ts.CallExpression): { key: ts.Expression; value: ts.Expression } | undefined {
    const callee = skipOuter(call.expression);
    const [key, value] = call.arguments;
    if (!ts.isPropertyAccessExpression(callee) || !key || !value) return undefined;
    if (callee.name.text !== 'set' && callee.name.text !== 'append') return undefined;
    return isKeyedContainer(this.checker, callee.expression) ? { key, value } : undefined;
  }

  /** `this.x = v` and `this.x.y = v` anywhere in a class's members, each with the path it writes. */
  thisWrites(owner: ts.ClassLikeDeclaration): PropertyWrite[] {
    const cached = this.thisWritesByClass.get(owner);
    if (cached) return cached;
    const out: PropertyWrite[] = [];
    const stack: ts.Node[] = [...owner.members];
    while (stack.length) {
      const node = stack.pop()!;
      if (ts.isClassLike(node)) continue;
      if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.EqualsToken) {
        const target = staticMemberPath(node.left, MAX_THIS_WRITE_DEPTH);
        if (target?.path.length && target.base.kind === ts.SyntaxKind.ThisKeyword)
          out.push({ path: target.path, value: node.right, at: node });
      }
      node.forEachChild((child) => {
        stack.push(child);
      });
    }
    this.thisWritesByClass.set(owner, out);
    return out;
  }

  /**
   * The property an element access reads when it is known before run time: `o['id']`, `o[0]`,
   * `o[HEADER]` with `const HEADER = 'x-tenant-id'` (a literal type). `o[k]` with a variable key
   * picks some property: `undefined`.
   */
  elementName(argument: ts.Expression): string | undefined {
    const node = skipOuter(argument);
    if (ts.isStringLiteralLike(node) || ts.isNumericLiteral(node)) return node.text;
    if (!ts.isIdentifier(node) && !ts.isPropertyAccessExpression(node)) return undefined;
    const type = this.checker.getTypeAtLocation(node);
    if (type.isStringLiteral()) return type.value;
    if (type.isNumberLiteral()) return String(type.value);
    return undefined;
  }

  /** `v.a['b']` → ['a', 'b'] when the chain starts at the variable `symbol`. */
  private pathFrom(symbol: ts.Symbol, target: ts.Expression): string[] | undefined {
    const path: string[] = [];
    let node = skipOuter(target);
    while (ts.isPropertyAccessExpression(node) || ts.isElementAccessExpression(node)) {
      const name = ts.isPropertyAccessExpression(node) ? node.name.text : this.elementName(node.argumentExpression);
      if (name === undefined) return undefined;
      path.unshift(name);
      node = skipOuter(node.expression);
    }
    return ts.isIdentifier(node) && node.text === symbol.name && this.checker.getSymbolAtLocation(node) === symbol
      ? path
      : undefined;
  }

  /** The program's calls (with arguments) of a function of its own: see `Callers`. */
  callersOf(fn: FunctionNode): readonly (ts.CallExpression | ts.NewExpression)[] {
    return this.callerIndex()?.of(fn) ?? [];
  }

  /**
   * The argument at a parameter's position in every call of a function of the program, when it is
   * called at all, at most `maxCalls` times, and every call passes one there: what a parameter can
   * hold, for questions about every binding of it (`service.update(id, dto, req.user)`).
   */
  argumentsBound(fn: ts.Node, index: number, maxCalls: number): ts.Expression[] | undefined {
    if (!isFunctionNode(fn)) return undefined;
    const calls = this.callersOf(fn);
    if (calls.length === 0 || calls.length > maxCalls) return undefined;
    const bound: ts.Expression[] = [];
    for (const call of calls) {
      const argument = call.arguments?.[index];
      if (!argument) return undefined;
      bound.push(argument);
    }
    return bound;
  }

  /** The calls a function of the program is handed to by name, as an argument (see `Callers.handedAt`). */
  handedAt(fn: FunctionNode): readonly HandedSite[] {
    return this.callerIndex()?.handedAt(fn) ?? [];
  }

  /** The members that hold a function of the program by name (see `Callers.heldAt`). */
  heldAt(fn: FunctionNode): readonly HeldMember[] {
    return this.callerIndex()?.heldAt(fn) ?? [];
  }

  /** The names the program holds as members under one of `holders` (see `Callers.namesHeldUnder`). */
  namesHeldUnder(holders: ReadonlySet<string>): ReadonlySet<string> {
    return this.callerIndex()?.namesHeldUnder(holders) ?? new Set();
  }

  /** Whether the program calls a function of its own anywhere (stops at the first call found). */
  isCalled(fn: FunctionNode): boolean {
    return this.callerIndex()?.isCalled(fn) ?? false;
  }

  private callerIndex(): Callers | undefined {
    if (this.program)
      this.callers ??= new Callers(
        this.program,
        (call) => this.callee(call),
        (name) => {
          const declaration = this.declarationOf(name);
          return declaration && functionOfDeclaration(declaration);
        },
      );
    return this.callers;
  }

  /** The function a call runs, when the program has its body (not a library declaration). */
  callee(call: ts.CallExpression | ts.NewExpression): FunctionNode | undefined {
    const cached = this.calleeMemo.get(call);
    if (cached !== undefined) return cached ?? undefined;
    // A holder's value is read from its callers' calls, which may ask about this one: none while it is resolved.
    this.calleeMemo.set(call, null);
    const found = this.resolveCallee(call);
    this.calleeMemo.set(call, found ?? null);
    return found;
  }

  private resolveCallee(call: ts.CallExpression | ts.NewExpression): FunctionNode | undefined {
    const target = skipOuter(call.expression);
    const nameNode = calleeName(target);
    if (
      this.program &&
      (ts.isIdentifier(nameNode) || ts.isPrivateIdentifier(nameNode) || ts.isStringLiteralLike(nameNode)) &&
      !declaredNames(this.program).has(nameNode.text)
    )
      return undefined;
    // perf: a callee with no declaration in the program's own files needs no signature resolution.
    const symbol = this.symbolOf(nameNode);
    const declarations = symbol?.declarations ?? [];
    if (!declarations.some((declaration) => isOwnCode(declaration)))
      return declarations.every((declaration) => !isLibraryCode(declaration)) ? this.heldMember(target) : undefined;
    // perf: one declaration with a body needs no overload resolution.
    if (declarations.length === 1) {
      const only = functionOfDeclaration(declarations[0]!);
      if (only?.body && isOwnCode(only)) return only;
    }
    const signature = resolvedSignature(this.checker, call);
    const declared = signature?.declaration;
    if (declared && isFunctionNode(declared) && declared.body && isOwnCode(declared)) return declared;
    for (const declaration of declarations) {
      const fn = functionOfDeclaration(declaration);
      if (fn?.body && isOwnCode(fn)) return fn;
    }
    return this.implementationOf(declarations) ?? this.heldMember(target);
  }

  /**
   * A method the program puts in place at run time runs the function put there: `app.check(…)` on
   * a member declared without a value runs the function a call on a holder of that type names it
   * with (`app.decorate('check', fn)`), `app.store.remove(…)` the `remove` of the value so named
   * (`app.decorate('store', { remove })`), and `db.get(…)` on a parameter the `get` of the object
   * every caller passes at it (`addRoute({ router, db: wrapper })`), and `todos.find(…)` on a value
   * a container hands out the `find` of what is registered under its name. Values that disagree
   * give no callee.
   */
  private heldMember(target: ts.Expression): FunctionNode | undefined {
    if (!ts.isPropertyAccessExpression(target)) return undefined;
    const given = this.namedValues(target).map((value) => this.functionValue(value));
    const holder = skipOuter(target.expression);
    return (
      agreed(given) ??
      agreed(this.holderValues(holder).map((value) => this.memberFunction(value, target.name.text))) ??
      agreed(this.containerMembers?.(holder, target.name.text) ?? [])
    );
  }

  /** The values a holder of a method is given: see `heldMember`. */
  private holderValues(holder: ts.Expression): ts.Expression[] {
    if (ts.isPropertyAccessExpression(holder)) return this.namedValues(holder);
    // `this.getCall(id)` in a method of an object literal, where the checker types `this` as `any` (no `noImplicitThis`).
    if (holder.kind === ts.SyntaxKind.ThisKeyword) {
      const literal = thisObjectLiteral(holder);
      return literal ? [literal] : [];
    }
    if (!ts.isIdentifier(holder)) return [];
    const declaration = this.declarationOf(holder);
    let parameter: ts.Node | undefined = declaration;
    let path: readonly string[] = [];
    if (declaration && ts.isBindingElement(declaration)) {
      const binding = bindingPath(declaration);
      if (binding.rest || binding.path.includes('*')) return [];
      parameter = binding.holder;
      path = binding.path;
    }
    if (!parameter || !ts.isParameter(parameter)) return [];
    const fn = parameter.parent;
    const bound = this.argumentsBound(fn, fn.parameters.indexOf(parameter), MAX_HOLDER_CALLS) ?? [];
    return bound.flatMap((argument) => {
      const value = this.valueAt(argument, path);
      return value ? [value] : [];
    });
  }

  /** `{ router, db: wrapper }` at `['db']` → `wrapper`; only object literals are read through. */
  private valueAt(argument: ts.Expression, path: readonly string[]): ts.Expression | undefined {
    let value: ts.Expression | undefined = argument;
    for (const name of path) {
      const node = skipOuter(value);
      const member = ts.isObjectLiteralExpression(node) ? findProperty(node, name) : undefined;
      value = member && memberValue(member);
      if (!value) return undefined;
    }
    return value;
  }

  /**
   * `app.store` where `store` is declared on the holder's type without a value: the values the
   * program's calls on a holder of that type name `store` with (`fastify.decorate('store', value)`).
   */
  private namedValues(holder: ts.PropertyAccessExpression): ts.Expression[] {
    const declared = this.symbolOf(holder.name);
    const declaration = declared?.valueDeclaration ?? declared?.declarations?.[0];
    if (!declaration || isLibraryCode(declaration) || !ts.isPropertySignature(declaration)) return [];
    const name = holder.name.text;
    const values: ts.Expression[] = [];
    for (const call of this.callerIndex()?.namingCalls(name) ?? []) {
      const callee = skipOuter(call.expression);
      if (!ts.isPropertyAccessExpression(callee) || values.length >= MAX_HOLDER_CALLS) continue;
      const property = this.checker.getTypeAtLocation(callee.expression).getProperty(name);
      const propertyDeclaration = property?.valueDeclaration ?? property?.declarations?.[0];
      if (propertyDeclaration === declaration) values.push(call.arguments[1]!);
    }
    return values;
  }

  /** The function an object value holds under a name: a method, a function-valued property, a shorthand name. */
  memberFunction(value: ts.Expression, name: string): FunctionNode | undefined {
    const node = skipOuter(value);
    const literal = ts.isIdentifier(node) ? this.constInitializer(node) : node;
    const object = literal && skipOuter(literal);
    const member = object && ts.isObjectLiteralExpression(object) ? findProperty(object, name) : undefined;
    if (!member) return undefined;
    if (isFunctionNode(member)) return member;
    const held = memberValue(member);
    return held && this.functionValue(held);
  }

  /** A function written in place, or the function a name is declared as. */
  private functionValue(value: ts.Expression): FunctionNode | undefined {
    const node = skipOuter(value);
    if (isFunctionNode(node)) return node;
    const declaration = ts.isIdentifier(node) ? this.declarationOf(node) : undefined;
    return declaration && functionOfDeclaration(declaration);
  }

  /**
   * A method called through an interface or an abstract class runs one of the program's classes
   * that implement it: the method of that name those classes declare with a body, when exactly one
   * does (several implementations: no one of them is the callee).
   */
  private implementationOf(declarations: readonly ts.Declaration[]): FunctionNode | undefined {
    for (const declaration of declarations) {
      const abstract =
        ts.isMethodSignature(declaration) ||
        ts.isPropertySignature(declaration) ||
        ((ts.isMethodDeclaration(declaration) || ts.isPropertyDeclaration(declaration)) &&
          (ts.getCombinedModifierFlags(declaration) & ts.ModifierFlags.Abstract) !== 0);
      const owner = parentOf(declaration);
      const named = ts.getNameOfDeclaration(declaration);
      const name = named && ts.isIdentifier(named) ? named.text : undefined;
      if (!abstract || name === undefined || !owner) continue;
      if (!(ts.isInterfaceDeclaration(owner) || ts.isClassDeclaration(owner)) || !owner.name) continue;
      const found = new Set<FunctionNode>();
      for (const implementation of this.implementations(owner)) {
        for (const member of implementation.members) {
          if (!member.name || !ts.isIdentifier(member.name) || member.name.text !== name) continue;
          const fn = isFunctionNode(member) ? member : functionOfDeclaration(member);
          if (fn?.body) found.add(fn);
        }
        if (found.size > 1) return undefined;
      }
      const [only] = found;
      if (only) return only;
    }
    return undefined;
  }

  /**
   * The program's classes that implement an interface or abstract class a file declares: a call
   * through that type runs their methods (`implementationOf`), wherever they are declared.
   */
  implementationsOfTypesIn(file: ts.SourceFile): ts.ClassLikeDeclaration[] {
    if (!/\b(?:interface|abstract)\b/.test(file.text)) return [];
    const out: ts.ClassLikeDeclaration[] = [];
    for (const statement of file.statements) {
      const abstract =
        ts.isInterfaceDeclaration(statement) ||
        (ts.isClassDeclaration(statement) &&
          (ts.getCombinedModifierFlags(statement) & ts.ModifierFlags.Abstract) !== 0);
      if (abstract) for (const found of this.implementations(statement)) if (!out.includes(found)) out.push(found);
    }
    return out;
  }

  /** The program's classes that implement or extend a type, directly or through classes that do (bounded). */
  private implementations(type: ts.InterfaceDeclaration | ts.ClassDeclaration): ts.ClassLikeDeclaration[] {
    const cached = this.implementationsMemo.get(type);
    if (cached) return cached;
    const index = this.heritageIndex();
    const out: ts.ClassLikeDeclaration[] = [];
    const queue: (ts.InterfaceDeclaration | ts.ClassLikeDeclaration)[] = [type];
    for (let i = 0; i < queue.length && out.length < MAX_IMPLEMENTATIONS; i++) {
      const base = queue[i]!;
      if (!base.name) continue;
      const target = this.checker.getSymbolAtLocation(base.name);
      for (const candidate of index.get(base.name.text) ?? []) {
        if (out.includes(candidate) || !this.inherits(candidate, target)) continue;
        out.push(candidate);
        queue.push(candidate);
      }
    }
    this.implementationsMemo.set(type, out);
    return out;
  }

  /** Whether a class names the symbol in its `implements` or `extends` clause. */
  private inherits(candidate: ts.ClassLikeDeclaration, target: ts.Symbol | undefined): boolean {
    if (!target) return false;
    for (const clause of candidate.heritageClauses ?? [])
      for (const type of clause.types) {
        let symbol = this.checker.getSymbolAtLocation(type.expression);
        if (symbol && symbol.flags & ts.SymbolFlags.Alias) symbol = this.checker.getAliasedSymbol(symbol);
        if (symbol === target) return true;
      }
    return false;
  }

  private heritageIndex(): Map<string, ts.ClassLikeDeclaration[]> {
    if (this.heritage) return this.heritage;
    const index = new Map<string, ts.ClassLikeDeclaration[]>();
    for (const file of ownSourceFiles(this.program)) {
      if (!/\b(?:implements|extends)\b/.test(file.text)) continue;
      for (const statement of file.statements) {
        if (!ts.isClassDeclaration(statement)) continue;
        for (const clause of statement.heritageClauses ?? [])
          for (const type of clause.types) {
            const expression = skipOuter(type.expression);
            const name = ts.isPropertyAccessExpression(expression) ? expression.name : expression;
            if (!ts.isIdentifier(name)) continue;
            const list = index.get(name.text);
            if (!list) index.set(name.text, [statement]);
            else if (!list.includes(statement)) list.push(statement);
          }
      }
    }
    this.heritage = index;
    return index;
  }

  /** Expressions a function gives back: an arrow's expression body, or its own `return`s (not nested functions'). */
  returnExpressions(fn: FunctionNode): ts.Expression[] {
    const cached = this.returnsMemo.get(fn);
    if (cached) return cached;
    const out = returnedExpressions(fn);
    this.returnsMemo.set(fn, out);
    return out;
  }
}

/** The one function every value that names one agrees on; values that name none give no opinion. */
function agreed(functions: readonly (FunctionNode | undefined)[]): FunctionNode | undefined {
  let found: FunctionNode | undefined;
  for (const fn of functions) {
    if (!fn) continue;
    if (found && found !== fn) return undefined;
    found = fn;
  }
  return found;
}

/** Calls read for the value a method's holder is given (`heldMember`). */
const MAX_HOLDER_CALLS = 8;

/** Classes that implement one interface or abstract class followed before the search gives up. */
const MAX_IMPLEMENTATIONS = 8;

function isOwnCode(node: ts.Node): boolean {
  return !node.getSourceFile().isDeclarationFile && !isLibraryCode(node);
}

function isLibraryCode(node: ts.Node): boolean {
  return isLibraryFile(node.getSourceFile());
}

/** `function f`, `const f = () => …`, `f: function () {}`, a method. */
export function functionOfDeclaration(declaration: ts.Declaration): FunctionNode | undefined {
  if (isFunctionNode(declaration)) return declaration;
  if (
    (ts.isVariableDeclaration(declaration) ||
      ts.isPropertyAssignment(declaration) ||
      ts.isPropertyDeclaration(declaration)) &&
    declaration.initializer
  ) {
    const value = skipOuter(declaration.initializer);
    if (ts.isArrowFunction(value) || ts.isFunctionExpression(value)) return value;
  }
  return undefined;
}

/**
 * The class name a declaration states its value is an instance of: its type annotation
 * (`repo: NotesRepository`), else, for a variable, the class its initializer constructs
 * (`const note = new Note(…)`).
 */
function declaredClassName(declaration: ts.Declaration): ts.Identifier | undefined {
  if (!ts.isPropertyDeclaration(declaration) && !ts.isParameter(declaration) && !ts.isVariableDeclaration(declaration))
    return undefined;
  if (declaration.type)
    return ts.isTypeReferenceNode(declaration.type) && ts.isIdentifier(declaration.type.typeName)
      ? declaration.type.typeName
      : undefined;
  const initializer = ts.isVariableDeclaration(declaration) ? declaration.initializer : undefined;
  const constructed = initializer && skipOuter(initializer);
  return constructed && ts.isNewExpression(constructed) && ts.isIdentifier(constructed.expression)
    ? constructed.expression
    : undefined;
}

/**
 * The node naming a callee: a method's name (`svc.load`), the literal naming it in a constant element
 * access (`svc['load']`, which the checker resolves to the same member), else the callee itself.
 */
function calleeName(target: ts.Expression): ts.Node {
  if (ts.isPropertyAccessExpression(target)) return target.name;
  if (ts.isElementAccessExpression(target) && ts.isStringLiteralLike(skipOuter(target.argumentExpression)))
    return skipOuter(target.argumentExpression);
  return target;
}

/** A built-in keyed container (`KEYED_CONTAINERS`) by its type, as the library declares it. */
export function isKeyedContainer(checker: ts.TypeChecker, node: ts.Expression): boolean {
  const type = checker.getTypeAtLocation(node);
  const declaration = (type.getSymbol() ?? type.aliasSymbol)?.declarations?.[0];
  return !!declaration?.getSourceFile().isDeclarationFile && KEYED_CONTAINERS.has(type.getSymbol()?.name ?? '');
}

/** `parts.push(x)`, `parts.unshift(x)`: the array that gains the arguments as elements. */
function arrayAddReceiver(call: ts.CallExpression): ts.Expression | undefined {
  const callee = skipOuter(call.expression);
  return ts.isPropertyAccessExpression(callee) && (callee.name.text === 'push' || callee.name.text === 'unshift')
    ? callee.expression
    : undefined;
}

function scopeOf(declaration: ts.Node): ts.Node {
  let node = parentOf(declaration);
  while (node && !isFunctionNode(node) && !ts.isSourceFile(node)) node = parentOf(node);
  return node ?? declaration.getSourceFile();
}

function isAssignmentOperator(kind: ts.SyntaxKind): boolean {
  return kind >= ts.SyntaxKind.FirstAssignment && kind <= ts.SyntaxKind.LastAssignment;
}
