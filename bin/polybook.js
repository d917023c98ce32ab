#!/usr/bin/env node
// React runs ~5x faster in production mode (../shared/TOOLCHAIN.md); set it before anything loads.
process.env.NODE_ENV ??= 'production';
const { main } = await import('../dist/src/cli/main.js');
// The terminal UI lives in components/ and is handed to the CLI, so src/ never imports React.
// It is loaded only when a command draws a screen: pipe mode and `replay -o json` skip Ink.
const ui = () => import('../dist/components/render-tui.js');
await main({
  renderTui: async (request) => (await ui()).renderTui(request),
  renderOrders: async (request) => {
    const module = await ui();
    return (module.renderOrders ?? module.renderTui)(request);
  },
});
