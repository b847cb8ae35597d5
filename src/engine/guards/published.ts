import ts from 'typescript';
import { enclosingFunction, equalityOf, isFunctionNode, parentOf, skipOuter, staticName } from '../ast.js';
import type { Tracer } from '../flow/tracer.js';
import { constantString, nameWords } from '../strings.js';
import { hasOrigin } from '../taint.js';
import { isTrusted } from './facts.js';
import type { Fact } from './facts.js';

/**
 * What marks an item as public, as words of attribute names (`isPublic` → `is public`): a flag
 * that is true (`published`, `isPublic`), or a state attribute (`visibility`, `status`) equal to a
 * public value (`'public'`, `'published'`, compared without case). Model data (`models/evidence.ts`).
 */
export interface PublicationModel {
  readonly flags: readonly string[];
  readonly states: readonly string[];
  readonly values: readonly string[];
}

/** The read as the question needs it: the site that produces the item, and the call that brings it into the function that uses it. */
export interface PublishedRead {
  /** The DynamoDB call (or mapper call) whose output is the item. */
  readonly site: ts.Node;
  /** Where the output enters the function that acts on it: the site itself, or the call of the wrapper that returns it. */
  readonly anchor: ts.Node;
  /** Nodes inside the read's input literal (its key and filter values), from which the input's own conditions are found. */
  readonly inputNodes: readonly ts.Node[];
  readonly input?: ts.Expression;
}

/** Nodes walked in the function that uses a read's item. */
const MAX_FUNCTION_NODES = 6000;
/** Parents climbed from the read to the variable that holds its output. */
const MAX_HOLDER_CLIMB = 8;
/** Property paths of a produced value that are the item itself, not a part of it (`out.Item`, `out.Items[0]`). */
const ITEM_STEPS: ReadonlySet<string> = new Set(['Item', 'Items', 'Responses', 'Attributes', '*']);

/**
 * Public by design, as the code itself marks it (SPEC §5): a read that only ever returns items
 * marked public. Either the read's own key condition or filter selects only such items
 * (`FilterExpression: 'isPublic = :t'` with `:t` the constant `true`, `#s = :p` with `:p` the
 * constant `'published'`), or every use of the item it returns, in the function that acts on it,
 * comes after a check that exits unless the item is marked public
 * (`if (!quest.published) throw …`, `if (item.visibility !== 'public') return 404`).
 */
export class PublishedReads {
  constructor(
    private readonly tracer: Tracer,
    private readonly model: PublicationModel,
  ) {}

  /** Whether a read returns only items marked public, by its own conditions or by a check before every use of its item. */
  onlyPublished(read: PublishedRead): boolean {
    return this.selectsPublished(read) || this.usedOnlyWhenPublished(read);
  }

  // --- the read's own conditions -------------------------------------------------------------

  /**
   * Whether a condition of the read's input (`KeyConditionExpression` or `FilterExpression`, with
   * no `OR`/`NOT`) requires a publication attribute to equal a constant public value.
   */
  private selectsPublished(read: PublishedRead): boolean {
    for (const literal of this.inputLiterals(read)) {
      const member = (name: string) => memberOf(literal, name);
      const values = member('ExpressionAttributeValues');
      if (!values || !ts.isObjectLiteralExpression(values)) continue;
      const names = member('ExpressionAttributeNames');
      for (const field of ['KeyConditionExpression', 'FilterExpression']) {
        const text = member(field);
        const condition = text && constantString(this.tracer.definitions, text);
        if (!condition?.complete || /\b(?:OR|NOT)\b/i.test(condition.text)) continue;
        for (const [attribute, placeholder] of equalities(condition.text)) {
          const name = attribute.startsWith('#') ? this.constantMember(names, attribute) : attribute;
          const value = memberOf(values, placeholder);
          if (name !== undefined && value && this.publicValue(name, value)) return true;
        }
      }
    }
    return false;
  }

  /** The object literals a read's input is written as: the one around its key and filter values, or the constant its input names. */
  private inputLiterals(read: PublishedRead): ts.ObjectLiteralExpression[] {
    const out = new Set<ts.ObjectLiteralExpression>();
    for (const node of read.inputNodes) {
      for (let current: ts.Node | undefined = node; current; current = parentOf(current)) {
        if (ts.isObjectLiteralExpression(current) && memberOf(current, 'ExpressionAttributeValues')) {
          out.add(current);
          break;
        }
        if (isFunctionNode(current) || ts.isSourceFile(current)) break;
      }
    }
    if (read.input) {
      let input = skipOuter(read.input);
      if (ts.isIdentifier(input)) {
        const declaration = this.tracer.definitions.declarationOf(input);
        if (declaration && ts.isVariableDeclaration(declaration) && declaration.initializer)
          input = skipOuter(declaration.initializer);
      }
      if (ts.isObjectLiteralExpression(input)) out.add(input);
    }
    return [...out];
  }

  /** `'#p'` in `ExpressionAttributeNames: { '#p': 'published' }`. */
  private constantMember(literal: ts.Expression | undefined, name: string): string | undefined {
    if (!literal || !ts.isObjectLiteralExpression(literal)) return undefined;
    const value = memberOf(literal, name);
    const text = value && constantString(this.tracer.definitions, value);
    return text?.complete ? text.text : undefined;
  }

  /**
   * Whether `attribute = value` marks an item public: a flag equal to `true` (`true`, `'true'`,
   * `{ BOOL: true }`), or a state attribute equal to a public value (`'public'`, `{ S: 'published' }`).
   */
  private publicValue(attribute: string, value: ts.Expression): boolean {
    const words = nameWords(attribute);
    let node = skipOuter(value);
    // DynamoDB's AttributeValue wrappers: `{ BOOL: true }`, `{ S: 'public' }`.
    if (ts.isObjectLiteralExpression(node) && node.properties.length === 1) {
      const inner = memberOf(node, 'BOOL') ?? memberOf(node, 'S');
      if (inner) node = skipOuter(inner);
    }
    if (this.model.flags.includes(words)) {
      if (node.kind === ts.SyntaxKind.TrueKeyword) return true;
      const text = constantString(this.tracer.definitions, node);
      return text.complete && text.text.toLowerCase() === 'true';
    }
    if (this.model.states.includes(words)) {
      const text = constantString(this.tracer.definitions, node);
      return text.complete && this.model.values.includes(text.text.toLowerCase());
    }
    return false;
  }

  // --- a check before every use ----------------------------------------------------------------

  /**
   * Whether the read's item is acted on only past a check that it is marked public: every use of
   * it (a variable holding it, or the read's own value), in the function the anchor is in, other
   * than a test in a condition or a copy into another variable, has such a check before it, and
   * there is at least one use.
   */
  private usedOnlyWhenPublished(read: PublishedRead): boolean {
    const fn = enclosingFunction(read.anchor);
    if (ts.isSourceFile(fn) || !fn.body) return false;
    const direct = this.directUse(read);
    if (direct && !this.publishedAt(direct, read)) return false;
    let uses = direct ? 1 : 0;
    let failed = false;
    const seen = new Set<ts.Node>();
    const stack: ts.Node[] = [fn.body];
    for (let budget = MAX_FUNCTION_NODES; stack.length && !failed; budget--) {
      if (budget === 0) return false;
      const current = stack.pop()!;
      if (ts.isIdentifier(current) && current.end > read.anchor.pos && this.isReference(current, fn)) {
        const use = outermostChain(current);
        if (seen.has(use) || isTest(use) || isCopy(use, fn, (name) => this.tracer.definitions.declarationOf(name)))
          continue;
        seen.add(use);
        if (!this.produced(use, read)) continue;
        uses++;
        if (!this.publishedAt(use, read)) failed = true;
        continue;
      }
      if (ts.isTypeNode(current)) continue;
      current.forEachChild((child) => {
        stack.push(child);
      });
    }
    return !failed && uses > 0;
  }

  /**
   * The read's own value where it is used without a variable (`return (await doc.get(…)).Item`):
   * climbed from the anchor through what carries the output (`await`, `.promise()`, `send(…)`,
   * `Promise.all([…])`). Undefined when a variable declaration or assignment takes it.
   */
  private directUse(read: PublishedRead): ts.Expression | undefined {
    let node: ts.Node = read.anchor;
    for (let hop = 0; hop < MAX_HOLDER_CLIMB; hop++) {
      const parent = node.parent;
      if (
        ts.isAwaitExpression(parent) ||
        ts.isParenthesizedExpression(parent) ||
        ts.isAsExpression(parent) ||
        ts.isNonNullExpression(parent) ||
        ts.isArrayLiteralExpression(parent) ||
        (ts.isPropertyAccessExpression(parent) && parent.expression === node) ||
        // `.promise()`, `.go()`: a method call given nothing (`.then(callback)` hands the output on: a use).
        (ts.isCallExpression(parent) && parent.expression === node && parent.arguments.length === 0)
      ) {
        node = parent;
        continue;
      }
      // `send(new GetCommand(…))`, `Promise.all([…])`: a call whose result is the output.
      if (
        ts.isCallExpression(parent) &&
        parent.arguments.includes(node as ts.Expression) &&
        this.produced(parent, read)
      ) {
        node = parent;
        continue;
      }
      if (ts.isVariableDeclaration(parent) && parent.initializer === node) return undefined;
      if (
        ts.isBinaryExpression(parent) &&
        parent.operatorToken.kind === ts.SyntaxKind.EqualsToken &&
        parent.right === node
      )
        return undefined;
      if (ts.isExpressionStatement(parent)) return undefined;
      return ts.isExpression(node) ? node : undefined;
    }
    return ts.isExpression(node) ? node : undefined;
  }

  /** An identifier that reads a variable declared in the function (not a member name, a declared name or a type). */
  private isReference(node: ts.Identifier, fn: ts.Node): boolean {
    const parent = node.parent;
    if (
      (ts.isPropertyAccessExpression(parent) && parent.name === node) ||
      (ts.isPropertyAssignment(parent) && parent.name === node) ||
      ((ts.isVariableDeclaration(parent) || ts.isBindingElement(parent) || ts.isParameter(parent)) &&
        parent.name === node) ||
      (ts.isBindingElement(parent) && parent.propertyName === node)
    )
      return false;
    const declaration = this.tracer.definitions.declarationOf(node);
    return (
      !!declaration &&
      (ts.isVariableDeclaration(declaration) || ts.isBindingElement(declaration)) &&
      declaration.pos >= fn.pos &&
      declaration.end <= fn.end
    );
  }

  /** Whether a value derives from the read's output. */
  private produced(node: ts.Expression, read: PublishedRead): boolean {
    return hasOrigin(this.tracer.value(node), (origin) => origin.kind === 'produced' && origin.site === read.site);
  }

  /** Whether a value is the read's item itself (or its output), not a part of it. */
  private isItem(node: ts.Expression, read: PublishedRead): boolean {
    return hasOrigin(
      this.tracer.value(node),
      (origin) =>
        origin.kind === 'produced' && origin.site === read.site && origin.path.every((step) => ITEM_STEPS.has(step)),
    );
  }

  /** Whether a check before `use` exits unless the read's item is marked public. */
  private publishedAt(use: ts.Node, read: PublishedRead): boolean {
    for (const fact of this.tracer.guards.factsAt(use)) if (this.marksPublished(fact, read)) return true;
    return false;
  }

  /**
   * `{ found: item.published }` (the flag is truthy), or `item.visibility` equal to `'public'` /
   * `item.isPublic` to `true`; or one of two conditions holds, one marking the item public and the
   * other making it the caller's own (`if (!post.isPublic && post.authorId !== me) return 403`).
   */
  private marksPublished(fact: Fact, read: PublishedRead, depth = 0): boolean {
    if ('either' in fact) {
      if (depth > 0) return false;
      const facts = fact.either.map((condition) => [...this.tracer.guards.conditionFacts(condition, fact.holds, [])]);
      const [first = [], second = []] = facts;
      const published = (list: Fact[]) => list.some((inner) => this.marksPublished(inner, read, depth + 1));
      const owned = (list: Fact[]) => list.some((inner) => this.marksOwned(inner, read));
      return (published(first) && owned(second)) || (published(second) && owned(first));
    }
    if ('found' in fact) {
      const attribute = this.itemAttribute(fact.found, read);
      return attribute !== undefined && this.model.flags.includes(nameWords(attribute));
    }
    if (!('left' in fact) || fact.left.path.length || fact.right.path.length) return false;
    const { left, right } = fact;
    if (ts.isParameter(left.node) || ts.isParameter(right.node)) return false;
    for (const [side, other] of [
      [left.node, right.node],
      [right.node, left.node],
    ] as const) {
      const attribute = this.itemAttribute(side, read);
      if (attribute !== undefined && this.publicValue(attribute, other)) return true;
    }
    return false;
  }

  /** `item.authorId` proven equal to the caller (a principal, or the caller's own record's attribute). */
  private marksOwned(fact: Fact, read: PublishedRead): boolean {
    if (!('left' in fact) || fact.left.path.length || fact.right.path.length) return false;
    const guards = this.tracer.guards;
    for (const [side, other] of [
      [fact.left, fact.right],
      [fact.right, fact.left],
    ] as const) {
      if (ts.isParameter(side.node) || this.itemAttribute(side.node, read) === undefined) continue;
      if (isTrusted(guards.valueOf(other))) return true;
    }
    return false;
  }

  /** `published` in `quest.published` or `item['is_public']`, when the object is the read's item. */
  private itemAttribute(expression: ts.Expression, read: PublishedRead): string | undefined {
    const node = skipOuter(expression);
    let attribute: string | undefined;
    let object: ts.Expression;
    if (ts.isPropertyAccessExpression(node)) {
      attribute = node.name.text;
      object = node.expression;
    } else if (ts.isElementAccessExpression(node)) {
      attribute = staticName(skipOuter(node.argumentExpression));
      object = node.expression;
    } else return undefined;
    return attribute !== undefined && this.isItem(object, read) ? attribute : undefined;
  }
}

function memberOf(literal: ts.ObjectLiteralExpression, name: string): ts.Expression | undefined {
  for (const property of literal.properties) {
    if (ts.isPropertyAssignment(property) && staticName(property.name) === name) return property.initializer;
    if (ts.isShorthandPropertyAssignment(property) && property.name.text === name) return property.name;
  }
  return undefined;
}

/** `attr = :v` and `:v = attr` pairs of a condition: the attribute (or `#name`) and the placeholder. */
function equalities(text: string): [string, string][] {
  const out: [string, string][] = [];
  for (const match of text.matchAll(/([#A-Za-z_][\w.]*)\s*=\s*(:[A-Za-z0-9_]+)/g)) out.push([match[1]!, match[2]!]);
  for (const match of text.matchAll(/(:[A-Za-z0-9_]+)\s*=\s*([#A-Za-z_][\w.]*)/g)) out.push([match[2]!, match[1]!]);
  return out;
}

/** `quest.content.text` for `quest`; `out.Items[0]` for `out`: the whole chain a reference starts. */
function outermostChain(node: ts.Expression): ts.Expression {
  let current: ts.Expression = node;
  for (;;) {
    const parent = current.parent;
    if (
      (ts.isPropertyAccessExpression(parent) || ts.isElementAccessExpression(parent)) &&
      parent.expression === current
    )
      current = parent;
    else if (ts.isNonNullExpression(parent) || ts.isParenthesizedExpression(parent) || ts.isAsExpression(parent))
      current = parent;
    else return current;
  }
}

/** A value only tested in a condition (`if (!out.Item)`, `if (!quest.published)`): testing it acts on nothing. */
function isTest(node: ts.Expression): boolean {
  let current: ts.Node = node;
  for (;;) {
    const parent = current.parent;
    if (
      ts.isParenthesizedExpression(parent) ||
      (ts.isPrefixUnaryExpression(parent) && parent.operator === ts.SyntaxKind.ExclamationToken) ||
      ts.isTypeOfExpression(parent) ||
      (ts.isBinaryExpression(parent) && isTestOperator(parent.operatorToken.kind))
    ) {
      current = parent;
      continue;
    }
    return (
      (ts.isIfStatement(parent) && parent.expression === current) ||
      (ts.isConditionalExpression(parent) && parent.condition === current)
    );
  }
}

function isTestOperator(kind: ts.SyntaxKind): boolean {
  return kind === ts.SyntaxKind.AmpersandAmpersandToken || kind === ts.SyntaxKind.BarBarToken || !!equalityOf(kind);
}

/**
 * A copy of the value into a variable of the function (`const quest = out.Item as Quest`, `item =
 * out.Item`): that variable's own uses are checked. A copy into anything else (a property, a
 * variable of an outer scope) is a use.
 */
function isCopy(
  node: ts.Expression,
  fn: ts.Node,
  declarationOf: (name: ts.Identifier) => ts.Node | undefined,
): boolean {
  let current: ts.Node = node;
  while (ts.isAwaitExpression(current.parent) || ts.isSatisfiesExpression(current.parent)) current = current.parent;
  const parent = current.parent;
  if (ts.isVariableDeclaration(parent) && parent.initializer === current) return true;
  if (
    !ts.isBinaryExpression(parent) ||
    parent.operatorToken.kind !== ts.SyntaxKind.EqualsToken ||
    parent.right !== current ||
    !ts.isIdentifier(parent.left)
  )
    return false;
  const declaration = declarationOf(parent.left);
  return !!declaration && declaration.pos >= fn.pos && declaration.end <= fn.end;
}
