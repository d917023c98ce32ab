import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { spacedJson } from '../../src/sim/wire-json.js';
import { captureLines, FIXTURES } from './helpers.js';

describe('the venue serializer against the real 2026-07-19 capture', () => {
  const lines = captureLines();

  it('re-serializes every mid-stream object frame byte for byte', () => {
    const objects = lines.filter((l) => l.startsWith('{'));
    expect(objects.length).toBeGreaterThan(800);
    for (const line of objects) expect(spacedJson(JSON.parse(line))).toBe(line);
  });

  it('writes the initial dump compactly, like the capture', () => {
    expect(lines[0]!.startsWith('[{"market":')).toBe(true);
    expect(JSON.stringify(JSON.parse(lines[0]!))).toBe(lines[0]);
  });

  it('spells Gamma string-encoded lists as the venue does', () => {
    const events = JSON.parse(readFileSync(`${FIXTURES}live-2026-07-19-polysim/gamma-events-by-slug.json`, 'utf8'));
    const market = events[0].markets[0];
    for (const key of ['outcomes', 'outcomePrices', 'clobTokenIds']) {
      expect(spacedJson(JSON.parse(market[key]))).toBe(market[key]);
    }
  });

  it('does not confuse separators inside strings with its own', () => {
    const value = { a: 'x, y:z', b: [1, 'p, q'], c: { d: null, e: true } };
    expect(spacedJson(value)).toBe('{"a":"x, y:z", "b":[1, "p, q"], "c":{"d":null, "e":true}}');
    expect(JSON.parse(spacedJson(value))).toEqual(value);
  });
});
