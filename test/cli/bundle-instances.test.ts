/**
 * The bundle as the bin loads it (bin/bundle.mjs, bin/code-cache.js): the CLI is one CommonJS file,
 * cli.cjs, whose files run on first use; the screen (render-tui.cjs) is CommonJS too, with no
 * top-level await left (bin/bundle.mjs patches yoga's and Ink's), and takes the modules it shares
 * with the CLI from cli.cjs, so the CLI and the screen share one frame-governor registry, one store.
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

describe.skipIf(!existsSync(`${bundle}/cli.cjs`))('the bundle', () => {
  it('is two files: the CLI, every module of it once, and the screen, which takes shared modules from it', () => {
    expect(readdirSync(bundle).sort()).toEqual(['cli.cjs', 'render-tui.cjs']);
    const cli = readFileSync(`${bundle}/cli.cjs`, 'utf8');
    const screen = readFileSync(`${bundle}/render-tui.cjs`, 'utf8');
    for (const own of ['function reportFrameCost(', 'function createPolybookStore(']) {
      expect(cli.split(own)).toHaveLength(2);
      expect(screen).not.toContain(own);
    }
    // Every file of the bundle the screen requires is one of cli.cjs's.
    const required = [...screen.matchAll(/require\("\.\/([\w.-]+)"\)/g)].map((m) => m[1]);
    expect(new Set(required)).toEqual(new Set(['cli.cjs']));
  });

  it("the screen runs on the CLI's module instances: one frame-governor registry, one store", async () => {
    const cli = readFileSync(`${bundle}/cli.cjs`, 'utf8');
    /** The file of cli.cjs that defines `text`. */
    const fileDefining = (text: string) => {
      const files = [...cli.matchAll(/^"([\w.-]+\.cjs)": function \(exports, require, module, __filename, __dirname\) \{$/gm)];
      const at = cli.indexOf(text);
      return files.filter((m) => m.index! < at).at(-1)![1]!;
    };
    const shared = [fileDefining('function reportFrameCost('), fileDefining('function createPolybookStore(')];
    const watchRun = [...cli.matchAll(/^"(watch-run-[\w-]+\.cjs)"/gm)][0]![1]!;
    const cache = mkdtempSync(join(tmpdir(), 'polybook-cache-'));
    const script = `
      process.env.NODE_ENV = 'production';
      const { useCodeCache } = require(${JSON.stringify(`${root}bin/code-cache.js`)});
      useCodeCache(${JSON.stringify(bundle)}, ${JSON.stringify(cache)});
      const at = (name) => require('node:path').join(${JSON.stringify(bundle)}, name);
      const cli = require(at('cli.cjs'));
      const main = cli.load('main.cjs');
      const fromCli = ${JSON.stringify(shared)}.map((name) => cli.load(name));
      cli.load(${JSON.stringify(watchRun)});
      // What the screen takes from cli.cjs, by file name.
      const taken = new Map();
      const load = cli.load;
      cli.load = (name) => {
        const exports = load(name);
        taken.set(name, exports);
        return exports;
      };
      const screen = require(at('render-tui.cjs'));
      // What the screen loaded from cli.cjs is what the CLI's own files see.
      const loaded = Object.keys(require.cache).filter((f) => f.startsWith(${JSON.stringify(bundle)}));
      console.log(JSON.stringify({
        main: typeof main.main,
        exports: Object.keys(screen).sort(),
        loaded: loaded.map((f) => f.slice(${JSON.stringify(bundle)}.length + 1)).sort(),
        again: load('main.cjs') === main,
        shared: ${JSON.stringify(shared)}.map((name, i) => taken.get(name) === fromCli[i]),
      }));`;
    const { stdout } = await exec(process.execPath, ['-e', script]);
    expect(JSON.parse(stdout)).toEqual({
      main: 'function',
      exports: ['inkOptions', 'renderOrders', 'renderTui', 'renderTuiOn'],
      loaded: ['cli.cjs', 'render-tui.cjs'],
      again: true,
      shared: [true, true],
    });
    // The code cache covers both files: their caches were written at exit.
    expect(readdirSync(cache)).toHaveLength(2);
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
