import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { Command, CommanderError } from 'commander';
import { describe, expect, it } from 'vitest';
import { registerSimCommand, runSim, type SimCommandOptions } from '../../src/cli/sim-command.js';
import { Client, until } from './helpers.js';
import { sink as appender } from '../helpers/cli.js';

function sink(): { stream: NodeJS.WritableStream; text: () => string } {
  let text = '';
  const stream = appender((chunk) => (text += chunk)) as unknown as NodeJS.WritableStream;
  return { stream, text: () => text };
}

function program(): { cmd: Command; err: () => string } {
  const out = sink();
  const err = sink();
  const cmd = new Command().exitOverride().configureOutput({ writeOut: (t) => out.stream.write(t), writeErr: (t) => err.stream.write(t) });
  registerSimCommand(cmd, { stdout: out.stream, stderr: err.stream });
  cmd.commands[0]!.exitOverride().configureOutput({ writeErr: (t) => err.stream.write(t) });
  return { cmd, err: err.text };
}

describe('polybook sim', () => {
  it.each([
    [['--rate', 'fast'], '--rate must be a number from 0 to 100000'],
    [['--port', '70000'], '--port must be an integer from 0 to 65535'],
    [['--duplicate', '2'], '--duplicate must be a probability from 0 to 1'],
    [['--drop-every', '0'], '--drop-every must be a positive number of seconds'],
    [['--stall-above', '-1'], '--stall-above must be an integer from 0 to 1000000'],
    [['--stall-above', 'many'], '--stall-above must be an integer from 0 to 1000000'],
    [['--quiet-markets', '2.5'], '--quiet-markets must be an integer from 0 to 5000'],
  ])('rejects %j with one clear line', async (args, message) => {
    const { cmd, err } = program();
    const failure = await cmd.parseAsync(['sim', ...args], { from: 'user' }).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(CommanderError);
    expect((failure as CommanderError).code).toBe('commander.invalidArgument');
    expect(err()).toContain(message);
    expect(err().trim().split('\n')).toHaveLength(1);
  });

  it('prints one JSON line with its URLs and markets, serves until told to stop', async () => {
    const out = sink();
    let stop!: () => void;
    const options: SimCommandOptions = { port: 0, host: '127.0.0.1', seed: 3, markets: 2, rate: 50, pong: true, idleTimeout: 30_000, reorder: 0.1 };
    const running = runSim(options, { stdout: out.stream, stderr: sink().stream }, new Promise<void>((resolve) => (stop = resolve)));
    await until(() => out.text().includes('\n'));
    const info = JSON.parse(out.text().split('\n')[0]!);
    expect(Object.keys(info)).toEqual(['ws_market', 'ws_user', 'rest', 'gamma', 'markets']);
    expect(info.ws_market).toMatch(/^ws:\/\/127\.0\.0\.1:\d+\/ws\/market$/);
    expect(info.markets).toHaveLength(2);
    const client = await Client.open(info.ws_market);
    client.send({ assets_ids: [info.markets[0].tokens[0].tokenId], type: 'market' });
    await client.count(3);
    stop();
    await running;
    expect((await client.waitClose()).code).toBe(1006);
    await expect(fetch(`${info.rest}/book?token_id=1`)).rejects.toThrow();
  });

  it('--stall-above, --quiet-markets and --placeholder-books reach the simulator', async () => {
    const out = sink();
    let stop!: () => void;
    const options: SimCommandOptions = {
      port: 0,
      host: '127.0.0.1',
      seed: 3,
      markets: 2,
      rate: 200,
      pong: true,
      idleTimeout: 30_000,
      stallAbove: 1,
      quietMarkets: 2,
      placeholderBooks: true,
    };
    const running = runSim(options, { stdout: out.stream, stderr: sink().stream }, new Promise<void>((resolve) => (stop = resolve)));
    await until(() => out.text().includes('\n'));
    const info = JSON.parse(out.text().split('\n')[0]!);
    const [a, b] = info.markets[0].tokens.map((t: { tokenId: string }) => t.tokenId);
    const one = await Client.open(info.ws_market);
    const two = await Client.open(info.ws_market);
    one.send({ assets_ids: [a], type: 'market' });
    two.send({ assets_ids: [a, b], type: 'market' });
    await one.count(1);
    // Every market quiet: nothing after the dump; two assets > 1: not even a dump.
    await new Promise((resolve) => setTimeout(resolve, 200));
    for (const c of [one, two]) c.send('PING');
    await two.waitFor((f) => f === 'PONG');
    await one.waitFor((f) => f === 'PONG');
    expect(one.frames.slice(1)).toEqual(['PONG']);
    expect(two.frames).toEqual(['PONG']);
    const book = await (await fetch(`${info.rest}/book?token_id=${a}`)).json();
    expect([book.bids, book.asks]).toEqual([[{ price: '0.01', size: '100000' }], [{ price: '0.99', size: '100000' }]]);
    stop();
    await running;
  });

  it('runs as a process and exits 0 on SIGTERM', async () => {
    const entry = fileURLToPath(new URL('./sim-cli-entry.ts', import.meta.url));
    const child = spawn(process.execPath, ['--import', 'tsx', entry, 'sim', '--port', '0', '--seed', '4', '--markets', '1'], {
      cwd: fileURLToPath(new URL('../..', import.meta.url)),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    await until(() => stdout.includes('\n'), 15_000, 'the JSON line');
    const info = JSON.parse(stdout.split('\n')[0]!);
    const res = await fetch(`${info.gamma}/markets`);
    expect(res.status).toBe(200);
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  }, 20_000);
});
