import type ts from 'typescript';
import { exposureFor } from '../engine/analysis.js';
import type { ExposedItem } from '../engine/exposure/analysis.js';
import { shortText } from '../engine/ast.js';
import { flowLocations, formatFlow } from '../engine/report.js';
import type { FlowLocation } from '../engine/report.js';
import { ANY } from '../engine/flow/path.js';
import { configuredModels } from '../models/configured.js';

export interface RawItemResponseOptions {
  /** Accept deny-lists (`const { secret, ...rest } = item`, `_.omit`, `delete item.x`) as projections. */
  readonly allowDenyList: boolean;
}

export interface RawItemResponse {
  readonly node: ts.Node;
  readonly exposed: ExposedItem;
  /** The read, as shown to users: `` `Item` of GetCommand (line 12) ``, `` `Items` of QueryCommand (repositories/notes.ts:9) ``. */
  readonly readText: string;
  readonly flow: readonly FlowLocation[];
  readonly flowText: string;
  /** The deny-list on the way, as shown to users (`` `...rest` ``), when there is one. */
  readonly denyListText?: string;
}

/**
 * Whole DynamoDB items that reach an HTTP response in this file without a projection: neither a
 * constant `ProjectionExpression` on the read nor an allow-list of named fields on the way.
 */
export function findRawItemResponses(
  program: ts.Program,
  file: ts.SourceFile,
  options: RawItemResponseOptions,
  settings: Readonly<Record<string, unknown>> | undefined,
  cwd: string,
): RawItemResponse[] {
  const exposure = exposureFor(program, configuredModels(settings));
  const out: RawItemResponse[] = [];
  for (const exposed of exposure.inFile(file)) {
    if (exposed.denyList && options.allowDenyList) continue;
    const { site, origin, read } = exposed;
    const readStep = { label: readLabel(origin.path, read.api), node: read.node };
    const flow = flowLocations([readStep, ...origin.steps], { label: site.label, node: site.node }, cwd);
    out.push({
      node: site.node,
      exposed,
      readText: formatFlow(flow.slice(0, 1), file.fileName, cwd),
      flow,
      flowText: formatFlow(flow, file.fileName, cwd),
      denyListText: exposed.denyList && `\`${shortText(exposed.denyList, 40)}\``,
    });
  }
  return out;
}

/** `` `Item` of GetCommand ``, `` `Items` of QueryCommand ``, `output of ScanCommand`. */
function readLabel(path: readonly string[], api: string): string {
  const field = path.find((segment) => segment !== ANY && !/^\d+$/.test(segment));
  return field ? `\`${field}\` of ${api}` : `output of ${api}`;
}
