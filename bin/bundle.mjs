#!/usr/bin/env node
/**
 * Bundles the compiled CLI (dist/src/cli/main.js) and the screen (dist/components/render-tui.js)
 * into dist/bundle/ with esbuild: a handful of files to load instead of ~2,000 (Ink alone pulls in
 * over a thousand es-toolkit modules), which is most of the start-up and of the time to the first
 * painted book (README, "Performance"). Commands stay lazily loaded (code splitting). The library
 * (`polybook`, `polybook/sim`) is dist/src itself, unbundled.
 *
 * Every file but the screen is then turned into CommonJS (`.cjs`): Node 20 loads a CommonJS file
 * synchronously, without the ES module loader's per-module resolve/link/evaluate jobs, which were
 * most of a short command's own start-up (`replay -o json`, issue #10). The screen stays an ES
 * module (Ink's layout engine, yoga, awaits its WebAssembly at the top level) and imports the same
 * `.cjs` chunks, so the CLI and the screen still share one instance of every module (the frame
 * governor's registry, the store).
 */
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { build, transform } from 'esbuild';

const OUT = 'dist/bundle';
const inkBuild = dirname(createRequire(import.meta.url).resolve('ink'));

/**
 * components/ink-internals.js loads Ink's Output and instances modules from its build at run time;
 * in the bundle they must be the modules the bundled Ink runs, so they are imported statically by
 * their file paths (the same paths Ink's own relative imports resolve to).
 */
const inkInternals = {
  name: 'ink-internals',
  setup(b) {
    b.onResolve({ filter: /\/ink-internals\.js$/ }, () => ({ path: 'ink-internals', namespace: 'polybook' }));
    b.onLoad({ filter: /.*/, namespace: 'polybook' }, () => ({
      resolveDir: inkBuild,
      contents: [
        `import * as output from ${JSON.stringify(join(inkBuild, 'output.js'))};`,
        `import * as instances from ${JSON.stringify(join(inkBuild, 'instances.js'))};`,
        `export async function inkInternal(name) { return name === 'output.js' ? output : instances; }`,
      ].join('\n'),
    }));
  },
};

/**
 * commander loads node:child_process at start for executable subcommands, which polybook has none
 * of; it pulls in net, dgram and the stream stack (several ms of every start). Loaded when spawn is
 * first called instead.
 */
const lazyChildProcess = {
  name: 'lazy-child-process',
  setup(b) {
    b.onResolve({ filter: /^(node:)?child_process$/ }, (args) =>
      /[\\/]node_modules[\\/]commander[\\/]/.test(args.importer) ? { path: 'child_process', namespace: 'lazy-child-process' } : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: 'lazy-child-process' }, () => ({
      loader: 'js',
      contents: "module.exports = { spawn: (...args) => require('node:child_process').spawn(...args) };",
    }));
  },
};

/**
 * yoga's Emscripten loader (Ink's layout engine) gets its WebAssembly, embedded as a base64 data
 * URL, through fetch() when fetch exists: on Node that loads undici and percent-decodes 130 KB in
 * JavaScript before the screen can draw. It takes its synchronous branch instead (the one it
 * takes where fetch is missing), with the base64 decoded by Buffer rather than by atob and a
 * character loop (Node 20's atob is JavaScript too). The same bytes either way. Left as it is,
 * with a warning, if a yoga update changes those lines.
 */
const YOGA_PATCHES = [
  ['"function"!=typeof fetch?Promise.resolve().then(function(){return wa()})', '!0?Promise.resolve().then(function(){return wa()})'],
  [
    'var b=xa(a.slice(37)),c=new Uint8Array(b.length);for(a=0;a<b.length;++a)c[a]=b.charCodeAt(a);var d=c',
    'var d=new Uint8Array(Buffer.from(a.slice(37),"base64"))',
  ],
];
const yogaWithoutFetch = {
  name: 'yoga-without-fetch',
  setup(b) {
    b.onLoad({ filter: /[\\/]yoga-layout[\\/]dist[\\/]binaries[\\/]yoga-wasm-base64-esm\.js$/ }, async (args) => {
      const text = await readFile(args.path, 'utf8');
      if (YOGA_PATCHES.some(([from]) => !text.includes(from))) {
        return { contents: text, loader: 'js', warnings: [{ text: 'yoga: its wasm loading changed; it is bundled unpatched' }] };
      }
      return { contents: YOGA_PATCHES.reduce((code, [from, to]) => code.replace(from, to), text), loader: 'js' };
    });
  },
};

/**
 * Ink keeps every text it has measured (measure-text.js) and wrapped (wrap-text.js) in a module-
 * level cache that is never cleared, and the book screen makes new texts every frame (sizes,
 * times): over hours of a session that is hundreds of MB. The caches are pure functions of their
 * keys, so they are bounded here: emptied once they hold CACHE_LIMIT entries (a frame makes tens).
 * The build fails if Ink changes those lines, so an update is looked at rather than leaking again.
 */
const INK_CACHE_LIMIT = 2000;
const INK_CACHE_PATCHES = {
  'measure-text.js': [['    cache.set(text, dimensions);', `    if (cache.size >= ${INK_CACHE_LIMIT}) cache.clear();\n    cache.set(text, dimensions);`]],
  'wrap-text.js': [
    ['const cache = {};', 'let cache = {};\nlet cached = 0;'],
    ['    cache[cacheKey] = wrappedText;', `    if (++cached > ${INK_CACHE_LIMIT}) { cache = {}; cached = 1; }\n    cache[cacheKey] = wrappedText;`],
  ],
};
const inkBoundedCaches = {
  name: 'ink-bounded-caches',
  setup(b) {
    b.onLoad({ filter: /[\\/]ink[\\/]build[\\/](measure-text|wrap-text)\.js$/ }, async (args) => {
      const text = await readFile(args.path, 'utf8');
      const patches = INK_CACHE_PATCHES[basename(args.path)];
      const missing = patches.filter(([from]) => !text.includes(from));
      if (missing.length > 0) throw new Error(`bundle: ${args.path} changed; its unbounded cache patch no longer applies`);
      return { contents: patches.reduce((code, [from, to]) => code.replace(from, to), text), loader: 'js' };
    });
  },
};

// Bundled CommonJS (commander, React) calls require() for Node's own modules: an ES module needs one.
const ESM_BANNER = "import { createRequire as __polybookRequire } from 'node:module'; const require = __polybookRequire(import.meta.url);";

const result = await build({
  entryPoints: { main: 'dist/src/cli/main.js', 'render-tui': 'dist/components/render-tui.js' },
  outdir: OUT,
  // Named .cjs from the start, so the chunks' imports of each other already name the CommonJS files.
  outExtension: { '.js': '.cjs' },
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  write: false,
  // Loaded from node_modules as they are: the Blake3 wasm beside its loader, pino's worker
  // transport, ws's optional native add-ons; React's devtools are never installed.
  external: ['blake3-wasm', 'pino', 'ws', 'react-devtools-core'],
  plugins: [inkInternals, lazyChildProcess, yogaWithoutFetch, inkBoundedCaches],
  // React runs in production mode (the bin sets NODE_ENV before anything loads), so only its
  // production build is bundled: the development one was ~45 % of the screen's code to compile.
  define: { 'process.env.NODE_ENV': '"production"' },
  banner: { js: ESM_BANNER },
  logLevel: 'warning',
});

rmSync(OUT, { recursive: true, force: true });
mkdirSync(OUT, { recursive: true });
for (const file of result.outputFiles) {
  const name = basename(file.path);
  if (name === 'render-tui.cjs') {
    writeFileSync(join(OUT, 'render-tui.js'), file.text);
    continue;
  }
  const esm = file.text.startsWith(ESM_BANNER) ? file.text.slice(ESM_BANNER.length) : file.text;
  const cjs = await transform(esm, {
    format: 'cjs',
    platform: 'node',
    target: 'node20',
    // import('./chunk.cjs') → require: a dynamic import would go through the ES module loader.
    supported: { 'dynamic-import': false },
    // fingerprint.js and version.js locate files beside themselves (only their files get the URL).
    define: { 'import.meta.url': '__polybookUrl' },
    banner: esm.includes('import.meta') ? "const __polybookUrl = require('node:url').pathToFileURL(__filename).href;" : '',
    sourcefile: name,
  });
  // e.g. an import.meta this conversion does not define would be an empty object at run time.
  if (cjs.warnings.length > 0) throw new Error(`bundle: ${name} as CommonJS: ${cjs.warnings.map((w) => w.text).join('; ')}`);
  // The name of its V8 code cache (bin/code-cache.js): a changed file never meets an old cache.
  const code = cjs.code.endsWith('\n') ? cjs.code : `${cjs.code}\n`;
  writeFileSync(join(OUT, name), `${code}// polybook-bundle-hash: ${createHash('sha256').update(code).digest('hex').slice(0, 32)}\n`);
}
