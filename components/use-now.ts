/** A clock that re-renders once a second, for ages and countdowns; stopped while `running` is false. */
import { useEffect, useState } from 'react';

export function useNow(now: () => number, running: boolean, intervalMs = 1000): number {
  const [time, setTime] = useState(now);
  useEffect(() => {
    if (!running) return;
    setTime(now());
    const timer = setInterval(() => setTime(now()), intervalMs);
    return () => clearInterval(timer);
  }, [now, running, intervalMs]);
  return time;
}
