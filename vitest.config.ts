/**
 * Test runner settings. The real captures live in ../shared beside the checkout (CI has it there);
 * a clone without it still passes `npm test`, with the test files that read them left out and one
 * line saying so. `.ci/run` sets POLYBOOK_REQUIRE_FIXTURES=1, which turns a missing ../shared into
 * a failure.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { configDefaults, defineConfig } from 'vitest/config';

const root = fileURLToPath(new URL('.', import.meta.url));
const fixtures = join(root, '..', 'shared', 'fixtures', 'polymarket');
/** A test file uses the captures when it names them (test/helpers/fixtures.ts, test/sim/helpers.ts). */
const USES_FIXTURES = /\b(FIXTURES|LIVE_DIR|LIVE_FRAMES|LIVE_REST_BOOK|CAPTURE|captureLines|fixtureText|fixtureJson|fixtureFrames)\b|shared\/fixtures/;

function testFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return testFiles(path);
    return /\.test\.tsx?$/.test(entry.name) ? [path] : [];
  });
}

function fixtureExcludes(): string[] {
  if (existsSync(fixtures)) return [];
  if (process.env.POLYBOOK_REQUIRE_FIXTURES === '1') {
    throw new Error(`polybook: ${fixtures} is missing, and POLYBOOK_REQUIRE_FIXTURES=1 makes the fixture-based tests mandatory`);
  }
  const skipped = testFiles(join(root, 'test')).filter((file) => USES_FIXTURES.test(readFileSync(file, 'utf8')));
  // The config is read once per project: say it once.
  if (process.env.POLYBOOK_FIXTURES_NOTICE !== '1') {
    process.env.POLYBOOK_FIXTURES_NOTICE = '1';
    console.warn(
      `polybook: ${skipped.length} fixture-based test files skipped: ${fixtures} not found (clone the shared fixtures beside the checkout; .ci/run requires them)`,
    );
  }
  // Relative to the test directory: `npm test` runs `vitest --dir test`, which matches excludes there.
  const tests = join(root, 'test');
  return skipped.map((file) => `**/${file.slice(tests.length + 1).replaceAll('\\', '/')}`);
}

/** Suites that drive a real terminal (tmux): they run one file at a time, after the rest. */
const TERMINAL = ['**/e2e/**/*.test.ts', '**/cli/hostile-bin.test.ts'];
const excluded = [...configDefaults.exclude, ...fixtureExcludes()];

export default defineConfig({
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'suites',
          dir: 'test',
          exclude: [...excluded, ...TERMINAL],
          // Most suites wait on child processes and sockets rather than compute: on a 2-core
          // machine 3 workers overlap those waits (~2.5 min instead of ~4.5) without starving the timed ones.
          maxWorkers: 3,
          sequence: { groupOrder: 0 },
        },
      },
      {
        extends: true,
        test: {
          name: 'terminal',
          dir: 'test',
          include: TERMINAL,
          exclude: excluded,
          // A tmux screen test measures what a pane shows within seconds: alone, it does not
          // race the CPU of three other files.
          fileParallelism: false,
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});
