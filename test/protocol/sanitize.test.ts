/** The one sanitizer: nothing a server sends can steer a terminal, a tmux bar or a log line. */
import { describe, expect, it } from 'vitest';
import { isSafeText, label, sanitizeText, tmuxSafe } from '../../src/protocol/sanitize.js';

describe('sanitizeText', () => {
  it.each([
    ['ESC sequences (retitle, clear, colour)', 'a\u001b]0;pwned\u0007b\u001b[2Jc\u001b[31md', 'a]0;pwnedb[2Jc[31md'],
    ['C1 controls (CSI, OSC)', 'x\u009b31my\u009dz', 'x31myz'],
    ['NUL and DEL', 'a\u0000b\u007fc', 'abc'],
    ['zero-width characters and the BOM', 'Y\u200be\u200cs\u200d\u2060\ufeff!', 'Yes!'],
    ['every bidi control, U+061C included', '\u202eYes\u202c \u2066No\u2069 \u200eA\u200f \u061cB', 'Yes No A B'],
    ['line and paragraph separators become spaces', 'one\u2028two\u2029three\nfour\r\tfive', 'one two three four  five'],
    ['a lone surrogate', 'a\ud800b', 'ab'],
    ['soft hyphen (a format character)', 'co\u00adop', 'coop'],
  ])('%s', (_what, input, output) => {
    expect(sanitizeText(input)).toBe(output);
    expect(isSafeText(sanitizeText(input))).toBe(true);
  });

  it('keeps ordinary text, accents, CJK and emoji', () => {
    const text = 'Will Bitcoin close above $121,000? — Ja/Nein · 是 · 🚀';
    expect(sanitizeText(text)).toBe(text);
  });

  it('label cuts long server text to a bound', () => {
    expect(label('x'.repeat(1000))).toHaveLength(300);
    expect(label('x'.repeat(1000), 10)).toBe(`${'x'.repeat(9)}…`);
    expect(label(null)).toBeNull();
  });

  it('tmuxSafe doubles every # so #[…] and #(…) cannot restyle or run anything', () => {
    expect(tmuxSafe('Yes #[fg=red]#(rm -rf ~) 0.5')).toBe('Yes ##[fg=red]##(rm -rf ~) 0.5');
    expect(tmuxSafe('\u001b]2;x\u0007#')).toBe(']2;x##');
  });
});
