import type { ExportOutcome } from '../service';
import { SKIP_REASONS } from '@contract/channels/exports';

const size = (bytes: number): string => (bytes >= 1048576 ? `${(bytes / 1048576).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`);

/** The lines a headless export prints when it is done. */
export function describeOutcome(o: ExportOutcome): string {
  const what = o.format === 'scorm12' || o.format === 'scorm2004' ? `${o.rows} SCO(s)` : `${o.rows} row(s)`;
  const lines = [`Exported ${what} as ${o.format} in ${o.seconds.toFixed(1)} s:`, ...o.files.map((f) => `  ${f.path}  (${size(f.bytes)})`)];
  const skipped = Object.entries(o.skipped);
  if (skipped.length) lines.push(...skipped.map(([why, n]) => `Left out: ${n} – ${SKIP_REASONS[why] ?? why}`));
  return lines.join('\n');
}
