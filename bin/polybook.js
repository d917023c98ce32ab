#!/usr/bin/env node
// React runs ~5x faster in production mode (../shared/TOOLCHAIN.md); set it before anything loads.
process.env.NODE_ENV ??= 'production';
import { statSync } from 'node:fs';

// `npm run build` compiles to dist/ and bundles the CLI and the screen into dist/bundle/ (a few
// files to load instead of ~200: bin/bundle.mjs). A bundle older than the compiled code (a bare
// `tsc` since) is not used: the compiled modules run as they are.
const mtime = (path) => statSync(new URL(path, import.meta.url), { throwIfNoEntry: false })?.mtimeMs ?? -1;
const bundled = mtime('../dist/bundle/main.js') >= mtime('../dist/src/cli/main.js');
const { main } = await import(bundled ? '../dist/bundle/main.js' : '../dist/src/cli/main.js');
// The terminal UI lives in components/ and is handed to the CLI, so src/ never imports React.
// It is loaded only when a command draws a screen: pipe mode and `replay -o json` skip Ink.
const ui = () => import(bundled ? '../dist/bundle/render-tui.js' : '../dist/components/render-tui.js');
await main({
  renderTui: async (request) => (await ui()).renderTui(request),
  renderOrders: async (request) => {
    const module = await ui();
    return (module.renderOrders ?? module.renderTui)(request);
  },
});
