/**
 * The two arrangements of the screen, from plain props: the full layout (header, ladder with the
 * tape beside or below it, stats, health bar) and the compact one (a status line and the ladder)
 * for small panes. `layout` has already decided every row count.
 */
import { Box, Text } from 'ink';
import type { AssetView } from '../store/types.js';
import { BookPane } from './book-pane.js';
import { statsText, type Badge } from './book-text.js';
import { Header, type Tab } from './header.js';
import { HealthBar } from './health-bar.js';
import { integrityLine, type Line, type Piece } from './health-text.js';
import { Help } from './help.js';
import type { Layout } from './layout.js';
import { LineView } from './line-view.js';
import { ReplayLine } from './replay-line.js';
import { TradeTape } from './trade-tape.js';

export interface ScreenProps {
  readonly layout: Layout;
  readonly view: AssetView | undefined;
  /** "question — outcome" or a fallback. */
  readonly title: string;
  readonly badge: Badge;
  readonly tabs: readonly Tab[];
  /** Compact status line's asset: "1/2 Up". */
  readonly position: string;
  /** Full layout's connection line. */
  readonly connection: Line;
  /** Compact status line's connection state. */
  readonly connectionState: Piece;
  readonly paused: boolean;
  readonly help: boolean;
  /** replayText(), or null outside replay. */
  readonly replay: string | null;
  readonly now: () => number;
}

const NO_TRADES: NonNullable<AssetView['trades']> = [];

export function FullScreen(props: ScreenProps) {
  const { layout, view } = props;
  const trades = view?.trades ?? NO_TRADES;
  const tickSize = view?.tickSize ?? null;
  return (
    <Box flexDirection="column" width={layout.width}>
      <Header title={props.title} badge={props.badge} tickSize={tickSize} paused={props.paused} tabs={props.tabs} />
      {props.help ? (
        <Help replay={props.replay !== null} rows={layout.bodyRows} />
      ) : (
        <>
          <Box>
            <BookPane view={view} levels={layout.levels} width={layout.ladderWidth} columnHeader spreadRow now={props.now} />
            {layout.tape === 'side' ? (
              <Box marginLeft={1}>
                <TradeTape trades={trades} rows={layout.tapeRows} width={layout.tapeWidth} tickSize={tickSize} />
              </Box>
            ) : null}
          </Box>
          <Box height={1}>
            <Text wrap="truncate"> {statsText(view)}</Text>
          </Box>
          {layout.tape === 'below' ? <TradeTape trades={trades} rows={layout.tapeRows} width={layout.width} tickSize={tickSize} /> : null}
        </>
      )}
      <HealthBar connection={props.connection} integrity={view ? integrityLine(view.integrity, view.cleaned, view.lastResync, props.now()) : []} />
      {layout.replayRow && props.replay !== null ? <ReplayLine text={props.replay} /> : null}
    </Box>
  );
}

export function CompactScreen(props: ScreenProps) {
  const { layout } = props;
  const status: Piece[][] = [[{ text: props.position, tone: 'accent' }]];
  // "live" twice (book and connection) says nothing; the badge shows only when it is news.
  if (props.badge.text !== 'live') status.push([{ text: props.badge.text, tone: props.badge.tone }]);
  status.push([props.connectionState]);
  if (props.paused) status.push([{ text: 'PAUSED', tone: 'warn' }]);
  return (
    <Box flexDirection="column" width={layout.width}>
      {layout.statusRow ? <LineView line={status} /> : null}
      {props.help ? (
        <Help replay={props.replay !== null} rows={layout.bodyRows} />
      ) : (
        <BookPane view={props.view} levels={layout.levels} width={layout.width} columnHeader={false} spreadRow={layout.spreadRow} now={props.now} />
      )}
      {layout.replayRow && props.replay !== null ? <ReplayLine text={props.replay} /> : null}
    </Box>
  );
}
