/** The interactive replay's clock: recorded pace, speed, pause and step (fake timers). */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { frameTimestamp, RecordingPlayer } from '../../src/feed/recording-player.js';
import { fixtureFrames } from '../helpers/fixtures.js';

const f = (ts: number) => `{"market":"0x1", "price_changes":[], "timestamp":"${ts}", "event_type":"price_change"}`;

describe('RecordingPlayer', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('reads the venue timestamp of real frames', () => {
    const live = fixtureFrames('live-2026-07-19-polysim/market-frames.jsonl');
    expect(frameTimestamp(live[2]!)).toBe(1784449237208);
    expect(frameTimestamp('PONG')).toBeNull();
  });

  it('plays at the recorded pace, scaled by speed, shortening long gaps', () => {
    const applied: string[] = [];
    const frames = [f(1_000_000_000_000), 'PONG', f(1_000_000_000_400), f(1_000_000_000_300), f(1_000_000_060_000)];
    const player = new RecordingPlayer(frames, (t) => applied.push(t), { speed: 2, maxGapMs: 5000 });
    // (a zero delay is 1 ms in Node's timers, so allow a few ms of drift)
    player.start();
    vi.advanceTimersByTime(10);
    expect(applied).toHaveLength(2);
    vi.advanceTimersByTime(180);
    expect(applied).toHaveLength(2);
    vi.advanceTimersByTime(20);
    // 400 ms of venue time at 2x; the next frame is stamped earlier: it plays at once
    expect(applied).toHaveLength(4);
    vi.advanceTimersByTime(2400);
    expect(applied).toHaveLength(4);
    vi.advanceTimersByTime(200);
    // a 59.6 s silence is shortened to 5 s, at 2x
    expect(applied).toHaveLength(5);
    expect(player.progress()).toEqual({ frame: 5, total: 5 });
  });

  it('pauses, steps one frame at a time, resumes', () => {
    const applied: string[] = [];
    const frames = [f(1_000_000_000_000), f(1_000_000_001_000), f(1_000_000_002_000), f(1_000_000_003_000)];
    const player = new RecordingPlayer(frames, (t) => applied.push(t), { speed: 1 });
    player.start();
    vi.advanceTimersByTime(5);
    player.togglePause();
    expect(player.isPaused()).toBe(true);
    vi.advanceTimersByTime(10_000);
    expect(applied).toHaveLength(1);
    player.step();
    expect(applied).toHaveLength(2);
    player.togglePause();
    vi.advanceTimersByTime(5);
    expect(applied).toHaveLength(3);
    vi.advanceTimersByTime(990);
    expect(applied).toHaveLength(3);
    vi.advanceTimersByTime(20);
    expect(applied).toHaveLength(4);
  });

  it('max speed applies everything in batches without waiting', async () => {
    const live = fixtureFrames('live-2026-07-19-polysim/market-frames.jsonl');
    let n = 0;
    const player = new RecordingPlayer(live, () => n++, { speed: 'max', batch: 100 });
    player.start();
    await vi.runAllTimersAsync();
    await player.done;
    expect(n).toBe(900);
  });
});
