import { prepared, type WritableDb } from '../storage';

export type ClassOutcome = 'secure' | 'developing' | 'misconception';

/**
 * A class lesson's answer to one question (class mode), as a journal entry of the records store:
 * counts only, no pupil and no teacher, added to the same class counts a pupil's finished lesson
 * folds into. Replayed after a recovery like every other record, and idempotent as replay requires.
 */
export type ClassAnswerEntry = {
  j: number;
  k: 'class.answer';
  at: string;
  academicYear: string;
  className: string;
  band: string;
  courseId: string;
  moduleId: string;
  itemId: string;
  counts: { outcome: ClassOutcome; misconception: string; count: number }[];
};

export function applyClassAnswer(db: WritableDb, e: ClassAnswerEntry): { applied: boolean } {
  // The audit row's journal number is unique: it is the marker that makes the counts count once.
  const answers = e.counts.reduce((n, c) => n + c.count, 0);
  const marker = prepared(
    db,
    'INSERT OR IGNORE INTO audit_log (at, actor, action, detail, journal_seq) VALUES (?, ?, ?, ?, ?)',
  ).run(e.at, 'class mode', 'class.answer', JSON.stringify({ className: e.className, band: e.band, courseId: e.courseId, moduleId: e.moduleId, itemId: e.itemId, answers }), e.j);
  if (marker.changes === 0) return { applied: false };
  const add = prepared(
    db,
    `INSERT INTO class_counts (academic_year, class_name, band, course_id, module_id, item_id, outcome, misconception, count)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT DO UPDATE SET count = count + excluded.count`,
  );
  for (const c of e.counts) if (c.count > 0) add.run(e.academicYear, e.className, e.band, e.courseId, e.moduleId, e.itemId, c.outcome, c.misconception, c.count);
  return { applied: true };
}
