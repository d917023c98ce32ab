/**
 * `polybook status <market>`: one short line for a tmux status bar (`#(polybook status …)`):
 * outcome, bid/ask, last, spread and an integrity mark. REST only, no Ink, a timeout; when the
 * venue cannot be reached it prints a short line and exits 1.
 */
import { Option, type Command } from 'commander';
import { analyze } from '../book/analytics.js';
import { currentPreimage, levelsJsonInOrder, sha1Hex } from '../book/venue-hash.js';
import { FeedError } from '../feed/errors.js';
import { DEFAULT_GAMMA_URL, DEFAULT_REST_URL, VenueApi } from '../feed/venue-api.js';
import type { BookEvent } from '../protocol/events.js';
import { applyConfig, loadConfig } from './config.js';
import { CliError } from './errors.js';
import { tmuxSafe } from '../protocol/sanitize.js';
import { httpUrlOption, secondsOption } from './options.js';
import type { CliIo } from './program.js';
import { resolveOne } from './resolve.js';

/** ✓ when the REST book reproduces its own venue hash (all ten inputs are in a REST body). */
export function integrityMark(book: BookEvent): string {
  if (book.minOrderSize === undefined || book.negRisk === undefined || book.tickSize === undefined || book.lastTradePrice === undefined) return '?';
  const preimage = currentPreimage(book.market, book.assetId, book.timestamp, levelsJsonInOrder(book.wire.bids), levelsJsonInOrder(book.wire.asks), {
    minOrderSize: book.minOrderSize,
    negRisk: book.negRisk,
    tickSize: book.tickSize,
    lastTradePrice: book.lastTradePrice,
  });
  return sha1Hex(preimage) === book.hash ? '✓' : '✗';
}

export function statusLine(label: string, book: BookEvent): string {
  const a = analyze(book.bids, book.asks, { levels: 1, ticks: 0, tickSize: book.tickSize ?? null, lastTradePrice: null });
  const last = book.lastTradePrice === undefined ? '-' : book.lastTradePrice;
  return `${label} ${a.bestBid ?? '-'}/${a.bestAsk ?? '-'} last ${last} spr ${a.spread ?? '-'} ${integrityMark(book)}`;
}

export function registerStatusCommand(program: Command, io: CliIo): void {
  program
    .command('status')
    .description('one short line for a tmux status bar: outcome bid/ask, last, spread, integrity mark')
    .argument('<market>', 'token id, market or event slug, condition id or polymarket.com URL')
    .option('--outcome <label>', 'which outcome to show (default: the first)')
    .addOption(new Option('--timeout <seconds>', 'give up after this long').argParser(secondsOption(0.1)).default(3000, '3'))
    .addOption(new Option('--rest <url>', 'CLOB REST URL').env('POLYBOOK_REST_URL').default(DEFAULT_REST_URL).argParser(httpUrlOption))
    .addOption(new Option('--gamma <url>', 'Gamma API URL').env('POLYBOOK_GAMMA_URL').default(DEFAULT_GAMMA_URL).argParser(httpUrlOption))
    .addHelpText('after', "\nExample (tmux):\n  set -g status-right '#(polybook status btc-updown-5m-1784449200)'")
    .hook('preAction', (command) => applyConfig(command, loadConfig(), { rest: 'rest', gamma: 'gamma' }))
    .action(async (market: string, flags: { outcome?: string; timeout: number; rest: string; gamma: string }) => {
      const api = new VenueApi({ rest: flags.rest, gamma: flags.gamma, timeoutMs: flags.timeout });
      try {
        const assets = await resolveOne(api, market);
        const wanted = flags.outcome?.toLowerCase();
        const asset = (wanted ? assets.find((a) => a.outcome?.toLowerCase() === wanted) : assets[0]) ?? assets[0]!;
        const label = asset.outcome ?? `${asset.assetId.slice(0, 4)}…${asset.assetId.slice(-4)}`;
        const rest = await api.book(asset.assetId);
        // The line lands in tmux's `#(…)`, where `#[…]` restyles the bar: every `#` doubled.
        io.stdout.write(`${tmuxSafe(rest.kind === 'missing' ? `${label} resolved` : statusLine(label, rest.book))}\n`);
      } catch (error) {
        if (error instanceof FeedError) {
          io.stdout.write(`polybook: ${error.code === 'feed.unreachable' ? 'venue unreachable' : error.message}\n`);
          throw new CliError('status.unreachable', error.message, 1);
        }
        throw error;
      }
    });
}
