/**
 * What a technician needs to do a field visit (a truck-roll): where to go, whom to call, how to get
 * in and what to check. Sent by the work-order system; the checklist's ticks come from the technician.
 */

/** A postal address; `line` is the street and number (and flat, floor, ...). */
export interface JobAddress {
  line: string;
  city?: string;
  postcode?: string;
  country?: string;
}

/** WGS 84 coordinates in decimal degrees. */
export interface JobLocation {
  lat: number;
  lon: number;
}

/** The person to call on site. */
export interface JobContact {
  name?: string;
  phone?: string;
}

/** A checklist item as the work order sends it. */
export interface JobChecklistEntry {
  /** stable within the work order: ticks refer to it */
  id: string;
  label: string;
}

/** A checklist item on the work item, with the technician's tick. */
export interface JobChecklistItem extends JobChecklistEntry {
  done: boolean;
  /** who ticked (or unticked) it last, and when (epoch ms) */
  doneBy?: string;
  doneAt?: number;
}

/**
 * A checklist sent again (a new work-order change): the list is the sender's, the ticks are the
 * technician's, so an item that stays (same id) keeps its tick; a new item starts unticked.
 */
export function mergeChecklist(previous: readonly JobChecklistItem[] | undefined, sent: readonly JobChecklistEntry[]): JobChecklistItem[] {
  const before = new Map((previous ?? []).map((item) => [item.id, item]));
  return sent.map(({ id, label }) => {
    const old = before.get(id);
    if (old === undefined) return { id, label, done: false };
    return { ...old, label };
  });
}

/** The checklist with one item ticked or unticked; undefined when the item is not on it. */
export function tickChecklist(
  checklist: readonly JobChecklistItem[] | undefined,
  id: string,
  done: boolean,
  by: string | undefined,
  at: number,
): JobChecklistItem[] | undefined {
  if (checklist === undefined || !checklist.some((item) => item.id === id)) return undefined;
  return checklist.map((item) => {
    if (item.id !== id) return item;
    const ticked: JobChecklistItem = { id: item.id, label: item.label, done };
    if (by !== undefined) ticked.doneBy = by;
    ticked.doneAt = at;
    return ticked;
  });
}
