import { prepared, type ReadableDb } from '@services/storage';

/** Who an attempt belongs to (its learner's id), or null when there is no such attempt. */
export function attemptOwner(db: ReadableDb, attemptId: string): string | null {
  const row = prepared(db, 'SELECT learner_id FROM attempts WHERE id = ?').get(attemptId) as { learner_id: string } | undefined;
  return row?.learner_id ?? null;
}

/** The school of an attempt's learner (pupils and unknown attempts: null), for the placeholders of what main sends back. */
export function attemptSchool(db: ReadableDb, attemptId: string): string | null {
  const row = prepared(db, 'SELECT l.school FROM attempts a JOIN learners l ON l.id = a.learner_id WHERE a.id = ?').get(attemptId) as { school: string | null } | undefined;
  return row?.school ?? null;
}

/** The module an attempt is for and the item ids main drew for it, or null when there is no such attempt. */
export function attemptDraw(db: ReadableDb, attemptId: string): { courseId: string; moduleId: string; drawnItemIds: string[] } | null {
  const row = prepared(db, 'SELECT course_id, module_id, drawn_item_ids FROM attempts WHERE id = ?').get(attemptId) as
    | { course_id: string; module_id: string; drawn_item_ids: string }
    | undefined;
  return row ? { courseId: row.course_id, moduleId: row.module_id, drawnItemIds: JSON.parse(row.drawn_item_ids) as string[] } : null;
}
