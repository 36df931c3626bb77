/** One person's points per day (oldest first), as the dashboard API sends them. */
export interface PersonDays {
  personId: string;
  name: string;
  byDay: readonly number[];
}

export interface PointsSeries {
  /** a person id, or OTHERS_ID for everyone after the top ones */
  id: string;
  name: string;
  byDay: number[];
  total: number;
  /** how many people the series stands for (1, or the number of others) */
  people: number;
}

export const OTHERS_ID = 'others';
export const TOP_PEOPLE = 5;

const sum = (values: readonly number[]): number => values.reduce((s, n) => s + n, 0);

/**
 * At most TOP_PEOPLE + 1 series for a readable chart: the people with the most points over the
 * period (ties by name), then everyone else added up as "Others (n people)". Days keep their order.
 */
export function pointsSeries(people: readonly PersonDays[], days: number, top = TOP_PEOPLE): PointsSeries[] {
  const ranked = people
    .map((p) => ({ id: p.personId, name: p.name, byDay: Array.from({ length: days }, (_, i) => p.byDay[i] ?? 0), people: 1 }))
    .map((p) => ({ ...p, total: sum(p.byDay) }))
    .sort((a, b) => b.total - a.total || a.name.localeCompare(b.name));
  const shown = ranked.slice(0, top);
  const rest = ranked.slice(top);
  if (rest.length === 0) return shown;
  const byDay = Array.from({ length: days }, (_, i) => sum(rest.map((p) => p.byDay[i] ?? 0)));
  return [...shown, { id: OTHERS_ID, name: `Others (${rest.length} ${rest.length === 1 ? 'person' : 'people'})`, byDay, total: sum(byDay), people: rest.length }];
}
