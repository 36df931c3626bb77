/** "S-1, S-2\nS-3" -> ["S-1", "S-2", "S-3"]: one name per comma or line, blanks dropped, each once. */
export function namesOf(text: string): string[] {
  const seen = new Set<string>();
  for (const part of text.split(/[,\n]/)) {
    const name = part.trim();
    if (name !== '') seen.add(name);
  }
  return [...seen];
}

const pad = (n: number): string => String(n).padStart(2, '0');

/** The value of an <input type="datetime-local"> for an instant, in the browser's time zone. */
export function localInputValue(ms: number): string {
  const d = new Date(ms);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** An <input type="datetime-local"> value as an ISO instant (the browser's time zone), or undefined when empty or unreadable. */
export function isoOfLocalInput(value: string): string | undefined {
  if (value.trim() === '') return undefined;
  const ms = new Date(value).getTime();
  return Number.isNaN(ms) ? undefined : new Date(ms).toISOString();
}
