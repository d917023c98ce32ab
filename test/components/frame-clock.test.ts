/** The screen's frame clock: one frame per turn for data, time-driven work paced and riding along. */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { FrameClock } from '../../components/frame-clock.js';

const microtasks = async () => {
  for (let i = 0; i < 3; i++) await Promise.resolve();
};

function clock(interval: number) {
  const frames: number[] = [];
  const c = new FrameClock({ frame: () => frames.push(Date.now()), interval: () => interval, now: Date.now });
  return { c, frames };
}

describe('FrameClock', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('draws data at once, every request of one turn in one frame', async () => {
    vi.useFakeTimers({ now: 1_000_000 });
    const { c, frames } = clock(100);
    c.now();
    c.now();
    c.soon();
    await microtasks();
    expect(frames).toEqual([1_000_000]);
    c.now();
    await microtasks();
    expect(frames).toHaveLength(2);
    c.stop();
  });

  it('time-driven work waits an interval and a half after the last frame, and rides along with data', async () => {
    vi.useFakeTimers({ now: 1_000_000 });
    const { c, frames } = clock(100);
    c.now();
    await microtasks();
    // A health record right after a frame: not before 150 ms.
    c.soon();
    vi.advanceTimersByTime(149);
    await microtasks();
    expect(frames).toHaveLength(1);
    vi.advanceTimersByTime(1);
    await microtasks();
    expect(frames).toEqual([1_000_000, 1_000_150]);
    // A deadline 50 ms on, and a publish 20 ms later: the publish's frame does not do it (not due),
    // the deadline is then drawn 150 ms after that frame, not at 50 ms.
    c.soon(Date.now() + 50);
    vi.advanceTimersByTime(20);
    c.now();
    await microtasks();
    expect(frames).toHaveLength(3);
    vi.advanceTimersByTime(149);
    await microtasks();
    expect(frames).toHaveLength(3);
    vi.advanceTimersByTime(1);
    await microtasks();
    expect(frames.at(-1)).toBe(1_000_150 + 20 + 150);
    // Publishes every interval: a second's worth of clock deadlines costs no frame of its own.
    const before = frames.length;
    for (let i = 0; i < 10; i++) {
      c.soon(Date.now() + 30);
      vi.advanceTimersByTime(100);
      c.now();
      await microtasks();
    }
    expect(frames.length - before).toBe(10);
    c.stop();
  });

  it('without an interval, time-driven work is drawn when it is due', async () => {
    vi.useFakeTimers({ now: 1_000_000 });
    const { c, frames } = clock(0);
    c.soon(Date.now() + 300);
    vi.advanceTimersByTime(299);
    await microtasks();
    expect(frames).toEqual([]);
    vi.advanceTimersByTime(1);
    await microtasks();
    expect(frames).toEqual([1_000_300]);
    c.stop();
    c.now();
    c.soon();
    vi.advanceTimersByTime(1000);
    await microtasks();
    expect(frames).toHaveLength(1);
  });
});
