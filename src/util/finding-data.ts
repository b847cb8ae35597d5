/** What a rule reports of a key or value finding: the fields of a query's finding its messages read. */
export interface PositionFindingText {
  readonly flowText: string;
  readonly source: { readonly sourceType: string };
  readonly position: { readonly label: string };
  readonly flow: readonly unknown[];
}

/**
 * The message data of a key or value finding. `steps` carries the flow as JSON (source, hops,
 * sink, each with file and line) for formatters and tests that show it as a code flow.
 */
export function positionFindingData(finding: PositionFindingText): Record<string, string> {
  return {
    flow: finding.flowText,
    sourceType: finding.source.sourceType,
    position: finding.position.label,
    steps: JSON.stringify(finding.flow),
  };
}
