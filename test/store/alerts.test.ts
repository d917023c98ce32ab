/**
 * The alert evaluator and its store binding: edge-triggered per (rule, asset), exact decimal
 * comparisons, scopes, new trade prints only, bounded history in the store.
 */
import { describe, expect, it } from 'vitest';
import { parseAlertRule } from '../../src/cli/alert-rules.js';
import { AlertEvaluator, ALERT_LIMIT, bindAlerts, STALE_REST_GRACE_MS, type AlertRule } from '../../store/alerts.js';
import { createPolybookStore, publishAssets, setHealth } from '../../store/store.js';
import type { AssetView, PolybookState, TradeView } from '../../store/types.js';
import { assetView, health, MARKET, NO, YES } from '../components/helpers.js';

const rules = (...texts: string[]): AlertRule[] => texts.map(parseAlertRule);

function stateOf(views: readonly AssetView[], records = [health({ id: 'market-0' })]): PolybookState {
  const store = createPolybookStore();
  publishAssets(store, views);
  for (const r of records) setHealth(store, r);
  return store.getState();
}

/** A Yes book with this best ask (bids at 0.30). */
const withAsk = (ask: string, extra: Partial<Omit<AssetView, 'bids' | 'asks'>> = {}) =>
  assetView({ assetId: YES, outcome: 'Yes', asks: [[ask, '10']], bids: [['0.3', '5']], ...extra });

describe('AlertEvaluator', () => {
  it('fires when a rule becomes true, not again while it stays true, and again after it was false', () => {
    const e = new AlertEvaluator(rules('ask <= 0.4'));
    expect(e.look(stateOf([withAsk('0.45')]))).toEqual([]);
    expect(e.look(stateOf([withAsk('0.4')]))).toEqual([{ rule: 'ask <= 0.4', text: 'ask 0.4 <= 0.4', assetId: YES, outcome: 'Yes', market: MARKET }]);
    expect(e.look(stateOf([withAsk('0.39')]))).toEqual([]);
    expect(e.look(stateOf([withAsk('0.41')]))).toEqual([]);
    expect(e.look(stateOf([withAsk('0.38')])).map((f) => f.text)).toEqual(['ask 0.38 <= 0.4']);
  });

  it('a rule already true at the first look fires once', () => {
    const e = new AlertEvaluator(rules('bid > 0.2'));
    expect(e.look(stateOf([withAsk('0.45')])).map((f) => f.text)).toEqual(['bid 0.3 > 0.2']);
    expect(e.look(stateOf([withAsk('0.44')]))).toEqual([]);
  });

  it('compares exactly as decimals: 0.1 + 0.2 style float error cannot happen, 0.40 == 0.4, long fractions', () => {
    const eq = new AlertEvaluator(rules('mid == 0.35'));
    // mid of 0.3 and 0.4 is exactly 0.35.
    expect(eq.look(stateOf([withAsk('0.4')])).map((f) => f.text)).toEqual(['mid 0.35 == 0.35']);
    const canon = new AlertEvaluator(rules('ask == 0.40'));
    expect(canon.look(stateOf([withAsk('0.4')])).map((f) => f.text)).toEqual(['ask 0.4 == 0.4']);
    // 0.3000000000000000001 > 0.3 is true exactly; as floats it would be equal.
    const fine = new AlertEvaluator(rules('spread > 0.0999999999999999999'));
    expect(fine.look(stateOf([withAsk('0.4')])).map((f) => f.text)).toEqual(['spread 0.1 > 0.0999999999999999999']);
    const strict = new AlertEvaluator(rules('spread < 0.1'));
    expect(strict.look(stateOf([withAsk('0.4')]))).toEqual([]);
  });

  it('every operator at its boundary', () => {
    const cases: Array<[string, boolean]> = [
      ['ask < 0.4', false],
      ['ask <= 0.4', true],
      ['ask > 0.4', false],
      ['ask >= 0.4', true],
      ['ask == 0.4', true],
      ['ask < 0.41', true],
      ['ask > 0.39', true],
    ];
    for (const [text, fires] of cases) expect(new AlertEvaluator(rules(text)).look(stateOf([withAsk('0.4')])).length, text).toBe(fires ? 1 : 0);
  });

  it('a side or figure that is missing never holds (an empty ask side, no last trade, "" last trade)', () => {
    const e = new AlertEvaluator(rules('ask < 1', 'last < 1', 'spread >= 0'));
    expect(e.look(stateOf([assetView({ bids: [['0.3', '1']], asks: [] })]))).toEqual([]);
    const blank = new AlertEvaluator(rules('last >= 0'));
    expect(blank.look(stateOf([withAsk('0.4', { lastTrade: { price: '', size: null, side: null, timestamp: '1' } })]))).toEqual([]);
    const last = new AlertEvaluator(rules('last >= 0.5'));
    expect(last.look(stateOf([withAsk('0.6', { lastTrade: { price: '0.5', size: '3', side: 'BUY', timestamp: '1' } })])).map((f) => f.text)).toEqual([
      'last 0.5 >= 0.5',
    ]);
  });

  it('a crossed book has a negative spread, which is below any number', () => {
    const e = new AlertEvaluator(rules('spread < 0.01', 'spread > 0'));
    const crossed = assetView({ bids: [['0.5', '1']], asks: [['0.48', '1']] });
    expect(crossed.analytics.spread).toBe('-0.02');
    expect(e.look(stateOf([crossed])).map((f) => f.text)).toEqual(['spread -0.02 < 0.01']);
  });

  it('edges are per asset: each asset fires on its own', () => {
    const e = new AlertEvaluator(rules('ask <= 0.4'));
    const yes = withAsk('0.4');
    const no = assetView({ assetId: NO, outcome: 'No', asks: [['0.7', '1']] });
    expect(e.look(stateOf([yes, no])).map((f) => f.assetId)).toEqual([YES]);
    const no2 = assetView({ assetId: NO, outcome: 'No', asks: [['0.35', '1']] });
    expect(e.look(stateOf([yes, no2])).map((f) => f.assetId)).toEqual([NO]);
  });

  it('scopes: an outcome label (any case), a condition id, a market slug looked up at start', () => {
    const yes = withAsk('0.4');
    const no = assetView({ assetId: NO, outcome: 'No', asks: [['0.4', '1']], market: '0xother' });
    const byOutcome = new AlertEvaluator(rules('YES: ask <= 0.4'));
    expect(byOutcome.look(stateOf([yes, no])).map((f) => f.assetId)).toEqual([YES]);
    const byMarket = new AlertEvaluator(rules('0xOTHER: ask <= 0.4'));
    expect(byMarket.look(stateOf([yes, no])).map((f) => f.assetId)).toEqual([NO]);
    const bySlug = new AlertEvaluator(rules('btc-updown-5m-1: ask <= 0.4'), { scopeMarkets: new Map([['btc-updown-5m-1', new Set([MARKET])]]) });
    expect(bySlug.look(stateOf([yes, no])).map((f) => f.assetId)).toEqual([YES]);
    const nothing = new AlertEvaluator(rules('Maybe: ask <= 0.4'));
    expect(nothing.look(stateOf([yes, no]))).toEqual([]);
  });

  it('trade >= size: fires on new prints only, once per look, naming the largest', () => {
    const e = new AlertEvaluator(rules('trade >= 100'));
    const t1: TradeView = { price: '0.41', size: '150', side: 'BUY', timestamp: '1000' };
    const small: TradeView = { price: '0.4', size: '99.999999', side: 'SELL', timestamp: '1001' };
    const t2: TradeView = { price: '0.42', size: '100', side: 'BUY', timestamp: '1002' };
    const t3: TradeView = { price: '0.43', size: '250.5', side: 'SELL', timestamp: '1003' };
    expect(e.look(stateOf([withAsk('0.5', { trades: [t1] })])).map((f) => f.text)).toEqual(['trade 150 @ 0.41 BUY >= 100']);
    // The same print again (another publish): nothing new.
    expect(e.look(stateOf([withAsk('0.51', { trades: [t1] })]))).toEqual([]);
    expect(e.look(stateOf([withAsk('0.5', { trades: [small, t1] })]))).toEqual([]);
    expect(e.look(stateOf([withAsk('0.5', { trades: [t3, t2, small, t1] })])).map((f) => f.text)).toEqual(['trade 250.5 @ 0.43 SELL >= 100 (+1 more)']);
  });

  it('trade prints that scrolled the last one off the bounded tape are found by timestamp', () => {
    const e = new AlertEvaluator(rules('trade >= 1'));
    const old: TradeView = { price: '0.4', size: '5', side: 'BUY', timestamp: '1000' };
    e.look(stateOf([withAsk('0.5', { trades: [old] })]));
    const newer: TradeView[] = [3, 2, 1].map((i) => ({ price: '0.4', size: String(i), side: 'BUY', timestamp: String(1000 + i) }));
    expect(e.look(stateOf([withAsk('0.5', { trades: newer })])).map((f) => f.text)).toEqual(['trade 3 @ 0.4 BUY >= 1 (+2 more)']);
  });

  it('an asset removed and added again starts armed afresh', () => {
    const e = new AlertEvaluator(rules('ask <= 0.4'));
    const other = assetView({ assetId: NO, outcome: 'No', asks: [['0.9', '1']] });
    expect(e.look(stateOf([withAsk('0.4'), other])).length).toBe(1);
    expect(e.look(stateOf([other]))).toEqual([]);
    expect(e.look(stateOf([withAsk('0.4'), other])).map((f) => f.assetId)).toEqual([YES]);
  });

  it('frozen: reconnecting or stale status, or the asset’s connection frozen', () => {
    const e = new AlertEvaluator(rules('frozen'), { connectionOf: () => 'market-0' });
    const live = withAsk('0.5');
    expect(e.look(stateOf([live]))).toEqual([]);
    expect(e.look(stateOf([live], [health({ id: 'market-0', frozen: true })])).map((f) => f.text)).toEqual(['frozen (no data while PONGs flow)']);
    expect(e.look(stateOf([live]))).toEqual([]);
    expect(e.look(stateOf([withAsk('0.5', { status: 'reconnecting' })])).map((f) => f.text)).toEqual(['frozen (reconnecting)']);
  });

  it('pair-off: when the two outcomes disagree by more than a tick', () => {
    const e = new AlertEvaluator(rules('pair-off'));
    expect(e.look(stateOf([withAsk('0.5', { pair: { assetId: NO, gap: '0', disagrees: false } })]))).toEqual([]);
    expect(e.look(stateOf([withAsk('0.5', { pair: { assetId: NO, gap: '0.03', disagrees: true } })])).map((f) => f.text)).toEqual(['pair off by 0.03']);
  });

  it('stale: stale or reconnecting at once; a REST book only after it was live or the start-up grace', () => {
    let now = 0;
    const e = new AlertEvaluator(rules('stale'), { now: () => now });
    const rest = withAsk('0.5', { status: 'rest' });
    expect(e.look(stateOf([rest]))).toEqual([]);
    now = STALE_REST_GRACE_MS;
    expect(e.look(stateOf([rest])).map((f) => f.text)).toEqual(['stale (REST book, no WebSocket snapshot)']);
    const f = new AlertEvaluator(rules('stale'), { now: () => 0 });
    expect(f.look(stateOf([withAsk('0.5')]))).toEqual([]);
    expect(f.look(stateOf([withAsk('0.5', { status: 'stale' })])).map((x) => x.text)).toEqual(['stale (stale)']);
    expect(f.look(stateOf([withAsk('0.5', { status: 'rest' })]))).toEqual([]);
    expect(f.look(stateOf([withAsk('0.5')]))).toEqual([]);
    expect(f.look(stateOf([withAsk('0.5', { status: 'rest' })])).map((x) => x.text)).toEqual(['stale (REST book, no WebSocket snapshot)']);
  });
});

describe('bindAlerts', () => {
  it('pushes firings to the store newest first with increasing seq, and stops', () => {
    const store = createPolybookStore();
    const stop = bindAlerts(store, rules('ask <= 0.4', 'Yes: bid >= 0.3'), { now: () => 42 });
    publishAssets(store, [withAsk('0.5')]);
    expect(store.getState().alerts).toEqual([
      { seq: 1, at: 42, rule: 'Yes: bid >= 0.3', text: 'bid 0.3 >= 0.3', assetId: YES, outcome: 'Yes', market: MARKET },
    ]);
    publishAssets(store, [withAsk('0.4')]);
    expect(store.getState().alerts.map((a) => [a.seq, a.rule])).toEqual([
      [2, 'ask <= 0.4'],
      [1, 'Yes: bid >= 0.3'],
    ]);
    stop();
    publishAssets(store, [withAsk('0.5')]);
    publishAssets(store, [withAsk('0.4')]);
    expect(store.getState().alerts).toHaveLength(2);
  });

  it('keeps at most ALERT_LIMIT alerts', () => {
    const store = createPolybookStore();
    bindAlerts(store, rules('ask <= 0.4'));
    // Every other publish fires: 2 × (limit + 10) publishes fire limit + 10 times.
    for (let i = 0; i < 2 * (ALERT_LIMIT + 10); i++) publishAssets(store, [withAsk(i % 2 === 0 ? '0.4' : '0.5')]);
    const { alerts } = store.getState();
    expect(alerts).toHaveLength(ALERT_LIMIT);
    expect(alerts[0]!.seq).toBe(ALERT_LIMIT + 10);
    expect(alerts.at(-1)!.seq).toBe(11);
  });

  it('outcome labels from the server reach the alert sanitized', () => {
    const store = createPolybookStore();
    bindAlerts(store, rules('ask <= 0.4'));
    publishAssets(store, [withAsk('0.4', { outcome: 'Y\u001b[2Jes' })]);
    expect(store.getState().alerts[0]!.outcome).toBe('Y[2Jes');
  });
});
