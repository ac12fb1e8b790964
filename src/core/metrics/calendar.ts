/**
 * Calendar keys for grouping work: day, ISO week (starting Monday) and month, all in UTC so the
 * same facts give the same groups on any server whatever its time zone.
 */
const MS_PER_DAY = 86_400_000;
export const MS_PER_WEEK = 7 * MS_PER_DAY;

/** `YYYY-MM-DD` of the UTC day. */
export function dayKey(at: Date): string {
  return at.toISOString().slice(0, 10);
}

/** `YYYY-MM` of the UTC month. */
export function monthKey(at: Date): string {
  return at.toISOString().slice(0, 7);
}

/** Midnight UTC of the Monday that starts the ISO week holding `at`. */
export function weekStart(at: Date): Date {
  const midnight = Math.floor(at.getTime() / MS_PER_DAY) * MS_PER_DAY;
  const weekday = (new Date(midnight).getUTCDay() + 6) % 7; // Monday 0 … Sunday 6
  return new Date(midnight - weekday * MS_PER_DAY);
}

/** Midnight UTC of the first day of the month `YYYY-MM`. */
export function monthStart(month: string): Date {
  return new Date(`${month}-01T00:00:00.000Z`);
}

export function addDays(at: Date, days: number): Date {
  return new Date(at.getTime() + days * MS_PER_DAY);
}

export function hoursBetween(from: Date, to: Date): number {
  return (to.getTime() - from.getTime()) / 3_600_000;
}
