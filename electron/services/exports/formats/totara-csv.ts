import type { Bundle } from '@content/schema';
import type { Settings } from '@contract/channels/settings';
import { localDate } from '@services/compliance';
import { csvLine } from './cells';
import type { StaffWithRecords } from '../plumbing/types';
import { usernameOf } from './xapi';

/** Totara "Upload completion records" (course), exactly this header, UTF-8 without a BOM. */
export const TOTARA_HEADER = 'username,courseshortname,courseidnumber,completiondate,grade';

export type TotaraSkip = 'no-username' | 'no-course-mapping' | 'username-starts-like-a-formula' | 'course-code-starts-like-a-formula';

/**
 * Identifiers Totara matches on are written exactly as they are, never with the apostrophe the
 * other CSV cells get: one that a spreadsheet would read as a formula (=, +, -, @, tab, CR first)
 * could not be both exact and safe, so its row is left out with that reason instead.
 */
const FORMULA_START = /^[=+\-@\t\r]/;
const exact = (id: string): string => {
  if (FORMULA_START.test(id)) throw new Error(`not an exact-safe identifier: ${id}`);
  return id;
};

/**
 * Rows only for modules the learner completed (a lesson completed, an assessment or refresher
 * passed) in a course they acknowledged. Completion date: the Europe/London day of the latest such
 * attempt. Grade: that attempt's score; a lesson has no score, and completing it is its whole
 * requirement, so it is graded 100.
 */
export function totaraRows(r: StaffWithRecords, bundle: Bundle, settings: Settings, skip: (why: TotaraSkip, detail: string) => void): string[] {
  const acknowledged = new Set(r.acknowledgements.map((k) => k.courseId));
  const rows: string[] = [];
  for (const course of bundle.courses) {
    if (course.audience !== 'staff' || !acknowledged.has(course.id)) continue;
    for (const m of course.modules) {
      const done = r.attempts
        .filter((a) => a.courseId === course.id && a.moduleId === m.id && a.finishedAt !== null)
        .filter((a) => a.status === 'passed' || (m.kind === 'lesson' && a.status === 'completed'))
        .sort((a, b) => (a.finishedAt ?? '').localeCompare(b.finishedAt ?? ''));
      const latest = done.at(-1);
      if (!latest?.finishedAt) continue;
      const username = usernameOf(r.staff, settings.lms.usernameField);
      if (!username) {
        skip('no-username', r.staff.learnerId);
        continue;
      }
      if (FORMULA_START.test(username)) {
        skip('username-starts-like-a-formula', r.staff.learnerId);
        continue;
      }
      const mapping = settings.lms.courses[m.id];
      if (!mapping) {
        skip('no-course-mapping', m.id);
        continue;
      }
      if (FORMULA_START.test(mapping.shortName) || FORMULA_START.test(mapping.idNumber)) {
        skip('course-code-starts-like-a-formula', m.id);
        continue;
      }
      const grade = latest.scorePercent ?? 100;
      rows.push(csvLine([exact(username), exact(mapping.shortName), exact(mapping.idNumber), localDate(latest.finishedAt), Number(grade.toFixed(2))]));
    }
  }
  return rows;
}
