import type { ScormVersion } from './version';

// Durations and times in each version's own types: SCORM 2004 timeinterval (ISO 8601 duration,
// seconds to two decimals) and time (ISO 8601); SCORM 1.2 CMITimespan (HHHH:MM:SS.SS) and CMITime
// (HH:MM:SS). xAPI durations are the 2004 form.

const pad = (n: number, width = 2): string => String(Math.floor(n)).padStart(width, '0');

/** SCORM 2004 timeinterval from milliseconds, e.g. PT1H2M3.45S, PT1M, PT0S. */
export function isoDuration(ms: number): string {
  const cs = Math.max(0, Math.round(ms / 10)); // two decimal places of seconds at most
  const h = Math.floor(cs / 360000);
  const m = Math.floor((cs % 360000) / 6000);
  const s = (cs % 6000) / 100;
  return `PT${h ? `${h}H` : ''}${m ? `${m}M` : ''}${s || (!h && !m) ? `${Number(s.toFixed(2))}S` : ''}`;
}

const DURATION_RE = /^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$/;

/** Milliseconds of an ISO 8601 duration (a year 365 days, a month 30, as SCORM tools count); null when unreadable. */
export function parseIsoDuration(text: string): number | null {
  const m = DURATION_RE.exec(text);
  if (!m || text === 'P' || text.endsWith('T')) return null;
  // No helper closure: every latency of every commit and export passes here.
  const [, y = 0, mo = 0, d = 0, h = 0, mi = 0, s = 0] = m;
  return Math.round(((((Number(y) * 365 + Number(mo) * 30 + Number(d)) * 24 + Number(h)) * 60 + Number(mi)) * 60 + Number(s)) * 1000);
}

/** SCORM 1.2 CMITimespan from milliseconds: four-digit hours, hundredths only when there are any. */
export function cmiTimespan(ms: number): string {
  const cs = Math.max(0, Math.round(ms / 10));
  const h = Math.min(9999, Math.floor(cs / 360000));
  const m = Math.floor((cs % 360000) / 6000);
  const s = Math.floor((cs % 6000) / 100);
  const frac = cs % 100;
  return `${pad(h, 4)}:${pad(m)}:${pad(s)}${frac ? `.${pad(frac)}` : ''}`;
}

const TIMESPAN_RE = /^(\d{2,4}):(\d{2}):(\d{2})(\.\d{1,2})?$/;

/** Milliseconds of a SCORM 1.2 CMITimespan; null when unreadable. */
export function parseCmiTimespan(text: string): number | null {
  const m = TIMESPAN_RE.exec(text);
  if (!m) return null;
  return Math.round(((Number(m[1]) * 60 + Number(m[2])) * 60 + Number(m[3]) + Number(m[4] ?? 0)) * 1000);
}

/** A duration in the version's own type (session time, latency). */
export const duration = (version: ScormVersion, ms: number): string => (version === 'scorm2004' ? isoDuration(ms) : cmiTimespan(ms));

/** Milliseconds of either version's duration; null when absent or unreadable. */
export function durationMs(text: string | undefined): number | null {
  if (!text) return null;
  return parseIsoDuration(text) ?? parseCmiTimespan(text);
}

/** SCORM 2004 time to the second, in the learner's local time without a zone (as most LMSs show it). */
export const isoTimestamp = (d: Date): string =>
  `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;

/** SCORM 1.2 CMITime (a time of day, HH:MM:SS) in the learner's local time. */
export const cmiTime = (d: Date): string => `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;

/** When an answer was given, in the version's own type. */
export const answeredAt = (version: ScormVersion, d: Date): string => (version === 'scorm2004' ? isoTimestamp(d) : cmiTime(d));

/**
 * The time of day a SCORM 2004 time records, as a 1.2 CMITime: the clock reading as written
 * (a time without a zone is the learner's local time; one with a zone is read in UTC); null when
 * the text is not a time.
 */
export function cmiTimeOf(time2004: string): string | null {
  const local = /^\d{4}-\d{2}-\d{2}T(\d{2}:\d{2}:\d{2})(?:\.\d{1,2})?$/.exec(time2004);
  if (local) return local[1] ?? null;
  const d = new Date(time2004);
  return Number.isNaN(d.getTime()) ? null : d.toISOString().slice(11, 19);
}
