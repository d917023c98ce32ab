/**
 * Ink's internal modules that the screen patches (ink-output-cache.ts: Output's caches;
 * terminal.ts: the instances map). Ink's package exports only its entry, so they are loaded
 * from its build beside that entry. The bundled bin (bin/bundle.mjs) swaps this module for
 * static imports of the same files, so the patched modules are the ones the bundled Ink runs.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';

export type InkInternal = 'output.js' | 'instances.js';

export async function inkInternal(name: InkInternal): Promise<{ default?: unknown }> {
  const entry = createRequire(import.meta.url).resolve('ink');
  return (await import(pathToFileURL(join(dirname(entry), name)).href)) as { default?: unknown };
}
