import type { ReadableDb } from '@services/storage';

export interface ClassCountRow {
  academicYear: string;
  className: string;
  band: string;
  courseId: string;
  moduleId: string;
  itemId: string;
  outcome: 'secure' | 'developing' | 'misconception';
  misconception: string;
  count: number;
}

/** A class's folded answer counts: what teachers see, and all that is kept of pupils' answers. */
export function classCounts(db: ReadableDb, filter: { className?: string; band?: string; academicYear?: string } = {}): ClassCountRow[] {
  const where: string[] = [];
  const params: string[] = [];
  if (filter.className) {
    where.push('class_name = ? COLLATE NOCASE');
    params.push(filter.className);
  }
  if (filter.band) {
    where.push('band = ?');
    params.push(filter.band);
  }
  if (filter.academicYear) {
    where.push('academic_year = ?');
    params.push(filter.academicYear);
  }
  const rows = db
    .prepare(
      `SELECT academic_year, class_name, band, course_id, module_id, item_id, outcome, misconception, count FROM class_counts
       ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY academic_year, class_name, module_id, item_id, outcome, misconception`,
    )
    .all(...params) as Record<string, string | number>[];
  return rows.map((r) => ({
    academicYear: String(r.academic_year),
    className: String(r.class_name),
    band: String(r.band),
    courseId: String(r.course_id),
    moduleId: String(r.module_id),
    itemId: String(r.item_id),
    outcome: r.outcome as ClassCountRow['outcome'],
    misconception: String(r.misconception),
    count: Number(r.count),
  }));
}
