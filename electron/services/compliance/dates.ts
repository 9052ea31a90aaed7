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

// Since 1972 London's offset is 0 or +1 hour and never changes between 23:00 and 24:00 UTC, so
// one UTC day's instants have the UTC date until 23:00 and, from then, the next date only while
// the offset is +1 (BST). That is remembered per UTC day, since formatToParts is slow and the
// dashboard and exports ask for hundreds of thousands of dates over a few years.
const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;
const CACHE_FROM = Date.UTC(1972, 0, 1);
interface LondonDay {
  utc: IsoDate;
  /** The London date from 23:00 UTC on. */
  late: IsoDate;
}
const byUtcDay = new Map<number, LondonDay>();

function formatLondon(time: number): IsoDate {
  let y = '';
  let m = '';
  let d = '';
  for (const p of londonParts.formatToParts(time)) {
    if (p.type === 'year') y = p.value;
    else if (p.type === 'month') m = p.value;
    else if (p.type === 'day') d = p.value;
  }
  return `${y}-${m}-${d}`;
}

function londonDay(day: number): LondonDay {
  let known = byUtcDay.get(day);
  if (known === undefined) {
    if (byUtcDay.size >= 20_000) byUtcDay.clear(); // about 55 years of days; keeps memory bounded
    known = { utc: new Date(day * DAY_MS).toISOString().slice(0, 10), late: formatLondon(day * DAY_MS + 23 * HOUR_MS) };
    byUtcDay.set(day, known);
  }
  return known;
}

/** The Europe/London calendar date of an instant. */
export function localDate(instant: Date | string): IsoDate {
  const time = typeof instant === 'string' ? Date.parse(instant) : instant.getTime();
  if (Number.isNaN(time)) throw new Error(`not a valid date and time: ${String(instant)}`);
  if (time < CACHE_FROM) return formatLondon(time);
  const day = Math.floor(time / DAY_MS);
  const known = londonDay(day);
  return time - day * DAY_MS >= 23 * HOUR_MS ? known.late : known.utc;
}

function parse(iso: IsoDate): { y: number; m: number; d: number } {
  const match = ISO_DATE_RE.exec(iso);
  if (!match) throw new Error(`not a calendar date (YYYY-MM-DD): ${iso}`);
  return { y: Number(match[1]), m: Number(match[2]), d: Number(match[3]) };
}

const format = (utc: Date): IsoDate => utc.toISOString().slice(0, 10);

// Calendar dates as day numbers (days since 1970-01-01) both ways, remembered: every person's due
// date and expiry is a few of these, and the same few hundred dates come up again and again.
const dayOfIso = new Map<IsoDate, number>();
const isoOfDay = new Map<number, IsoDate>();

function dayNumber(iso: IsoDate): number {
  let day = dayOfIso.get(iso);
  if (day === undefined) {
    const { y, m, d } = parse(iso);
    day = Date.UTC(y, m - 1, d) / DAY_MS;
    if (dayOfIso.size >= 100_000) dayOfIso.clear();
    dayOfIso.set(iso, day);
  }
  return day;
}

function isoDay(day: number): IsoDate {
  let iso = isoOfDay.get(day);
  if (iso === undefined) {
    iso = format(new Date(day * DAY_MS));
    if (isoOfDay.size >= 100_000) isoOfDay.clear();
    isoOfDay.set(day, iso);
  }
  return iso;
}

export function addDays(iso: IsoDate, days: number): IsoDate {
  return isoDay(dayNumber(iso) + days);
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
