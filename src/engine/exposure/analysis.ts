import ts from 'typescript';
import {
  descendants,
  equalityOf,
  isFunctionNode,
  isWithin,
  ownSourceFiles,
  returnedExpressions,
  shortText,
  skipOuter,
} from '../ast.js';
import type { DynamoAnalysis } from '../dynamodb/analysis.js';
import type { SinkSite } from '../dynamodb/sites.js';
import { producedOf } from '../dynamodb/callback-results.js';
import type { ProjectionModel, ResponseModel } from '../model.js';
import { withStep } from '../taint.js';
import type { Origin, ProducedOrigin, Taint } from '../taint.js';
import { startsWith } from '../flow/path.js';
import type { CallOverlay, Path } from '../flow/path.js';
import { isArrayLike } from '../flow/builtins.js';
import type { Tracer } from '../flow/tracer.js';
import { deniedNames } from './deny-lists.js';
import { Items } from './items.js';
import type { Projection } from './items.js';
import { projectionCalls } from './library.js';
import { Responses } from './responses.js';
import { exportedFunction } from './schema-scalars.js';
import type { ResponseSite } from './responses.js';

/** A whole DynamoDB item (or a list of them) that reaches a response. */
export interface ExposedItem {
  readonly site: ResponseSite;
  readonly origin: ProducedOrigin;
  /** The DynamoDB call that read it. */
  readonly read: SinkSite;
  /** A deny-list on the way (`...rest`, `_.omit`, `delete item.x`): everything else still leaks. */
  readonly denyList?: ts.Node;
  /** An in-code filter on the way that keeps only items whose attribute equals the caller's (see `ownerFilters`). */
  readonly ownerFilter?: OwnerFilter;
  /**
   * The read's constant projection: only the attributes it names leave, so the item is no whole
   * item; the query reports it only when one of them is what no client should see.
   */
  readonly projection?: Projection;
}

/** Some of an item that reaches a client (`Exposure.handedOut`). */
export interface HandedItem {
  readonly site: ResponseSite;
  readonly origin: ProducedOrigin;
  /** The DynamoDB call that read it. */
  readonly read: SinkSite;
}

/**
 * The whole items one response site sends (`{ ...game, host }`: a game and its host's user
 * record), in the order `Exposure.exposed` prefers them; the query reports the site once, for the
 * first of them that is a finding.
 */
export interface ExposedSite {
  readonly site: ResponseSite;
  readonly items: readonly ExposedItem[];
}

/** Items kept per response site: the query judges each, so a site holding many reads stays cheap. */
const MAX_ITEMS_PER_SITE = 8;

/** Response sites `handedOut` traces per program. */
const MAX_HANDED_SITES = 5_000;

/** `items.filter((t) => t.user_email === req.user.email)`: the attribute compared and the caller's value. */
export interface OwnerFilter {
  readonly test: ts.Expression;
  /** The item attribute compared (`user_email`). */
  readonly attribute: string;
  /** The principal attribute it must equal (`['email']`), when known. */
  readonly principal: readonly string[];
}

/** Array methods whose result holds only the elements their callback accepts. */
const FILTERS = new Set(['filter', 'find', 'findLast']);

/**
 * The exposure question over a program: for each response site of a file, the items that reach it
 * unprojected. It shares the program's analysis and tracer, and asks its questions with library
 * projections as an overlay on calls (see `library.ts`).
 */
export class Exposure {
  readonly responses: Responses;
  private readonly items: Items;
  private readonly byFile = new Map<ts.SourceFile, ExposedSite[]>();
  private readonly deletes = new Map<ts.Symbol, ts.Node | null>();
  private readonly projections: CallOverlay;
  /** The callbacks of owner filters met on items' ways, by the callback node their step names. */
  private readonly ownerFilters = new Map<ts.Node, OwnerFilter | null>();
  private readonly modules: readonly NonNullable<ResponseModel['resolverModules']>[];

  constructor(
    private readonly analysis: DynamoAnalysis,
    responseModels: readonly ResponseModel[],
    projectionModel: ProjectionModel,
  ) {
    this.items = new Items(analysis.tracer, (site) => {
      const own = analysis
        .factsInFile(site.node.getSourceFile())
        .filter((fact) => fact.site.node === site.node && !fact.injections);
      return own.length > 0 && own.every((fact) => fact.create);
    });
    this.modules = responseModels.flatMap((model) => (model.resolverModules ? [model.resolverModules] : []));
    const projections = projectionCalls(projectionModel, (origin) => {
      const read = analysis.sites.siteAt(origin.site);
      return !!read && this.items.isRaw(origin, read);
    });
    this.projections = (call, path, tracer) =>
      this.ownerFiltered(call, path, tracer) ?? projections(call, path, tracer);
    this.responses = new Responses(analysis.tracer, responseModels, this.projections);
  }

  /** The response sites written in this file that send whole items, with the items each sends. */
  inFile(file: ts.SourceFile): ExposedSite[] {
    const cached = this.byFile.get(file);
    if (cached) return cached;
    const out: ExposedSite[] = [];
    if (this.analysis.mayExposeItems(file)) {
      this.analysis.tracer.withOverlay(this.projections, () => {
        for (const site of this.responses.inFile(file)) {
          const items = this.exposed(site);
          if (items.length) out.push({ site, items });
        }
      });
    }
    const result = outermost(out);
    this.byFile.set(file, result);
    return result;
  }

  /**
   * Where items of the given reads reach a client, whole or in part: the program's response sites
   * and the returns of resolvers that project them (`Responses.projectedSites`), with each item's
   * way there. Items an in-code filter keeps only when they match the caller are the caller's own,
   * not handed out. Bounded by the number of response sites traced.
   */
  handedOut(reads: ReadonlySet<ts.Node>): HandedItem[] {
    const out: HandedItem[] = [];
    if (reads.size === 0) return out;
    let traced = 0;
    this.analysis.tracer.withOverlay(this.projections, () => {
      for (const file of ownSourceFiles(this.analysis.program)) {
        if (!this.analysis.mayExposeItems(file)) continue;
        for (const site of [...this.responses.inFile(file), ...this.responses.projectedSites(file)]) {
          if (++traced > MAX_HANDED_SITES) return;
          for (const alt of this.analysis.tracer.value(site.node, site.path).alts) {
            for (const raw of alt) {
              const origin = producedOf(this.analysis.sites, raw);
              const read = origin && reads.has(origin.site) ? this.analysis.sites.siteAt(origin.site) : undefined;
              if (!origin || !read || !this.items.holdsItemData(origin, read) || this.ownerFilterOn(origin)) continue;
              out.push({ site, origin, read });
            }
          }
        }
      }
    });
    return out;
  }

  /**
   * A point read's whole output sent where a test showed its item absent (`if (data.Item) { … } else
   * res.json(data)`, `if (!out.Item) return res.json(out)`): it holds no item.
   */
  private sentWhereItemAbsent(node: ts.Node, origin: ProducedOrigin, read: SinkSite): boolean {
    if (origin.path.length !== 0 || read.operation !== 'get') return false;
    const sites = this.analysis.sites;
    let child: ts.Node = node;
    for (let parent = node.parent; !isFunctionNode(parent); child = parent, parent = parent.parent) {
      if (!ts.isIfStatement(parent) || child === parent.expression) continue;
      const tested = skipOuter(parent.expression);
      const negated = ts.isPrefixUnaryExpression(tested) && tested.operator === ts.SyntaxKind.ExclamationToken;
      const condition = negated ? skipOuter(tested.operand) : tested;
      // The branch where the condition is false for `if (x.Item)`, true for `if (!x.Item)`.
      if ((child === parent.elseStatement) === negated) continue;
      if (!ts.isPropertyAccessExpression(condition) || condition.name.text !== 'Item') continue;
      const holder = this.analysis.tracer.value(condition.expression);
      const same = (each: Origin) => {
        const produced = producedOf(sites, each);
        return !!produced && produced.site === origin.site && produced.path.length === 0;
      };
      if (holder.alts.some((alt) => alt.some(same))) return true;
    }
    return false;
  }

  /**
   * The attribute names of an item handed out (`handedOut`) that reach the client: the members its
   * way reads into (`{ name: user.name }` → `name`), or, for the item itself, the read's constant
   * projection minus the names a deny-list on the way removes (`delete data.Item.email`).
   * Undefined when the whole item, or a member whose name is not known, may reach it.
   */
  attributesReaching(item: HandedItem): readonly string[] | undefined {
    const members = this.items.membersRead(item.origin, item.read);
    if (members) return members;
    if (!this.items.isRaw(item.origin, item.read)) return undefined;
    const projection = this.items.projection(item.read, item.origin.via);
    if (!projection) return undefined;
    const denyList = this.denyListOn(item.origin);
    const denied = denyList ? deniedNames(denyList) : new Set<string>();
    return [...projection.names].filter((name) => !denied.has(name));
  }

  /**
   * The raw items a site sends (a response may carry several: `{ ...game, host }`), those with no
   * deny-list on their way first, then those with one, then projected reads; at most
   * `MAX_ITEMS_PER_SITE` of them.
   */
  private exposed(site: ResponseSite): ExposedItem[] {
    const whole: ExposedItem[] = [];
    const denied: ExposedItem[] = [];
    const projected: ExposedItem[] = [];
    for (const alt of this.analysis.tracer.value(site.node, site.path).alts) {
      for (const raw of alt) {
        if (whole.length + denied.length + projected.length >= MAX_ITEMS_PER_SITE) break;
        // A response wrapper's site: what a handler handed to it returns is reported at that handler's return.
        if (this.handedElsewhere(site, raw)) continue;
        const result = this.resolverResult(raw);
        const origin = result?.origin ?? producedOf(this.analysis.sites, raw);
        const read = result?.read ?? (origin && this.analysis.sites.siteAt(origin.site));
        if (!origin || !read) continue;
        if (!(result ? this.items.isRawAt(origin, result.items) : this.items.isRaw(origin, read))) continue;
        if (!result && this.sentWhereItemAbsent(site.node, origin, read)) continue;
        const denyList = this.denyListOn(origin);
        const ownerFilter = this.ownerFilterOn(origin);
        const projection = this.items.projection(read, origin.via);
        const found: ExposedItem = {
          site,
          origin,
          read,
          ...(ownerFilter ? { ownerFilter } : {}),
          ...(denyList ? { denyList } : {}),
        };
        // The same item by the same way in several alternatives is one item.
        if ([whole, denied, projected].some((items) => items.some((item) => sameWay(item, found)))) continue;
        if (projection) projected.push({ ...found, projection });
        else if (!denyList) whole.push(found);
        else denied.push(found);
      }
    }
    return [...whole, ...denied, ...projected];
  }

  /**
   * `ctx.result` in a resolver module's `response(ctx)`: the output of the read its `request`
   * function returns (an AppSync `{ operation: 'GetItem', key }` request or a helper's), with the
   * paths where that output holds whole items.
   */
  private resolverResult(
    origin: Origin,
  ): { origin: ProducedOrigin; read: SinkSite; items: readonly (readonly string[])[] } | undefined {
    if (origin.kind !== 'param' || origin.index !== 0) return undefined;
    const file = origin.fn.getSourceFile();
    for (const module of this.modules) {
      if (!startsWith(origin.path, module.result)) continue;
      if (exportedFunction(file, module.response) !== origin.fn) continue;
      const request = exportedFunction(file, module.request);
      if (!request) continue;
      for (const read of this.analysis.sites.inFile(file)) {
        const items = module.items[read.operation];
        if (!items || !isWithin(read.node, request)) continue;
        const path = origin.path.slice(module.result.length);
        return {
          origin: { kind: 'produced', producer: read.api, site: read.node, path, steps: origin.steps },
          read,
          items,
        };
      }
    }
    return undefined;
  }

  /**
   * `items.filter((t) => t.owner === req.user.sub)` (or `find`): the result holds only the items
   * whose attribute equals the caller's, so it is the caller's own items, whatever read them. The
   * receiver's items, with a step at the callback that `ownerFilterOn` recognises.
   */
  private ownerFiltered(call: ts.CallExpression, path: Path, tracer: Tracer): Taint | undefined {
    const callee = skipOuter(call.expression);
    if (!ts.isPropertyAccessExpression(callee) || !FILTERS.has(callee.name.text)) return undefined;
    const callback = call.arguments[0] && skipOuter(call.arguments[0]);
    if (!callback || (!ts.isArrowFunction(callback) && !ts.isFunctionExpression(callback))) return undefined;
    if (!isArrayLike(tracer.checker, callee.expression)) return undefined;
    let filter = this.ownerFilters.get(callback);
    if (filter === undefined) {
      filter = ownerTest(tracer, callback) ?? null;
      this.ownerFilters.set(callback, filter);
    }
    if (!filter) return undefined;
    return withStep(tracer.value(callee.expression, path), {
      label: `${callee.name.text}(${shortText(filter.test, 40)})`,
      node: callback,
    });
  }

  /** An item that came out of a function whose own returns are response sites (see `Responses.reportedAtReturns`). */
  private handedElsewhere(site: ResponseSite, origin: Origin): boolean {
    if (origin.kind !== 'produced') return false;
    return origin.steps.some((step) => {
      const fn = isFunctionNode(step.node) ? step.node : step.node.parent;
      return isFunctionNode(fn) && this.responses.reportedAtReturns(site, fn);
    });
  }

  /** The owner filter on an item's way, if any. */
  private ownerFilterOn(origin: ProducedOrigin): OwnerFilter | undefined {
    for (const step of origin.steps) {
      const filter = this.ownerFilters.get(step.node);
      if (filter) return filter;
    }
    return undefined;
  }

  /** The deny-list hop on an item's way, if any. */
  private denyListOn(origin: ProducedOrigin): ts.Node | undefined {
    for (const step of origin.steps) {
      const node = step.node;
      // The only call hops on an item's path are the deny-list calls the library hook records.
      if (ts.isCallExpression(node)) return node;
      if (!ts.isIdentifier(node)) continue;
      if (ts.isBindingElement(node.parent) && node.parent.dotDotDotToken) return node.parent;
      if (ts.isBindingElement(node.parent) || ts.isVariableDeclaration(node.parent)) {
        const deleted = this.deleteOf(node);
        if (deleted) return deleted;
      }
    }
    return undefined;
  }

  /** `delete item.secret` on a variable, anywhere in the scope that declares it. */
  private deleteOf(name: ts.Identifier): ts.Node | undefined {
    const checker = this.analysis.tracer.checker;
    const symbol = checker.getSymbolAtLocation(name);
    if (!symbol) return undefined;
    const cached = this.deletes.get(symbol);
    if (cached !== undefined) return cached ?? undefined;
    let scope: ts.Node = name.parent;
    while (!isFunctionNode(scope) && !ts.isSourceFile(scope)) scope = scope.parent;
    let found: ts.Node | undefined;
    for (const node of descendants(scope)) {
      if (!ts.isDeleteExpression(node)) continue;
      let target = skipOuter(node.expression);
      while (ts.isPropertyAccessExpression(target) || ts.isElementAccessExpression(target))
        target = skipOuter(target.expression);
      if (ts.isIdentifier(target) && target.text === name.text && checker.getSymbolAtLocation(target) === symbol) {
        found = node;
        break;
      }
    }
    this.deletes.set(symbol, found ?? null);
    return found;
  }
}

/** Whether two items a site sends are one: the same read, by the same steps. */
function sameWay(a: ExposedItem, b: ExposedItem): boolean {
  const [x, y] = [a.origin.steps, b.origin.steps];
  // Two calls of one wrapper (`db.get(projected)`, `db.get(whole)`) return two items, each with its call's projection.
  const [p, q] = [a.origin.via ?? [], b.origin.via ?? []];
  return (
    a.read.node === b.read.node &&
    x.length === y.length &&
    x.every((step, i) => step.node === y[i]!.node) &&
    p.length === q.length &&
    p.every((hop, i) => hop.call === q[i]!.call)
  );
}

/** A site inside another reported site's expression is part of what that one sends: one report, on the outer one. */
function outermost(found: readonly ExposedSite[]): ExposedSite[] {
  const sorted = [...found].sort((a, b) => a.site.node.pos - b.site.node.pos || b.site.node.end - a.site.node.end);
  const out: ExposedSite[] = [];
  let outerEnd = -1;
  for (const item of sorted) {
    if (item.site.node.end <= outerEnd) continue;
    out.push(item);
    outerEnd = item.site.node.end;
  }
  return out;
}

/**
 * A callback that accepts an element only when one of its attributes equals a value of the caller
 * (`(t) => t.user_email === req.user.email`, `({ ownerId }) => ownerId == user.sub`): one equality,
 * its own body, the element's attribute on one side and a principal value in every alternative on the other.
 */
function ownerTest(tracer: Tracer, fn: ts.ArrowFunction | ts.FunctionExpression): OwnerFilter | undefined {
  const element = fn.parameters[0];
  const returned = returnedExpressions(fn);
  const test = returned.length === 1 ? skipOuter(returned[0]!) : undefined;
  if (!element || !test || !ts.isBinaryExpression(test) || equalityOf(test.operatorToken.kind) !== 'equal')
    return undefined;
  for (const [itemSide, other] of [
    [test.left, test.right],
    [test.right, test.left],
  ] as const) {
    const attribute = elementAttribute(tracer, element, itemSide);
    if (attribute === undefined) continue;
    const value = tracer.value(other);
    if (!value.alts.length || !value.alts.every((alt) => alt.some((origin) => origin.kind === 'principal'))) continue;
    const principal = value.alts[0]!.find((origin) => origin.kind === 'principal');
    return { test, attribute, principal: (principal?.kind === 'principal' ? principal.path : undefined) ?? [] };
  }
  return undefined;
}

/** The attribute name of an element an expression reads: `t.owner`, `t['owner']`, or `owner` bound by `({ owner })`. */
function elementAttribute(tracer: Tracer, element: ts.ParameterDeclaration, side: ts.Expression): string | undefined {
  const node = skipOuter(side);
  if (ts.isPropertyAccessExpression(node) || ts.isElementAccessExpression(node)) {
    const object = skipOuter(node.expression);
    if (!ts.isIdentifier(object) || tracer.definitions.declarationOf(object) !== element) return undefined;
    return ts.isPropertyAccessExpression(node)
      ? node.name.text
      : tracer.definitions.elementName(node.argumentExpression);
  }
  if (ts.isIdentifier(node) && ts.isObjectBindingPattern(element.name)) {
    const binding = tracer.definitions.declarationOf(node);
    if (!binding || !ts.isBindingElement(binding) || binding.parent !== element.name) return undefined;
    const name = binding.propertyName ?? binding.name;
    return ts.isIdentifier(name) || ts.isStringLiteralLike(name) ? name.text : undefined;
  }
  return undefined;
}
