/**
 * The simulator against real bytes: every frame kind the live 2026-07-19 capture holds comes out of
 * the simulator with the same framing, the same key order, and parses to the same normalized shape.
 */
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseFrame } from '../../src/protocol/parse-frame.js';
import { startSimulator, type Simulator } from '../../src/sim/index.js';
import { fixtureFrames } from '../helpers/fixtures.js';
import { tokensOf } from '../helpers/sim-client.js';
import { until } from '../helpers/stub-venue.js';

/** Key order of a frame's object (first element for arrays), nested lists by their first element. */
function shape(frame: string): string {
  const value = JSON.parse(frame) as unknown;
  const describe = (v: unknown): string => {
    if (Array.isArray(v)) return `[${v.length > 0 ? describe(v[0]) : ''}]`;
    if (v && typeof v === 'object')
      return `{${Object.entries(v)
        .map(([k, x]) => `${k}${typeof x === 'object' && x !== null ? describe(x) : ''}`)
        .join(',')}}`;
    return '';
  };
  return `${Array.isArray(value) ? 'array' : 'object'} ${describe(value)}`;
}

function kindOf(frame: string): string {
  const value = JSON.parse(frame) as { event_type?: string } | Array<{ event_type?: string }>;
  return Array.isArray(value) ? `dump:${value[0]?.event_type}` : String(value.event_type);
}

let sim: Simulator;
const simFrames: string[] = [];

beforeAll(async () => {
  sim = await startSimulator({ seed: 77, markets: 1, rate: 0 });
  const socket = new WebSocket(sim.urls.ws_market);
  socket.on('message', (d) => simFrames.push(d.toString()));
  await new Promise((r) => socket.once('open', r));
  socket.send(JSON.stringify({ assets_ids: tokensOf(sim), type: 'market' }));
  await until(() => simFrames.length >= 1);
  for (let i = 0; i < 40; i++) {
    sim.advance(10);
    await new Promise((r) => setTimeout(r, 5));
  }
  await until(() => simFrames.some((f) => f.includes('"last_trade_price"') && !f.startsWith('[')), 3000, 'a trade print');
  socket.terminate();
});
afterAll(async () => {
  await sim.close();
});

describe('simulator frames against the live capture', () => {
  const live = fixtureFrames('live-2026-07-19-polysim/market-frames.jsonl');
  const json = (frames: readonly string[]) => frames.filter((f) => f.startsWith('{') || f.startsWith('['));

  it('the same frame kinds in the same framing: a dump array, an empty line, then objects', () => {
    const liveKinds = new Set(json(live).map(kindOf));
    const simKinds = new Set(json(simFrames).map(kindOf));
    expect(simKinds).toEqual(liveKinds);
    // The capture's empty line after the dump is the dump frame's own trailing "\n" (§13.6): the
    // sim's frames, written one per line as the capture was, give the same lines.
    const recorded = simFrames
      .map((f) => `${f}\n`)
      .join('')
      .split('\n');
    const framing = (lines: readonly string[]) => [lines[0]!.startsWith('['), lines[1], lines[2]!.startsWith('{')];
    expect(framing(live)).toEqual([true, '', true]);
    expect(framing(recorded)).toEqual(framing(live));
    expect(simFrames[0]!.endsWith(']\n')).toBe(true);
    expect(simFrames.slice(1).every((f) => f.startsWith('{'))).toBe(true);
  });

  it('every kind has the live key order, nested levels and elements included', () => {
    const liveShapes = new Map(json(live).map((f) => [kindOf(f), shape(f)]));
    for (const frame of json(simFrames)) expect(shape(frame), kindOf(frame)).toBe(liveShapes.get(kindOf(frame)));
  });

  it('the ", " spacing of mid-stream objects matches the capture', () => {
    const spaced = (f: string) => f.includes('", "') && !f.includes('": ');
    expect(json(live).slice(1).every(spaced)).toBe(true);
    expect(json(simFrames).slice(1).every(spaced)).toBe(true);
  });

  it('both parse to the same normalized event shapes, none invalid', () => {
    const shapes = (frames: readonly string[]) =>
      new Set(frames.flatMap((f) => parseFrame(f).events).map((e) => `${e.kind}:${Object.keys(e).sort().join(',')}`));
    const liveShapes = shapes(live);
    const simShapes = shapes(simFrames);
    expect([...simShapes].filter((s) => s.startsWith('invalid') || s.startsWith('unknown'))).toEqual([]);
    expect(simShapes).toEqual(liveShapes);
  });
});
