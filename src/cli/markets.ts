/**
 * `polybook markets <text>`: active markets on Gamma matching the text, as a table (question,
 * outcomes with prices, volume, end date, slug, token ids) or `--output json` (alias `--json`) for scripts. A market whose
 * Gamma version hides its token ids (§9) is named on stderr and left out; an event with nothing
 * else to show is an error (exit 2).
 */
import type { Command } from 'commander';
import type { EventRef, GammaMarketProblem, MarketRef } from '../protocol/gamma.js';
import { applyConfig, loadConfig } from './config.js';
import { addOutputOptions, chosenOutput, gammaUrlFlag, integerOption } from './options.js';
import type { CliIo } from './io.js';
import { marketVersionError, skippedLine } from './resolve.js';

export interface SearchResult {
  readonly markets: readonly MarketRef[];
  /** Listed (active, open) markets left out because their token ids cannot be chosen. */
  readonly skipped: readonly GammaMarketProblem[];
}

/** What `markets` lists: active markets that are not closed (as `VenueApi.search`). */
function listed(m: { readonly active: boolean; readonly closed: boolean }): boolean {
  return m.active && !m.closed;
}

/**
 * The listed markets of `events`, in order, at most `limit`, and the listed markets skipped for
 * their Gamma version. Throws (exit 2) when an event has skipped markets and nothing else listed.
 */
export function searchResult(events: readonly EventRef[], limit: number): SearchResult {
  const markets: MarketRef[] = [];
  const skipped: GammaMarketProblem[] = [];
  for (const event of events) {
    if (markets.length >= limit) break;
    const good = event.markets.filter(listed);
    const bad = event.skipped.filter(listed);
    if (bad.length > 0 && good.length === 0) throw marketVersionError(bad);
    markets.push(...good);
    skipped.push(...bad);
  }
  return { markets: markets.slice(0, limit), skipped };
}

/** Thousands separators on the integer part of a canonical decimal, rounded to whole units. */
function volume(value: string | null): string {
  if (value === null) return '-';
  const whole = value.split('.')[0]!;
  return whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

export function marketTable(markets: readonly MarketRef[]): string {
  const lines: string[] = [];
  for (const m of markets) {
    const outcomes = m.outcomes.map((o) => `${o.label} ${o.price ?? '-'}`).join(' / ');
    const ends = m.endDate ? m.endDate.slice(0, 10) : '-';
    lines.push(m.question);
    lines.push(`  ${outcomes}   volume ${volume(m.volume)}   ends ${ends}   slug ${m.slug ?? '-'}`);
    const width = Math.max(...m.outcomes.map((o) => o.label.length));
    for (const o of m.outcomes) lines.push(`    ${o.label.padEnd(width)}  ${o.tokenId}`);
  }
  return lines.length > 0 ? `${lines.join('\n')}\n` : '';
}

export interface MarketsFlags {
  readonly output?: 'table' | 'json';
  /** Aliases of --output. */
  readonly format?: 'table' | 'json';
  readonly json?: boolean;
  readonly limit: number;
  readonly gamma: string;
}

export function registerMarketsCommand(program: Command, io: CliIo): void {
  const command = program
    .command('markets')
    .description('search active markets by text (Gamma): question, outcomes, prices, slug, token ids')
    .argument('<text...>', 'words to search for');
  addOutputOptions(command, ['table', 'json'], 'table, or json (one array of markets); default table')
    .option('--json', 'alias of --output json')
    .option('--limit <n>', 'at most n markets', integerOption(1, 100), 10)
    .addOption(gammaUrlFlag())
    .addHelpText('after', "\nExamples:\n  polybook markets bitcoin up or down\n  polybook markets fed rate -o json --limit 3 | jq -r '.[].slug'")
    .hook('preAction', (command) => applyConfig(command, loadConfig(), { gamma: 'gamma' }))
    .action(async (words: string[], flags: MarketsFlags) => {
      const output = chosenOutput(flags) ?? 'table';
      const text = words.join(' ');
      // The HTTP client loads only when the command runs.
      const { VenueApi } = await import('../feed/venue-api.js');
      const api = new VenueApi({ gamma: flags.gamma });
      const { markets, skipped } = searchResult(await api.searchEvents(text, flags.limit), flags.limit);
      for (const problem of skipped) io.stderr.write(skippedLine(problem));
      if (output === 'json') {
        io.stdout.write(`${JSON.stringify(markets)}\n`);
        return;
      }
      if (markets.length === 0) {
        io.stdout.write(`no active markets match "${text}"\n`);
        return;
      }
      io.stdout.write(marketTable(markets));
    });
}
