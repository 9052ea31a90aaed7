import { createHash } from 'node:crypto';
import { prepared, type ReadableDb, type WritableDb } from '../storage';

/** What stands for an erased person in the journal's `erase` entry: never the id itself. */
export const learnerDigest = (learnerId: string): string => createHash('sha256').update(`learner:${learnerId}`).digest('hex');

/** The learner an `erase` entry names by digest, if still held (a backup restored from before the erasure). */
export function learnerByDigest(db: ReadableDb, digest: string): string | null {
  for (const { id } of prepared(db, 'SELECT id FROM learners').iterate() as Iterable<{ id: string }>) {
    if (learnerDigest(id) === digest) return id;
  }
  return null;
}

export interface Traces {
  attemptIds: string[];
  /** Every string that names the person: ids (learner, attempts, requests, checks), name, email, staff id. */
  all: string[];
}

/** Everything that would identify a person in text the records keep about others (audit entries). */
export function tracesOf(db: ReadableDb, learnerId: string): Traces {
  const l = prepared(db, 'SELECT name, work_email, staff_id, first_name, initial FROM learners WHERE id = ?').get(learnerId) as
    | { name: string | null; work_email: string | null; staff_id: string | null; first_name: string | null; initial: string | null }
    | undefined;
  const ids = (sql: string): string[] => (prepared(db, sql).all(learnerId) as { id: string }[]).map((r) => r.id);
  const attemptIds = ids('SELECT id FROM attempts WHERE learner_id = ?');
  const other = [...ids('SELECT id FROM account_requests WHERE learner_id = ?'), ...ids('SELECT id FROM retrieval_offers WHERE learner_id = ?')];
  // A pupil's first name and initial are not unique enough to scrub from other people's entries.
  const words = l ? [l.name, l.work_email, l.staff_id].filter((w): w is string => typeof w === 'string' && w.length >= 3) : [];
  return { attemptIds, all: [learnerId, ...attemptIds, ...other, ...words] };
}

export const ERASED = '(erased)';

/** `text` with every trace replaced; JSON text stays JSON (a trace is matched as it is escaped there). */
export function scrubText(text: string, traces: readonly string[], json = false): string {
  let out = text;
  for (const t of traces) {
    const needle = json ? JSON.stringify(t).slice(1, -1) : t;
    if (needle.length > 0 && out.includes(needle)) out = out.split(needle).join(ERASED);
  }
  return out;
}

/**
 * Audit entries keep that something happened, never who it happened to once they are erased: the
 * person's ids, name and email are replaced in the actor and the detail of every entry naming them.
 */
export function scrubAuditLog(db: WritableDb, traces: readonly string[]): number {
  const rows = new Map<number, { actor: string; detail: string }>();
  const find = prepared(db, 'SELECT id, actor, detail FROM audit_log WHERE instr(actor, ?) > 0 OR instr(detail, ?) > 0');
  for (const t of traces) {
    for (const r of find.all(t, JSON.stringify(t).slice(1, -1)) as { id: number; actor: string; detail: string }[]) rows.set(r.id, r);
  }
  if (rows.size === 0) return 0;
  // The audit log is append-only (trigger audit_no_update, migration 3); erasure is its one
  // exception. The trigger is lifted and put back, word for word, inside the erase entry's own
  // transaction, so no other write ever sees the log without it.
  const trigger = db.prepare("SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = 'audit_no_update'").get() as { sql: string } | undefined;
  if (trigger) db.exec('DROP TRIGGER audit_no_update');
  try {
    const update = db.prepare('UPDATE audit_log SET actor = ?, detail = ? WHERE id = ?');
    for (const [id, r] of rows) update.run(scrubText(r.actor, traces), scrubText(r.detail, traces, true), id);
  } finally {
    if (trigger) db.exec(trigger.sql);
  }
  return rows.size;
}
