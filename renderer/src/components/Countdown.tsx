import { useEffect, useState } from 'react';
import { formatCountdown } from '../lib/format';

/**
 * Time left until `until`, re-rendered every second. Only this element ticks,
 * not the table around it. Uses this machine's clock: the backend's clock is
 * not observable from here (a manual sandbox clock will differ).
 */
export function Countdown({ until }: { until: string }) {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  const left = new Date(until).getTime() - now;
  return (
    <span
      className={left <= 0 ? 'num countdown countdown-expired' : 'num countdown'}
      data-testid="grace-countdown"
    >
      {formatCountdown(left)}
    </span>
  );
}
