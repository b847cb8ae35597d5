import ts from 'typescript';

/** Parentheses, a type assertion (`as`, `<T>`), `!` or `satisfies`: none of them changes a value. */
export function isOuterExpression(
  node: ts.Node,
): node is
  ts.ParenthesizedExpression | ts.AsExpression | ts.TypeAssertion | ts.NonNullExpression | ts.SatisfiesExpression {
  return (
    ts.isParenthesizedExpression(node) ||
    ts.isAsExpression(node) ||
    ts.isTypeAssertionExpression(node) ||
    ts.isNonNullExpression(node) ||
    ts.isSatisfiesExpression(node)
  );
}

/** Looks through parentheses, type assertions, `!` and `satisfies` (`isOuterExpression`). */
export function skipOuter(node: ts.Expression): ts.Expression {
  let current = node;
  for (;;) {
    if (isOuterExpression(current)) {
      current = current.expression;
    } else {
      return current;
    }
  }
}

export type FunctionNode =
  | ts.FunctionDeclaration
  | ts.FunctionExpression
  | ts.ArrowFunction
  | ts.MethodDeclaration
  | ts.ConstructorDeclaration
  | ts.GetAccessorDeclaration
  | ts.SetAccessorDeclaration;

/** A class member declared `static` (of the class, not of its instances). */
export function isStatic(member: ts.ClassElement): boolean {
  return (
    ts.canHaveModifiers(member) &&
    (ts.getModifiers(member)?.some((m) => m.kind === ts.SyntaxKind.StaticKeyword) ?? false)
  );
}

export function isFunctionNode(node: ts.Node): node is FunctionNode {
  return (
    ts.isFunctionDeclaration(node) ||
    ts.isFunctionExpression(node) ||
    ts.isArrowFunction(node) ||
    ts.isMethodDeclaration(node) ||
    ts.isConstructorDeclaration(node) ||
    ts.isGetAccessorDeclaration(node) ||
    ts.isSetAccessorDeclaration(node)
  );
}

/** A node's parent: `undefined` at a SourceFile, whatever `ts.Node['parent']` declares. */
export function parentOf(node: ts.Node): ts.Node | undefined {
  return node.parent;
}

/** The innermost function around a node, or the source file for top-level code. */
export function enclosingFunction(node: ts.Node): FunctionNode | ts.SourceFile {
  let current = parentOf(node);
  while (current && !isFunctionNode(current) && !ts.isSourceFile(current)) current = parentOf(current);
  return current ?? node.getSourceFile();
}

/**
 * The function whose `this` a node sees: the innermost enclosing function that is not an arrow
 * function (an arrow function's `this` is the one around it); `undefined` when a class body or
 * the file comes first (a field initializer, top-level code).
 */
export function thisBinder(node: ts.Node): FunctionNode | undefined {
  let current = parentOf(node);
  while (current && (!isFunctionNode(current) || ts.isArrowFunction(current))) {
    if (ts.isClassLike(current) || ts.isSourceFile(current)) return undefined;
    current = parentOf(current);
  }
  return current;
}

/**
 * The object literal a node's `this` is, when it sits in a method of one (`{ get() {…} }`, or
 * `get: function () {…}`): called as `service.get()`, the usual way, the receiver is the object.
 */
export function thisObjectLiteral(node: ts.Node): ts.ObjectLiteralExpression | undefined {
  const fn = thisBinder(node);
  const holder =
    fn && (ts.isFunctionExpression(fn) && ts.isPropertyAssignment(fn.parent) ? fn.parent.parent : fn.parent);
  return holder && ts.isObjectLiteralExpression(holder) ? holder : undefined;
}

export function isWithin(node: ts.Node, container: ts.Node): boolean {
  if (node.getSourceFile() !== container.getSourceFile()) return false;
  return node.pos >= container.pos && node.end <= container.end;
}

/** The static name of a property, element access or binding key, if it has one. */
export function staticName(node: ts.Node | undefined): string | undefined {
  if (!node) return undefined;
  if (ts.isIdentifier(node) || ts.isPrivateIdentifier(node)) return node.text;
  if (ts.isStringLiteralLike(node) || ts.isNumericLiteral(node)) return node.text;
  if (ts.isComputedPropertyName(node)) return staticName(skipOuter(node.expression));
  return undefined;
}

/**
 * The name a function's callers use: its own (`function f`, a method), or the variable's or
 * property's holding it (or holding the call that wraps it: `const f = middy(async () => …)`).
 */
export function callerName(fn: ts.Node): string | undefined {
  if ((ts.isFunctionDeclaration(fn) || ts.isMethodDeclaration(fn)) && fn.name) return staticName(fn.name);
  const holder = fn.parent;
  if ((ts.isVariableDeclaration(holder) || ts.isPropertyAssignment(holder)) && holder.initializer === fn)
    return staticName(holder.name);
  return undefined;
}

/** `===` and `==` compare for equality, `!==` and `!=` for inequality; other operators do neither. */
export function equalityOf(kind: ts.SyntaxKind): 'equal' | 'unequal' | undefined {
  if (kind === ts.SyntaxKind.EqualsEqualsEqualsToken || kind === ts.SyntaxKind.EqualsEqualsToken) return 'equal';
  if (kind === ts.SyntaxKind.ExclamationEqualsEqualsToken || kind === ts.SyntaxKind.ExclamationEqualsToken)
    return 'unequal';
  return undefined;
}

/** The call a function is written as an argument of (through parentheses), and its position there. */
export function argumentSite(fn: ts.Node): { call: ts.CallExpression; position: number } | undefined {
  let argument: ts.Node = fn;
  while (ts.isParenthesizedExpression(argument.parent)) argument = argument.parent;
  const call = argument.parent;
  if (!ts.isCallExpression(call)) return undefined;
  const position = call.arguments.indexOf(argument as ts.Expression);
  return position < 0 ? undefined : { call, position };
}

/** The argument a call passes at a parameter's position, unless a spread argument comes at or before it. */
export function argumentAt(call: ts.CallExpression | ts.NewExpression, index: number): ts.Expression | undefined {
  const args = call.arguments ?? [];
  return args.slice(0, index + 1).some(ts.isSpreadElement) ? undefined : args[index];
}

export function propertyNameOf(member: ts.ObjectLiteralElementLike): string | undefined {
  if (ts.isSpreadAssignment(member)) return undefined;
  return staticName(member.name);
}

/** Finds a property of an object literal by name; the last one written wins, as at run time. */
export function findProperty(
  literal: ts.ObjectLiteralExpression,
  name: string,
): ts.ObjectLiteralElementLike | undefined {
  for (let i = literal.properties.length - 1; i >= 0; i--) {
    const member = literal.properties[i]!;
    if (propertyNameOf(member) === name) return member;
  }
  return undefined;
}

/** The value of an object literal's plain property of that name (the last written), when it has one. */
export function literalProperty(literal: ts.ObjectLiteralExpression, name: string): ts.Expression | undefined {
  const member = findProperty(literal, name);
  return member && memberValue(member);
}

/** The value expression of an object literal member (`a: x`, shorthand `a`, method). */
export function memberValue(member: ts.ObjectLiteralElementLike): ts.Expression | undefined {
  if (ts.isPropertyAssignment(member)) return member.initializer;
  if (ts.isShorthandPropertyAssignment(member)) return member.name;
  return undefined;
}

export function lineOf(node: ts.Node): number {
  const file = node.getSourceFile();
  return file.getLineAndCharacterOfPosition(node.getStart(file)).line + 1;
}

/** Short source text for messages: one line, bounded. */
export function shortText(node: ts.Node, max = 60): string {
  const text = node.getText(node.getSourceFile()).replace(/\s+/g, ' ');
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** Statement lists a statement can sit in (for dominance checks). */
export function statementList(node: ts.Node): readonly ts.Statement[] | undefined {
  if (ts.isBlock(node) || ts.isSourceFile(node) || ts.isModuleBlock(node)) return node.statements;
  if (ts.isCaseClause(node) || ts.isDefaultClause(node)) return node.statements;
  return undefined;
}

/**
 * Two expression statements of one statement list, `later` after `first`: once `first` has run,
 * `later` runs too unless something in between leaves the list.
 */
export function followsInBlock(first: ts.Node, later: ts.Node): boolean {
  const statement = first.parent;
  return (
    ts.isExpressionStatement(statement) &&
    ts.isExpressionStatement(later.parent) &&
    later.parent.parent === statement.parent &&
    statementList(statement.parent) !== undefined &&
    later.pos >= statement.end
  );
}

/** Appends without spreading into arguments, which overflows the stack for very large arrays. */
export function pushAll<T>(target: T[], items: readonly T[]): void {
  for (const item of items) target.push(item);
}

/** Adds an item to the list a map holds under a key, starting the list where there is none. */
export function addTo<K, T>(lists: Map<K, T[]>, key: K, item: T): void {
  const list = lists.get(key);
  if (list) list.push(item);
  else lists.set(key, [item]);
}

/** Where a destructured name comes from: the declaration holding the pattern, and the property path inside its value. */
export interface BindingPath {
  /** The parameter, variable declaration or other node the outermost pattern belongs to. */
  readonly holder: ts.Node;
  /** `const { a: { b: [x] } } = v` binds `x` at `['a', 'b', '0']`; a computed name is `'*'`. */
  readonly path: readonly string[];
  /** Default values met on the way (`{ id = fallback }`), innermost first. */
  readonly defaults: readonly ts.Expression[];
  /** Whether a `...rest` element is on the way: it holds the remaining properties under their own names. */
  readonly rest: boolean;
}

export function bindingPath(element: ts.BindingElement): BindingPath {
  const path: string[] = [];
  const defaults: ts.Expression[] = [];
  let rest = false;
  let current: ts.BindingElement = element;
  for (;;) {
    if (current.initializer) defaults.push(current.initializer);
    const pattern = current.parent;
    if (current.dotDotDotToken) rest = true;
    else if (ts.isObjectBindingPattern(pattern)) path.unshift(staticName(current.propertyName ?? current.name) ?? '*');
    else path.unshift(String(pattern.elements.indexOf(current)));
    if (!ts.isBindingElement(pattern.parent)) return { holder: pattern.parent, path, defaults, rest };
    current = pattern.parent;
  }
}

/** Every node of a subtree, the root first: an explicit stack, so that deep trees cannot overflow the call stack. */
export function* descendants(root: ts.Node): Generator<ts.Node> {
  const stack: ts.Node[] = [root];
  while (stack.length) {
    const node = stack.pop()!;
    yield node;
    node.forEachChild((child) => {
      stack.push(child);
    });
  }
}

/**
 * The outermost reads under a node: names and property or element chains (`ctx.identity.sub` once,
 * not `ctx` and `ctx.identity` besides), never a property's own name.
 */
export function* outermostReads(
  root: ts.Node,
): Generator<ts.Identifier | ts.PropertyAccessExpression | ts.ElementAccessExpression> {
  for (const node of descendants(root)) {
    if (!ts.isIdentifier(node) && !ts.isPropertyAccessExpression(node) && !ts.isElementAccessExpression(node)) continue;
    const parent = node.parent;
    if ((ts.isPropertyAccessExpression(parent) || ts.isElementAccessExpression(parent)) && parent.expression === node)
      continue;
    if (ts.isPropertyAccessExpression(parent) && parent.name === node) continue;
    yield node;
  }
}

/**
 * A call that hands a value under a name written as its first argument (`app.decorate('store', value)`,
 * `container.register('repo', repo)`): the name and the value (the second argument, not a spread).
 */
export function namedValueOf(node: ts.Node): { name: string; value: ts.Expression } | undefined {
  if (!ts.isCallExpression(node)) return undefined;
  const [named, value] = node.arguments;
  return named && value && ts.isStringLiteralLike(named) && !ts.isSpreadElement(value)
    ? { name: named.text, value }
    : undefined;
}

/** The module specifiers a file imports: `import`/`export … from`, `import x = require()`, top-level `require()`. */
export function moduleSpecifiers(file: ts.SourceFile): ts.Expression[] {
  const out: ts.Expression[] = [];
  for (const statement of file.statements) {
    if ((ts.isImportDeclaration(statement) || ts.isExportDeclaration(statement)) && statement.moduleSpecifier)
      out.push(statement.moduleSpecifier);
    else if (ts.isImportEqualsDeclaration(statement) && ts.isExternalModuleReference(statement.moduleReference))
      out.push(statement.moduleReference.expression);
    else if (ts.isVariableStatement(statement)) {
      for (const declaration of statement.declarationList.declarations) {
        let init = declaration.initializer && skipOuter(declaration.initializer);
        while (init && ts.isPropertyAccessExpression(init)) init = skipOuter(init.expression);
        if (
          init &&
          ts.isCallExpression(init) &&
          ts.isIdentifier(init.expression) &&
          init.expression.text === 'require' &&
          init.arguments[0]
        ) {
          out.push(init.arguments[0]);
        }
      }
    }
  }
  return out;
}

/** The files of a program that are its own code: no declaration files, nothing under `node_modules`. */
export function ownSourceFiles(program: ts.Program | undefined): ts.SourceFile[] {
  return (program?.getSourceFiles() ?? []).filter((file) => !file.isDeclarationFile && !isLibraryFile(file));
}

/** A file of an installed package; the program's own `.d.ts` files (module augmentations) are not. */
export function isLibraryFile(file: ts.SourceFile): boolean {
  return /[\\/]node_modules[\\/]/.test(file.fileName);
}

/**
 * The exported name an identifier refers to when its file imports it under another name
 * (`import { validate as uuidValidate } from 'uuid'` → `validate`); read from the imports, with
 * no checker call.
 */
export function renamedImport(identifier: ts.Identifier): string | undefined {
  const file = identifier.getSourceFile();
  let renamed = renamedImports.get(file);
  if (!renamed) {
    renamed = new Map();
    for (const statement of file.statements) {
      if (!ts.isImportDeclaration(statement)) continue;
      const bindings = statement.importClause?.namedBindings;
      if (!bindings || !ts.isNamedImports(bindings)) continue;
      for (const element of bindings.elements)
        if (element.propertyName && !renamed.has(element.name.text))
          renamed.set(element.name.text, element.propertyName.text);
    }
    renamedImports.set(file, renamed);
  }
  return renamed.get(identifier.text);
}

/** perf: a file's renamed imports, read once: every call of a plain name asks (`tracer.calls`). */
const renamedImports = new WeakMap<ts.SourceFile, Map<string, string>>();

/** `a + b + c` parses left-deep; its operands are read with a loop, not one recursion per term. */
export function concatenationOperands(node: ts.BinaryExpression): ts.Expression[] {
  const operands: ts.Expression[] = [];
  let current: ts.Expression = node;
  while (ts.isBinaryExpression(current) && current.operatorToken.kind === ts.SyntaxKind.PlusToken) {
    operands.push(current.right);
    current = skipOuter(current.left);
  }
  operands.push(current);
  return operands.reverse();
}

/** Whether a node is or holds a `return` of its own function (not one of a function or class written inside it). */
export function holdsReturn(node: ts.Node): boolean {
  if (ts.isReturnStatement(node)) return true;
  if (isFunctionNode(node) || ts.isClassLike(node)) return false;
  return !!node.forEachChild((child) => holdsReturn(child) || undefined);
}

/** A call of a method of a global object written by its name: `JSON.parse(…)`, `Object.assign(…)`. */
export function isGlobalMethodCall(call: ts.CallExpression, object: string, method: string): boolean {
  const callee = skipOuter(call.expression);
  return (
    ts.isPropertyAccessExpression(callee) &&
    callee.name.text === method &&
    ts.isIdentifier(callee.expression) &&
    callee.expression.text === object
  );
}

/** The name a callee ends with: `f` for `f(…)`, `m` for `a.b.m(…)`; undefined for other callees. */
export function calledName(callee: ts.Expression): string | undefined {
  const inner = skipOuter(callee);
  if (ts.isIdentifier(inner)) return inner.text;
  if (ts.isPropertyAccessExpression(inner)) return inner.name.text;
  return undefined;
}

/** `private entity: typeof UserEntity` (a parameter or property typed by a type query): `UserEntity`. */
export function typeQueryTarget(declaration: ts.Declaration | undefined): ts.Identifier | undefined {
  const typeNode =
    declaration && (ts.isParameter(declaration) || ts.isPropertyDeclaration(declaration))
      ? declaration.type
      : undefined;
  return typeNode && ts.isTypeQueryNode(typeNode) && ts.isIdentifier(typeNode.exprName) ? typeNode.exprName : undefined;
}

/** `{ partitionKey: true }`, `{ excludeExtraneousValues: true }`: one of the options is set to `true` in an object literal. */
export function anyOptionTrue(options: ts.Expression | undefined, names: readonly string[] = []): boolean {
  return names.some((name) => optionValue(options, name)?.kind === ts.SyntaxKind.TrueKeyword);
}

/** `{ batch }`, `{ exists: null }`: one of the options is given, with a value other than `false`. */
export function anyOptionGiven(options: ts.Expression | undefined, names: readonly string[]): boolean {
  return names.some((name) => {
    const value = optionValue(options, name);
    return !!value && value.kind !== ts.SyntaxKind.FalseKeyword;
  });
}

/** An option's value in an object literal of options. */
function optionValue(options: ts.Expression | undefined, name: string): ts.Expression | undefined {
  const literal = options && skipOuter(options);
  if (!literal || !ts.isObjectLiteralExpression(literal)) return undefined;
  const option = findProperty(literal, name);
  const value = option && memberValue(option);
  return value && skipOuter(value);
}

/**
 * The expressions a function gives back: an arrow's expression body, or its body's own `return`
 * statements (not those of functions or classes nested in it).
 */
export function returnedExpressions(fn: { readonly body?: ts.ConciseBody | undefined }): ts.Expression[] {
  if (!fn.body) return [];
  if (!ts.isBlock(fn.body)) return [fn.body];
  return returnStatements(fn.body).flatMap((statement) => (statement.expression ? [statement.expression] : []));
}

/** A function body's own `return` statements (not those of functions or classes nested in it). */
export function returnStatements(body: ts.Block): ts.ReturnStatement[] {
  const out: ts.ReturnStatement[] = [];
  const stack: ts.Node[] = [body];
  while (stack.length) {
    const node = stack.pop()!;
    if (ts.isReturnStatement(node)) {
      out.push(node);
      continue;
    }
    if (isFunctionNode(node) || ts.isClassLike(node)) continue;
    node.forEachChild((child) => {
      stack.push(child);
    });
  }
  return out;
}

/**
 * A chain of static property reads (`req.body.userId`, `req.body['userId']`, at most `maxDepth`
 * of them) as the expression it starts from and the names read; `undefined` when a name is computed.
 */
export function staticMemberPath(
  node: ts.Expression,
  maxDepth: number,
): { base: ts.Expression; path: string[] } | undefined {
  const path: string[] = [];
  let current = skipOuter(node);
  for (let hop = 0; hop < maxDepth; hop++) {
    if (ts.isPropertyAccessExpression(current)) path.unshift(current.name.text);
    else if (ts.isElementAccessExpression(current)) {
      const name = staticName(skipOuter(current.argumentExpression));
      if (name === undefined) return undefined;
      path.unshift(name);
    } else break;
    current = skipOuter(current.expression);
  }
  return { base: current, path };
}

/**
 * The uses in `scope` of the variable `binding` names (its declaration or one of its uses), but for
 * `except` (the declaration): identifiers of its name that `symbolOf` resolves to the same variable,
 * so that a callback parameter of the same name (`.find((school) => …)` beside `const school`) is
 * another variable. An identifier the checker cannot resolve counts as a use. `maxNodes`: the walk
 * stops after visiting that many nodes.
 */
export function referencesOf(
  scope: ts.Node,
  binding: ts.Identifier,
  except: ts.Node | undefined,
  symbolOf: (node: ts.Node) => ts.Symbol | undefined,
  maxNodes = Infinity,
): ts.Identifier[] {
  const name = binding.text;
  const variable = symbolOf(binding);
  const out: ts.Identifier[] = [];
  let visited = 0;
  const visit = (node: ts.Node): void => {
    if (node === except || visited++ >= maxNodes) return;
    if (ts.isIdentifier(node)) {
      if (node.text !== name || isPropertyName(node)) return;
      const symbol = variable && symbolOf(node);
      if (!symbol || symbol === variable) out.push(node);
      return;
    }
    node.forEachChild(visit);
  };
  scope.forEachChild(visit);
  return out;
}

/** A name that is not a variable's use: `x.Items`' member, `{ Items: … }`'s key. */
function isPropertyName(identifier: ts.Identifier): boolean {
  const parent = identifier.parent;
  return (
    (ts.isPropertyAccessExpression(parent) && parent.name === identifier) ||
    (ts.isPropertyAssignment(parent) && parent.name === identifier)
  );
}

/** `false`, `null`, `undefined`, `0`, `''`: a literal no one can take for true (a return that says no). */
export function isFalsy(expression: ts.Expression): boolean {
  const node = skipOuter(expression);
  return (
    node.kind === ts.SyntaxKind.FalseKeyword ||
    node.kind === ts.SyntaxKind.NullKeyword ||
    (ts.isIdentifier(node) && node.text === 'undefined') ||
    (ts.isNumericLiteral(node) && node.text === '0') ||
    (ts.isStringLiteral(node) && node.text === '')
  );
}

/** `x = value` (a plain assignment, whose value is `value`). */
export function isAssignment(node: ts.Node): node is ts.BinaryExpression {
  return ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.EqualsToken;
}
