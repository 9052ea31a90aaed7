import { ELEMENTS, EXIT, type Cmi } from '@content/scorm';
import type { StaffRole, Verdict } from '@contract/channels/records';
import { applyLifecycleEntry, type LifecycleEntry } from './lifecycle-entries';
import { prepared, type ReadableDb, type WritableDb } from '../storage';
import { applyLrsEntry, scrubLrsState, type LrsEntry } from '../lrs/journal-entries';
import { applyClassAnswer, type ClassAnswerEntry } from '../classes/journal-entries';
import { applySettingsEntry, CONFIG_JOURNALLED_KEY, type SettingsEntry } from '../settings/journal-entries';
import { applyAdminEntry, type AdminEntry } from '../admin/journal-entries';
import { applyTimelineStep, type TimelineStep } from './timeline';
import { applyPinEntry, type PinEntry } from './pin-entries';
import { learnerByDigest, scrubAuditLog, tracesOf } from './erasure';
import { readStoredCmi, storedCmiText } from './cmi';

/**
 * Every change to the records is one of these entries. The live path builds the entry (ids,
 * times and main's verdict already decided), applies it and journals it in one transaction;
 * recovery applies the same entries again. So `applyEntry` must be idempotent.
 */
export type Entry =
  | {
      j: number;
      k: 'learner.staff';
      learnerId: string;
      at: string;
      name: string;
      workEmail: string | null;
      staffId: string | null;
      school: string;
      role: StaffRole;
      pinHash: string;
    }
  | { j: number; k: 'learner.pupil'; learnerId: string; at: string; firstName: string; initial: string; className: string; band: string }
  /** A learner signed in again (a right PIN, or a pupil's session started): the retention clock restarts. */
  | { j: number; k: 'learner.seen'; learnerId: string; at: string }
  | {
      j: number;
      k: 'attempt.start';
      attemptId: string;
      learnerId: string;
      at: string;
      courseId: string;
      moduleId: string;
      contentVersion: string;
      policyVersionLabel: string;
      scormVersion: Cmi['version'];
      drawnItemIds: string[];
    }
  | {
      j: number;
      k: 'attempt.commit';
      attemptId: string;
      seq: number;
      at: string;
      finish: boolean;
      digest: string;
      /** The cmi's UTF-8 bytes as received (content/scorm cmiBytes); absent before migration 10. */
      bytes?: number;
      /** The full cmi, except at the end of a pupil lesson (never kept then). */
      cmi: Cmi | null;
      verdict: Verdict;
      itemResults: { itemId: string; correct: boolean }[] | null;
      reportedStatus: string | null;
      flags: string[];
      /** What main's clock saw in this commit: items served, answers received (absent before migration 9). */
      timeline?: TimelineStep | null;
      pupil: PupilFinish | null;
    }
  | { j: number; k: 'ack'; learnerId: string; courseId: string; attemptId: string; at: string; policyVersionLabel: string; contentVersion: string }
  | { j: number; k: 'audit'; at: string; actor: string; action: string; detail: Record<string, unknown> }
  /**
   * A person erased. New entries hold only `learnerDigest` (sha256 of the id, erasure.ts), so the
   * journal keeps no trace of the id itself; older ones hold `learnerId`.
   */
  | { j: number; k: 'erase'; learnerId?: string; learnerDigest?: string; at: string }
  /** `limit`: fold at most this many pupils (the daily round folds in steps); absent in older entries: all. */
  | { j: number; k: 'retention'; at: string; cutoffYear: string; limit?: number }
  /** What an erased person's entries become when the journal is rewritten: keeps the numbering. */
  | { j: number; k: 'void' }
  /** New-account requests and the retrieval check (lifecycle-entries.ts). */
  | LifecycleEntry
  /** A class lesson's answer to one question: counts only (electron/services/classes/journal-entries.ts). */
  | ClassAnswerEntry
  /** One staff member merged in from a Trust records file (electron/services/records-file/import.ts). */
  | ImportEntry
  /** The LRS sender's bookkeeping: sent, set aside, tried again, its state (electron/services/lrs/journal-entries.ts). */
  | LrsEntry
  /** A PIN's failures, lock and administrator's reset (pin-entries.ts). */
  | PinEntry
  /** The Trust's settings (electron/services/settings/journal-entries.ts). */
  | SettingsEntry
  /** The administrator's password hash, set-up and lock-out (electron/services/admin/journal-entries.ts). */
  | AdminEntry;

export type ImportEntry = {
  j: number;
  k: 'records.import';
  at: string;
  sourcePc: string;
  exportedAt: string;
  /** This PC's id for the person (an existing learner, or the file's id for a new one). */
  learnerId: string;
  learner: { name: string; workEmail: string | null; staffId: string | null; school: string; role: StaffRole; firstSignInAt: string };
  attempts: ImportedAttempt[];
  acknowledgements: { courseId: string; attemptId: string; policyVersionLabel: string; contentVersion: string; acknowledgedAt: string }[];
};

export interface ImportedAttempt {
  attemptId: string;
  courseId: string;
  moduleId: string;
  contentVersion: string;
  policyVersionLabel: string;
  scormVersion: Cmi['version'];
  drawnItemIds: string[];
  startedAt: string;
  updatedAt: string;
  finishedAt: string | null;
  status: Verdict['status'];
  scorePercent: number | null;
  correct: number;
  total: number;
  sectionsToReview: string[];
  itemResults: { itemId: string; correct: boolean }[] | null;
  flags: string[];
  cmi: Cmi | null;
}

export type EntryKind = Entry['k'];
/** An entry before the store gives it its journal number. */
export type NewEntry = Entry extends infer E ? (E extends { j: number } ? Omit<E, 'j'> : never) : never;

export interface PupilFinish {
  academicYear: string;
  className: string;
  band: string;
  courseId: string;
  moduleId: string;
  outcomes: { itemId: string; outcome: 'secure' | 'developing' | 'misconception'; misconception: string }[];
}

export interface ApplyResult {
  /** False when the entry was already in the database (a replay, or a retried commit). */
  applied: boolean;
  note?: string;
}

const json = (v: unknown): string => JSON.stringify(v);

/** Diff of one cmi against the previous one, so the commit log stays small at 100,000 attempts. */
export function cmiChanges(prev: Readonly<Record<string, string>> | null, next: Readonly<Record<string, string>>): { set: Record<string, string>; removed: string[] } {
  // for-in, no [key, value] pair or key array per element: it runs on every commit (~90 elements at 12 answers).
  const set: Record<string, string> = {};
  for (const k in next) {
    const v = next[k] as string;
    if (prev === null || prev[k] !== v) set[k] = v;
  }
  const removed: string[] = [];
  if (prev !== null) for (const k in prev) if (!(k in next)) removed.push(k);
  return { set, removed };
}

export function applyEntry(db: WritableDb, e: Entry): ApplyResult {
  switch (e.k) {
    case 'learner.staff': {
      const r = prepared(db, 
          `INSERT OR IGNORE INTO learners (id, kind, name, work_email, staff_id, school, role, pin_hash, first_sign_in_at, last_seen_at)
           VALUES (?, 'staff', ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(e.learnerId, e.name, e.workEmail, e.staffId, e.school, e.role, e.pinHash, e.at, e.at);
      return { applied: r.changes > 0 };
    }
    case 'learner.pupil': {
      const r = prepared(db, 
          `INSERT OR IGNORE INTO learners (id, kind, first_name, initial, class_name, band, first_sign_in_at, last_seen_at)
           VALUES (?, 'pupil', ?, ?, ?, ?, ?, ?)`,
        )
        .run(e.learnerId, e.firstName, e.initial, e.className, e.band, e.at, e.at);
      return { applied: r.changes > 0 };
    }
    case 'learner.seen':
      // An absolute value, so a replay is idempotent; journalled so a rebuilt database does not fold
      // a pupil (or count a member of staff as gone) by an older date than the one they were last seen.
      return { applied: Number(prepared(db, 'UPDATE learners SET last_seen_at = ? WHERE id = ?').run(e.at, e.learnerId).changes) > 0 };
    case 'attempt.start': {
      if (!prepared(db, 'SELECT 1 FROM learners WHERE id = ?').get(e.learnerId)) return { applied: false, note: 'learner no longer held' };
      const r = prepared(db, 
          `INSERT OR IGNORE INTO attempts (id, learner_id, course_id, module_id, content_version, policy_version_label, scorm_version,
             drawn_item_ids, started_at, updated_at, status)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'in-progress')`,
        )
        .run(e.attemptId, e.learnerId, e.courseId, e.moduleId, e.contentVersion, e.policyVersionLabel, e.scormVersion, json(e.drawnItemIds), e.at, e.at);
      return { applied: r.changes > 0 };
    }
    case 'attempt.commit':
      return applyCommit(db, e);
    case 'ack': {
      if (!prepared(db, 'SELECT 1 FROM attempts WHERE id = ? AND learner_id = ?').get(e.attemptId, e.learnerId)) return { applied: false, note: 'attempt no longer held' };
      const r = prepared(db, 
          `INSERT OR IGNORE INTO acknowledgements (learner_id, course_id, attempt_id, policy_version_label, content_version, acknowledged_at)
           VALUES (?, ?, ?, ?, ?, ?)`,
        )
        .run(e.learnerId, e.courseId, e.attemptId, e.policyVersionLabel, e.contentVersion, e.at);
      return { applied: r.changes > 0 };
    }
    case 'audit': {
      // The journal number is unique on the audit row, so a replay cannot add it twice.
      const r = prepared(db, 'INSERT OR IGNORE INTO audit_log (at, actor, action, detail, journal_seq) VALUES (?, ?, ?, ?, ?)').run(e.at, e.actor, e.action, json(e.detail), e.j);
      return { applied: r.changes > 0 };
    }
    case 'erase': {
      const learnerId = e.learnerId ?? (e.learnerDigest ? learnerByDigest(db, e.learnerDigest) : null);
      if (learnerId === null) return { applied: false };
      // Their ids, name and email leave the audit log; attempts, commits and acknowledgements go
      // with the learner (ON DELETE CASCADE); so do their outbox rows, and the sender's last error
      // forgets any of their attempts it names.
      const traces = tracesOf(db, learnerId);
      scrubAuditLog(db, traces.all);
      scrubLrsState(db, traces.attemptIds);
      const r = prepared(db, 'DELETE FROM learners WHERE id = ?').run(learnerId);
      return { applied: r.changes > 0 };
    }
    case 'retention':
      return applyRetention(db, e.cutoffYear, e.limit ?? -1);
    case 'void':
      return { applied: false };
    case 'records.import':
      return applyImport(db, e);
    case 'lrs.sent':
    case 'lrs.setAside':
    case 'lrs.retry':
    case 'lrs.state':
      return applyLrsEntry(db, e);
    case 'request.create':
    case 'retrieval.offer':
    case 'retrieval.answer':
      return applyLifecycleEntry(db, e);
    case 'class.answer':
      return applyClassAnswer(db, e);
    case 'pin.failed':
    case 'pin.cleared':
    case 'pin.reset':
      return applyPinEntry(db, e);
    case 'settings.set':
      return markConfigJournalled(db, applySettingsEntry(db, e));
    case 'admin.create':
    case 'admin.password':
    case 'admin.lockout':
      return markConfigJournalled(db, applyAdminEntry(db, e));
  }
}

/**
 * A database whose settings or administrator row came from the journal has them all there (the
 * first start after the upgrade journalled what it held: records/config-journal.ts).
 */
function markConfigJournalled(db: WritableDb, result: ApplyResult): ApplyResult {
  prepared(db, "INSERT OR IGNORE INTO records_meta (key, value) VALUES (?, '1')").run(CONFIG_JOURNALLED_KEY);
  return result;
}

/** What every commit sets on its attempt, in the order of `applyCommit`'s values; then, when they change, the status and finish time. */
const COMMIT_SET = `UPDATE attempts SET last_seq = ?, updated_at = ?, score_percent = ?, correct = ?, total = ?, sections_to_review = ?,
  item_results = ?, reported_status = ?, flags = ?, suspended = ?, cmi = ?, received_bytes = received_bytes + ?`;
const UPDATE_COMMITTED = `${COMMIT_SET} WHERE id = ?`;
const UPDATE_COMMITTED_AND_STATUS = `${COMMIT_SET}, status = ?, finished_at = ? WHERE id = ?`;

function applyCommit(db: WritableDb, e: Extract<Entry, { k: 'attempt.commit' }>): ApplyResult {
  const attempt = prepared(db, 'SELECT last_seq, finished_at, status, cmi FROM attempts WHERE id = ?').get(e.attemptId) as
    | { last_seq: number; finished_at: string | null; status: string; cmi: string | null }
    | undefined;
  if (!attempt) return { applied: false, note: 'attempt no longer held' };
  if (prepared(db, 'SELECT 1 FROM commits WHERE attempt_id = ? AND seq = ?').get(e.attemptId, e.seq)) return { applied: false };
  if (attempt.finished_at !== null || e.seq <= attempt.last_seq) return { applied: false, note: 'out of order' };
  const prev = attempt.cmi ? readStoredCmi(attempt.cmi).data : null;
  const changes = e.cmi ? cmiChanges(prev, e.cmi.data) : null;
  const v = e.verdict;
  const pupilDone = e.pupil !== null;
  prepared(db, 'INSERT INTO commits (attempt_id, seq, kind, at, digest, changes, status, verdict) VALUES (?, ?, ?, ?, ?, ?, ?, ?)').run(
    e.attemptId,
    e.seq,
    e.finish ? 'finish' : 'commit',
    e.at,
    e.digest,
    pupilDone ? null : json(changes),
    v.status,
    json(v),
  );
  const suspended = e.cmi ? Number(e.cmi.data[ELEMENTS[e.cmi.version].exit] === EXIT[e.cmi.version].suspend) : 0;
  const values = [
    e.seq,
    e.at,
    pupilDone ? null : v.scorePercent,
    pupilDone ? 0 : v.correct,
    pupilDone ? 0 : v.total,
    json(v.sectionsToReview),
    e.itemResults ? json(e.itemResults) : null,
    e.reportedStatus,
    json(e.flags),
    e.finish ? 0 : suspended,
    pupilDone ? null : e.cmi ? storedCmiText(e.cmi) : null,
    e.bytes ?? 0,
  ];
  // The status and finish time are in three of the attempt's indexes, and SQLite rewrites an index
  // entry whenever its column is set, changed or not: set only when they change (the finish, a
  // verdict that moves), so most commits leave those index pages, and the WAL, alone.
  if (e.finish || v.status !== attempt.status) {
    prepared(db, UPDATE_COMMITTED_AND_STATUS).run(...values, v.status, e.finish ? e.at : null, e.attemptId);
  } else {
    prepared(db, UPDATE_COMMITTED).run(...values, e.attemptId);
  }
  if (e.timeline) applyTimelineStep(db, e.attemptId, e.timeline);
  if (e.finish && e.pupil === null) {
    // A finished staff attempt waits for the Trust's LRS, queued in this same transaction (and by a
    // journal replay), so the sender can never miss one (storage/migrations/lrs.ts).
    prepared(db, 'INSERT OR IGNORE INTO lrs_outbox (attempt_id, queued_at) VALUES (?, ?)').run(e.attemptId, e.at);
  }
  if (e.pupil) {
    // The lesson is over: its answers live on only as class counts.
    prepared(db, 'UPDATE commits SET changes = NULL WHERE attempt_id = ?').run(e.attemptId);
    prepared(db, 'DELETE FROM attempt_answers WHERE attempt_id = ?').run(e.attemptId);
    prepared(db, 'DELETE FROM attempt_served WHERE attempt_id = ?').run(e.attemptId);
    const add = prepared(db, 
      `INSERT INTO class_counts (academic_year, class_name, band, course_id, module_id, item_id, outcome, misconception, count)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, 1)
       ON CONFLICT DO UPDATE SET count = count + 1`,
    );
    const p = e.pupil;
    for (const o of p.outcomes) add.run(p.academicYear, p.className, p.band, p.courseId, p.moduleId, o.itemId, o.outcome, o.misconception);
  }
  return { applied: true };
}

/** The UK academic year (1 September to 31 August) of an instant, e.g. "2026-27". */
export function academicYear(at: Date | string): string {
  const d = typeof at === 'string' ? new Date(at) : at;
  const y = d.getUTCFullYear();
  const start = d.getUTCMonth() >= 8 ? y : y - 1;
  return `${start}-${String((start + 1) % 100).padStart(2, '0')}`;
}

/** The first instant of an academic year label ("2026-27" → 2026-09-01). */
export const academicYearStart = (label: string): string => `${label.slice(0, 4)}-09-01T00:00:00.000Z`;

/** Pupils whose last activity (sign-in or lesson) is before the start of `cutoffYear`, in id order; `limit` -1: all. */
export function retentionCandidates(db: ReadableDb, cutoffYear: string, limit = -1): { id: string; class_name: string; band: string }[] {
  const cutoff = academicYearStart(cutoffYear);
  return prepared(db, 
      `SELECT l.id, l.class_name, l.band FROM learners l
       WHERE l.kind = 'pupil' AND l.last_seen_at < ?
         AND NOT EXISTS (SELECT 1 FROM attempts a WHERE a.learner_id = l.id AND a.updated_at >= ?)
       ORDER BY l.id LIMIT ?`,
    )
    .all(cutoff, cutoff, limit) as { id: string; class_name: string; band: string }[];
}

/**
 * Pupil records whose last activity falls before `cutoffYear` are folded into per-class
 * completion counts and deleted. Idempotent: what is gone is not counted again.
 */
function applyRetention(db: WritableDb, cutoffYear: string, limit: number): ApplyResult {
  const old = retentionCandidates(db, cutoffYear, limit);
  const completed = prepared(db, 
    `SELECT course_id, module_id, finished_at FROM attempts WHERE learner_id = ? AND status = 'completed' AND finished_at IS NOT NULL`,
  );
  const add = prepared(db, 
    `INSERT INTO pupil_completions_retained (academic_year, class_name, band, course_id, module_id, completed) VALUES (?, ?, ?, ?, ?, 1)
     ON CONFLICT DO UPDATE SET completed = completed + 1`,
  );
  const del = prepared(db, 'DELETE FROM learners WHERE id = ?');
  for (const p of old) {
    for (const a of completed.all(p.id) as { course_id: string; module_id: string; finished_at: string }[]) {
      add.run(academicYear(a.finished_at), p.class_name, p.band, a.course_id, a.module_id);
    }
    del.run(p.id);
  }
  return { applied: old.length > 0, note: `${old.length} pupil records aggregated and deleted` };
}

/**
 * A staff member from another PC: the learner added if new (no PIN: they sign in on their own PC),
 * every attempt once by its id (an attempt held unfinished here takes the finished state from the
 * file), acknowledgements once, and the PC they came from. Idempotent: a replay or a second
 * import of the same file changes nothing.
 */
/** applyImport's statements, prepared once per connection: an import applies thousands of entries. */
const importStatements = new WeakMap<WritableDb, ReturnType<typeof prepareImport>>();
function prepareImport(db: WritableDb) {
  return {
    learner: prepared(db, 
      `INSERT OR IGNORE INTO learners (id, kind, name, work_email, staff_id, school, role, first_sign_in_at, last_seen_at)
       VALUES (?, 'staff', ?, ?, ?, ?, ?, ?, ?)`,
    ),
    isStaff: prepared(db, "SELECT 1 FROM learners WHERE id = ? AND kind = 'staff'"),
    insert: prepared(db, 
      `INSERT OR IGNORE INTO attempts (id, learner_id, course_id, module_id, content_version, policy_version_label, scorm_version, drawn_item_ids,
         started_at, updated_at, finished_at, status, score_percent, correct, total, sections_to_review, item_results, flags, cmi)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    finishHere: prepared(db, 
      `UPDATE attempts SET updated_at = ?, finished_at = ?, status = ?, score_percent = ?, correct = ?, total = ?, sections_to_review = ?,
         item_results = ?, flags = ?, cmi = ?, suspended = 0
       WHERE id = ? AND learner_id = ? AND finished_at IS NULL AND updated_at < ?`,
    ),
    queue: prepared(db, 'INSERT OR IGNORE INTO lrs_outbox (attempt_id, queued_at) VALUES (?, ?)'),
    ack: prepared(db, 
      `INSERT OR IGNORE INTO acknowledgements (learner_id, course_id, attempt_id, policy_version_label, content_version, acknowledged_at)
       SELECT ?, ?, ?, ?, ?, ? WHERE EXISTS (SELECT 1 FROM attempts WHERE id = ? AND learner_id = ?)`,
    ),
    origin: prepared(db, 
      `INSERT INTO learner_origins (learner_id, source_pc, exported_at, imported_at) VALUES (?, ?, ?, ?)
       ON CONFLICT (learner_id, source_pc) DO UPDATE SET exported_at = excluded.exported_at, imported_at = excluded.imported_at
       WHERE excluded.exported_at > learner_origins.exported_at`,
    ),
  };
}

function applyImport(db: WritableDb, e: ImportEntry): ApplyResult {
  let q = importStatements.get(db);
  if (!q) importStatements.set(db, (q = prepareImport(db)));
  const l = e.learner;
  let changed = Number(q.learner.run(e.learnerId, l.name, l.workEmail, l.staffId, l.school, l.role, l.firstSignInAt, l.firstSignInAt).changes);
  if (!q.isStaff.get(e.learnerId)) return { applied: false, note: 'learner no longer held' };
  for (const a of e.attempts) {
    const cmi = a.cmi ? json(a.cmi) : null;
    const itemResults = a.itemResults ? json(a.itemResults) : null;
    let n = Number(
      q.insert.run(a.attemptId, e.learnerId, a.courseId, a.moduleId, a.contentVersion, a.policyVersionLabel, a.scormVersion, json(a.drawnItemIds),
        a.startedAt, a.updatedAt, a.finishedAt, a.status, a.scorePercent, a.correct, a.total, json(a.sectionsToReview), itemResults, json(a.flags), cmi).changes,
    );
    if (n === 0 && a.finishedAt) {
      n = Number(
        q.finishHere.run(a.updatedAt, a.finishedAt, a.status, a.scorePercent, a.correct, a.total, json(a.sectionsToReview), itemResults, json(a.flags), cmi,
          a.attemptId, e.learnerId, a.updatedAt).changes,
      );
    }
    if (n > 0 && a.finishedAt) q.queue.run(a.attemptId, e.at);
    changed += n;
  }
  for (const k of e.acknowledgements) changed += Number(q.ack.run(e.learnerId, k.courseId, k.attemptId, k.policyVersionLabel, k.contentVersion, k.acknowledgedAt, k.attemptId, e.learnerId).changes);
  changed += Number(q.origin.run(e.learnerId, e.sourcePc, e.exportedAt, e.at).changes);
  return { applied: changed > 0 };
}
