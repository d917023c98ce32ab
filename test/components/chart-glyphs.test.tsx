/**
 * The price chart is laid out by Ink as ASCII letters and written as its block characters
 * (components/price-chart.tsx): the letters and back are exact, and the frames are byte-for-byte
 * those of the chart's lines drawn as they are. Colour is forced, so the colour codes around each
 * line are in the frames too.
 */
import { describe, expect, it, vi } from 'vitest';

vi.hoisted(() => {
  process.env.FORCE_COLOR = '1';
});

const { Box, Text } = await import('ink');
const { chartGlyphs, chartLetters, chartModel, PriceChart } = await import('../../components/price-chart.js');
const { ThemeContext } = await import('../../components/theme.js');
const { NOW, renderAt, settle, terminal } = await import('./helpers.js');

const series = Array.from({ length: 90 }, (_, i) => ({
  t: NOW - (90 - i) * 60_000,
  price: 0.5 + 0.1 * Math.sin(i / 7),
  kind: i % 11 === 0 ? ('trade' as const) : ('mid' as const),
}));

describe('chart glyphs as letters', () => {
  it('every glyph is one letter and back, the labels as they are, the letters plain ASCII', () => {
    const lines = ['0.600  ▁▂▃▄▅▆▇█•', '      ██ •▁', '0.400 █████'];
    const letters = chartLetters(lines)!;
    expect(letters).toMatch(/^[\n -~]*$/);
    expect(letters.split('\n')).toEqual(['0.600  ABCDEFGHT', '      HH TA', '0.400 HHHHH']);
    expect(letters.split('\n').map(chartGlyphs)).toEqual(lines);
  });

  it('leaves the colour codes around a line alone', () => {
    expect(chartGlyphs('\u001B[1m\u001B[36m0.6 AH T\u001B[39m\u001B[22m')).toBe('\u001B[1m\u001B[36m0.6 ▁█ •\u001B[39m\u001B[22m');
  });

  it('none for lines with a letter already or another character outside ASCII', () => {
    expect(chartLetters(['0.5 A█'])).toBeNull();
    expect(chartLetters(['0.5 é█'])).toBeNull();
    expect(chartLetters(['0.5 ##*', '   # #'])).toBe('0.5 ##*\n   # #');
  });

  it('draws the frames of the lines drawn as they are, in colour and without', async () => {
    const model = chartModel(series, 60, 6, false);
    for (const color of [true, false]) {
      const draw = async (node: React.ReactNode) => {
        const term = terminal(80, 12);
        const app = renderAt(
          <ThemeContext.Provider value={color ? { color: true, palette: 'default' } : { color: false }}>{node}</ThemeContext.Provider>,
          term,
        );
        await settle();
        app.unmount();
        return term.stdout.frames;
      };
      const chart = await draw(<PriceChart title={model.title} lines={model.lines} width={model.width} />);
      const plain = await draw(
        <Box flexDirection="column" width={model.width}>
          <Text wrap="truncate" dimColor={color}>
            {model.title}
          </Text>
          <Text wrap="truncate" color={color ? 'cyan' : undefined} bold={color}>
            {model.lines.join('\n')}
          </Text>
        </Box>,
      );
      expect(chart.join('')).toContain('█');
      expect(chart).toEqual(plain);
    }
  });
});
