import path from 'node:path';
import { lineOf } from './ast.js';
import type { Step } from './taint.js';

/** A hop as shown to users and formatters: where it is, relative to the working directory. */
export interface FlowLocation {
  readonly label: string;
  readonly file: string;
  readonly line: number;
}

export function flowLocations(steps: readonly Step[], sink: Step, cwd: string): FlowLocation[] {
  return [...steps, sink].map((step) => ({
    label: step.label,
    file: path.relative(cwd, step.node.getSourceFile().fileName) || path.basename(step.node.getSourceFile().fileName),
    line: lineOf(step.node),
  }));
}

/**
 * One readable line: `` `req.params.id` (line 12) → `id` (line 14) → Key.userId (line 20) ``, with
 * the file named only for hops outside the file being reported.
 */
export function formatFlow(locations: readonly FlowLocation[], reportFile: string, cwd: string): string {
  const here = path.relative(cwd, reportFile) || path.basename(reportFile);
  const parts: string[] = [];
  for (const location of locations) {
    const where = location.file === here ? `line ${location.line}` : `${location.file}:${location.line}`;
    const part = `${location.label} (${where})`;
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
