/**
 * The bin compiles the bundle with a V8 code cache (bin/code-cache.js): the first run of a command
 * leaves one cache per file it loaded, named by the file's hash and the command, later runs use
 * them, and a cache that is damaged, from another build or cannot be written never changes what the
 * command does.
 */
import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { run } from './bin-helper.js';

const FRAME =
  '[{"market":"0xab","asset_id":"129","timestamp":"1784449237000","hash":"","bids":[{"price":"0.48","size":"10"}],"asks":[{"price":"0.52","size":"10"}],"tick_size":"0.01","event_type":"book"}]';

function recording(): string {
  const path = join(mkdtempSync(join(tmpdir(), 'polybook-cc-')), 'one.jsonl');
  writeFileSync(path, `${FRAME}\n`);
  return path;
}

/** The cache files under `base`, by path. */
function caches(base: string): string[] {
  const root = join(base, 'polybook', 'code-cache');
  return readdirSync(root).flatMap((version) => readdirSync(join(root, version)).map((name) => join(root, version, name)));
}

describe('the code cache', () => {
  it('is written by the first run, used by the next, and a damaged one is replaced', async () => {
    const base = mkdtempSync(join(tmpdir(), 'polybook-cache-'));
    const file = recording();
    const env = { XDG_CACHE_HOME: base };
    const first = await run(['replay', file, '-o', 'json'], { env });
    expect(first).toMatchObject({ code: 0, err: '' });
    expect(JSON.parse(first.out)).toMatchObject({ frames: 1, books: [{ asset_id: '129' }] });
    const written = caches(base);
    // replay -o json loads cli.cjs only (no screen): one cache, replay's own.
    expect(written.map((path) => path.replace(/.*\//, ''))).toEqual([expect.stringMatching(/^[0-9a-f]{32}-replay\.v8cache$/)]);

    expect(await run(['replay', file, '-o', 'json'], { env })).toEqual(first);
    // Damaged: V8 refuses them; the files compile from source and the caches are written again.
    for (const path of written) writeFileSync(path, 'not a code cache');
    expect(await run(['replay', file, '-o', 'json'], { env })).toEqual(first);
    for (const path of written) expect(readFileSync(path, 'utf8')).not.toBe('not a code cache');
    expect(caches(base).sort()).toEqual([...written].sort());
  });

  it("is kept per command: another command's first run writes its own, and replay's is left as it was", async () => {
    const base = mkdtempSync(join(tmpdir(), 'polybook-cache-'));
    const env = { XDG_CACHE_HOME: base };
    const file = recording();
    expect(await run(['replay', file, '-o', 'json'], { env })).toMatchObject({ code: 0 });
    const [replay] = caches(base);
    const before = readFileSync(replay!);
    expect(await run(['--version'], { env })).toMatchObject({ code: 0, err: '' });
    expect(await run(['markets', '--help'], { env })).toMatchObject({ code: 0, err: '' });
    const names = caches(base).map((path) => path.replace(/.*\/[0-9a-f]{32}-/, ''));
    expect(names.sort()).toEqual(['markets.v8cache', 'other.v8cache', 'replay.v8cache']);
    expect(readFileSync(replay!).equals(before)).toBe(true);
  });

  it("the bin's command list (one cache each) is the CLI's", async () => {
    const bin = readFileSync(new URL('../../bin/polybook.js', import.meta.url), 'utf8');
    const listed = /const COMMANDS = \[([^\]]*)\]/
      .exec(bin)![1]!
      .match(/'[a-z]+'/g)!
      .map((name) => name.slice(1, -1));
    const { COMMAND_NAMES } = await import('../../src/cli/program.js');
    expect(listed).toEqual(COMMAND_NAMES);
  });

  it('a cache directory that cannot be made is not an error', async () => {
    const base = mkdtempSync(join(tmpdir(), 'polybook-cache-'));
    const blocker = join(base, 'file');
    writeFileSync(blocker, '');
    const got = await run(['replay', recording(), '-o', 'json'], { env: { XDG_CACHE_HOME: join(blocker, 'below') } });
    expect(got).toMatchObject({ code: 0, err: '' });
    expect(JSON.parse(got.out)).toMatchObject({ frames: 1 });
    expect(statSync(blocker).size).toBe(0);
  });
});
