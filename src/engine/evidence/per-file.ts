import type ts from 'typescript';

/**
 * A per-file, per-configuration value from `cache`, computed on first need. The cache is keyed by
 * the file's `ts.SourceFile`: an editor's next program keeps the objects of the files it did not
 * edit, so their values are reused, and a changed file gets a new object and a new value.
 */
export function perFile<T>(
  cache: WeakMap<ts.SourceFile, Map<string, T>>,
  file: ts.SourceFile,
  key: string,
  compute: () => T,
): T {
  let byKey = cache.get(file);
  if (!byKey) cache.set(file, (byKey = new Map<string, T>()));
  if (!byKey.has(key)) byKey.set(key, compute());
  return byKey.get(key)!;
}
