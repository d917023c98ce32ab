#!/usr/bin/env node
// CommonJS (bin/package.json): Node 20 runs a CommonJS entry without starting its ES module loader.
'use strict';
// React runs ~5x faster in production mode (../shared/TOOLCHAIN.md); set it before anything loads.
process.env.NODE_ENV ??= 'production';
const { statSync } = require('node:fs');
const { join } = require('node:path');

/** The commands (program.ts COMMAND_NAMES; a test keeps the two equal): each has its own code cache. */
const COMMANDS = ['replay', 'demo', 'watch', 'markets', 'status', 'orders', 'sim', 'completion'];
/** Which code cache a run uses: its command's, or one for anything else (--help, a typo). */
function cacheVariant(command) {
  return COMMANDS.includes(command) ? command : 'other';
}

// `npm run build` compiles to dist/ and bundles the CLI and the screen into dist/bundle/ (two
// CommonJS files to load instead of ~200: bin/bundle.mjs), compiled with a V8 code cache
// (code-cache.js) kept per command, so each holds what that command runs. A bundle older than the
// compiled code (a bare `tsc` since) is not used: the compiled modules run as they are.
const at = (path) => join(__dirname, path);
const mtime = (path) => statSync(at(path), { throwIfNoEntry: false })?.mtimeMs ?? -1;
const bundled = mtime('../dist/bundle/cli.cjs') >= mtime('../dist/src/cli/main.js');
if (bundled) require('./code-cache.js').useCodeCache(at('../dist/bundle'), undefined, cacheVariant(process.argv[2]));
const cli = bundled ? Promise.resolve(require('../dist/bundle/cli.cjs').load('main.cjs')) : import('../dist/src/cli/main.js');
// The terminal UI lives in components/ and is handed to the CLI, so src/ never imports React.
// It is loaded only when a command draws a screen: pipe mode and `replay -o json` skip Ink. The
// bundled screen is CommonJS too (required, code-cached, sharing the CLI's modules in cli.cjs).
const ui = bundled ? () => Promise.resolve().then(() => require('../dist/bundle/render-tui.cjs')) : () => import('../dist/components/render-tui.js');
cli.then(({ main }) =>
  main({
    renderTui: async (request) => (await ui()).renderTui(request),
    renderOrders: async (request) => {
      const module = await ui();
      return (module.renderOrders ?? module.renderTui)(request);
    },
    screenLoaded: async () => {
      await ui();
    },
  }),
);
