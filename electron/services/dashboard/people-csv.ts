import type { PersonRow } from '@contract/channels/dashboard';
import { csvLine } from '../exports';

/** The standings in HR's words, as the dashboard shows them. */
const STANDING: Record<PersonRow['state'], string> = {
  'not-started': 'Not started',
  'in-progress': 'In progress',
  overdue: 'Overdue',
  complete: 'Complete',
  expiring: 'Expiring soon',
  expired: 'Expired',
};

const HEADER = ['Name', 'Work email', 'Staff ID', 'School', 'Role', 'Standing', 'Due', 'Days overdue', 'Passed', 'Expires', 'Acknowledged version', 'Acknowledged on'];

/**
 * The people list as HR filtered and sorted it, one row a person, through the exports' CSV cells:
 * a name or school that starts like a formula is written as text, never run by a spreadsheet.
 */
export function peopleCsv(rows: readonly PersonRow[]): string {
  let out = csvLine(HEADER);
  for (const p of rows) {
    out += csvLine([
      p.name,
      p.workEmail,
      p.staffId,
      p.school,
      p.roleLabel,
      STANDING[p.state] + (p.needsReacknowledgement ? ' (new version to acknowledge)' : ''),
      p.dueDate,
      p.daysOverdue,
      p.passedOn,
      p.expiresOn,
      p.acknowledgedVersion,
      p.acknowledgedOn,
    ]);
  }
  return out;
}
