import type { DatabaseSync } from 'node:sqlite';

/**
 * Migration v14: a records file's staff found by work email through an index. The import matches
 * each person in the file by email whatever its case (`work_email = ? COLLATE NOCASE`), and the
 * one email index (learners_by_email, unique, binary: it keeps sign-in exact) cannot answer that,
 * so every person read every member of staff: an HR PC importing the Trust's 100,000 attempts
 * (16,000 staff) spent most of its five minutes there. Not unique: records written before sign-in
 * lowered emails may hold one address in two cases, and the import reports those as conflicts.
 */
export function importLookupsV14(db: DatabaseSync): void {
  db.exec('CREATE INDEX learners_by_email_nocase ON learners (work_email COLLATE NOCASE) WHERE work_email IS NOT NULL');
}
