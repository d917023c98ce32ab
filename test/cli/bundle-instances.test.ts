/**
 * The bundle's CommonJS chunks, as the bin loads them (bin/code-cache.js): the screen
 * (render-tui.cjs) is CommonJS too, with no top-level await left (bin/bundle.mjs patches yoga's and
 * Ink's), and requires the very chunks the CLI loaded, so the CLI and the screen share one
 * frame-governor registry, one store module.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const exec = promisify(execFile);
const root = fileURLToPath(new URL('../../', import.meta.url));
const bundle = `${root}dist/bundle`;

/** The bundle files that define `text` (a module's own function). */
function definedIn(text: string): string[] {
  return readdirSync(bundle).filter((name) => readFileSync(join(bundle, name), 'utf8').includes(text));
}

describe.skipIf(!existsSync(`${bundle}/main.cjs`))('the bundle', () => {
  it("the screen is CommonJS and shares the CLI's chunks: one frame-governor registry, one store", async () => {
    const governor = definedIn('function reportFrameCost(');
    const store = definedIn('function createPolybookStore(');
    expect(governor).toHaveLength(1);
    expect(store).toHaveLength(1);
    const watchRun = readdirSync(bundle).find((name) => name.startsWith('watch-run-'))!;
    const cache = mkdtempSync(join(tmpdir(), 'polybook-cache-'));
    const script = `
      process.env.NODE_ENV = 'production';
      const { useCodeCache } = require(${JSON.stringify(`${root}bin/code-cache.js`)});
      useCodeCache(${JSON.stringify(bundle)}, ${JSON.stringify(cache)});
      const at = (name) => require('node:path').join(${JSON.stringify(bundle)}, name);
      require(at('main.cjs'));
      require(at(${JSON.stringify(watchRun)}));
      const screen = require(at('render-tui.cjs'));
      /** Every module reachable from the file's module, by file name. */
      const reach = (file, seen = new Map()) => {
        const m = require.cache[file];
        if (!m || seen.has(file)) return seen;
        seen.set(file, m);
        for (const child of m.children) reach(child.filename, seen);
        return seen;
      };
      const fromCli = reach(at(${JSON.stringify(watchRun)}));
      const fromScreen = reach(at('render-tui.cjs'));
      const shared = (name) => fromCli.get(at(name)) !== undefined && fromCli.get(at(name)) === fromScreen.get(at(name));
      console.log(JSON.stringify({
        exports: Object.keys(screen).sort(),
        governor: shared(${JSON.stringify(governor[0])}),
        store: shared(${JSON.stringify(store[0])}),
        esm: Object.keys(require.cache).filter((f) => f.startsWith(${JSON.stringify(bundle)}) && !f.endsWith('.cjs')),
      }));`;
    const { stdout } = await exec(process.execPath, ['-e', script]);
    expect(JSON.parse(stdout)).toEqual({
      exports: ['inkOptions', 'renderOrders', 'renderTui', 'renderTuiOn'],
      governor: true,
      store: true,
      esm: [],
    });
    // The code cache covers the screen too: its cache was written at exit.
    expect(readdirSync(cache).length).toBeGreaterThan(3);
  });

  it("the screen's bundle holds React's production build only, and Ink's text caches bounded (bin/bundle.mjs)", () => {
    const screen = readFileSync(`${bundle}/render-tui.cjs`, 'utf8');
    expect(screen).not.toMatch(/react\.development|react-reconciler\.development/);
    // yoga's WebAssembly is compiled and instantiated synchronously (no top-level await).
    expect(screen).toContain('new WebAssembly.Instance(new WebAssembly.Module(wa()), d)');
    expect(screen).toContain('throw new Error("yoga: its WebAssembly did not load synchronously")');
    expect(screen).toContain('cache.size >= 2e3) cache.clear()');
    expect(screen).toMatch(/if \(\+\+cached > 2e3\)/);
  });
});
