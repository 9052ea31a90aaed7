import { createHash } from 'node:crypto';
import type { Cmi } from '@content/scorm';

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
