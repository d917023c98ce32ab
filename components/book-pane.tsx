/**
 * One asset's ladder with its spread row. The screen builds the ladder's model at each frame
 * (components/screen-model.ts) and draws it with `LadderPane`; `BookPane` is the same ladder drawn
 * on its own from a view, tracking its own flashes.
 */
import { memo, useMemo, useRef } from 'react';
import { Box } from 'ink';
import type { LadderLevel } from '../store/types.js';
import type { AssetView } from '../store/types.js';
import { middleRow } from './book-text.js';
import { Ladder } from './ladder.js';
import { ladderModel, type LadderModel } from './ladder-model.js';
import { share } from './share.js';
import { useTheme } from './theme.js';
import { useFlashes } from './use-flashes.js';

const NO_LEVELS: readonly LadderLevel[] = [];

export interface LadderPaneProps {
  readonly model: LadderModel;
  readonly width: number;
}

export const LadderPane = memo(function LadderPane({ model, width }: LadderPaneProps) {
  return (
    <Box flexDirection="column" width={width}>
      <Ladder model={model} />
    </Box>
  );
});

export interface BookPaneProps {
  readonly view: AssetView | undefined;
  /** Rows per side. */
  readonly levels: number;
  readonly width: number;
  readonly columnHeader: boolean;
  readonly spreadRow: boolean;
  /** Clock for the flashes. */
  readonly now: () => number;
}

export function BookPane({ view, levels, width, columnHeader, spreadRow, now }: BookPaneProps) {
  const theme = useTheme();
  const bids = view?.bids ?? NO_LEVELS;
  const asks = view?.asks ?? NO_LEVELS;
  const flashing = useFlashes(view?.assetId ?? null, bids, asks, now);
  const previous = useRef<LadderModel | undefined>(undefined);
  const model = useMemo(() => {
    const next = ladderModel(asks, bids, {
      levels,
      width,
      tickSize: view?.tickSize ?? null,
      markers: !theme.color,
      flashing,
      columnHeader,
      middle: spreadRow ? middleRow(view) : null,
    });
    return (previous.current = share(previous.current, next));
  }, [asks, bids, levels, width, view, theme.color, flashing, columnHeader, spreadRow]);
  return <LadderPane model={model} width={width} />;
}
