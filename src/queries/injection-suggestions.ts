import type { InjectionPosition } from '../engine/dynamodb/injection.js';
import type { SinkSite } from '../engine/dynamodb/sites.js';
import type { Taint } from '../engine/taint.js';
import type { Tracer } from '../engine/tracer.js';

/** A text edit, in the linted file's offsets. */
export interface Edit {
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

export interface Suggestion {
  readonly messageId: 'bindExpressionValues' | 'bindStatementParameters';
  readonly edits: readonly Edit[];
}

export function bindingSuggestions(tracer: Tracer, position: InjectionPosition, site: SinkSite, carries: (taint: Taint) => boolean): Suggestion[] {
  void tracer; void position; void site; void carries;
  return [];
}
