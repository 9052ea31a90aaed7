import type { DatabaseSync } from 'node:sqlite';

/**
 * Migration v12: the pupil fold's reads by index. Each step asks for the next pupils past
 * retention in id order; without an index on (kind, id) SQLite read every pupil's row and sorted
 * them for each step (7.5 ms of CPU a time at 2,000 pupils, twice a step). With it, the step walks
 * pupils in id order in the index (last_seen_at read from it too) and stops at its limit.
 * Deleting an attempt also looks for retrieval offers that cite it as their pass: that column had
 * no index of its own, so every deleted attempt read the whole table.
 */
export function retentionIndexesV12(db: DatabaseSync): void {
  db.exec(`
    CREATE INDEX learners_for_retention ON learners (kind, id, last_seen_at);
    CREATE INDEX retrieval_offers_by_pass ON retrieval_offers (pass_attempt_id);
  `);
}
