/**
 * The command line itself: --version from package.json, the top-level --help (examples, config
 * file, environment, exit statuses, log file) and README's exit table, commander's own errors
 * as one `polybook: …` line, -o/--output with its aliases, and durations in seconds everywhere.
 */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Command } from 'commander';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildProgram } from '../../src/cli/program.js';
import { commanderLine, EXIT_STATUSES, logFileLocation } from '../../src/cli/usage.js';
import { packageVersion } from '../../src/cli/version.js';
import { defaultLogFile } from '../../src/log.js';
import { startSimulator, type Simulator } from '../../src/sim/index.js';
import { capture, cli } from '../helpers/cli.js';
import { run } from './bin-helper.js';

const ROOT = new URL('../../', import.meta.url).pathname;
const PACKAGE = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };

beforeAll(() => {
  process.env.POLYBOOK_CONFIG = '/nonexistent/config.json';
});
afterAll(() => {
  delete process.env.POLYBOOK_CONFIG;
});

describe('--version', () => {
  it('the bin prints package.json’s version, exit 0', async () => {
    expect(await run(['--version'])).toEqual({ code: 0, out: `${PACKAGE.version}\n`, err: '' });
    expect(await run(['-V'])).toEqual({ code: 0, out: `${PACKAGE.version}\n`, err: '' });
  });

  it('is read at run time from the nearest package.json named polybook, not written in code', () => {
    const root = mkdtempSync(join(tmpdir(), 'polybook-version-'));
    writeFileSync(join(root, 'package.json'), JSON.stringify({ name: 'polybook', version: '9.8.7-test' }));
    const deep = join(root, 'dist', 'src', 'cli');
    mkdirSync(deep, { recursive: true });
    // A package.json of another name on the way up is not ours.
    writeFileSync(join(root, 'dist', 'package.json'), JSON.stringify({ name: 'something-else', version: '1.0.0' }));
    expect(packageVersion(deep)).toBe('9.8.7-test');
    expect(packageVersion(mkdtempSync(join(tmpdir(), 'polybook-noversion-')))).toBeNull();
  });
});

describe('polybook --help', () => {
  it('has examples, the config file, the environment, the exit statuses and the log file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'polybook-help-'));
    const { code, out, err } = await run(['--help'], { env: { POLYBOOK_CONFIG: join(dir, 'my.json'), XDG_STATE_HOME: join(dir, 'state') } });
    expect({ code, err }).toEqual({ code: 0, err: '' });
    const lines = out.split('\n');
    expect(lines).toContain('Examples:');
    expect(lines.some((l) => /^ {2}polybook watch btc-updown-5m-1784449200 +live ladders/.test(l))).toBe(true);
    expect(lines.some((l) => /^ {2}eval "\$\(polybook completion bash\)" +shell completion/.test(l))).toBe(true);
    expect(lines).toContain('  $XDG_CONFIG_HOME/polybook/config.json, else ~/.config/polybook/config.json, or POLYBOOK_CONFIG');
    expect(lines).toContain(`  (here: ${join(dir, 'my.json')})`);
    for (const name of [
      'POLYBOOK_WS_URL',
      'POLYBOOK_USER_WS_URL',
      'POLYBOOK_REST_URL',
      'POLYBOOK_GAMMA_URL',
      'POLYBOOK_CONFIG',
      'POLY_API_KEY, POLY_API_SECRET, POLY_PASSPHRASE',
      'NO_COLOR',
      'XDG_CONFIG_HOME',
      'XDG_STATE_HOME',
    ]) {
      expect(
        lines.some((l) => l.startsWith(`  ${name} `)),
        name,
      ).toBe(true);
    }
    expect(lines).toContain('Exit status (the same on screen and in pipe mode):');
    const exits = lines.slice(lines.indexOf('Exit status (the same on screen and in pipe mode):') + 1, lines.indexOf('Logs:') - 1);
    // Wrapped rows read back as the table.
    const rows: string[] = [];
    for (const line of exits) {
      if (/^ {2}\d {2}/.test(line)) rows.push(line.trim());
      else rows[rows.length - 1] += ` ${line.trim()}`;
    }
    expect(rows).toEqual(EXIT_STATUSES.map(([c, what]) => `${c}  ${what}`));
    expect(lines).toContain(`  ${join(dir, 'state', 'polybook', 'polybook.log')} (--log-file, --log-level); never on screen or stdout`);
    // Every command is listed, completion and help included.
    for (const command of ['replay', 'demo', 'watch', 'markets', 'status', 'orders', 'sim', 'completion', 'help']) {
      expect(
        lines.some((l) => new RegExp(`^ {2}${command} `).test(l)),
        command,
      ).toBe(true);
    }
  });

  it('the environment variables it lists are the ones the code reads', () => {
    const sources = [
      'src/cli/watch.ts',
      'src/cli/orders.ts',
      'src/cli/status.ts',
      'src/cli/markets.ts',
      'src/cli/config.ts',
      'src/feed/credentials.ts',
      'src/log.ts',
      'components/theme.ts',
      'src/cli/watch-run.ts',
      'src/cli/options.ts',
    ]
      .map((f) => readFileSync(join(ROOT, f), 'utf8'))
      .join('\n');
    for (const name of [
      'POLYBOOK_WS_URL',
      'POLYBOOK_USER_WS_URL',
      'POLYBOOK_REST_URL',
      'POLYBOOK_GAMMA_URL',
      'POLYBOOK_CONFIG',
      'POLY_API_KEY',
      'POLY_API_SECRET',
      'POLY_PASSPHRASE',
      'NO_COLOR',
      'XDG_CONFIG_HOME',
      'XDG_STATE_HOME',
      'TMUX',
    ]) {
      expect(sources, name).toContain(name);
    }
    expect(logFileLocation({ XDG_STATE_HOME: '/x/state' })).toBe(defaultLogFile({ XDG_STATE_HOME: '/x/state' }));
    expect(logFileLocation({})).toBe(defaultLogFile({}));
  });

  it('README shows the same exit table', () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    const table = readme.slice(readme.indexOf('### Exit statuses'));
    const rows = [...table.matchAll(/^\| (\d) \| (.*) \|$/gm)].slice(0, 3).map((m) => [Number(m[1]), m[2]]);
    expect(rows).toEqual(EXIT_STATUSES.map(([c, what]) => [c, what]));
  });
});

describe('one error style: commander’s own messages are one polybook line, exit 2', () => {
  it('a misspelt command, through the bin', async () => {
    expect(await run(['wtach'])).toEqual({ code: 2, out: '', err: "polybook: unknown command 'wtach' (did you mean watch?)\n" });
  });

  it.each([
    [['watch', '1', '--depht', '3'], "polybook: unknown option '--depht' (did you mean --depth?)"],
    [['watch', '1', '--depth', 'x'], "polybook: --depth 'x': must be a whole number from 1 to 200"],
    [['watch', '1', '-o', 'xml'], "polybook: --output 'xml': must be one of tui, ndjson"],
    [['watch', '1', '--format', 'xml'], "polybook: --format 'xml': must be one of tui, ndjson"],
    [['status', '1', '2'], "polybook: too many arguments for 'status'. Expected 1 argument but got 2."],
    [['replay'], "polybook: missing required argument 'file'"],
    [['completion', 'tcsh'], "polybook: <shell> 'tcsh': must be one of bash, zsh, fish"],
    [['replay', 'x', '--speed', 'fast'], "polybook: --speed 'fast': must be a positive number or max"],
    [['sim', '--rate', 'fast'], "polybook: --rate 'fast': must be a number from 0 to 100000"],
    [['watch', '1', '-o', 'tui', '--format', 'ndjson'], 'polybook: --output tui and --format ndjson disagree; give one output'],
    [['markets', 'x', '--json', '-o', 'table'], 'polybook: --output table and --json disagree; give one output'],
    [['watch', '1', '--timeout', '3'], 'polybook: --timeout is the deadline of --once; add --once or drop it'],
    [['watch', '1', '--once', '-o', 'tui'], 'polybook: --once prints NDJSON; drop --output tui'],
    [[], 'polybook: name a command: replay, demo, watch, markets, status, orders, sim, completion (polybook --help says more)'],
    [['help', 'wtach'], "polybook: unknown command 'wtach' (did you mean watch?)"],
  ])('%j', async (argv, line) => {
    expect(await cli(argv)).toEqual({ code: 2, out: '', err: `${line}\n` });
  });

  it('an invalid value from the environment names the variable', async () => {
    process.env.POLYBOOK_WS_URL = 'http://x';
    try {
      expect(await cli(['watch', '1'])).toEqual({ code: 2, out: '', err: "polybook: POLYBOOK_WS_URL='http://x' (for --url): must be a ws:// or wss:// URL\n" });
    } finally {
      delete process.env.POLYBOOK_WS_URL;
    }
  });

  it('commanderLine: several suggestions, escapes in the echoed text', () => {
    expect(commanderLine("error: unknown command 'st'\n(Did you mean one of sim, status?)\n")).toBe(
      "polybook: unknown command 'st' (did you mean one of sim, status?)\n",
    );
    expect(commanderLine("error: unknown command '\u001b[2Jx'\n")).toBe("polybook: unknown command '[2Jx'\n");
  });

  it('help and version are not errors: stdout, exit 0', async () => {
    const help = await cli(['help', 'watch']);
    expect(help.code).toBe(0);
    expect(help.err).toBe('');
    expect(help.out.split('\n')[0]).toBe('Usage: polybook watch [options] [market...]');
    const top = await cli(['help']);
    expect({ code: top.code, err: top.err, first: top.out.split('\n')[0] }).toEqual({ code: 0, err: '', first: 'Usage: polybook [options] [command]' });
  });
});

describe('every duration flag is in seconds', () => {
  it('no option of any command takes milliseconds', () => {
    const program = buildProgram(capture().io, []);
    const durations: string[] = [];
    for (const command of program.commands as Command[]) {
      for (const option of command.options) {
        if (!/timeout|interval|every|after|silence|idle|user-activity/.test(option.long ?? '')) continue;
        durations.push(`${command.name()} ${option.flags}`);
        expect(option.flags, `${command.name()} ${option.flags}`).toMatch(/ [<[](s|seconds)[>\]]$/);
        expect(`${option.flags} ${option.description}`, `${command.name()} ${option.flags}`).not.toMatch(/\bms\b|millisecond/);
      }
    }
    expect(durations).toContain('sim --idle-timeout <s>');
    expect(durations).toContain('watch --timeout <seconds>');
    expect(durations).toContain('status --timeout <seconds>');
  });
});

describe('-o, --output and its aliases', () => {
  let sim: Simulator;
  beforeAll(async () => {
    sim = await startSimulator({ seed: 5, markets: 2, rate: 0 });
  });
  afterAll(async () => {
    await sim.close();
  });

  it('markets: -o json, --output json, --format json and --json print the same array; -o table the table', async () => {
    const word = sim
      .markets()[0]!
      .question.split(' ')
      .find((w) => w.length > 4)!;
    const base = ['markets', word, '--gamma', sim.urls.gamma];
    const json = await cli([...base, '-o', 'json']);
    expect(json.code).toBe(0);
    expect(JSON.parse(json.out).map((m: { slug: string }) => m.slug)).toContain(sim.markets()[0]!.slug);
    for (const alias of [['--output', 'json'], ['--format', 'json'], ['--json'], ['--json', '-o', 'json']])
      expect(await cli([...base, ...alias])).toEqual(json);
    const table = await cli([...base, '-o', 'table']);
    expect(table).toEqual(await cli(base));
    expect(table.out).toContain(`slug ${sim.markets()[0]!.slug}`);
    expect(await cli(['markets', 'zzzqqq', '--gamma', sim.urls.gamma, '-o', 'json'])).toEqual({ code: 0, out: '[]\n', err: '' });
  });

  it('watch --once: -o ndjson and --format ndjson both print book lines', async () => {
    const [id] = sim.markets()[0]!.tokens.map((t) => t.tokenId);
    for (const flag of ['-o', '--output', '--format']) {
      const { code, out, err } = await run(['watch', id!, flag, 'ndjson', '--once', '--url', sim.urls.ws_market, '--no-rest-sync', '--log-level', 'silent']);
      expect({ code, err }).toEqual({ code: 0, err: '' });
      expect(JSON.parse(out)).toMatchObject({ type: 'book', asset_id: id, status: 'live' });
    }
  });
});
