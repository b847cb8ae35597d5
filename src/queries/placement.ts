import type ts from 'typescript';
import { enclosingFunction, isWithin } from '../engine/ast.js';
import type { KeyPosition } from '../engine/dynamodb/access.js';
import type { SourceOrigin } from '../engine/taint.js';

/**
 * Where a finding is reported (ARCHITECTURE.md): in the function that reads the request value. If the
 * input literal is written there, on the innermost tainted value inside it; otherwise on the
 * argument through which the value left that function toward the sink.
 */
export function placeReport(position: Pick<KeyPosition, 'nodes'>, source: SourceOrigin): ts.Node {
  const reader = enclosingFunction(source.node);
  for (let i = position.nodes.length - 1; i >= 0; i--) {
    const node = position.nodes[i]!;
    if (isWithin(node, reader)) return node;
  }
  return source.exitArg ?? position.nodes[position.nodes.length - 1]!;
}
