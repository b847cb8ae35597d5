import path from 'node:path';
import type * as ts from 'typescript';
import { lineOf } from './ast.js';
import type { Step } from './taint.js';

/** A hop as shown to users and formatters: where it is, relative to the working directory. */
export interface FlowLocation {
  readonly label: string;
  readonly file: string;
  readonly line: number;
}

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
 * the file named only for hops outside the file being reported.
 */
export function formatFlow(locations: readonly FlowLocation[], reportFile: string, cwd: string): string {
  const parts: string[] = [];
  for (const location of locations) {
    const part = `${location.label} (${whereText(location, reportFile, cwd)})`;
    if (parts[parts.length - 1] !== part) parts.push(part);
  }
  return parts.join(' → ');
}

// One hop as `formatFlow` writes it: `label (line N)` or `label (file:N)`, then ` → ` or the end of the flow.
const HOP = /^(.+?) \((?:line (\d+)|(.+?):(\d+))\)(?= → |: |$)/;

/**
 * The inverse of `formatFlow`: the hops at the start of a message. ESLint keeps only the message
 * text of a report (not its `data`), in lint results, its cache and worker threads alike, so this is
 * how formatters recover the flow. Returns `[]` when the message does not start with a flow.
 */
export function parseFlow(message: string, reportFile: string, cwd: string): FlowLocation[] {
  const here = path.relative(cwd, reportFile) || path.basename(reportFile);
  const out: FlowLocation[] = [];
  let rest = message;
  for (;;) {
    const match = HOP.exec(rest);
    if (!match) return out;
    const [whole, label, line, file, fileLine] = match;
    out.push({ label: label!, file: file ?? here, line: Number(line ?? fileLine) });
    rest = rest.slice(whole.length);
    if (!rest.startsWith(' → ')) return out;
    rest = rest.slice(' → '.length);
  }
}
