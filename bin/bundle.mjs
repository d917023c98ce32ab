#!/usr/bin/env node
/**
 * Bundles the compiled CLI (dist/src/cli/main.js) and the screen (dist/components/render-tui.js)
 * into dist/bundle/ with esbuild: two files to load instead of ~2,000 (Ink alone pulls in over a
 * thousand es-toolkit modules), which is most of the start-up and of the time to the first painted
 * book (README, "Performance"). Commands stay lazily run (code splitting: each command's modules
 * are a function in cli.cjs, run when it is chosen). The library (`polybook`, `polybook/sim`) is
 * dist/src itself, unbundled.
 *
 * Every file, the screen's too, is then turned into CommonJS (`.cjs`): Node 20 loads a CommonJS
 * file synchronously, without the ES module loader's per-module resolve/link/evaluate jobs (and,
 * for an ES module importing CommonJS, without parsing each chunk for its export names), which
 * were most of a short command's own start-up (`replay -o json`, issue #10); and bin/code-cache.js
 * compiles CommonJS files with a V8 code cache. The screen could be CommonJS once its top-level
 * awaits were gone (yoga's WebAssembly, Ink's DEV-only imports: the patches below). The CLI and
 * the screen require the same chunks, so they share one instance of every module (the frame
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
 * URL, through fetch() when fetch exists, and instantiates it asynchronously, which yoga's entry
 * awaits at the top level. A top-level await keeps the screen an ES module, compiled from source at
 * every start (no code cache) and linked through the ES module loader. In the bundle the bytes are
 * decoded by Buffer (rather than by atob and a character loop: Node 20's atob is JavaScript too)
 * and the module is compiled and instantiated synchronously (`new WebAssembly.Module/Instance`,
 * Emscripten's own instantiation callback then runs at once, as does its start-up), so yoga's entry
 * takes the ready module without awaiting it. The same bytes and the same module either way. The
 * build fails if a yoga update changes those lines: the screen could not be CommonJS.
 */
const YOGA_BINARY_PATCHES = [
  [
    'var b=xa(a.slice(37)),c=new Uint8Array(b.length);for(a=0;a<b.length;++a)c[a]=b.charCodeAt(a);var d=c',
    'var d=new Uint8Array(Buffer.from(a.slice(37),"base64"))',
  ],
  [
    /\(function\(\)\{return w\|\|"function"!=typeof WebAssembly\.instantiateStreaming\|\|ua\(H\)\|\|"function"!=typeof fetch\?c\(b\):fetch\(H,[\s\S]*?\}\)\}\)\(\)\.catch\(ca\);return\{\}/,
    'a(new WebAssembly.Instance(new WebAssembly.Module(wa()),d));return{}',
  ],
];
const YOGA_ENTRY_PATCHES = [
  [
    'const Yoga = wrapAssembly(await loadYoga());',
    [
      '// polybook (bin/bundle.mjs): instantiated synchronously, so `module` is ready when loadYoga returns.',
      'const module = {};',
      'loadYoga(module);',
      "if (module.calledRun !== true) throw new Error('yoga: its WebAssembly did not load synchronously');",
      'const Yoga = wrapAssembly(module);',
    ].join('\n'),
  ],
];

/**
 * Applies `patches` to `text`: [string, replacement] replaced literally, [RegExp, replacement] with
 * its `$1`; throws naming `path` if one no longer matches.
 */
function patched(text, patches, path, why) {
  return patches.reduce((code, [from, to]) => {
    const found = typeof from === 'string' ? code.includes(from) : from.test(code);
    if (!found) throw new Error(`bundle: ${path} changed; ${why}`);
    return typeof from === 'string' ? code.replace(from, () => to) : code.replace(from, to);
  }, text);
}

const yogaSynchronous = {
  name: 'yoga-synchronous',
  setup(b) {
    b.onLoad({ filter: /[\\/]yoga-layout[\\/]dist[\\/]binaries[\\/]yoga-wasm-base64-esm\.js$/ }, async (args) => ({
      contents: patched(await readFile(args.path, 'utf8'), YOGA_BINARY_PATCHES, args.path, 'its synchronous wasm patch no longer applies'),
      loader: 'js',
    }));
    b.onLoad({ filter: /[\\/]yoga-layout[\\/]dist[\\/]src[\\/]index\.js$/ }, async (args) => ({
      contents: patched(await readFile(args.path, 'utf8'), YOGA_ENTRY_PATCHES, args.path, 'its synchronous load patch no longer applies'),
      loader: 'js',
    }));
  },
};

/**
 * Ink's reconciler awaits two imports at the top level when `DEV=true` (React devtools, its own
 * package.json); dead code in polybook's runs, but a top-level await all the same. In the bundle
 * the devtools are imported without being awaited (with the same handling of a failure) and the
 * package.json is read synchronously.
 */
const INK_RECONCILER_PATCHES = [
  [
    /if \(isDev\(\)\) \{\n {4}try \{\n {8}await import\('\.\/devtools\.js'\);\n {4}\}\n {4}catch \(error\) \{\n([\s\S]*?)\n {4}\}\n\}\n/,
    "if (isDev()) {\n    import('./devtools.js').catch((error) => {\n$1\n    });\n}\n",
  ],
  [
    /const packageJson = isDev\(\)\n {4}\? await loadPackageJson\(\)\n/,
    "const packageJson = isDev()\n    ? JSON.parse(process.getBuiltinModule('node:fs').readFileSync(new URL('../package.json', import.meta.url), 'utf8'))\n",
  ],
];
const inkWithoutTopLevelAwait = {
  name: 'ink-without-top-level-await',
  setup(b) {
    b.onLoad({ filter: /[\\/]ink[\\/]build[\\/]reconciler\.js$/ }, async (args) => ({
      contents: patched(await readFile(args.path, 'utf8'), INK_RECONCILER_PATCHES, args.path, 'its top-level await patch no longer applies'),
      loader: 'js',
    }));
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
  plugins: [inkInternals, lazyChildProcess, yogaSynchronous, inkWithoutTopLevelAwait, inkBoundedCaches],
  // React runs in production mode (the bin sets NODE_ENV before anything loads), so only its
  // production build is bundled: the development one was ~45 % of the screen's code to compile.
  define: { 'process.env.NODE_ENV': '"production"' },
  banner: { js: ESM_BANNER },
  logLevel: 'warning',
});

rmSync(OUT, { recursive: true, force: true });
mkdirSync(OUT, { recursive: true });
/** Each output file as CommonJS, by name. */
const files = new Map();
for (const file of result.outputFiles) {
  const name = basename(file.path);
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
  files.set(name, cjs.code.endsWith('\n') ? cjs.code : `${cjs.code}\n`);
}

/**
 * The CLI's files (its entry, every command, every chunk it shares with the screen) go into one
 * file, cli.cjs: each is a function there, run on its first require, as Node would run the file.
 * A short command loaded ~20 of them, and each file cost a resolve, two reads and a compile of its
 * own (~5 ms of `replay -o json`'s start, issue #10). The screen (render-tui.cjs, most of the
 * bundle's bytes) stays a file of its own, loaded only when a command draws; it requires the
 * chunks it shares with the CLI from cli.cjs, so both run one instance of each.
 */
const SCREEN = 'render-tui.cjs';
const cliNames = [...files.keys()].filter((name) => name !== SCREEN);
const chunkRequire = /\brequire\("\.\/([\w.-]+\.cjs)"\)/g;
const cli = [
  "// polybook (bin/bundle.mjs): the CLI's CommonJS files, each as the function Node would wrap it in.",
  'const __polybookOuterRequire = require;',
  'const __polybookFiles = {',
  ...cliNames.map((name) => `${JSON.stringify(name)}: function (exports, require, module, __filename, __dirname) {\n${files.get(name)}},`),
  '};',
  'const __polybookLoaded = Object.create(null);',
  '/** The exports of one of the files above, running it on first use (as require would). */',
  'function load(name) {',
  '  const loaded = __polybookLoaded[name];',
  '  if (loaded !== undefined) return loaded.exports;',
  "  if (!Object.hasOwn(__polybookFiles, name)) throw new Error('polybook bundle: no file ' + name);",
  '  const m = { exports: {} };',
  '  __polybookLoaded[name] = m;',
  '  __polybookFiles[name].call(m.exports, m.exports, requireFromBundle, m, __filename, __dirname);',
  '  return m.exports;',
  '}',
  'function requireFromBundle(id) {',
  "  return id.startsWith('./') && Object.hasOwn(__polybookFiles, id.slice(2)) ? load(id.slice(2)) : __polybookOuterRequire(id);",
  '}',
  'requireFromBundle.resolve = __polybookOuterRequire.resolve;',
  'requireFromBundle.cache = __polybookOuterRequire.cache;',
  'module.exports = { load };',
  '',
].join('\n');
const screen = files
  .get(SCREEN)
  .replace(chunkRequire, (whole, name) => (cliNames.includes(name) ? `require("./cli.cjs").load(${JSON.stringify(name)})` : whole));
const strays = [...screen.matchAll(chunkRequire)].filter(([, name]) => name !== 'cli.cjs');
if (strays.length > 0) throw new Error(`bundle: render-tui.cjs requires ${strays[0][1]}, which is not in cli.cjs`);

// The hash names each file's V8 code cache (bin/code-cache.js): a changed file never meets an old cache.
for (const [name, code] of [
  ['cli.cjs', cli],
  [SCREEN, screen],
]) {
  writeFileSync(join(OUT, name), `${code}// polybook-bundle-hash: ${createHash('sha256').update(code).digest('hex').slice(0, 32)}\n`);
}
