/**
 * The defects an attacker found, through the real bin where they were seen: prototype-key ids in
 * pipe mode, escape sequences in labels on stderr, a tmux status line and the screen (a real
 * tmux: the pane title must not change).
 */
import { execFile, spawn } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { isSafeText } from '../../src/protocol/sanitize.js';
import { startHostileVenue, TOKEN, type HostileVenue } from '../helpers/hostile-venue.js';
import { until } from '../helpers/stub-venue.js';
import { hasTmux, killServer, startPane, waitForScreen } from '../helpers/tmux.js';

const BIN = new URL('../../bin/polybook.js', import.meta.url).pathname;
const run = promisify(execFile);
const ENV = { ...process.env, POLYBOOK_CONFIG: '/nonexistent/config.json' };
let venue: HostileVenue | null = null;
afterEach(async () => {
  await venue?.close();
  venue = null;
});
afterAll(() => killServer());

describe('hostile servers, through the bin', () => {
  it('watch --format ndjson: "__proto__", "constructor" and escape sequences never crash it or reach stdout', async () => {
    venue = await startHostileVenue('nasty');
    const child = spawn(process.execPath, [BIN, 'watch', TOKEN, '--format', 'ndjson', '--url', venue.ws, '--no-rest-sync', '--log-level', 'silent'], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: ENV,
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    await until(() => out.includes('"type":"book"'), 5000, 'a book line');
    await new Promise((r) => setTimeout(r, 400));
    child.kill('SIGINT');
    expect(await exited).toBe(0);
    expect(err).toBe('');
    for (const line of out.trim().split('\n')) {
      expect(isSafeText(line), line.slice(0, 200)).toBe(true);
      expect(JSON.parse(line).asset_id ?? TOKEN).toBe(TOKEN);
    }
  });

  it('status: labels cannot restyle a tmux bar (# doubled) nor carry escapes', async () => {
    venue = await startHostileVenue('nasty');
    const { stdout } = await run(process.execPath, [BIN, 'status', 'nasty-market', '--rest', venue.rest, '--gamma', venue.gamma], { env: ENV });
    expect(stdout).toBe('Yes]0;pwned[2J[31m ##[fg=red]##(touch /tmp/pwned) 0.4/0.6 last 0.500 spr 0.2 ✗\n');
  });

  it('a hostile condition id from Gamma is not an id: the error line on stderr is clean', async () => {
    venue = await startHostileVenue('nasty');
    const failed = await run(process.execPath, [BIN, 'watch', 'hostile-id', '--rest', venue.rest, '--gamma', venue.gamma], { env: ENV }).catch(
      (e: { code: number; stderr: string }) => e,
    );
    expect(failed).toMatchObject({ code: 2 });
    const stderr = (failed as { stderr: string }).stderr;
    expect(stderr.split('\n')).toHaveLength(2);
    expect(stderr.startsWith('polybook: no market matches "hostile-id"')).toBe(true);
    expect(isSafeText(stderr.trimEnd())).toBe(true);
  });

  it.skipIf(!hasTmux())('the screen in tmux: hostile labels and ids do not retitle the pane or paint it', async () => {
    venue = await startHostileVenue('nasty');
    const pane = startPane(
      'hostile',
      120,
      40,
      `"${process.execPath}" "${BIN}" watch nasty-market --url ${venue.ws} --rest ${venue.rest} --gamma ${venue.gamma} --log-level silent`,
    );
    try {
      const before = pane.title();
      const screen = await waitForScreen(pane, (text) => text.includes('Yes') && text.includes('0.40'), 10_000, 'the ladder');
      expect(screen).toContain('Will it ]0;pwned');
      expect(pane.title()).toBe(before);
      expect(pane.title()).not.toContain('pwned');
      pane.keys('q');
      await waitForScreen(pane, (text) => text.includes('EXITED:0'), 5000, 'a clean exit');
    } finally {
      pane.kill();
    }
  });
});
