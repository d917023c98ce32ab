/**
 * `polybook orders` on a terminal: the user channel's state, open orders and trades. Reads the
 * store only; q or Ctrl-C quits.
 */
import { Box, Text, useApp } from 'ink';
import { useStore } from 'zustand';
import type { PolybookStore } from '../store/store.js';
import type { ConnectionHealth } from '../store/types.js';
import { connectionState } from './health-text.js';
import { ORDER_HEADER, openOrders, orderRow, TRADE_HEADER, tradeRow } from './orders-text.js';
import { ThemeContext, themeFromEnv, toneStyle, useTheme } from './theme.js';
import { useKeys } from './use-keys.js';
import { useNow } from './use-now.js';
import { useTerminalSize } from './use-terminal-size.js';

export interface OrdersAppProps {
  readonly store: PolybookStore;
  readonly size?: { readonly columns: number; readonly rows: number };
  readonly now?: () => number;
}

function userHealth(records: Readonly<Record<string, ConnectionHealth>>): ConnectionHealth | null {
  return Object.values(records).find((h) => h.channel === 'user') ?? null;
}

export function OrdersApp(props: OrdersAppProps) {
  return (
    <ThemeContext.Provider value={themeFromEnv()}>
      <OrdersScreen {...props} />
    </ThemeContext.Provider>
  );
}

function OrdersScreen({ store, size: fixed, now = Date.now }: OrdersAppProps) {
  const { exit } = useApp();
  const theme = useTheme();
  const size = useTerminalSize(fixed);
  const time = useNow(now, true);
  const orders = useStore(store, (s) => s.orders);
  const trades = useStore(store, (s) => s.userTrades);
  const health = useStore(store, (s) => userHealth(s.health));
  useKeys({ quit: exit, next() {}, previous() {}, jump() {}, flip() {}, depth() {}, togglePause() {}, toggleHelp() {}, closeHelp() {} });
  const open = openOrders(orders);
  // header + state line + two section titles and headers + a blank: 6 fixed rows; Ink needs one spare.
  const room = Math.max(2, size.rows - 7);
  const orderRows = open.slice(0, Math.max(1, Math.floor(room / 2)));
  const tradeRows = trades.slice(0, Math.max(1, room - orderRows.length));
  const state = health ? connectionState(health, time) : { text: 'connecting…', tone: 'dim' as const };
  const width = size.columns;
  return (
    <Box flexDirection="column" width={width}>
      <Text wrap="truncate" {...toneStyle(theme, 'accent')}>
        orders — your user channel{'  '}
        <Text {...toneStyle(theme, state.tone)}>{state.text}</Text>
      </Text>
      <Text wrap="truncate">{`open orders (${open.length})`}</Text>
      <Text wrap="truncate" {...toneStyle(theme, 'dim')}>
        {ORDER_HEADER}
      </Text>
      {orderRows.length === 0 ? <Text {...toneStyle(theme, 'dim')}>none</Text> : null}
      {orderRows.map((o) => (
        <Text key={o.id} wrap="truncate" {...toneStyle(theme, o.side === 'BUY' ? 'bid' : 'ask')}>
          {orderRow(o)}
        </Text>
      ))}
      <Text wrap="truncate">{`trades (${trades.length})`}</Text>
      <Text wrap="truncate" {...toneStyle(theme, 'dim')}>
        {TRADE_HEADER}
      </Text>
      {tradeRows.length === 0 ? <Text {...toneStyle(theme, 'dim')}>none</Text> : null}
      {tradeRows.map((t) => (
        <Text key={t.id} wrap="truncate" {...toneStyle(theme, t.status === 'FAILED' ? 'bad' : t.status === 'CONFIRMED' ? 'ok' : 'plain')}>
          {tradeRow(t)}
        </Text>
      ))}
    </Box>
  );
}
