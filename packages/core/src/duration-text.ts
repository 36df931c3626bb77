/** A duration as people say it in ledger reasons: minutes, then hours, then days. */
export function minutesText(ms: number): string {
  const minutes = Math.round(ms / 60_000);
  if (minutes < 120) return `${minutes} min`;
  const hours = Math.round(minutes / 60);
  return hours < 48 ? `${hours} h` : `${Math.round(hours / 24)} days`;
}

/**
 * A duration as the screens show it: "45 s", "12 min", "5 h 49 min", "2 d 3 h" (the web's
 * formatDurationText follows the same rules). Zero parts are left out; a real minus sign when negative.
 */
export function durationText(ms: number): string {
  const sign = ms < 0 ? '−' : '';
  const abs = Math.abs(ms);
  const seconds = Math.round(abs / 1000);
  if (seconds < 60) return `${sign}${seconds} s`;
  const minutes = Math.round(abs / 60_000);
  if (minutes < 60) return `${sign}${minutes} min`;
  if (minutes < 24 * 60) {
    const rest = minutes % 60;
    return `${sign}${Math.floor(minutes / 60)} h${rest > 0 ? ` ${rest} min` : ''}`;
  }
  const hours = Math.round(abs / 3_600_000);
  const rest = hours % 24;
  return `${sign}${Math.floor(hours / 24)} d${rest > 0 ? ` ${rest} h` : ''}`;
}
