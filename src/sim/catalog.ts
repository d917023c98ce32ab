/**
 * Seeded market metadata: human questions, slugs, outcomes, Gamma ids and event grouping, from
 * small word lists. Every market is binary (two tokens); each gets its own Gamma event.
 */
import { hex32, tokenId } from './ids.js';
import type { Rng } from './rng.js';

export interface TokenInfo {
  readonly tokenId: string;
  readonly outcome: string;
}

export interface EventInfo {
  readonly id: string;
  readonly ticker: string;
  readonly slug: string;
  readonly title: string;
  readonly description: string;
}

/** Everything static about one market. */
export interface MarketSpec {
  readonly conditionId: string;
  readonly questionId: string;
  /** Gamma market id (a decimal string, like "2970588"). */
  readonly gammaId: string;
  readonly question: string;
  readonly slug: string;
  readonly description: string;
  readonly tokens: readonly [TokenInfo, TokenInfo];
  readonly event: EventInfo;
  readonly category: string;
  /** ISO dates, Gamma style. */
  readonly startDate: string;
  readonly endDate: string;
  /** Initial price of the first token, in 0.0001 units. */
  readonly initialMid: number;
  /** The Gamma series of a recurring market (`sim --window`); absent for one-off markets. */
  readonly series?: SeriesInfo;
}

/** A Gamma series: the recurring up/down markets of one coin and window length. */
export interface SeriesInfo {
  readonly id: string;
  readonly slug: string;
  readonly title: string;
  /** Gamma's word for the cadence ("5m", or "3s" for a window that is no whole minute). */
  readonly recurrence: string;
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const COINS = [
  { name: 'Bitcoin', short: 'btc', base: 120_000, step: 1000 },
  { name: 'Ethereum', short: 'eth', base: 4_000, step: 50 },
  { name: 'Solana', short: 'sol', base: 200, step: 5 },
  { name: 'XRP', short: 'xrp', base: 3, step: 0.1 },
] as const;
const STOCKS = [
  { name: 'NVIDIA (NVDA)', base: 240, step: 5 },
  { name: 'Apple (AAPL)', base: 260, step: 5 },
  { name: 'Tesla (TSLA)', base: 420, step: 10 },
  { name: 'Microsoft (MSFT)', base: 520, step: 10 },
] as const;
const HAPPENINGS = [
  ['the Fed', 'cut interest rates at its next meeting'],
  ['SpaceX', 'launch Starship again before the end of the month'],
  ['OpenAI', 'release a new flagship model this month'],
  ['the US', 'announce a new tariff deal with the EU this month'],
  ['Taylor Swift', 'announce a new album this month'],
  ['Real Madrid', 'win their next league match'],
  ['the Lakers', 'win their next game'],
  ['NYC', 'record more than 2 inches of rain this week'],
] as const;

const DAY_MS = 86_400_000;

export function slugify(text: string): string {
  return text
    .toLowerCase()
    .replace(/\$/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

function dayName(ms: number): string {
  const d = new Date(ms);
  return `${MONTHS[d.getUTCMonth()]} ${d.getUTCDate()}`;
}

function money(value: number): string {
  return Number.isInteger(value) ? value.toLocaleString('en-US') : value.toFixed(2);
}

function yesNo(subject: string, rest: string): string {
  return `This market will resolve to "Yes" if ${subject} ${rest}. Otherwise, this market will resolve to "No".`;
}

interface Draft {
  question: string;
  outcomes: [string, string];
  description: string;
  eventTitle: string;
  eventSlug: string;
  category: string;
  slug?: string;
}

function draft(rng: Rng, epochMs: number): Draft {
  const day = Math.floor(epochMs / DAY_MS) * DAY_MS + rng.int(1, 45) * DAY_MS;
  const date = dayName(day);
  const kind = rng.int(0, 3);
  if (kind === 0) {
    const coin = rng.pick(COINS);
    const level = coin.base + rng.int(-5, 5) * coin.step;
    const question = `Will ${coin.name} close above $${money(level)} on ${date}?`;
    const eventTitle = `${coin.name} above ___ on ${date}?`;
    return {
      question,
      outcomes: ['Yes', 'No'],
      eventTitle,
      eventSlug: slugify(`${coin.short} above on ${date}`),
      category: 'Crypto',
      description: yesNo(
        `the ${coin.name} price`,
        `closes above $${money(level)} on ${date} (12:00 ET), according to Binance ${coin.short.toUpperCase()}/USDT`,
      ),
    };
  }
  if (kind === 1) {
    const coin = rng.pick(COINS);
    const start = Math.floor(epochMs / 300_000) * 300_000 + rng.int(1, 200) * 300_000;
    const hhmm = (ms: number): string => {
      const d = new Date(ms - 4 * 3_600_000);
      const h = d.getUTCHours();
      return `${h % 12 === 0 ? 12 : h % 12}:${String(d.getUTCMinutes()).padStart(2, '0')}${h < 12 ? 'AM' : 'PM'}`;
    };
    const question = `${coin.name} Up or Down - ${dayName(start - 4 * 3_600_000)}, ${hhmm(start)}-${hhmm(start + 300_000)} ET`;
    const slug = `${coin.short}-updown-5m-${Math.floor(start / 1000)}`;
    return {
      question,
      outcomes: ['Up', 'Down'],
      eventTitle: question,
      eventSlug: slug,
      slug,
      category: 'Crypto',
      description: `This market will resolve to "Up" if the ${coin.name} price at the end of the time range specified in the title is greater than or equal to the price at the beginning of that range. Otherwise, it will resolve to "Down".`,
    };
  }
  if (kind === 2) {
    const stock = rng.pick(STOCKS);
    const level = stock.base + rng.int(-4, 4) * stock.step;
    const month = MONTHS[new Date(day).getUTCMonth()]!;
    const question = `Will ${stock.name} close above $${level} end of ${month}?`;
    return {
      question,
      outcomes: ['Yes', 'No'],
      eventTitle: `Will ${stock.name} close above ___ end of ${month}?`,
      eventSlug: slugify(`${stock.name.split(' ')[0]} above in ${month}`),
      category: 'Stocks',
      description: yesNo(`the official closing price of ${stock.name}`, `on the last trading day of ${month} is above $${level}`),
    };
  }
  const [subject, predicate] = rng.pick(HAPPENINGS);
  const question = `Will ${subject} ${predicate}?`;
  return {
    question,
    outcomes: ['Yes', 'No'],
    eventTitle: question,
    eventSlug: slugify(question),
    category: 'Culture',
    description: yesNo(subject, `${predicate}, as reported by major news outlets`),
  };
}

/**
 * Per `taken` set and (slug, event slug) pair: the suffix after the last one that pair took. Every
 * suffix before it was found taken then and is taken still (the set only grows), so a search may
 * start there and find what a search from the start would: thousands of markets over a few dozen
 * questions no longer retry every suffix.
 */
const nextSuffix = new WeakMap<Set<string>, Map<string, number>>();

/** Generates market number `index` (0-based). `taken` keeps slugs unique across the catalog. */
export function generateMarket(rng: Rng, index: number, epochMs: number, taken: Set<string>): MarketSpec {
  const d = draft(rng, epochMs);
  const baseSlug = d.slug ?? slugify(d.question);
  let memo = nextSuffix.get(taken);
  if (!memo) nextSuffix.set(taken, (memo = new Map()));
  const pair = `${baseSlug}\n${d.eventSlug}`;
  let n = memo.get(pair) ?? 1;
  // n = 1: the slugs themselves; n ≥ 2: "-n" appended to both.
  let slug = n === 1 ? baseSlug : `${baseSlug}-${n}`;
  let eventSlug = n === 1 ? d.eventSlug : `${d.eventSlug}-${n}`;
  while (taken.has(slug) || taken.has(`event:${eventSlug}`)) {
    n++;
    slug = `${baseSlug}-${n}`;
    eventSlug = `${d.eventSlug}-${n}`;
  }
  memo.set(pair, n + 1);
  taken.add(slug);
  taken.add(`event:${eventSlug}`);
  const start = new Date(Math.floor(epochMs / 1000) * 1000 - rng.int(1, 20) * DAY_MS).toISOString();
  const end = new Date(Math.floor(epochMs / DAY_MS) * DAY_MS + rng.int(1, 45) * DAY_MS).toISOString();
  return {
    conditionId: hex32(rng),
    questionId: hex32(rng),
    gammaId: String(2_900_000 + index * 7 + rng.int(0, 6)),
    question: d.question,
    slug,
    description: d.description,
    tokens: [
      { tokenId: tokenId(rng), outcome: d.outcomes[0] },
      { tokenId: tokenId(rng), outcome: d.outcomes[1] },
    ],
    event: { id: String(716_000 + index * 3 + rng.int(0, 2)), ticker: eventSlug, slug: eventSlug, title: d.eventTitle, description: d.description },
    category: d.category,
    startDate: start,
    endDate: end,
    // Between 0.15 and 0.85: markets start away from the extremes.
    initialMid: rng.int(15, 85) * 100,
  };
}

/** The coins whose up/down markets recur under `sim --window`. */
export const WINDOW_COINS = COINS.slice(0, 2);

/** A window length as the venue's slugs spell it: "5m", "1h", or "3s" when it is no whole minute. */
export function windowLabel(windowMs: number): string {
  const s = Math.round(windowMs / 1000);
  if (s % 3600 === 0) return `${s / 3600}h`;
  return s % 60 === 0 ? `${s / 60}m` : `${s}s`;
}

/** The series of one coin's up/down windows (`btc-updown-5m`). */
export function windowSeries(coinIndex: number, windowMs: number): SeriesInfo {
  const coin = WINDOW_COINS[coinIndex]!;
  const label = windowLabel(windowMs);
  return { id: String(10_000 + coinIndex), slug: `${coin.short}-updown-${label}`, title: `${coin.name} Up or Down ${label}`, recurrence: label };
}

function clockText(ms: number): string {
  const d = new Date(ms - 4 * 3_600_000);
  const h = d.getUTCHours();
  const ss = d.getUTCSeconds();
  const mm = String(d.getUTCMinutes()).padStart(2, '0');
  return `${h % 12 === 0 ? 12 : h % 12}:${mm}${ss === 0 ? '' : `:${String(ss).padStart(2, '0')}`}${h < 12 ? 'AM' : 'PM'}`;
}

/**
 * One window of a recurring up/down market, as the venue names them: slug and event slug
 * `<coin>-updown-<len>-<unix start>`, the question with the window in ET, the end at start + window.
 */
export function windowMarket(rng: Rng, coinIndex: number, startMs: number, windowMs: number, index: number): MarketSpec {
  const coin = WINDOW_COINS[coinIndex]!;
  const series = windowSeries(coinIndex, windowMs);
  const slug = `${series.slug}-${Math.floor(startMs / 1000)}`;
  const question = `${coin.name} Up or Down - ${dayName(startMs - 4 * 3_600_000)}, ${clockText(startMs)}-${clockText(startMs + windowMs)} ET`;
  const description = `This market will resolve to "Up" if the ${coin.name} price at the end of the time range specified in the title is greater than or equal to the price at the beginning of that range. Otherwise, it will resolve to "Down".`;
  return {
    conditionId: hex32(rng),
    questionId: hex32(rng),
    gammaId: String(3_900_000 + index),
    question,
    slug,
    description,
    tokens: [
      { tokenId: tokenId(rng), outcome: 'Up' },
      { tokenId: tokenId(rng), outcome: 'Down' },
    ],
    event: { id: String(816_000 + index), ticker: slug, slug, title: question, description },
    category: 'Crypto',
    startDate: new Date(startMs).toISOString(),
    endDate: new Date(startMs + windowMs).toISOString(),
    initialMid: rng.int(40, 60) * 100,
    series,
  };
}
