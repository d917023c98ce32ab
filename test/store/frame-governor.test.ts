/**
 * The frame governor sets the publish rate its CPU budget allows: from what a frame costs and what
 * the rest of the process takes when the screen reports its frames, from the share alone when not.
 */
import { describe, expect, it } from 'vitest';
import { BookEngine } from '../../src/book/engine.js';
import { FrameGovernor, reportFrameCost } from '../../store/frame-governor.js';
import { BookPublisher } from '../../store/publisher.js';
import { createPolybookStore } from '../../store/store.js';

function setup(budget: number, options: { maxFps?: number; warmupFrames?: number } = {}) {
  let wall = 0;
  let cpuMicros = 0;
  const store = createPolybookStore();
  const publisher = new BookPublisher(new BookEngine(), store, { intervalMs: 1000 / 30 });
  const governor = new FrameGovernor(publisher, {
    maxFps: options.maxFps ?? 30,
    minFps: 4,
    budget,
    warmupFrames: options.warmupFrames ?? 0,
    now: () => wall,
    cpuMicros: () => cpuMicros,
  });
  governor.start();
  governor.stop();
  /** One second at `share` of a core. */
  const second = (share: number) => {
    wall += 1000;
    cpuMicros += share * 1_000_000;
    governor.adjust();
  };
  /**
   * One second drawing at the current rate, each frame costing `frameMs` (reported as the screen
   * does), the rest of the process taking `rest` of a core.
   */
  const drawing = (rest: number, frameMs: number) => {
    const frames = Math.round(governor.currentFps);
    for (let i = 0; i < frames; i++) reportFrameCost(store, frameMs);
    second(rest + (frames * frameMs) / 1000);
  };
  return { publisher, governor, second, drawing };
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

  it('with frame reports: the rate the budget leaves for drawing, at most halved or ×1.5 a step', () => {
    const { governor, drawing } = setup(0.12);
    // 30 fps of 10 ms frames: 0.35 of a core; the budget leaves 0.07 for drawing: 7 fps.
    drawing(0.05, 10);
    expect(governor.currentFps).toBe(15);
    for (let i = 0; i < 6; i++) drawing(0.05, 10);
    expect(governor.currentFps).toBeCloseTo(7, 0);
    // Frames get cheaper (3 ms): 0.07 / 3 ms ≈ 23 fps, reached by steps of at most ×1.5.
    drawing(0.05, 3);
    expect(governor.currentFps).toBeLessThanOrEqual(7 * 1.5 + 1e-9);
    for (let i = 0; i < 8; i++) drawing(0.05, 3);
    expect(governor.currentFps).toBeCloseTo(70 / 3, 0);
  });

  it('the rest of the process near half the budget does not hold a cheap screen at the floor', () => {
    // tmux defaults: --fps 10; ingest takes 6 % of a core, a frame 5 ms: 10 fps is 11 % in all.
    const { governor, drawing } = setup(0.12, { maxFps: 10 });
    for (let i = 0; i < 4; i++) drawing(0.3, 5);
    expect(governor.currentFps).toBe(4);
    for (let i = 0; i < 6; i++) drawing(0.06, 5);
    expect(governor.currentFps).toBe(10);
  });

  it('holds --fps while the first frames are drawn (the code is cold), then judges', () => {
    const { governor, drawing } = setup(0.12, { maxFps: 10, warmupFrames: 30 });
    drawing(0.05, 20);
    drawing(0.05, 20);
    expect(governor.currentFps).toBe(10);
    drawing(0.05, 20);
    drawing(0.05, 20);
    expect(governor.currentFps).toBeLessThan(10);
  });
});
