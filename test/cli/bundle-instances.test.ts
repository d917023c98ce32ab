/**
 * The bundle's CommonJS chunks, as the bin loads them (bin/code-cache.js), are the instances an ES
 * module import of the same files gets: the screen (render-tui.js) imports them, so the CLI and
 * the screen share one frame-governor registry, one store module.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const exec = promisify(execFile);
const root = fileURLToPath(new URL('../../', import.meta.url));
const bundle = `${root}dist/bundle`;

describe.skipIf(!existsSync(`${bundle}/main.cjs`))('the bundle', () => {
  it('an ES module import of a chunk the CLI loaded gets the same instance', async () => {
    const cache = mkdtempSync(join(tmpdir(), 'polybook-cache-'));
    const script = `
      const { useCodeCache } = require(${JSON.stringify(`${root}bin/code-cache.js`)});
      const { pathToFileURL } = require('node:url');
      useCodeCache(${JSON.stringify(bundle)}, ${JSON.stringify(cache)});
      require(${JSON.stringify(`${bundle}/main.cjs`)});
      (async () => {
        const files = Object.keys(require.cache).filter((f) => f.endsWith('.cjs'));
        let same = 0;
        for (const file of files) if ((await import(pathToFileURL(file).href)).default === require.cache[file].exports) same++;
        console.log(JSON.stringify({ files: files.length, same }));
      })();`;
    const { stdout } = await exec(process.execPath, ['-e', script]);
    const { files, same } = JSON.parse(stdout) as { files: number; same: number };
    expect(files).toBeGreaterThan(3);
    expect(same).toBe(files);
  });

  it("the screen's bundle holds React's production build only, and Ink's text caches bounded (bin/bundle.mjs)", () => {
    const screen = readFileSync(`${bundle}/render-tui.js`, 'utf8');
    expect(screen).not.toMatch(/react\.development|react-reconciler\.development/);
    expect(screen).toContain('cache.size >= 2e3) cache.clear()');
    expect(screen).toMatch(/if \(\+\+cached > 2e3\)/);
  });
});
