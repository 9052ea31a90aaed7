import { createHash } from 'node:crypto';
import type { Cmi } from '../../contract/channels/records';

/** One answer as the cmi reports it, in SCORM's own terms (before decoding to the neutral form). */
export interface CmiInteraction {
  index: number;
  id: string;
  type: string;
  response: string;
  result: string;
  /** Milliseconds, or null when the player did not report a latency. */
  latencyMs: number | null;
}

const ISO_DURATION_RE = /^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$/;
const TIMESPAN_RE = /^(\d{2,4}):(\d{2}):(\d{2}(?:\.\d{1,2})?)$/;

/** SCORM 2004 timeinterval or SCORM 1.2 CMITimespan to milliseconds; null when absent or unreadable. */
export function durationMs(text: string | undefined): number | null {
  if (!text) return null;
  const iso = ISO_DURATION_RE.exec(text);
  if (iso) {
    const [, y, mo, d, h, mi, s] = iso.map((x) => Number(x ?? 0));
    return Math.round(((((y ?? 0) * 365 + (mo ?? 0) * 30 + (d ?? 0)) * 24 + (h ?? 0)) * 3600 + (mi ?? 0) * 60 + (s ?? 0)) * 1000);
  }
  const span = TIMESPAN_RE.exec(text);
  if (span) return Math.round((Number(span[1]) * 3600 + Number(span[2]) * 60 + Number(span[3])) * 1000);
  return null;
}

/** The interactions of a cmi, in index order. */
export function interactionsOf(cmi: Cmi): CmiInteraction[] {
  const responseKey = cmi.version === 'scorm2004' ? 'learner_response' : 'student_response';
  const byIndex = new Map<number, Record<string, string>>();
  for (const [key, value] of Object.entries(cmi.data)) {
    const m = /^cmi\.interactions\.(\d+)\.([a-z_]+)$/.exec(key);
    if (!m) continue;
    const n = Number(m[1]);
    const fields = byIndex.get(n) ?? {};
    fields[m[2] ?? ''] = value;
    byIndex.set(n, fields);
  }
  return [...byIndex.entries()]
    .sort(([a], [b]) => a - b)
    .filter(([, f]) => f.id !== undefined && f.id !== '')
    .map(([index, f]) => ({
      index,
      id: f.id ?? '',
      type: f.type ?? '',
      response: f[responseKey] ?? '',
      result: f.result ?? '',
      latencyMs: durationMs(f.latency),
    }));
}

/** What the renderer claims the outcome is (kept for the record; never believed). */
export function reportedStatus(cmi: Cmi): string | null {
  const d = cmi.data;
  if (cmi.version === 'scorm12') return d['cmi.core.lesson_status'] ?? null;
  const success = d['cmi.success_status'];
  if (success && success !== 'unknown') return success;
  return d['cmi.completion_status'] ?? null;
}

/** A stable digest of a cmi: the same data in any key order gives the same digest. */
export function cmiDigest(cmi: Cmi): string {
  const keys = Object.keys(cmi.data).sort();
  const canonical = JSON.stringify([cmi.version, keys.map((k) => [k, cmi.data[k]])]);
  return createHash('sha256').update(canonical).digest('hex');
}
