import type { Entry } from './entries';
import { lrsEntryAfterErasure } from '../lrs/journal-entries';
import { BACKUP_KEEP_DAYS } from '../storage';
import type { RecordsStore } from './store';
import { displayName, type LearnerRow } from './queries/learners';
import { ServiceError } from '@contract/result';
import { learnerDigest, scrubText, tracesOf } from './erasure';

export interface ErasureResult {
  erased: true;
  attemptsRemoved: number;
  acknowledgementsRemoved: number;
  journalEntriesCleared: number;
  /** Backups taken before now still hold the person until they rotate out. */
  backupsRotateOutWithinDays: number;
  message: string;
}

/**
 * Deletes everything held on one person: their learner row, attempts, commit log and
 * acknowledgements (cascade), and their entries in the journal (rewritten with numbered blanks so
 * recovery can still tell a lost entry from an erased one). What remains is an audit entry that a
 * deletion happened (no name, no id), other audit entries with the person's ids, name and email
 * replaced by "(erased)", and an `erase` journal entry holding only a digest of the id, which
 * re-applies the deletion should an older backup ever be restored. secure_delete (database.ts)
 * zeroes the deleted rows in the database file and a checkpoint empties the WAL file. Backups
 * rotate out within BACKUP_KEEP_DAYS days of the app being used.
 */
export function eraseLearner(store: RecordsStore, learnerId: string, actor: string): ErasureResult {
  const learner = store.learner(learnerId);
  if (!learner) throw new ServiceError('not-found', `learnerId: no learner ${learnerId} on record`);
  const db = store.reader;
  const attemptIds = new Set((db.prepare('SELECT id FROM attempts WHERE learner_id = ?').all(learnerId) as { id: string }[]).map((r) => r.id));
  const acks = (db.prepare('SELECT COUNT(*) AS n FROM acknowledgements WHERE learner_id = ?').get(learnerId) as { n: number }).n;
  const at = store.nowIso();
  // Every string naming them, read before the erase entry deletes the rows it is read from.
  const traces = tracesOf(db, learnerId);
  store.write({ k: 'erase', learnerDigest: learnerDigest(learnerId), at });

  // The journal may mention attempts the database no longer has (a replay in progress): look there too.
  const read = store.journal.read<Entry>();
  for (const e of read.entries) {
    if (e.k === 'attempt.start' && e.learnerId === learnerId) attemptIds.add(e.attemptId);
    if (e.k === 'records.import' && e.learnerId === learnerId) for (const a of e.attempts) attemptIds.add(a.attemptId);
  }
  const named = [...new Set([...traces.all, ...attemptIds])];
  let cleared = 0;
  const rewritten = read.entries.map((e): Entry => {
    if (e.k === 'lrs.sent' || e.k === 'lrs.setAside' || e.k === 'lrs.retry' || e.k === 'lrs.state') {
      const kept = lrsEntryAfterErasure(e, attemptIds);
      if (kept !== e) cleared++;
      return kept ?? { j: e.j, k: 'void' };
    }
    const mine =
      ((e.k === 'learner.staff' || e.k === 'learner.pupil' || e.k === 'learner.seen' || e.k === 'attempt.start' || e.k === 'ack' || e.k === 'records.import') && e.learnerId === learnerId) ||
      ((e.k === 'request.create' || e.k === 'retrieval.offer') && e.learnerId === learnerId) ||
      ((e.k === 'pin.failed' || e.k === 'pin.cleared' || e.k === 'pin.reset') && e.learnerId === learnerId) ||
      (e.k === 'attempt.commit' && attemptIds.has(e.attemptId));
    if (e.k === 'audit') {
      // Others' audit entries keep what happened, not who it happened to (as the audit log does).
      const actor = scrubText(e.actor, named);
      const detail = scrubText(JSON.stringify(e.detail), named, true);
      if (actor === e.actor && detail === JSON.stringify(e.detail)) return e;
      return { ...e, actor, detail: JSON.parse(detail) as Record<string, unknown> };
    }
    if (!mine) return e;
    cleared++;
    return { j: e.j, k: 'void' };
  });
  store.journal.rewrite(rewritten);
  // The deleted rows' old pages leave the WAL file (secure_delete has zeroed them in the pages kept).
  store.truncateWal();
  store.audit(actor, 'learner.erased', {
    kind: learner.kind,
    attemptsRemoved: attemptIds.size,
    acknowledgementsRemoved: acks,
    journalEntriesCleared: cleared,
    backupsRotateOutWithinDays: BACKUP_KEEP_DAYS,
  });
  return {
    erased: true,
    attemptsRemoved: attemptIds.size,
    acknowledgementsRemoved: acks,
    journalEntriesCleared: cleared,
    backupsRotateOutWithinDays: BACKUP_KEEP_DAYS,
    message:
      `Everything held on this ${learner.kind === 'staff' ? 'member of staff' : 'pupil'} has been deleted from the records and the journal. ` +
      `Backups taken before today still hold a copy until they rotate out, within ${BACKUP_KEEP_DAYS} days of the app being used; ` +
      'if a backup is ever restored in that time, the deletion is applied again automatically.',
  };
}

const parse = (text: string | null): unknown => (text === null ? null : JSON.parse(text));

/**
 * Subject-access export: everything held on one person, as JSON. The PIN hash is not included
 * (it says nothing about the person and would help someone guess the PIN); its presence is stated.
 */
export function subjectAccess(store: RecordsStore, learnerId: string): Record<string, unknown> {
  const l = store.learner(learnerId);
  if (!l) throw new ServiceError('not-found', `learnerId: no learner ${learnerId} on record`);
  const db = store.reader;
  const attempts = (db.prepare('SELECT * FROM attempts WHERE learner_id = ? ORDER BY started_at').all(learnerId) as Record<string, unknown>[]).map((a) => ({
    ...a,
    drawn_item_ids: parse(a.drawn_item_ids as string),
    sections_to_review: parse(a.sections_to_review as string),
    item_results: parse(a.item_results as string | null),
    flags: parse(a.flags as string),
    cmi: parse(a.cmi as string | null),
    commits: (db.prepare('SELECT seq, kind, at, status, verdict, changes FROM commits WHERE attempt_id = ? ORDER BY seq').all(a.id as string) as Record<string, unknown>[]).map(
      (c) => ({ ...c, verdict: parse(c.verdict as string), changes: parse(c.changes as string | null) }),
    ),
    // Main's own clock: when each question was shown and each answer received.
    served: db.prepare('SELECT item_id, served_at FROM attempt_served WHERE attempt_id = ? ORDER BY served_at, item_id').all(a.id as string),
    answers: db.prepare('SELECT idx, interaction_id, response, answered_at FROM attempt_answers WHERE attempt_id = ? ORDER BY idx').all(a.id as string),
  }));
  const acknowledgements = db.prepare('SELECT course_id, attempt_id, policy_version_label, content_version, acknowledged_at FROM acknowledgements WHERE learner_id = ?').all(learnerId);
  // New-account requests this person wrote (lifecycle helper's table).
  const newAccountRequests = db
    .prepare('SELECT id, created_at, platform, account_name, aim, audience, promotion, runners, policy_version_label FROM account_requests WHERE learner_id = ? ORDER BY created_at')
    .all(learnerId);
  const audit = (db.prepare("SELECT at, actor, action, detail FROM audit_log WHERE detail LIKE '%' || ? || '%' ORDER BY id").all(learnerId) as Record<string, unknown>[]).map((r) => ({
    ...r,
    detail: parse(r.detail as string),
  }));
  const { pin_hash: pinHash, ...person } = l as LearnerRow;
  return {
    generatedAt: store.nowIso(),
    about: displayName(l),
    learner: { ...person, pinHashHeld: pinHash !== null },
    attempts,
    acknowledgements,
    newAccountRequests,
    auditEntries: audit,
    notes: [
      'Backups of the records (kept for up to 7 days) and the records journal hold copies of the same data.',
      l.kind === 'pupil' ? "A pupil's answers are kept only while a lesson is in progress; finished lessons keep completion and date only." : 'No other data about you is held by this app.',
    ],
  };
}
