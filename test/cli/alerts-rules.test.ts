/** The `--alert` grammar: what parses to what, what is refused and why, and `--on-alert` splitting. */
import { describe, expect, it } from 'vitest';
import { parseAlertRule, parseAlertRules, resolveScopes } from '../../src/cli/alert-rules.js';
import { splitCommand } from '../../src/cli/alert-runner.js';
import { CliError } from '../../src/cli/errors.js';

describe('parseAlertRule', () => {
  it('price comparisons, with or without spaces, numbers kept as canonical decimals', () => {
    expect(parseAlertRule('ask <= 0.40')).toEqual({ text: 'ask <= 0.40', scope: null, condition: { kind: 'price', field: 'ask', op: '<=', value: '0.4' } });
    expect(parseAlertRule('bid>.5').condition).toEqual({ kind: 'price', field: 'bid', op: '>', value: '0.5' });
    expect(parseAlertRule('  MID   ==   0.505 ').condition).toEqual({ kind: 'price', field: 'mid', op: '==', value: '0.505' });
    expect(parseAlertRule('spread >= 0.03').condition).toEqual({ kind: 'price', field: 'spread', op: '>=', value: '0.03' });
    expect(parseAlertRule('last < 1').condition).toEqual({ kind: 'price', field: 'last', op: '<', value: '1' });
    expect(parseAlertRule('  MID   ==   0.505 ').text).toBe('MID == 0.505');
  });

  it('trade, frozen, pair-off, stale', () => {
    expect(parseAlertRule('trade >= 500').condition).toEqual({ kind: 'trade', size: '500' });
    expect(parseAlertRule('trade>=12.50').condition).toEqual({ kind: 'trade', size: '12.5' });
    expect(parseAlertRule('frozen').condition).toEqual({ kind: 'frozen' });
    expect(parseAlertRule('Pair-Off').condition).toEqual({ kind: 'pair-off' });
    expect(parseAlertRule('stale').condition).toEqual({ kind: 'stale' });
  });

  it('scopes: outcome labels and slugs lower-cased; the last colon splits, so a label may hold one', () => {
    expect(parseAlertRule('Yes: ask <= 0.4')).toMatchObject({ scope: 'yes', text: 'Yes: ask <= 0.4' });
    expect(parseAlertRule('btc-updown-5m-1784449200: frozen')).toMatchObject({ scope: 'btc-updown-5m-1784449200', condition: { kind: 'frozen' } });
    expect(parseAlertRule('Trump: yes: bid > 0.5').scope).toBe('trump: yes');
    expect(parseAlertRule(`0XAB${'c'.repeat(62)}: stale`).scope).toBe(`0xab${'c'.repeat(62)}`);
  });

  it.each([
    ['', 'empty rule'],
    ['ask', '"ask" needs a comparison, e.g. "ask <= 0.4"'],
    ['trade', '"trade" needs a comparison, e.g. "trade >= 0.4"'],
    ['ask <', 'ask is missing a number'],
    ['ask < abc', '"abc" is not a number (write it like 0.4 or 100)'],
    ['ask < 1e-3', '"1e-3" is not a number (write it like 0.4 or 100)'],
    ['ask < -0.1', '"-0.1" is negative; ask takes a number ≥ 0'],
    ['ask = 0.4', '"=" is not a comparison (use <, <=, >, >= or ==)'],
    ['ask != 0.4', '"!=" is not a comparison (use <, <=, >, >= or ==)'],
    ['price < 0.4', 'unknown condition "price" (known: bid, ask, last, mid, spread, trade, frozen, pair-off, stale)'],
    ['volume', 'unknown condition "volume" (known: bid, ask, last, mid, spread, trade, frozen, pair-off, stale)'],
    ['trade > 5', 'trade takes ">= <size>" (a print of at least that size)'],
    [': ask < 1', 'nothing before ":" (write "<outcome or market>: <condition>")'],
    ['Yes:', 'nothing after ":"'],
    ['ask < 0.4\u001b[2J', 'contains control characters'],
    [`ask < 0.${'1'.repeat(200)}`, 'longer than 200 characters'],
  ])('refuses %j: %s', (text, why) => {
    expect(() => parseAlertRule(text)).toThrow(why);
  });
});

describe('parseAlertRules', () => {
  it('names the bad rule and where it came from', () => {
    expect(() => parseAlertRules(['ask <= 0.4', 'bid <'])).toThrow(new CliError('cli.usage', '--alert "bid <": bid is missing a number'));
    expect(() => parseAlertRules(['nope'], { kind: 'config', path: '/x/config.json' })).toThrow(
      'config file /x/config.json: "alerts" rule "nope": unknown condition "nope"',
    );
    expect(() => parseAlertRules(Array.from({ length: 51 }, () => 'stale'))).toThrow('--alert: at most 50 rules');
  });
});

describe('resolveScopes', () => {
  it('looks up only slug-shaped scopes that are not outcomes or condition ids; market slug first, then event', async () => {
    const asked: string[] = [];
    const api = {
      marketsBySlug: async (slug: string) => {
        asked.push(`m:${slug}`);
        return slug === 'm-1' ? [{ slug: 'm-1', conditionId: '0xaa' }] : [];
      },
      eventsBySlug: async (slug: string) => {
        asked.push(`e:${slug}`);
        return slug === 'ev' ? [{ slug: 'ev', markets: [{ conditionId: '0xbb' }, { conditionId: '0xcc' }] }] : [];
      },
    } as unknown as Parameters<typeof resolveScopes>[2];
    const rules = ['Yes: stale', 'm-1: stale', 'ev: stale', `0x${'a'.repeat(64)}: stale`, 'Trump: yes: stale', 'stale', 'm-1: frozen'].map(parseAlertRule);
    const scopes = await resolveScopes(rules, new Set(['yes']), api);
    expect([...scopes].map(([k, v]) => [k, [...v]])).toEqual([
      ['m-1', ['0xaa']],
      ['ev', ['0xbb', '0xcc']],
    ]);
    expect(asked).toEqual(['m:m-1', 'm:ev', 'e:ev']);
  });
});

describe('splitCommand', () => {
  it('splits like a shell would, without one', () => {
    expect(splitCommand('notify-send polybook')).toEqual(['notify-send', 'polybook']);
    expect(splitCommand(`/bin/my\\ tool "a b" 'c "d"' e\\"f ""`)).toEqual(['/bin/my tool', 'a b', 'c "d"', 'e"f', '']);
    expect(splitCommand('echo $HOME;rm -rf / | x')).toEqual(['echo', '$HOME;rm', '-rf', '/', '|', 'x']);
  });

  it('refuses an empty command and an open quote', () => {
    expect(() => splitCommand('   ')).toThrow('--on-alert: empty command');
    expect(() => splitCommand('say "hi')).toThrow('--on-alert: unclosed " quote');
  });
});
