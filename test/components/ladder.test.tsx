/**
 * The depth ladder and its spread row, as exact lines, from fixed views. Mostly without colour:
 * there the bars are block characters and sides are marked, so the plain frame shows everything.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { render } from 'ink-testing-library';
import { BookPane } from '../../components/book-pane.js';
import { ladderGeometry, ladderRowText } from '../../components/ladder-model.js';
import { ThemeContext } from '../../components/theme.js';
import type { AssetView } from '../../store/types.js';
import { ASKS, BIDS, NOW, assetView, lines, settle } from './helpers.js';

const now = () => NOW;

function pane(view: AssetView, options: { levels?: number; width?: number; header?: boolean; color?: boolean; clock?: () => number } = {}) {
  return (
    <ThemeContext.Provider value={{ color: options.color ?? false }}>
      <BookPane
        view={view}
        levels={options.levels ?? 5}
        width={options.width ?? 60}
        columnHeader={options.header ?? true}
        spreadRow
        now={options.clock ?? now}
      />
    </ThemeContext.Provider>
  );
}

function frameOf(view: AssetView, options: Parameters<typeof pane>[1] = {}): string[] {
  const { lastFrame, unmount } = render(pane(view, options));
  const out = lines(lastFrame());
  unmount();
  return out;
}

describe('ladder', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('puts asks above the spread row (best ask nearest it) and bids below, with cumulative depth bars', () => {
    expect(frameOf(assetView({ bids: BIDS, asks: ASKS }))).toEqual([
      '  price       size       total  depth',
      'A  0.45   2,500.00    3,855.50  ██████',
      'A  0.44   1,000.00    1,355.50  ██',
      'A  0.43      75.00      355.50  █',
      'A  0.42     230.50      280.50  █',
      'A  0.41      50.00       50.00  █',
      '  spread 1 tick (1.0¢)  mid 0.405  micro 0.406796',
      'B  0.40     106.06      106.06  █',
      'B  0.39     168.88      274.94  █',
      'B  0.38     108.88      383.82  █',
      'B  0.37   1,500.00    1,883.82  ███',
      'B  0.36  14,884.14   16,767.96  ████████████████████████████',
    ]);
  });

  it('in colour has no markers, and draws bars as coloured cells (blank in plain text)', () => {
    expect(frameOf(assetView({ bids: BIDS, asks: ASKS }), { levels: 2, color: true })).toEqual([
      ' price       size       total  depth',
      '  0.42     230.50      280.50',
      '  0.41      50.00       50.00',
      ' spread 1 tick (1.0¢)  mid 0.405  micro 0.406796',
      '  0.40     106.06      106.06',
      '  0.39     168.88      274.94',
    ]);
  });

  it('scales bars to the visible levels only', () => {
    expect(frameOf(assetView({ bids: BIDS, asks: ASKS }), { levels: 3 })).toEqual([
      '  price       size       total  depth',
      'A  0.43      75.00      355.50  ██████████████████████████',
      'A  0.42     230.50      280.50  ████████████████████',
      'A  0.41      50.00       50.00  ████',
      '  spread 1 tick (1.0¢)  mid 0.405  micro 0.406796',
      'B  0.40     106.06      106.06  ████████',
      'B  0.39     168.88      274.94  ████████████████████',
      'B  0.38     108.88      383.82  ████████████████████████████',
    ]);
  });

  it('says so when the book is empty, one-sided, awaiting its snapshot, or resolved', () => {
    expect(frameOf(assetView({}))).toEqual(['  price       size       total  depth', '  empty book']);
    expect(frameOf(assetView({ bids: BIDS.slice(0, 2) }))).toEqual([
      '  price       size       total  depth',
      '',
      '',
      '  no asks',
      'B  0.40     106.06      106.06  ███████████',
      'B  0.39     168.88      274.94  ████████████████████████████',
    ]);
    expect(frameOf(assetView({ asks: [['0.5', '10']] }), { header: false })).toEqual([`A  0.50         10          10  ${'█'.repeat(28)}`, '  no bids', '']);
    expect(frameOf(assetView({ status: 'awaiting' }), { header: false })).toEqual(['  waiting for snapshot…']);
    expect(frameOf(assetView({ status: 'resolved' }), { header: false })).toEqual(['  market resolved, book empty']);
  });

  it('shows a crossed book as it is, with a negative spread flagged CROSSED', () => {
    const view = assetView({
      bids: [
        ['0.42', '10'],
        ['0.41', '5'],
      ],
      asks: [
        ['0.41', '7'],
        ['0.43', '1'],
      ],
      crossed: true,
    });
    expect(frameOf(view)).toEqual([
      '  price       size       total  depth',
      'A  0.43          1           8  ███████████████',
      'A  0.41          7           7  █████████████',
      '  CROSSED  spread -1 tick (-1.0¢)  mid 0.415  micro 0.414118',
      'B  0.42         10          10  ███████████████████',
      'B  0.41          5          15  ████████████████████████████',
    ]);
  });

  it('keeps its columns where they are when a size reaches 1,000 or 10,000 (fixed widths)', () => {
    const rows = (size: string) => frameOf(assetView({ bids: [['0.4', size]], asks: [['0.41', '5.5']] }), { levels: 1 });
    const [small, thousand, tenThousand, whole] = [rows('999.5'), rows('1000.5'), rows('10000.25'), rows('12')];
    const columnsOf = (frame: string[]) => frame.map((l) => l.replace(/█+$/, '').length);
    expect(columnsOf(thousand)).toEqual(columnsOf(small));
    expect(columnsOf(tenThousand)).toEqual(columnsOf(small));
    expect(columnsOf(whole)).toEqual(columnsOf(small));
    expect(small[3]).toBe(`B  0.40      999.5       999.5  ${'█'.repeat(28)}`);
    expect(tenThousand[3]).toMatch(/^B {2}0\.40 {2}10,000\.25 {3}10,000\.25 {2}█/);
    // Abbreviated (narrow panes): six characters whatever the size.
    const narrow = (size: string) => frameOf(assetView({ bids: [['0.4', size]] }), { levels: 1, width: 30, header: false }).at(-1)!;
    expect(narrow('999').replace(/█+$/, '').length).toBe(narrow('1500000').replace(/█+$/, '').length);
  });

  it('abbreviates sizes on narrow panes and drops the cumulative column last', () => {
    const view = assetView({ bids: BIDS, asks: ASKS });
    expect(frameOf(view, { levels: 2, width: 30, header: false })).toEqual([
      'A  0.42  230.5  280.5 ████████',
      'A  0.41     50     50 █',
      '  spread 1 tick (1.0¢)  mid 0…',
      'B  0.40 106.06 106.06 ███',
      'B  0.39 168.88 274.94 ████████',
    ]);
    const geometry = ladderGeometry(view.asks.slice(-1), [], 20, '0.01', false);
    // Abbreviated sizes sit in fixed 6-character columns.
    expect(ladderRowText(view.asks.at(-1)!, geometry)).toBe(' 0.45   2.5k ██████');
    for (const line of frameOf(view, { levels: 5, width: 20, header: false })) expect(line.length).toBeLessThanOrEqual(20);
  });

  it('flashes a level whose size changed for about 300 ms (a * without colour), not levels that only moved', async () => {
    vi.useFakeTimers({ now: NOW });
    const clock = () => Date.now();
    const before = assetView({ bids: BIDS, asks: ASKS });
    const { lastFrame, rerender, unmount } = render(pane(before, { levels: 3, color: false, header: false, clock }));
    expect(lines(lastFrame()).filter((l) => l.includes('*'))).toEqual([]);

    const changed: [string, string][] = BIDS.map(([p, s]) => (p === '0.39' ? [p, '200'] : [p, s]));
    rerender(pane(assetView({ bids: changed, asks: ASKS }), { levels: 3, color: false, header: false, clock }));
    await settle();
    // 0.39 changed size; 0.38 only changed its cumulative.
    expect(lines(lastFrame()).filter((l) => l.includes('*'))).toEqual([`B* 0.39     200.00      306.06  ${'█'.repeat(21)}`]);

    vi.advanceTimersByTime(299);
    await settle();
    expect(lastFrame()).toContain('B* 0.39');
    // With no publish to end it, a timer redraws a little after the 300 ms.
    vi.advanceTimersByTime(101);
    await settle();
    expect(lastFrame()).not.toContain('*');

    // A publish after 300 ms ends the flash at once, whatever changed.
    rerender(pane(assetView({ bids: BIDS, asks: ASKS }), { levels: 3, color: false, header: false, clock }));
    await settle();
    expect(lastFrame()).toContain('B* 0.39');
    vi.advanceTimersByTime(300);
    rerender(pane(assetView({ bids: BIDS, asks: ASKS }), { levels: 3, color: false, header: false, clock }));
    await settle();
    expect(lastFrame()).not.toContain('*');
    unmount();
  });

  it('does not flash when switching to another asset', async () => {
    const { lastFrame, rerender, unmount } = render(pane(assetView({ bids: BIDS, asks: ASKS }), { color: false }));
    rerender(pane(assetView({ assetId: 'other', bids: [['0.5', '1']], asks: [['0.6', '2']] }), { color: false }));
    await settle();
    expect(lastFrame()).toContain('B  0.50');
    expect(lastFrame()).not.toContain('*');
    unmount();
  });
});
