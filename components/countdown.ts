/**
 * Time left until a market's end, as a trader reads a clock: "2:41", "1:02:03", then "3d 4h" past
 * a day; "ended" once it passed. Whole seconds, so one look a second keeps it current.
 */
export function countdown(endsAt: number, now: number): string {
  const s = Math.ceil((endsAt - now) / 1000);
  if (s <= 0) return 'ended';
  if (s >= 86_400) return `${Math.floor(s / 86_400)}d ${Math.floor((s % 86_400) / 3600)}h`;
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const ss = String(s % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`;
}
