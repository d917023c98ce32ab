/** The footer of the full layout: connection health, then the book's integrity counters. */
import { memo } from 'react';
import type { Line } from './health-text.js';
import { LineView } from './line-view.js';

export interface HealthBarProps {
  /** connectionLine(): state, RTT, msg/s, data age, reconnects. */
  readonly connection: Line;
  /** integrityLine(): snapshot/top-of-book/hash agreement. */
  readonly integrity: Line;
}

export const HealthBar = memo(function HealthBar({ connection, integrity }: HealthBarProps) {
  return (
    <>
      <LineView line={connection} />
      <LineView line={integrity} />
    </>
  );
});
