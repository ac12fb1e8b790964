/** The timeline route lists only days with work; the chart wants every day of the period. */
import type { TimelineDay } from '../api/types.ts';

const DAY_MS = 86_400_000;

/** Every UTC day of the `count` days ending `today` (YYYY-MM-DD), with zeros where nothing was done. */
export function everyDay(days: TimelineDay[], count: number, today: string): TimelineDay[] {
  const byDay = new Map(days.map((d) => [d.day.slice(0, 10), d]));
  const end = Date.parse(`${today}T00:00:00Z`);
  const out: TimelineDay[] = [];
  for (let i = count - 1; i >= 0; i--) {
    const day = new Date(end - i * DAY_MS).toISOString().slice(0, 10);
    out.push(byDay.get(day) ?? { day, annotations: 0, items: 0 });
  }
  return out;
}
