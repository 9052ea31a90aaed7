import type { ReadableDb } from '../storage';

export interface Origin {
  sourcePc: string;
  exportedAt: string;
  importedAt: string;
}

/**
 * Which PCs people's records were merged in from (learner_origins, written by the import):
 * per PC the number of people, its newest file and when that was imported; and one person's PCs.
 */
export function recordsOrigins(db: ReadableDb, learnerId?: string): { pcs: (Origin & { people: number })[]; person: Origin[] } {
  const pcs = db
    .prepare(
      `SELECT source_pc AS sourcePc, MAX(exported_at) AS exportedAt, MAX(imported_at) AS importedAt, COUNT(*) AS people
         FROM learner_origins GROUP BY source_pc ORDER BY MAX(imported_at) DESC, source_pc`,
    )
    .all() as unknown as (Origin & { people: number })[];
  const person = learnerId
    ? (db
        .prepare('SELECT source_pc AS sourcePc, exported_at AS exportedAt, imported_at AS importedAt FROM learner_origins WHERE learner_id = ? ORDER BY exported_at DESC')
        .all(learnerId) as unknown as Origin[])
    : [];
  return { pcs: pcs.map((p) => ({ ...p })), person: person.map((p) => ({ ...p })) };
}
