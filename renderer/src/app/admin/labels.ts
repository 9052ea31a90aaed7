import type { PersonRow } from '@contract';

export const STATE_LABEL: Record<PersonRow['state'], string> = {
  'not-started': 'Not started',
  'in-progress': 'In progress',
  overdue: 'Overdue',
  complete: 'Complete',
  expiring: 'Expiring soon',
  expired: 'Expired',
};

export const MODULE_STATUS_LABEL: Record<string, string> = {
  'not-started': 'Not started',
  'in-progress': 'In progress',
  passed: 'Passed',
  failed: 'Not passed yet',
  completed: 'Completed',
  covered: 'Covered by the assessment pass',
  expired: 'Expired',
  expiring: 'Expiring soon',
};

const longDate = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
const dateTime = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', timeZone: 'Europe/London' });

/** "2026-12-20" → "20 Dec 2026"; an ISO date-time → its London date and time; null → a dash. */
export function when(value: string | null): string {
  if (!value) return '–';
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return longDate.format(new Date(`${value}T00:00:00Z`));
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? value : dateTime.format(d);
}

export const percent = (part: number, whole: number): string => (whole === 0 ? '–' : `${Math.round((part / whole) * 100)}%`);

export const COLOURS = { complete: '#1d6b32', inProgress: '#0b5cad', notStarted: '#9aa5b1', overdue: '#c25400', expired: '#a4262c' } as const;
