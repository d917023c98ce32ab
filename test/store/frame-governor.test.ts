/** The frame governor lowers the publish rate when over its CPU budget and raises it back. */
import { describe, expect, it } from 'vitest';
import { BookEngine } from '../../src/book/engine.js';
import { FrameGovernor } from '../../store/frame-governor.js';
import { BookPublisher } from '../../store/publisher.js';
import { createPolybookStore } from '../../store/store.js';

function setup(budget: number) {
  let wall = 0;
  let cpuMicros = 0;
  const publisher = new BookPublisher(new BookEngine(), createPolybookStore(), { intervalMs: 1000 / 30 });
  const governor = new FrameGovernor(publisher, { maxFps: 30, minFps: 4, budget, now: () => wall, cpuMicros: () => cpuMicros });
  governor.start();
  governor.stop();
  /** One second at `share` of a core. */
  const second = (share: number) => {
    wall += 1000;
    cpuMicros += share * 1_000_000;
    governor.adjust();
  };
  return { publisher, governor, second };
}

describe('FrameGovernor', () => {
  it('over budget: the frame rate drops in proportion, not below the floor', () => {
    const { publisher, governor, second } = setup(0.12);
    second(0.36);
    expect(governor.currentFps).toBe(15);
    expect(publisher.interval).toBeCloseTo(1000 / 15);
    second(0.9);
    expect(governor.currentFps).toBe(7.5);
    for (let i = 0; i < 10; i++) second(1);
    expect(governor.currentFps).toBe(4);
  });

  it('well under budget: back up towards --fps, never above it; within budget: unchanged', () => {
    const { governor, second } = setup(0.12);
    second(0.48);
    // at most halved per step
    expect(governor.currentFps).toBe(15);
    second(0.1);
    expect(governor.currentFps).toBe(15);
    second(0.02);
    expect(governor.currentFps).toBeCloseTo(18.75);
    for (let i = 0; i < 20; i++) second(0.01);
    expect(governor.currentFps).toBe(30);
  });
});
