/** Date and duration formats the export formats need (SCORM 1.2, SCORM 2004, xAPI, Totara). */

/** `YYYY-MM-DD` of an ISO timestamp, in UTC, as the Totara upload wants; null stays null. */
export function ymd(iso: string | null | undefined): string | null {
  if (!iso) return null;
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) throw new Error(`Not a date: ${JSON.stringify(iso)}`);
  return d.toISOString().slice(0, 10);
}

/** ISO 8601 duration (xAPI result.duration, SCORM 2004 timeinterval) from milliseconds. */
export function isoDuration(ms: number): string {
  const cs = Math.max(0, Math.round(ms / 10)); // SCORM 2004 allows two decimal places of seconds
  const h = Math.floor(cs / 360000);
  const m = Math.floor((cs % 360000) / 6000);
  const s = (cs % 6000) / 100;
  return `PT${h ? `${h}H` : ''}${m ? `${m}M` : ''}${s || (!h && !m) ? `${Number(s.toFixed(2))}S` : ''}`;
}

const DURATION_RE = /^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$/;

/** Milliseconds of an ISO 8601 duration (years 365 days, months 30 days, as SCORM tools do). */
export function parseIsoDuration(text: string): number | null {
  const m = DURATION_RE.exec(text);
  if (!m || text === 'P' || text.endsWith('T')) return null;
  const n = (i: number): number => Number(m[i] ?? 0);
  return Math.round(((((n(1) * 365 + n(2) * 30 + n(3)) * 24 + n(4)) * 60 + n(5)) * 60 + n(6)) * 1000);
}

/** SCORM 1.2 CMITimespan `HHHH:MM:SS.SS` from milliseconds. */
export function timespan12(ms: number): string {
  const cs = Math.max(0, Math.round(ms / 10));
  const h = Math.min(9999, Math.floor(cs / 360000));
  const m = Math.floor((cs % 360000) / 6000);
  const s = Math.floor((cs % 6000) / 100);
  const frac = cs % 100;
  const p = (v: number, w: number): string => String(v).padStart(w, '0');
  return `${p(h, 4)}:${p(m, 2)}:${p(s, 2)}${frac ? `.${p(frac, 2)}` : ''}`;
}

/** Milliseconds of a SCORM 1.2 CMITimespan. */
export function parseTimespan12(text: string): number | null {
  const m = /^(\d{2,4}):(\d{2}):(\d{2})(\.\d{1,2})?$/.exec(text);
  if (!m) return null;
  return Math.round(((Number(m[1]) * 60 + Number(m[2])) * 60 + Number(m[3]) + Number(m[4] ?? 0)) * 1000);
}

/** SCORM 1.2 CMITime `HH:MM:SS` (time of day, UTC) of an ISO timestamp. */
export const cmiTime12 = (iso: string): string | null => {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? null : d.toISOString().slice(11, 19);
};
