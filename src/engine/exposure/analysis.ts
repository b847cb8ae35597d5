import ts from 'typescript';
import { descendants, isFunctionNode, isWithin, skipOuter } from '../ast.js';
import type { DynamoAnalysis } from '../dynamodb/analysis.js';
import type { SinkSite } from '../dynamodb/sites.js';
import { producedOf } from '../dynamodb/callback-results.js';
import type { ProjectionModel, ResponseModel } from '../model.js';
import type { Origin, ProducedOrigin } from '../taint.js';
import { startsWith } from '../flow/path.js';
import type { CallOverlay } from '../flow/path.js';
import { Items } from './items.js';
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
}

/**
 * The exposure question over a program: for each response site of a file, the items that reach it
 * unprojected. It shares the program's analysis and tracer, and asks its questions with library
 * projections as an overlay on calls (see `library.ts`).
 */
export class Exposure {
  readonly responses: Responses;
  private readonly items: Items;
  private readonly byFile = new Map<ts.SourceFile, ExposedItem[]>();
  private readonly deletes = new Map<ts.Symbol, ts.Node | null>();
  private readonly projections: CallOverlay;
  private readonly modules: readonly NonNullable<ResponseModel['resolverModules']>[];

  constructor(
    private readonly analysis: DynamoAnalysis,
    responseModels: readonly ResponseModel[],
    projectionModel: ProjectionModel,
  ) {
    this.responses = new Responses(analysis.tracer, responseModels);
    this.items = new Items(analysis.tracer, (site) => {
      const own = analysis
        .factsInFile(site.node.getSourceFile())
        .filter((fact) => fact.site.node === site.node && !fact.injections);
      return own.length > 0 && own.every((fact) => fact.create);
    });
    this.modules = responseModels.flatMap((model) => (model.resolverModules ? [model.resolverModules] : []));
    this.projections = projectionCalls(projectionModel, (origin) => {
      const read = analysis.sites.siteAt(origin.site);
      return !!read && this.items.isRaw(origin, read);
    });
  }

  /** Every exposure reported in this file (on response sites written in it), one per site. */
  inFile(file: ts.SourceFile): ExposedItem[] {
    const cached = this.byFile.get(file);
    if (cached) return cached;
    const out: ExposedItem[] = [];
    if (this.analysis.mayExposeItems(file)) {
      this.analysis.tracer.withOverlay(this.projections, () => {
        for (const site of this.responses.inFile(file)) {
          const found = this.exposed(site);
          if (found) out.push(found);
        }
      });
    }
    const result = outermost(out);
    this.byFile.set(file, result);
    return result;
  }

  /** The raw item a site sends, preferring a flow without a deny-list on its way. */
  private exposed(site: ResponseSite): ExposedItem | undefined {
    let denied: ExposedItem | undefined;
    for (const alt of this.analysis.tracer.value(site.node, site.path).alts) {
      for (const raw of alt) {
        const result = this.resolverResult(raw);
        const origin = result?.origin ?? producedOf(this.analysis.sites, raw);
        const read = result?.read ?? (origin && this.analysis.sites.siteAt(origin.site));
        if (!origin || !read || this.items.projected(read)) continue;
        if (!(result ? this.items.isRawAt(origin, result.items) : this.items.isRaw(origin, read))) continue;
        const denyList = this.denyListOn(origin);
        if (!denyList) return { site, origin, read };
        denied ??= { site, origin, read, denyList };
      }
    }
    return denied;
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

/** A site inside another reported site's expression is part of what that one sends: one report, on the outer one. */
function outermost(found: readonly ExposedItem[]): ExposedItem[] {
  const sorted = [...found].sort((a, b) => a.site.node.pos - b.site.node.pos || b.site.node.end - a.site.node.end);
  const out: ExposedItem[] = [];
  let outerEnd = -1;
  for (const item of sorted) {
    if (item.site.node.end <= outerEnd) continue;
    out.push(item);
    outerEnd = item.site.node.end;
  }
  return out;
}
