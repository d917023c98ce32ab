/**
 * `polybook sim`: runs the local Polymarket (src/sim) until SIGINT/SIGTERM. Prints its URLs and
 * markets as ONE JSON line first, so scripts can read where to connect; with `--user-activity`
 * the line also carries the test key set the user channel accepts (a published test key, not a
 * secret: src/sim/README.md), whose orders and trades it then makes up, so `polybook orders`
 * can be tried offline. Every duration flag is in seconds.
 */
import { type Command, InvalidArgumentError, Option } from 'commander';
import type { FaultOptions, SimOptions, Simulator } from '../sim/index.js';
import { CliError, fileProblem } from './errors.js';

export interface SimCommandIo {
  readonly stdout: NodeJS.WritableStream;
  readonly stderr: NodeJS.WritableStream;
  /** Stops the simulator when aborted (the CLI aborts it on SIGINT/SIGTERM). */
  readonly signal?: AbortSignal;
}

function untilAborted(signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) resolve();
    else signal.addEventListener('abort', () => resolve(), { once: true });
  });
}

/** Options as commander parses them. */
export interface SimCommandOptions {
  readonly port: number;
  readonly host: string;
  readonly seed: number;
  readonly markets: number;
  readonly rate: number;
  readonly replay?: string;
  readonly dropEvery?: number;
  readonly stallAfter?: number;
  /** `--no-pong` sets this to false. */
  readonly pong: boolean;
  readonly malformedEvery?: number;
  readonly duplicate?: number;
  readonly reorder?: number;
  readonly restartEvery?: number;
  readonly stallAbove?: number;
  readonly quietMarkets?: number;
  readonly placeholderBooks?: boolean;
  /** Milliseconds (`--idle-timeout` is given in seconds). */
  readonly idleTimeout: number;
  readonly legacy?: boolean;
  /** `--user-activity [seconds]`: an order of the test key every this many seconds. */
  readonly userActivity?: number;
  /** `--window <seconds>`: recurring up/down markets whose windows last this long. */
  readonly window?: number;
}

/** `--user-activity` with no value: one step every this many seconds. */
export const USER_ACTIVITY_EVERY_S = 2;

function integer(name: string, min: number, max: number) {
  return (value: string): number => {
    const n = Number(value);
    if (!/^-?\d+$/.test(value.trim()) || n < min || n > max) throw new InvalidArgumentError(`${name} must be an integer from ${min} to ${max}`);
    return n;
  };
}

function number(name: string, check: (n: number) => boolean, what: string) {
  return (value: string): number => {
    const n = Number(value);
    if (value.trim() === '' || !Number.isFinite(n) || !check(n)) throw new InvalidArgumentError(`${name} must be ${what}`);
    return n;
  };
}

const seconds = (name: string) => number(name, (n) => n > 0, 'a positive number of seconds');
const idleSeconds = number('--idle-timeout', (n) => n >= 0.001 && n <= 86_400, 'a number of seconds from 0.001 to 86400');
const probability = (name: string) => number(name, (n) => n >= 0 && n <= 1, 'a probability from 0 to 1');

/** Resolves at the first SIGINT or SIGTERM. */
function untilSignal(): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      process.off('SIGINT', done);
      process.off('SIGTERM', done);
      resolve();
    };
    process.on('SIGINT', done);
    process.on('SIGTERM', done);
  });
}

function simOptions(o: SimCommandOptions): SimOptions {
  const faults: FaultOptions = {
    ...(o.dropEvery !== undefined && { dropEverySec: o.dropEvery }),
    ...(o.stallAfter !== undefined && { stallAfterSec: o.stallAfter }),
    ...(o.pong === false && { noPong: true }),
    ...(o.malformedEvery !== undefined && { malformedEverySec: o.malformedEvery }),
    ...(o.duplicate !== undefined && { duplicateInBurst: o.duplicate }),
    ...(o.reorder !== undefined && { reorderInBurst: o.reorder }),
    ...(o.restartEvery !== undefined && { restartEverySec: o.restartEvery }),
    ...(o.stallAbove !== undefined && { stallAboveAssets: o.stallAbove }),
    ...(o.quietMarkets !== undefined && { quietMarkets: o.quietMarkets }),
    ...(o.placeholderBooks === true && { placeholderBooks: true }),
  };
  return {
    host: o.host,
    port: o.port,
    seed: o.seed,
    markets: o.markets,
    rate: o.rate,
    faults,
    idleTimeoutMs: o.idleTimeout,
    legacy: o.legacy === true,
    ...(o.replay !== undefined && { replay: o.replay }),
    ...(o.window !== undefined && { windowSec: o.window }),
  };
}

/** Runs the simulator until `until` settles; the first stdout line is the JSON description. */
export async function runSim(options: SimCommandOptions, io: SimCommandIo, until: Promise<unknown> = untilSignal()): Promise<void> {
  let sim: Simulator;
  try {
    // The simulator loads only when it runs (not for `--help` or another command).
    const { startSimulator } = await import('../sim/index.js');
    sim = await startSimulator(simOptions(options));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException | null)?.code;
    if (code === 'EADDRINUSE' || code === 'EADDRNOTAVAIL' || code === 'EACCES') {
      throw new CliError('sim.listen', `cannot listen on ${options.host}:${options.port}: ${code}`, 1);
    }
    if (options.replay !== undefined && code !== undefined) {
      throw new CliError('cli.unreadable', `cannot read ${options.replay}: ${fileProblem(error)}`);
    }
    throw new CliError('sim.start', error instanceof Error ? error.message : String(error));
  }
  let activity: { stop(): void } | null = null;
  const info: Record<string, unknown> = { ...sim.urls, markets: sim.markets() };
  if (options.userActivity !== undefined) {
    const { startUserActivityLoop } = await import('../sim/user-activity-loop.js');
    activity = startUserActivityLoop(sim, { everyMs: options.userActivity * 1000, seed: options.seed });
    // The key set /ws/user accepts, in the credentials file's shape: a published test key.
    const { apiKey, secret, passphrase } = sim.userChannel.credentials;
    info.user_credentials = { apiKey, secret, passphrase };
    info.user_activity_every_s = options.userActivity;
  }
  io.stdout.write(`${JSON.stringify(info)}\n`);
  try {
    await until;
  } finally {
    activity?.stop();
    await sim.close();
  }
}

/** Adds `polybook sim` to `program`. */
export function registerSimCommand(program: Command, io: SimCommandIo): Command {
  return program
    .command('sim')
    .description('run a local Polymarket (market + user WebSocket, CLOB REST, Gamma) on one port until interrupted')
    .option('--port <n>', 'port to listen on (0 = any free port)', integer('--port', 0, 65_535), 0)
    .option('--host <host>', 'interface to bind', '127.0.0.1')
    .option('--seed <n>', 'PRNG seed: same seed, same markets and event sequence', integer('--seed', -2_147_483_648, 4_294_967_295), 1)
    .option('--markets <n>', 'number of binary markets', integer('--markets', 0, 5000), 3)
    .option(
      '--rate <msgs/s>',
      'price_change messages per second across all markets',
      number('--rate', (n) => n >= 0 && n <= 100_000, 'a number from 0 to 100000'),
      20,
    )
    .option('--replay <capture.jsonl>', 'serve a recorded capture instead of generated markets')
    .option('--drop-every <s>', 'terminate every connection every <s> seconds', seconds('--drop-every'))
    .option('--stall-after <s>', 'each market connection goes silent <s> seconds after subscribing (PING still answered)', seconds('--stall-after'))
    .option('--no-pong', 'never answer PING')
    .option('--malformed-every <s>', 'send malformed frames to every market client every <s> seconds', seconds('--malformed-every'))
    .option('--duplicate <p>', 'probability that a price_change frame is sent twice', probability('--duplicate'))
    .option('--reorder <p>', 'probability that a same-timestamp burst arrives shuffled', probability('--reorder'))
    .option('--restart-every <s>', 'close the listener and all clients every <s> seconds, back after min(1 s, <s>/2)', seconds('--restart-every'))
    .option(
      '--stall-above <n>',
      'a market connection holding more than <n> assets gets no data at all, dump included (PING still answered)',
      integer('--stall-above', 0, 1_000_000),
    )
    .option('--quiet-markets <n>', 'the first <n> markets get no order flow: no frames, REST book and hash unchanged', integer('--quiet-markets', 0, 5000))
    .option('--placeholder-books', 'REST /book and /books answer a 0.01/0.99 placeholder whose hash does not verify')
    .addOption(
      new Option('--idle-timeout <s>', 'drop connections that send nothing for <s> seconds')
        .argParser((value) => Math.round(idleSeconds(value) * 1000))
        .default(30_000, '30'),
    )
    .option(
      '--window <s>',
      'recurring up/down markets (btc-updown-<len>, eth-updown-<len>) whose windows last <s> seconds: at each end the next opens and the ended one resolves',
      number('--window', (n) => n >= 1 && n <= 86_400, 'a number of seconds from 1 to 86400'),
    )
    .option('--legacy', 'pre-2025-09-15 framing: array frames, changes[] price_change, 6-field book hash, one frame per trade')
    .addOption(
      new Option(
        '--user-activity [s]',
        `the user channel makes up orders and trades of its test key, one every <s> seconds (default ${USER_ACTIVITY_EVERY_S}); the first line names the key`,
      )
        .preset(String(USER_ACTIVITY_EVERY_S))
        .argParser(seconds('--user-activity')),
    )
    .addHelpText(
      'after',
      [
        '',
        'Examples:',
        '  polybook sim --port 8080 --seed 7 --markets 5 --rate 50 --reorder 0.05',
        '  polybook sim --port 8080 --window 30        # then: polybook watch --follow btc-updown-30s --gamma http://127.0.0.1:8080/gamma …',
        '  polybook sim --port 8080 --user-activity     # then, with the key set its first line prints:',
        '  POLY_API_KEY=… POLY_API_SECRET=… POLY_PASSPHRASE=… polybook orders --user-url ws://127.0.0.1:8080/ws/user',
      ].join('\n'),
    )
    .action(async (options: SimCommandOptions) => {
      await runSim(options, io, io.signal ? untilAborted(io.signal) : untilSignal());
    });
}
