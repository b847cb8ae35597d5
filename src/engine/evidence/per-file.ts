import type ts from 'typescript';

/** A kept value and the stamp (`file-stamps.ts`) of its file when it was computed. */
export interface Stamped<T> {
  readonly stamp: object;
  readonly value: T;
}

/**
 * A per-file, per-configuration value from `cache`, computed on first need. The cache is keyed by
 * the file's `ts.SourceFile`: an editor's next program keeps the objects of the files it did not
 * edit. Invalidation: a kept value is reused only while the file's stamp in the current program
 * (`DynamoAnalysis.stampOf`) is the one it was computed under, that is while the file, every own
 * file it imports transitively, every own declaration, script or augmenting module, and the
 * compiler options are unchanged; otherwise it is computed again and replaces the entry. Not
 * covered: a file's value that depends on files importing it (callers of its functions).
 */
export function perFile<T>(
  cache: WeakMap<ts.SourceFile, Map<string, Stamped<T>>>,
  file: ts.SourceFile,
  key: string,
  stamp: object,
  compute: () => T,
): T {
  let byKey = cache.get(file);
  if (!byKey) cache.set(file, (byKey = new Map<string, Stamped<T>>()));
  const kept = byKey.get(key);
  if (kept?.stamp === stamp) return kept.value;
  const value = compute();
  byKey.set(key, { stamp, value });
  return value;
}
