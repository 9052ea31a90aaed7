import type { DatabaseSync, StatementSync } from 'node:sqlite';
import type { Bundle } from '../../../content/schema';
import type { Settings } from '../../contract/channels/settings';
import { attemptStatements } from '../exports/formats/xapi';
import { toAttempt } from '../exports/plumbing/source';
import type { StaffRecord } from '../exports/plumbing/types';
import type { RoleId } from '../../../content/schema';
import { EMPTY_STATE, type Outbox, type OutboxBatch, type SenderState } from './sender';

const NO_STATEMENTS: Record<string, string> = {
  'no-lms-address': "the Trust's LMS address is not set (Settings: The Trust's LMS), and statements are never sent with a made-up one",
  'no-username': "this person has no value in the field the LMS uses as the username (Settings: LMS username field), so the LRS could not know who they are",
  'module-not-in-this-content': 'the module of this attempt is not in the content this app carries',
};

export interface OutboxDeps {
  db: DatabaseSync;
  bundle: Bundle;
  settings: () => Settings;
  appVersion: string;
}

/**
 * The outbox in the records database (table lrs_outbox, storage/migrations/lrs.ts). Rows are
 * queued by the commit that finishes an attempt; this side only reads them and marks them sent
 * or set aside. Those marks, and the sender's state, are bookkeeping like a PIN failure count:
 * not journalled, because losing them costs only a re-send, which the LRS stores once
 * (statement ids are UUIDv5 of the attempt).
 */
export class SqliteOutbox implements Outbox {
  private readonly q: Record<'pending' | 'count' | 'sent' | 'aside' | 'attempt' | 'learner' | 'state' | 'putState' | 'asideList', StatementSync>;

  constructor(private readonly d: OutboxDeps) {
    const db = d.db;
    this.q = {
      pending: db.prepare('SELECT attempt_id FROM lrs_outbox WHERE sent_at IS NULL AND set_aside_at IS NULL ORDER BY queued_at, attempt_id LIMIT ?'),
      count: db.prepare('SELECT COUNT(*) AS n FROM lrs_outbox WHERE sent_at IS NULL AND set_aside_at IS NULL'),
      sent: db.prepare('UPDATE lrs_outbox SET sent_at = ? WHERE attempt_id = ? AND sent_at IS NULL'),
      aside: db.prepare('UPDATE lrs_outbox SET set_aside_at = ?, set_aside_reason = ? WHERE attempt_id = ?'),
      attempt: db.prepare(
        `SELECT id, learner_id, course_id, module_id, status, score_percent, started_at, finished_at, scorm_version, drawn_item_ids, cmi
           FROM attempts WHERE id = ?`,
      ),
      learner: db.prepare(`SELECT id, name, work_email, staff_id, school, role, first_sign_in_at FROM learners WHERE id = ? AND kind = 'staff'`),
      state: db.prepare("SELECT value FROM records_meta WHERE key = 'lrs_sender'"),
      putState: db.prepare("INSERT INTO records_meta (key, value) VALUES ('lrs_sender', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value"),
      asideList: db.prepare('SELECT attempt_id, set_aside_at, set_aside_reason FROM lrs_outbox WHERE set_aside_at IS NOT NULL ORDER BY set_aside_at DESC LIMIT ?'),
    };
  }

  next(maxStatements: number): OutboxBatch | null {
    const attempts: OutboxBatch['attempts'] = [];
    let statements = 0;
    // Read a few more ids than statements are wanted: an attempt has at least four statements.
    const ids = (this.q.pending.all(Math.max(1, Math.ceil(maxStatements / 4))) as { attempt_id: string }[]).map((r) => r.attempt_id);
    for (const id of ids) {
      const built = this.build(id);
      if (typeof built === 'string') {
        this.setAside(id, built, new Date().toISOString());
        continue;
      }
      if (attempts.length > 0 && statements + built.length > maxStatements) break;
      attempts.push({ attemptId: id, statements: built });
      statements += built.length;
    }
    if (attempts.length === 0) return ids.length > 0 ? this.next(maxStatements) : null;
    return { attempts };
  }

  /** The attempt's statements as JSON, or why it has none. */
  private build(attemptId: string): string[] | string {
    const a = this.q.attempt.get(attemptId) as Record<string, string | number | null> | undefined;
    const l = a ? (this.q.learner.get(String(a.learner_id)) as Record<string, string | null> | undefined) : undefined;
    if (!a || !l) return 'the attempt or its learner is no longer held';
    const staff: StaffRecord = {
      learnerId: String(l.id),
      name: String(l.name ?? ''),
      workEmail: l.work_email ?? null,
      staffId: l.staff_id ?? null,
      school: String(l.school ?? ''),
      role: String(l.role) as RoleId,
      firstSignInAt: String(l.first_sign_in_at),
    };
    const statements = attemptStatements(staff, toAttempt(staff.learnerId, a, true), this.d.bundle, this.d.settings(), this.d.appVersion);
    if (typeof statements === 'string') return NO_STATEMENTS[statements] ?? statements;
    return statements.map((s) => JSON.stringify(s));
  }

  pendingCount(): number {
    return (this.q.count.get() as { n: number }).n;
  }

  markSent(attemptIds: readonly string[], at: string): void {
    this.inTransaction(() => {
      for (const id of attemptIds) this.q.sent.run(at, id);
    });
  }

  setAside(attemptId: string, reason: string, at: string): void {
    this.q.aside.run(at, reason, attemptId);
  }

  /** The attempts set aside, newest first, for the administrator. */
  setAsideList(limit = 20): { attemptId: string; at: string; reason: string }[] {
    return (this.q.asideList.all(limit) as { attempt_id: string; set_aside_at: string; set_aside_reason: string }[]).map((r) => ({
      attemptId: r.attempt_id,
      at: r.set_aside_at,
      reason: r.set_aside_reason,
    }));
  }

  readState(): SenderState {
    const row = this.q.state.get() as { value: string } | undefined;
    if (!row) return { ...EMPTY_STATE };
    try {
      return { ...EMPTY_STATE, ...(JSON.parse(row.value) as Partial<SenderState>) };
    } catch {
      return { ...EMPTY_STATE };
    }
  }

  writeState(state: SenderState): void {
    this.q.putState.run(JSON.stringify(state));
  }

  private inTransaction(fn: () => void): void {
    const db = this.d.db;
    if (db.isTransaction) return fn();
    db.exec('BEGIN IMMEDIATE');
    try {
      fn();
      db.exec('COMMIT');
    } catch (err) {
      if (db.isTransaction) db.exec('ROLLBACK');
      throw err;
    }
  }
}
