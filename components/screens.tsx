/**
 * The two arrangements of the screen, drawn from a ScreenModel (components/screen-model.ts): the
 * full layout (header, ladder with the tape beside or below it, stats, health bar) and the compact
 * one (a status line and the ladder) for small panes. Every part is memoized on its model, which
 * keeps its identity while it is unchanged, so a frame re-renders only the parts that changed.
 */
import { memo } from 'react';
import { Box, Text } from 'ink';
import { AlertBanner } from './alert-banner.js';
import { Board } from './board.js';
import { LadderPane } from './book-pane.js';
import { Header } from './header.js';
import { HealthBar } from './health-bar.js';
import { Help } from './help.js';
import { LineView } from './line-view.js';
import { ReplayLine } from './replay-line.js';
import type { ScreenModel } from './screen-model.js';
import { TapeView } from './trade-tape.js';
import { PriceChart } from './price-chart.js';

export interface ScreenProps {
  readonly model: ScreenModel;
}

const StatsRow = memo(function StatsRow({ text }: { readonly text: string }) {
  return <Text wrap="truncate"> {text}</Text>;
});

export function FullScreen({ model }: ScreenProps) {
  const { header, ladder, tape, board, pairLadder } = model;
  return (
    <Box flexDirection="column" width={model.width}>
      {header ? (
        <Header
          title={header.title}
          badge={header.badge}
          tickSize={header.tickSize}
          paused={header.paused}
          tabs={header.tabs}
          alert={model.alert ?? null}
          clock={header.clock ?? null}
          notice={header.notice ?? null}
        />
      ) : null}
      {model.help ? (
        <Help replay={model.help.replay} rows={model.help.rows} />
      ) : board?.placement === 'body' ? (
        <Board model={board.model} />
      ) : (
        <>
          <Box>
            {ladder ? <LadderPane model={ladder} width={model.ladderWidth} /> : null}
            {pairLadder ? (
              <Box marginLeft={1}>
                <LadderPane model={pairLadder} width={model.width - model.ladderWidth - 1 - (tape?.placement === 'side' ? tape.width + 1 : 0)} />
              </Box>
            ) : null}
            {board?.placement === 'side' ? (
              <Box marginLeft={1}>
                <Board model={board.model} />
              </Box>
            ) : null}
            {tape?.placement === 'side' ? (
              <Box marginLeft={1}>
                <TapeView lines={tape.lines} width={tape.width} />
              </Box>
            ) : null}
          </Box>
          {model.stats !== null ? <StatsRow text={model.stats} /> : null}
          {tape?.placement === 'below' ? <TapeView lines={tape.lines} width={tape.width} /> : null}
          {model.chart ? <PriceChart title={model.chart.title} lines={model.chart.lines} width={model.chart.width} /> : null}
        </>
      )}
      {model.connection && model.integrity ? <HealthBar connection={model.connection} integrity={model.integrity} /> : null}
      {model.replay !== null ? <ReplayLine text={model.replay} /> : null}
    </Box>
  );
}

export function CompactScreen({ model }: ScreenProps) {
  return (
    <Box flexDirection="column" width={model.width}>
      {model.status ? model.alert ? <AlertBanner text={model.alert} /> : <LineView line={model.status} /> : null}
      {model.help ? (
        <Help replay={model.help.replay} rows={model.help.rows} />
      ) : model.board ? (
        <Board model={model.board.model} />
      ) : model.ladder ? (
        <LadderPane model={model.ladder} width={model.ladderWidth} />
      ) : null}
      {model.replay !== null ? <ReplayLine text={model.replay} /> : null}
    </Box>
  );
}
