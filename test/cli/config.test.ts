/** The config file: defaults and the watchlist apply; a broken file is one clear line, exit 2. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/cli/config.js';
import { cli } from '../helpers/cli.js';

function configFile(body: string): string {
  const file = join(mkdtempSync(join(tmpdir(), 'polybook-config-')), 'config.json');
  writeFileSync(file, body);
  return file;
}

afterEach(() => {
  delete process.env.POLYBOOK_CONFIG;
});

describe('config file', () => {
  it('reads URLs, depth, fps, theme and a watchlist', () => {
    const file = configFile('{"url":"ws://127.0.0.1:1/ws/market","depth":7,"fps":12,"theme":"no-color","watchlist":["btc-updown-5m-1784449200"]}');
    expect(loadConfig(file)).toEqual({ url: 'ws://127.0.0.1:1/ws/market', depth: 7, fps: 12, theme: 'no-color', watchlist: ['btc-updown-5m-1784449200'] });
  });

  it('theme: default (or color), no-color, or cb, the colour-blind-safe palette', async () => {
    for (const theme of ['default', 'color', 'no-color', 'cb']) expect(loadConfig(configFile(`{"theme":"${theme}"}`))).toEqual({ theme });
    const { screenOptions } = await import('../../src/cli/screen-options.js');
    expect(screenOptions({}, { theme: 'cb' })).toEqual({ altScreen: true, theme: 'cb' });
    expect(screenOptions({ altScreen: false }, { theme: 'color' })).toEqual({ altScreen: false, theme: 'default' });
    expect(screenOptions({}, {})).toEqual({ altScreen: true });
  });

  it('a missing file is an empty config', () => {
    expect(loadConfig('/nonexistent/polybook/config.json')).toEqual({});
  });

  it.each([
    ['{"depth": 7,', /not valid JSON/],
    ['[1,2]', /must be a JSON object/],
    ['{"colour": "red"}', /unknown key "colour"/],
    ['{"depth": "deep"}', /"depth" must be a whole number from 1 to 200/],
    ['{"url": "http://x"}', /"url" must be a ws:\/\/ or wss:\/\/ URL/],
    ['{"watchlist": "btc"}', /"watchlist" must be an array/],
    ['{"theme": "solarized"}', /"theme" must be "default", "no-color" or "cb"/],
  ])('broken %s: one line naming the file, exit 2', async (body, problem) => {
    const file = configFile(body);
    process.env.POLYBOOK_CONFIG = file;
    const { code, err, out } = await cli(['watch', '123', '--format', 'ndjson']);
    expect(code).toBe(2);
    expect(out).toBe('');
    expect(err).toMatch(new RegExp(`^polybook: config file ${file.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}: `));
    expect(err).toMatch(problem);
    expect(err.trim().split('\n')).toHaveLength(1);
  });

  it('watch with no argument and no watchlist says what to do', async () => {
    process.env.POLYBOOK_CONFIG = configFile('{}');
    const { code, err } = await cli(['watch', '--format', 'ndjson']);
    expect(code).toBe(2);
    expect(err).toMatch(/^polybook: name at least one market, or set a "watchlist" in /);
  });
});
