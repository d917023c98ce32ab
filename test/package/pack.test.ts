/**
 * The package as a consumer gets it: `npm pack` of this checkout installed into a temporary
 * project (from the npm cache; dependencies as npm resolves them), imported, type-checked strictly
 * (no skipLibCheck), and the README's library example run against the simulator.
 */
import { execFile, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { homedir, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type Simulator } from '../../src/sim/index.js';

const run = promisify(execFile);
const root = resolve(import.meta.dirname, '../..');
const pkg = JSON.parse(await readFile(join(root, 'package.json'), 'utf8')) as { version: string };
const versionOf = async (name: string) => (JSON.parse(await readFile(join(root, 'node_modules', name, 'package.json'), 'utf8')) as { version: string }).version;

/** The first ```ts block of the README's "Use as a library" section. */
async function readmeExample(): Promise<string> {
  const readme = await readFile(join(root, 'README.md'), 'utf8');
  const section = readme.split('\n## Use as a library\n')[1];
  const code = section?.split('\n## ')[0]?.match(/```ts\n([\s\S]*?)```/)?.[1];
  if (!code) throw new Error('README has no ```ts example under "## Use as a library"');
  return code;
}

/**
 * A place for the project with no node_modules above it, or Node and TypeScript would find
 * packages the consumer never installed (a missing dependency would pass unseen).
 */
function isolatedBase(): string {
  const clean = (d: string): boolean => !existsSync(join(d, 'node_modules')) && (dirname(d) === d || clean(dirname(d)));
  const base = [tmpdir(), '/var/tmp', '/dev/shm', homedir()].find((d) => existsSync(d) && clean(resolve(d)));
  if (!base) throw new Error(`every temporary directory has a node_modules above it (${tmpdir()}, /var/tmp, /dev/shm, ~)`);
  return base;
}

let dir = '';
let files: string[] = [];
// npm would otherwise take the settings of the `npm test` that runs this (prefix, workspace, ...).
const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('npm_')));

beforeAll(async () => {
  dir = await mkdtemp(join(isolatedBase(), 'polybook-consumer-'));
  // dist is what `npm test` just built; the pack scripts would build it again.
  const packed = await run('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', dir], { cwd: root, env });
  const [info] = JSON.parse(packed.stdout) as Array<{ filename: string; files: Array<{ path: string }> }>;
  files = info!.files.map((f) => f.path);
  await writeFile(join(dir, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }));
  const deps = [join(dir, info!.filename), `typescript@${await versionOf('typescript')}`, `@types/node@${await versionOf('@types/node')}`];
  await run('npm', ['install', '--prefer-offline', '--ignore-scripts', '--no-audit', '--no-fund', '--loglevel=error', ...deps], { cwd: dir, env });
}, 180_000);

afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('npm pack', () => {
  it('ships the runtime, the bin, the types, README and LICENSE, and no tests or maps', () => {
    for (const f of [
      'package.json',
      'README.md',
      'LICENSE',
      'bin/polybook.js',
      'dist/src/index.js',
      'dist/src/index.d.ts',
      'dist/src/sim/index.js',
      'dist/src/sim/index.d.ts',
      'dist/store/store.d.ts',
      'dist/components/app.js',
    ]) {
      expect(files, f).toContain(f);
    }
    expect(files.filter((f) => f.startsWith('dist/test/') || f.startsWith('test/'))).toEqual([]);
    expect(files.filter((f) => f.endsWith('.map'))).toEqual([]);
    expect(files.filter((f) => /\.tsx?$/.test(f) && !f.endsWith('.d.ts'))).toEqual([]);
  });
});

describe('installed into a project', () => {
  it('runs the bin', async () => {
    const { stdout } = await run(process.execPath, [join(dir, 'node_modules/polybook/bin/polybook.js'), '--version'], { cwd: dir });
    expect(stdout.trim()).toBe(pkg.version);
  });

  it('imports polybook and polybook/sim without loading React or Ink', async () => {
    // A resolve hook that refuses React and Ink: importing the library must not need them.
    await writeFile(
      join(dir, 'no-ink-hook.mjs'),
      `export async function resolve(specifier, context, next) {
        const found = await next(specifier, context);
        if (/\\/node_modules\\/(ink|react|react-reconciler)\\//.test(found.url)) throw new Error('loaded ' + specifier);
        return found;
      }\n`,
    );
    await writeFile(join(dir, 'no-ink.mjs'), `import { register } from 'node:module';\nregister('./no-ink-hook.mjs', import.meta.url);\n`);
    await writeFile(
      join(dir, 'import.mjs'),
      `const lib = await import('polybook');\nconst sim = await import('polybook/sim');\n` +
        `const frame = lib.parseFrame('[{"event_type":"tick_size_change","asset_id":"1","market":"0x' + 'a'.repeat(64) + '","old_tick_size":"0.01","new_tick_size":"0.001","timestamp":"1"}]');\n` +
        `console.log(JSON.stringify({ kinds: frame.events.map((e) => e.kind), engine: typeof lib.BookEngine, store: typeof lib.createPolybookStore().getState, sim: typeof sim.startSimulator }));\n`,
    );
    const { stdout } = await run(process.execPath, ['--import', './no-ink.mjs', 'import.mjs'], { cwd: dir });
    expect(JSON.parse(stdout)).toEqual({ kinds: ['tick_size_change'], engine: 'function', store: 'function', sim: 'function' });
    // The hook can fail: the screen does load Ink.
    await writeFile(join(dir, 'screen.mjs'), `await import('ink');\n`);
    await expect(run(process.execPath, ['--import', './no-ink.mjs', 'screen.mjs'], { cwd: dir })).rejects.toThrow(/loaded ink/);
  });

  describe('the README library example', () => {
    let sim: Simulator;
    beforeAll(async () => {
      sim = await startSimulator({ port: 0, seed: 3, markets: 2 });
      await writeFile(join(dir, 'verified.ts'), await readmeExample());
      // A second consumer touching the simulator subpath and the lower layers.
      await writeFile(
        join(dir, 'layers.ts'),
        `import { startSimulator, TEST_CREDENTIALS, type Simulator } from 'polybook/sim';
import { BookEngine, MarketFeed, VenueApi, parseFrame, type FeedEvent, type MarketFeedEvents } from 'polybook';
const sim: Simulator = await startSimulator({ port: 0, seed: 3, markets: 2 });
const ids: string[] = sim.markets().flatMap((m) => m.tokens.map((t) => t.tokenId));
const engine = new BookEngine();
engine.track(ids);
const feed = new MarketFeed({ url: sim.urls.ws_market });
const onParsed = (...[frame]: MarketFeedEvents['parsed']) => engine.applyFrame(frame.events);
feed.on('parsed', onParsed);
feed.on('down', (assetIds, cause) => console.log(assetIds.length, cause.length));
const events: readonly FeedEvent[] = parseFrame('[]').events;
console.log(events.length, new VenueApi({ rest: sim.urls.rest }), TEST_CREDENTIALS.apiKey.length);
await sim.close();
`,
      );
      await writeFile(
        join(dir, 'tsconfig.json'),
        JSON.stringify({
          compilerOptions: {
            target: 'ES2022',
            module: 'NodeNext',
            moduleResolution: 'NodeNext',
            strict: true,
            noUncheckedIndexedAccess: true,
            skipLibCheck: false,
            types: ['node'],
            outDir: 'out',
          },
          include: ['verified.ts', 'layers.ts'],
        }),
      );
    });
    afterAll(async () => {
      await sim?.close();
    });

    it('type-checks strictly against the shipped declarations', async () => {
      const tsc = join(dir, 'node_modules/typescript/bin/tsc');
      const result = await run(process.execPath, [tsc, '-p', '.'], { cwd: dir }).catch((e: { stdout: string }) => e);
      expect(result.stdout).toBe('');
    }, 60_000);

    it('prints verified books of both assets', async () => {
      const ids = sim
        .markets()
        .slice(0, 2)
        .map((m) => m.tokens[0]!.tokenId);
      const child = spawn(process.execPath, ['out/verified.js', ...ids], {
        cwd: dir,
        env: { ...env, POLYBOOK_WS_URL: sim.urls.ws_market, POLYBOOK_REST_URL: sim.urls.rest },
      });
      let out = '';
      let err = '';
      child.stderr.on('data', (d: Buffer) => (err += d.toString()));
      const seen = new Set<string>();
      await new Promise<void>((done, fail) => {
        const timer = setTimeout(() => fail(new Error(`timed out; stdout ${out} stderr ${err}`)), 20_000);
        child.stdout.on('data', (d: Buffer) => {
          out += d.toString();
          for (const m of out.matchAll(/^(\d{12}): bid [\d.]+ @ (0\.\d+), ask [\d.]+ @ (0\.\d+), spread 0\.\d+, live, hash verified (\d+)×$/gm))
            seen.add(m[1]!);
          if (seen.size === 2) {
            clearTimeout(timer);
            done();
          }
        });
        child.on('exit', () => fail(new Error(`exited early; stdout ${out} stderr ${err}`)));
      });
      expect([...seen].sort()).toEqual(ids.map((id) => id.slice(0, 12)).sort());
      const exited = new Promise<number | null>((done) => child.on('exit', (code) => done(code)));
      child.kill('SIGINT');
      expect(await exited).toBe(0);
      expect(err).toBe('');
    }, 30_000);
  });
});
