/**
 * Calendar dates for the compliance cycle. Due dates and expiry are days on a UK school calendar,
 * so an instant is read as its date in Europe/London (a pass at 00:30 BST is that day's pass, not
 * the day before as UTC would say). Dates travel as ISO strings, YYYY-MM-DD.
 */
export type IsoDate = string;

export const TRUST_TIME_ZONE = 'Europe/London';

const ISO_DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

const londonParts = new Intl.DateTimeFormat('en-GB', {
  timeZone: TRUST_TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

// Since 1972 London's offset is 0 or +1 hour and changes at 01:00 UTC, so every instant of one UTC
// hour has the same London date: remembered per hour, since formatToParts is slow and the dashboard
// and exports ask for thousands of dates.
const HOUR_MS = 3_600_000;
const CACHE_FROM = Date.UTC(1972, 0, 1);
const byUtcHour = new Map<number, IsoDate>();

/** The Europe/London calendar date of an instant. */
export function localDate(instant: Date | string): IsoDate {
  const date = typeof instant === 'string' ? new Date(instant) : instant;
  const time = date.getTime();
  if (Number.isNaN(time)) throw new Error(`not a valid date and time: ${String(instant)}`);
  const hour = Math.floor(time / HOUR_MS);
  const known = byUtcHour.get(hour);
  if (known !== undefined) return known;
  const parts = Object.fromEntries(londonParts.formatToParts(date).map((p) => [p.type, p.value]));
  const local = `${parts.year}-${parts.month}-${parts.day}`;
  if (time >= CACHE_FROM) {
    if (byUtcHour.size >= 200_000) byUtcHour.clear(); // about 23 years of hours; keeps memory bounded
    byUtcHour.set(hour, local);
  }
  return local;
}

function parse(iso: IsoDate): { y: number; m: number; d: number } {
  const match = ISO_DATE_RE.exec(iso);
  if (!match) throw new Error(`not a calendar date (YYYY-MM-DD): ${iso}`);
  return { y: Number(match[1]), m: Number(match[2]), d: Number(match[3]) };
}

const format = (utc: Date): IsoDate => utc.toISOString().slice(0, 10);

export function addDays(iso: IsoDate, days: number): IsoDate {
  const { y, m, d } = parse(iso);
  return format(new Date(Date.UTC(y, m - 1, d + days)));
}

/** Months later on the same day of the month, or the month's last day (29 Feb + 12 months = 28 Feb). */
export function addMonths(iso: IsoDate, months: number): IsoDate {
  const { y, m, d } = parse(iso);
  const firstOfTarget = new Date(Date.UTC(y, m - 1 + months, 1));
  const lastDay = new Date(Date.UTC(firstOfTarget.getUTCFullYear(), firstOfTarget.getUTCMonth() + 1, 0)).getUTCDate();
  return format(new Date(Date.UTC(firstOfTarget.getUTCFullYear(), firstOfTarget.getUTCMonth(), Math.min(d, lastDay))));
}

/** Whole days from a to b (negative when b is earlier). */
export function daysBetween(a: IsoDate, b: IsoDate): number {
  const pa = parse(a);
  const pb = parse(b);
  return Math.round((Date.UTC(pb.y, pb.m - 1, pb.d) - Date.UTC(pa.y, pa.m - 1, pa.d)) / 86_400_000);
}

export const isIsoDate = (value: string): boolean => {
  if (!ISO_DATE_RE.test(value)) return false;
  const { y, m, d } = parse(value);
  return format(new Date(Date.UTC(y, m - 1, d))) === value;
};
