import type { WritableDb } from '../storage';

/**
 * The lifecycle's changes to the records, as journal entries of the records store (entries.ts
 * includes these in its Entry union): written with the same fsync'd journal and replayed after a
 * recovery like every other record. Each apply is idempotent, as replay requires.
 */
export type LifecycleEntry =
  | {
      j: number;
      k: 'request.create';
      requestId: string;
      learnerId: string;
      at: string;
      requesterName: string;
      requesterRole: string;
      school: string;
      platform: string;
      accountName: string;
      aim: string;
      audience: string;
      promotion: string;
      runners: string;
      policyVersionLabel: string;
    }
  | { j: number; k: 'retrieval.offer'; checkId: string; learnerId: string; courseId: string; passAttemptId: string; at: string; itemIds: string[]; state: 'open' | 'declined' }
  /** No learner here on purpose: only the per-clause counts are kept. */
  | { j: number; k: 'retrieval.answer'; checkId: string; at: string; tallies: { clauseId: string; right: number; wrong: number }[] };

export const LIFECYCLE_ENTRY_KINDS: ReadonlySet<string> = new Set(['request.create', 'retrieval.offer', 'retrieval.answer']);

export function applyLifecycleEntry(db: WritableDb, e: LifecycleEntry): { applied: boolean } {
  switch (e.k) {
    case 'request.create': {
      const r = db
        .prepare(
          `INSERT OR IGNORE INTO account_requests (id, learner_id, created_at, requester_name, requester_role, school, platform,
             account_name, aim, audience, promotion, runners, policy_version_label)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(e.requestId, e.learnerId, e.at, e.requesterName, e.requesterRole, e.school, e.platform, e.accountName, e.aim, e.audience, e.promotion, e.runners, e.policyVersionLabel);
      return { applied: r.changes > 0 };
    }
    case 'retrieval.offer': {
      if (e.state === 'open') {
        const r = db
          .prepare("INSERT OR IGNORE INTO retrieval_offers (id, learner_id, course_id, pass_attempt_id, offered_at, item_ids, state) VALUES (?, ?, ?, ?, ?, ?, 'open')")
          .run(e.checkId, e.learnerId, e.courseId, e.passAttemptId, e.at, JSON.stringify(e.itemIds));
        return { applied: r.changes > 0 };
      }
      const r = db
        .prepare(
          `INSERT INTO retrieval_offers (id, learner_id, course_id, pass_attempt_id, offered_at, item_ids, state, closed_at)
           VALUES (?, ?, ?, ?, ?, '[]', 'declined', ?)
           ON CONFLICT (learner_id, pass_attempt_id) DO UPDATE SET state = 'declined', closed_at = excluded.closed_at WHERE state = 'open'`,
        )
        .run(e.checkId, e.learnerId, e.courseId, e.passAttemptId, e.at, e.at);
      return { applied: r.changes > 0 };
    }
    case 'retrieval.answer': {
      // The offer moving from open to answered is the marker that makes the counts count once.
      const r = db.prepare("UPDATE retrieval_offers SET state = 'answered', closed_at = ? WHERE id = ? AND state = 'open'").run(e.at, e.checkId);
      if (r.changes === 0) return { applied: false };
      const bump = db.prepare(
        'INSERT INTO retrieval_clause_counts (clause_id, right, wrong) VALUES (?, ?, ?) ON CONFLICT (clause_id) DO UPDATE SET right = right + excluded.right, wrong = wrong + excluded.wrong',
      );
      for (const t of e.tallies) bump.run(t.clauseId, t.right, t.wrong);
      return { applied: true };
    }
  }
}

/** An entry before the records store numbers it. */
export type NewLifecycleEntry = LifecycleEntry extends infer E ? (E extends { j: number } ? Omit<E, 'j'> : never) : never;

/** Writes an entry through the records store: applied and fsync'd to its journal in one transaction. */
export type LifecycleWrite = (entry: NewLifecycleEntry) => { applied: boolean };
