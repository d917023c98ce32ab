#!/usr/bin/env node
/**
 * Bundles the compiled CLI (dist/src/cli/main.js) and the screen (dist/components/render-tui.js)
 * into dist/bundle/ with esbuild: a handful of files to load instead of ~2,000 (Ink alone pulls in
 * over a thousand es-toolkit modules), which is most of the start-up and of the time to the first
 * painted book (README, "Performance"). Commands stay lazily loaded (code splitting). The library
 * (`polybook`, `polybook/sim`) is dist/src itself, unbundled.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { build } from 'esbuild';

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

await build({
  entryPoints: { main: 'dist/src/cli/main.js', 'render-tui': 'dist/components/render-tui.js' },
  outdir: 'dist/bundle',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  // Loaded from node_modules as they are: the Blake3 wasm beside its loader, pino's worker
  // transport, ws's optional native add-ons; React's devtools are never installed.
  external: ['blake3-wasm', 'pino', 'ws', 'react-devtools-core'],
  plugins: [inkInternals],
  // React runs in production mode (the bin sets NODE_ENV before anything loads).
  // Bundled CommonJS (commander, React) calls require() for Node's own modules.
  banner: { js: "import { createRequire as __polybookRequire } from 'node:module'; const require = __polybookRequire(import.meta.url);" },
  logLevel: 'warning',
});
