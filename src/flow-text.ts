/**
 * Reading the flow back from a report message, for formatters. The rules start each message with
 * the flow that `formatFlow` (src/engine/report.ts) writes: `` `req.params.id` (line 12) → `id`
 * (line 14) → Key.userId (repo.ts:20): … ``. ESLint keeps only the message text of a report (not
 * its `data`), in lint results, its cache and worker threads alike, so this is how formatters
 * recover the flow. It lives outside the engine so that formatters load without TypeScript;
 * `tests/sarif.test.ts` checks that it reads what `formatFlow` writes.
 */
import path from 'node:path';

/** A hop as shown to users and formatters: where it is, relative to the working directory. */
export interface FlowLocation {
  readonly label: string;
  readonly file: string;
  readonly line: number;
}

// One hop: `label (line N)` or `label (file:N)`, then ` → `, `: ` or the end of the message.
const HOP = /^(.+?) \((?:line (\d+)|(.+?):(\d+))\)(?= → |: |$)/;

/** The hops at the start of a message and the rest of it; no hops when it does not start with a flow. */
export function splitFlow(
  message: string,
  reportFile: string,
  cwd: string,
): { readonly flow: FlowLocation[]; readonly rest: string } {
  const here = path.relative(cwd, reportFile) || path.basename(reportFile);
  const flow: FlowLocation[] = [];
  let rest = message;
  for (;;) {
    const match = HOP.exec(rest);
    if (!match) break;
    const [whole, label, line, file, fileLine] = match;
    flow.push({ label: label!, file: file ?? here, line: Number(line ?? fileLine) });
    rest = rest.slice(whole.length);
    if (!rest.startsWith(' → ')) break;
    rest = rest.slice(' → '.length);
  }
  if (flow.length === 0) return { flow, rest: message };
  return { flow, rest: rest.replace(/^: /, '') };
}

/** The hops at the start of a message; `[]` when it does not start with a flow. */
export function parseFlow(message: string, reportFile: string, cwd: string): FlowLocation[] {
  return splitFlow(message, reportFile, cwd).flow;
}
