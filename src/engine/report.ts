import path from 'node:path';
import type * as ts from 'typescript';
import { lineOf } from './ast.js';
import type { FlowLocation } from '../flow-text.js';
import type { Step } from './taint.js';

// The hop type is the one the formatters read back (src/flow-text.ts, which loads no TypeScript).
export type { FlowLocation } from '../flow-text.js';

export function flowLocations(steps: readonly Step[], sink: Step, cwd: string): FlowLocation[] {
  return [...steps, sink].map((step) => ({ label: step.label, ...locationOf(step.node, cwd) }));
}

/** Where a node is, relative to the working directory. */
export function locationOf(node: ts.Node, cwd: string): { file: string; line: number } {
  const fileName = node.getSourceFile().fileName;
  return { file: path.relative(cwd, fileName) || path.basename(fileName), line: lineOf(node) };
}

/** `line 12` in the file being reported, `repositories/notes.ts:9` in another. */
export function whereText(location: { file: string; line: number }, reportFile: string, cwd: string): string {
  const here = path.relative(cwd, reportFile) || path.basename(reportFile);
  return location.file === here ? `line ${location.line}` : `${location.file}:${location.line}`;
}

/**
 * One readable line: `` `req.params.id` (line 12) → `id` (line 14) → Key.userId (line 20) ``, with
 * the file named only for hops outside the file being reported. `parseFlow` (src/flow-text.ts)
 * reads it back.
 */
export function formatFlow(locations: readonly FlowLocation[], reportFile: string, cwd: string): string {
  const parts: string[] = [];
  for (const location of locations) {
    const part = `${location.label} (${whereText(location, reportFile, cwd)})`;
    if (parts[parts.length - 1] !== part) parts.push(part);
  }
  return parts.join(' → ');
}
