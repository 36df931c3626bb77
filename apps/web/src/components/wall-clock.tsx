import { useNow } from '../hooks/use-now';

const clockFormat = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit', second: '2-digit' });
const dateFormat = new Intl.DateTimeFormat(undefined, { weekday: 'long', day: 'numeric', month: 'long' });

/** The wall's clock: the only thing on the wall that ticks on a timer. */
export function WallClock() {
  const now = new Date(useNow());
  return (
    <p className="wall-clock">
      <time className="wall-clock__time" dateTime={now.toISOString()}>
        {clockFormat.format(now)}
      </time>
      <span className="wall-clock__date">{dateFormat.format(now)}</span>
    </p>
  );
}
