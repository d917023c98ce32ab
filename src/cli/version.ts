/**
 * The version `--version` prints: read at run time from the package's own package.json (the
 * nearest one named "polybook" above this module, in src/ or in dist/), never written in code.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The `version` of the nearest package.json named "polybook" at or above `dir`; null when none. */
export function packageVersion(dir: string = dirname(fileURLToPath(import.meta.url))): string | null {
  for (let at = dir; ; at = dirname(at)) {
    try {
      const body = JSON.parse(readFileSync(join(at, 'package.json'), 'utf8')) as { name?: unknown; version?: unknown };
      if (body.name === 'polybook' && typeof body.version === 'string') return body.version;
    } catch {
      // No (readable, JSON) package.json here: look one level up.
    }
    if (dirname(at) === at) return null;
  }
}
