import type { PositionFinding } from '../queries/findings.js';

/**
 * The message data of a key or value finding. `steps` carries the flow as JSON (source, hops,
 * sink, each with file and line) for formatters that show it as a code flow.
 */
export function positionFindingData(finding: PositionFinding): Record<string, string> {
  return {
    flow: finding.flowText,
    source: finding.source.label,
    sourceType: finding.source.sourceType,
    position: finding.position.label,
    api: finding.fact.site.api,
    steps: JSON.stringify(finding.flow),
  };
}
