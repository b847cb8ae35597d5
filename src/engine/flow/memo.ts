import type ts from 'typescript';
import type { Taint } from '../taint.js';
import type { CallOverlay } from './path.js';

/**
 * Memoised answers per node and path. An answer that never went through a call is the same under
 * every overlay and is shared; one that did is kept in the layer of the overlay it was computed with.
 */
export class LayeredMemo {
  private readonly shared = new Map<ts.Node, Map<string, Taint>>();
  private readonly layers = new Map<CallOverlay | undefined, Map<ts.Node, Map<string, Taint>>>();

  get(
    node: ts.Node,
    key: string,
    overlay: CallOverlay | undefined,
  ): { taint: Taint; throughCall: boolean } | undefined {
    const shared = this.shared.get(node)?.get(key);
    if (shared) return { taint: shared, throughCall: false };
    const layered = this.layers.get(overlay)?.get(node)?.get(key);
    return layered && { taint: layered, throughCall: true };
  }

  set(node: ts.Node, key: string, overlay: CallOverlay | undefined, taint: Taint, throughCall: boolean): void {
    let byNode = throughCall ? this.layers.get(overlay) : this.shared;
    if (!byNode) this.layers.set(overlay, (byNode = new Map<ts.Node, Map<string, Taint>>()));
    let byPath = byNode.get(node);
    if (!byPath) byNode.set(node, (byPath = new Map<string, Taint>()));
    byPath.set(key, taint);
  }
}
