import type { ReadableDb, ReadableStatement } from '../storage';
import type { Bundle } from '@content/schema';
import type { Settings } from '@contract/channels/settings';
import { attemptStatements, toAttempt, type StaffRecord } from '../exports';
import type { RoleId } from '@content/schema';
import type { Outbox, OutboxBatch } from './sender';
import { EMPTY_STATE, LRS_STATE_KEY, type NewLrsEntry, type SenderState } from './journal-entries';

const NO_STATEMENTS: Record<string, string> = {
  'no-lms-address': "the Trust's LMS address is not set (Settings: The Trust's LMS), and statements are never sent with a made-up one",
  'no-username': "this person has no value in the field the LMS uses as the username (Settings: LMS username field), so the LRS could not know who they are",
  'module-not-in-this-content': 'the module of this attempt is not in the content this app carries',
};

export interface OutboxDeps {
  db: ReadableDb;
  bundle: Bundle;
  settings: () => Settings;
  /** The records store's journalled write (records/store.ts): the only way this side changes anything. */
  write: (entry: NewLrsEntry) => void;
  clock: () => Date;
}

/**
 * The outbox in the records database (table lrs_outbox, storage/migrations/lrs.ts). Rows are
 * queued by the commit that finishes an attempt; this side reads them, and marks them sent or set
 * aside, and keeps the sender's state, through the records store as journalled entries
 * (lrs/journal-entries.ts): a PC rebuilt from a backup and its journal neither sends everything
 * again nor forgets what was set aside and why.
 */
export class SqliteOutbox implements Outbox {
  private readonly q: Record<'pending' | 'count' | 'attempt' | 'learner' | 'state' | 'asideList' | 'asideIds' | 'asideCount', ReadableStatement>;

  constructor(private readonly d: OutboxDeps) {
    const db = d.db;
    this.q = {
      pending: db.prepare('SELECT attempt_id FROM lrs_outbox WHERE sent_at IS NULL AND set_aside_at IS NULL ORDER BY queued_at, attempt_id LIMIT ?'),
      count: db.prepare('SELECT COUNT(*) AS n FROM lrs_outbox WHERE sent_at IS NULL AND set_aside_at IS NULL'),
      attempt: db.prepare(
        `SELECT id, learner_id, course_id, module_id, status, score_percent, started_at, finished_at, scorm_version, drawn_item_ids, cmi
           FROM attempts WHERE id = ?`,
      ),
      learner: db.prepare(`SELECT id, name, work_email, staff_id, school, role, first_sign_in_at FROM learners WHERE id = ? AND kind = 'staff'`),
      state: db.prepare('SELECT value FROM records_meta WHERE key = ?'),
      asideList: db.prepare(
        `SELECT o.attempt_id, o.set_aside_at, o.set_aside_reason, l.name, a.course_id, a.module_id
           FROM lrs_outbox o LEFT JOIN attempts a ON a.id = o.attempt_id LEFT JOIN learners l ON l.id = a.learner_id
          WHERE o.set_aside_at IS NOT NULL ORDER BY o.set_aside_at DESC, o.attempt_id LIMIT ?`,
      ),
      asideIds: db.prepare('SELECT attempt_id FROM lrs_outbox WHERE set_aside_at IS NOT NULL ORDER BY set_aside_at, attempt_id'),
      asideCount: db.prepare('SELECT COUNT(*) AS n FROM lrs_outbox WHERE set_aside_at IS NOT NULL'),
    };
  }

  next(maxStatements: number): OutboxBatch | null {
    // Attempts that can have no statements are set aside as they are found; look on past them.
    for (;;) {
      const attempts: OutboxBatch['attempts'] = [];
      let statements = 0;
      // Read a few more ids than statements are wanted: an attempt has at least four statements.
      const ids = (this.q.pending.all(Math.max(1, Math.ceil(maxStatements / 4))) as { attempt_id: string }[]).map((r) => r.attempt_id);
      if (ids.length === 0) return null;
      for (const id of ids) {
        const built = this.build(id);
        if (typeof built === 'string') {
          this.setAside(id, built, this.d.clock().toISOString());
          continue;
        }
        if (attempts.length > 0 && statements + built.length > maxStatements) break;
        attempts.push({ attemptId: id, statements: built });
        statements += built.length;
      }
      if (attempts.length > 0) return { attempts };
    }
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
    const statements = attemptStatements(staff, toAttempt(staff.learnerId, a, true), this.d.bundle, this.d.settings());
    if (typeof statements === 'string') return NO_STATEMENTS[statements] ?? statements;
    return statements.map((s) => JSON.stringify(s));
  }

  pendingCount(): number {
    return (this.q.count.get() as { n: number }).n;
  }

  markSent(attemptIds: readonly string[], at: string): void {
    if (attemptIds.length) this.d.write({ k: 'lrs.sent', at, attemptIds: [...attemptIds] });
  }

  setAside(attemptId: string, reason: string, at: string): void {
    this.d.write({ k: 'lrs.setAside', at, attemptId, reason });
  }

  /** The administrator corrected what was wrong: every attempt set aside is tried again at the next send. */
  retrySetAside(): number {
    const ids = (this.q.asideIds.all() as { attempt_id: string }[]).map((r) => r.attempt_id);
    if (ids.length) this.d.write({ k: 'lrs.retry', at: this.d.clock().toISOString(), attemptIds: ids });
    return ids.length;
  }

  setAsideCount(): number {
    return (this.q.asideCount.get() as { n: number }).n;
  }

  /** The attempts set aside, newest first, for the administrator: whose, which module, when and why. */
  setAsideList(limit = 20): { attemptId: string; at: string; reason: string; name: string | null; module: string | null }[] {
    type Row = { attempt_id: string; set_aside_at: string; set_aside_reason: string; name: string | null; course_id: string | null; module_id: string | null };
    return (this.q.asideList.all(limit) as Row[]).map((r) => {
      const module = this.d.bundle.courses.find((c) => c.id === r.course_id)?.modules.find((m) => m.id === r.module_id);
      return { attemptId: r.attempt_id, at: r.set_aside_at, reason: r.set_aside_reason, name: r.name, module: module?.title ?? r.module_id };
    });
  }

  readState(): SenderState {
    const row = this.q.state.get(LRS_STATE_KEY) as { value: string } | undefined;
    if (!row) return { ...EMPTY_STATE };
    try {
      return { ...EMPTY_STATE, ...(JSON.parse(row.value) as Partial<SenderState>) };
    } catch {
      return { ...EMPTY_STATE };
    }
  }

  writeState(state: SenderState): void {
    this.d.write({ k: 'lrs.state', at: this.d.clock().toISOString(), state });
  }
}
