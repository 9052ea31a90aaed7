import { randomUUID } from 'node:crypto';
import { assessableBank, drawItemIds } from '@content/schema/draw';
import type { Bundle, BundleCourse, Module } from '@content/schema';
import {
  Cmi,
  cmiPassed,
  type AttemptStartReply,
  type CommitReply,
  type PupilSessionRequest,
  type SignInRequest,
  type Verdict,
} from '@contract/channels/records';
import type { Settings } from '@contract/channels/settings';
import { ServiceError } from '@contract/result';
import { attemptBytesProblem, cmiBytes, type ScormVersion } from '@content/scorm';
import { attemptCountProblem } from './attempt-limit';
import { cmiDigest, primeStoredInteractions, readStoredCmi, reportedStatus } from './cmi';
import { academicYear, applyEntry, type ApplyResult, type Entry, type NewEntry } from './entries';
import { prepared, type OpenedRecords, type PendingLine, type ReadableDb, type WritableDb } from '../storage';
import { displayName, learnerById, type LearnerRow } from './queries/learners';
import { hashPin, NEW_PIN_DIGITS, NEW_PIN_RE } from './pin';
import { PinGuard } from './pin-guard';
import { scrubPupilLesson } from './retention';
import { findModule, rescore, type JudgedAnswer } from './verdict';
import { loadTimeline, timelineStep } from './timeline';

/**
 * How a new refresher attempt is opened and drawn: the compliance rules decide (they refuse it
 * unless the learner's completion is expiring or expired). Given by the composition root, so the
 * records never import the compliance domain.
 */
export type RefresherDraw = (input: { learnerId: string; course: BundleCourse; module: Module; attemptId: string; settings: Settings; now: Date }) => {
  drawnItemIds: string[];
  lastSeen: string[];
};

export interface StoreDeps {
  bundle: Bundle;
  clock: () => Date;
  settings: () => Settings;
  /** Absent in tools that never open a refresher (the records CLI, the bench). */
  refresherDraw?: RefresherDraw;
}

export interface AttemptRow {
  id: string;
  learner_id: string;
  course_id: string;
  module_id: string;
  content_version: string;
  policy_version_label: string;
  scorm_version: ScormVersion;
  drawn_item_ids: string;
  started_at: string;
  updated_at: string;
  finished_at: string | null;
  status: Verdict['status'];
  score_percent: number | null;
  correct: number;
  total: number;
  sections_to_review: string;
  last_seq: number;
  cmi: string | null;
  /** UTF-8 bytes of every commit's cmi added up (content/scorm cmiBytes), for the limit per attempt. */
  received_bytes: number;
}

/** What the reply to a commit is made from besides the verdict (host/handlers/reveal.ts): read once, by the commit. */
export interface CommittedAttempt {
  courseId: string;
  moduleId: string;
  drawnItemIds: string[];
  /** The learner's school (null for a pupil), for the placeholders of what main sends back. */
  school: string | null;
}

/** A commit as recorded: main's verdict, its judgement of every answer, and the attempt it belongs to. */
export type CommitOutcome = Omit<CommitReply, 'judged'> & { judged: JudgedAnswer[]; attempt: CommittedAttempt };

/** What a commit needs of its learner: who takes the attempt, and a pupil's class (the class counts). */
type CommittingLearner = Pick<LearnerRow, 'kind' | 'school' | 'class_name' | 'band'>;

/**
 * A commit's attempt and the learner columns it needs, in one read (a second statement for the
 * learner cost about 10 us of every commit). The learner's columns are null when no learner holds
 * the attempt.
 */
const ATTEMPT_AND_LEARNER = `SELECT a.id, a.learner_id, a.course_id, a.module_id, a.scorm_version, a.drawn_item_ids, a.updated_at, a.finished_at, a.last_seq,
    a.received_bytes, a.cmi, l.kind AS learner_kind, l.school AS learner_school, l.class_name AS learner_class_name, l.band AS learner_band
  FROM attempts a LEFT JOIN learners l ON l.id = a.learner_id WHERE a.id = ?`;
/** The attempt's columns a commit reads (its verdict columns and the like it only writes). */
type CommittingAttempt = Pick<
  AttemptRow,
  'id' | 'learner_id' | 'course_id' | 'module_id' | 'scorm_version' | 'drawn_item_ids' | 'updated_at' | 'finished_at' | 'last_seq' | 'received_bytes' | 'cmi'
>;
type AttemptAndLearner = CommittingAttempt & {
  learner_kind: LearnerRow['kind'] | null;
  learner_school: string | null;
  learner_class_name: string | null;
  learner_band: LearnerRow['band'];
};

const committedAttempt = (a: Pick<AttemptRow, 'course_id' | 'module_id' | 'drawn_item_ids'>, learner: Pick<LearnerRow, 'school'> | null, drawnItemIds?: string[]): CommittedAttempt => ({
  courseId: a.course_id,
  moduleId: a.module_id,
  drawnItemIds: drawnItemIds ?? (JSON.parse(a.drawn_item_ids) as string[]),
  school: learner?.school ?? null,
});

/** Runs a journal write; its failure refuses the change, saying why and to check the disk. */
function journalled<T>(fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    throw new ServiceError('unavailable', `The records journal could not be written (${(err as Error).message}); nothing was recorded. Check the disk has space.`);
  }
}

/**
 * Why someone with no PIN on this PC cannot sign in: their records were merged in from another
 * PC's records file (records-file/import.ts), which never carries a PIN. Nothing was guessed
 * wrong, so no failure is counted.
 */
function noPinHere(db: ReadableDb, learnerId: string): string {
  const from = prepared(db, 'SELECT source_pc FROM learner_origins WHERE learner_id = ? ORDER BY exported_at DESC LIMIT 1').get(learnerId) as { source_pc: string } | undefined;
  const where = from ? `another PC (${from.source_pc})` : 'another PC';
  return (
    `Your training records were brought to this PC from ${where}, and no PIN has been set for you here yet. ` +
    'Ask the administrator to set a PIN for you on this PC, or sign in on the PC where you first signed in.'
  );
}

/**
 * The records store's write side. Every change is an Entry: built here (ids, times and main's
 * verdict decided), then applied and journalled inside one IMMEDIATE transaction. The reply goes
 * back only after COMMIT, which with synchronous=FULL means the WAL is fsync'd, and after the
 * journal line is fsync'd: either copy alone brings the change back after a crash.
 */
export class RecordsStore {
  /** Learners' PIN checks and resets, one at a time per learner (pin-guard.ts). */
  readonly pins: PinGuard;

  constructor(
    private readonly opened: OpenedRecords,
    private readonly deps: StoreDeps,
    /**
     * The records' read-only connection, for whoever reads (queries, other domains). The store's own
     * reads go through its writer, which sees the transaction it is in.
     */
    readonly reader: ReadableDb,
  ) {
    this.pins = new PinGuard(
      {
        db: () => this.db,
        clock: () => this.deps.clock(),
        write: (entries) => {
          if (entries.length === 1) this.write(entries[0]!);
          else this.writeBatch((_db, write) => entries.forEach((e) => write(e)));
        },
      },
      (learnerId) => noPinHere(this.db, learnerId),
    );
  }

  /** The one writable connection (storage/handles.ts): private, so nothing outside the store writes. */
  private get db(): WritableDb {
    return this.opened.db;
  }

  /** Empties the WAL file into the database (after an erasure: the deleted rows' old pages leave it). */
  truncateWal(): void {
    this.db.exec('PRAGMA wal_checkpoint(TRUNCATE)');
  }

  /** The idle checkpoint's copy of the WAL into the database, now (between the pupil fold's steps). */
  checkpointNow(): void {
    this.opened.checkpoint.now();
  }

  /** The journal itself (erasure rewrites it; tests read it and imitate a crash between fsync and COMMIT). */
  get journal(): OpenedRecords['journal'] {
    return this.opened.journal;
  }

  private refresherDraw(input: Parameters<RefresherDraw>[0]): ReturnType<RefresherDraw> {
    if (!this.deps.refresherDraw) throw new ServiceError('unavailable', 'Refresher attempts open only in the app, where the compliance rules decide them.');
    return this.deps.refresherDraw(input);
  }

  nowIso(): string {
    return this.deps.clock().toISOString();
  }

  /**
   * Applies and journals one entry atomically; `check` runs inside the transaction first. The
   * journal line is written first and its fsync started (off main: storage/fsync-off-main.ts); the
   * entry's statements run while the disk flushes it, and COMMIT waits for the flush. A change
   * refused before COMMIT (its statements or the flush failed) has its line taken back out.
   * `whileFlushing` runs in that wait too, after the statements: work for the reply that only
   * reads, so the learner does not wait for it after COMMIT. It must not throw.
   */
  write(entry: NewEntry, check?: (db: ReadableDb) => void, whileFlushing?: () => void): ApplyResult & { j: number } {
    const db = this.db;
    db.exec('BEGIN IMMEDIATE');
    let line: PendingLine | null = null;
    try {
      check?.(db);
      const row = prepared(db, "SELECT value FROM records_meta WHERE key = 'journal_seq'").get() as { value: string };
      const j = Number(row.value) + 1;
      const full = { ...entry, j } as Entry;
      line = journalled(() => this.opened.journal.appendStarted(full));
      const result = applyEntry(db, full);
      prepared(db, "UPDATE records_meta SET value = ? WHERE key = 'journal_seq'").run(String(j));
      whileFlushing?.();
      journalled(line.durable);
      line = null; // durable: from here the journal holds the change whatever COMMIT does
      this.opened.io.commit(db);
      this.opened.checkpoint.written();
      return { ...result, j };
    } catch (err) {
      line?.withdraw();
      if (db.isTransaction) db.exec('ROLLBACK');
      throw err;
    }
  }

  /**
   * Several entries in one IMMEDIATE transaction with one journal fsync (an import's batch of staff
   * members). `fn` reads what it needs and calls `write` per entry; if it throws, nothing is kept.
   */
  writeBatch<T>(fn: (db: ReadableDb, write: (entry: NewEntry) => ApplyResult) => T): T {
    const db = this.db;
    db.exec('BEGIN IMMEDIATE');
    try {
      const row = prepared(db, "SELECT value FROM records_meta WHERE key = 'journal_seq'").get() as { value: string };
      let j = Number(row.value);
      const lines: Entry[] = [];
      const result = fn(db, (entry) => {
        const full = { ...entry, j: ++j } as Entry;
        lines.push(full);
        return applyEntry(db, full);
      });
      prepared(db, "UPDATE records_meta SET value = ? WHERE key = 'journal_seq'").run(String(j));
      journalled(() => this.opened.journal.appendMany(lines));
      this.opened.io.commit(db);
      this.opened.checkpoint.written();
      return result;
    } catch (err) {
      if (db.isTransaction) db.exec('ROLLBACK');
      throw err;
    }
  }

  audit(actor: string, action: string, detail: Record<string, unknown>): void {
    this.write({ k: 'audit', at: this.nowIso(), actor, action, detail });
  }

  learner(learnerId: string): LearnerRow | null {
    return learnerById(this.db, learnerId);
  }

  attempt(attemptId: string): AttemptRow | null {
    return (prepared(this.db, 'SELECT * FROM attempts WHERE id = ?').get(attemptId) as AttemptRow | undefined) ?? null;
  }

  // ---- learners ------------------------------------------------------------------------------

  async signIn(req: SignInRequest): Promise<{ learnerId: string; kind: 'staff'; displayName: string; firstSignIn: boolean }> {
    const schools = this.deps.settings().schools;
    if (schools.length > 0 && !schools.some((s) => s.toLowerCase() === req.school.toLowerCase())) {
      throw new ServiceError('invalid-request', `school: "${req.school}" is not one of this Trust's schools (${schools.join(', ')})`);
    }
    const existing = this.findStaff(req);
    if (existing) return this.checkPin(existing, req.pin);
    if (req.returning === true) {
      throw new ServiceError('not-found', `${req.workEmail ? 'workEmail' : 'staffId'}: nobody has signed in on this computer with that ${req.workEmail ? 'work email' : 'staff ID'} yet`);
    }
    // A PIN chosen now has at least 6 digits; PINs chosen before the rule (4 or 5) still sign in above.
    if (!NEW_PIN_RE.test(req.pin)) throw new ServiceError('invalid-request', `pin: a new PIN must be ${NEW_PIN_DIGITS.min} to ${NEW_PIN_DIGITS.max} digits, numbers only`);
    const pinHash = await hashPin(req.pin);
    // Another sign-in with the same email may have finished while we hashed: look again.
    const raced = this.findStaff(req);
    if (raced) return this.checkPin(raced, req.pin);
    const learnerId = randomUUID();
    this.write({
      k: 'learner.staff',
      learnerId,
      at: this.nowIso(),
      name: req.name,
      workEmail: req.workEmail ?? null,
      staffId: req.staffId ?? null,
      school: req.school,
      role: req.role,
      pinHash,
    });
    return { learnerId, kind: 'staff', displayName: req.name, firstSignIn: true };
  }

  private findStaff(req: SignInRequest): LearnerRow | null {
    const byEmail = req.workEmail ? (prepared(this.db, 'SELECT * FROM learners WHERE work_email = ?').get(req.workEmail) as LearnerRow | undefined) : undefined;
    if (byEmail) return byEmail;
    const byId = req.staffId ? (prepared(this.db, 'SELECT * FROM learners WHERE staff_id = ? COLLATE NOCASE').get(req.staffId) as LearnerRow | undefined) : undefined;
    return byId ?? null;
  }

  private async checkPin(l: LearnerRow, pin: string): Promise<{ learnerId: string; kind: 'staff'; displayName: string; firstSignIn: boolean }> {
    const checked = await this.pins.check(l.id, pin);
    return { learnerId: checked.id, kind: 'staff', displayName: displayName(checked), firstSignIn: false };
  }

  /** A member of staff proves it is them (taking the PC back from pupils): the sign-in PIN, with its lock-out. */
  async verifyStaffPin(learnerId: string, pin: string): Promise<{ learnerId: string; kind: 'staff'; displayName: string; firstSignIn: boolean }> {
    const l = this.learner(learnerId);
    if (!l || l.kind !== 'staff') throw new ServiceError('not-found', 'That member of staff is no longer on record: sign in again.');
    return this.checkPin(l, pin);
  }

  startPupilSession(req: PupilSessionRequest): { learnerId: string; kind: 'pupil'; displayName: string } {
    const find = () =>
      prepared(this.db, 
          `SELECT * FROM learners WHERE kind = 'pupil' AND class_name = ? COLLATE NOCASE AND band = ? AND first_name = ? COLLATE NOCASE AND initial = ?`,
        )
        .get(req.className, req.band, req.firstName, req.initial) as LearnerRow | undefined;
    const found = find();
    if (found) {
      this.write({ k: 'learner.seen', learnerId: found.id, at: this.nowIso() });
      return { learnerId: found.id, kind: 'pupil', displayName: displayName(found) };
    }
    const learnerId = randomUUID();
    this.write({ k: 'learner.pupil', learnerId, at: this.nowIso(), firstName: req.firstName, initial: req.initial, className: req.className, band: req.band });
    return { learnerId, kind: 'pupil', displayName: `${req.firstName} ${req.initial}` };
  }

  // ---- attempts ------------------------------------------------------------------------------

  startAttempt(learnerId: string, courseId: string, moduleId: string): AttemptStartReply {
    const learner = this.learner(learnerId);
    if (!learner) throw new ServiceError('not-found', `learnerId: no learner ${learnerId} on record`);
    const found = findModule(this.deps.bundle, courseId, moduleId);
    if (!found) throw new ServiceError('not-found', `moduleId: no module "${moduleId}" in course "${courseId}"`);
    const { course, module } = found;
    if (course.audience !== learner.kind || (learner.kind === 'pupil' && course.band !== learner.band)) {
      throw new ServiceError('forbidden', `course "${courseId}" is not one this learner takes`);
    }
    const earlier = prepared(this.db, 'SELECT * FROM attempts WHERE learner_id = ? AND course_id = ? ORDER BY started_at')
      .all(learnerId, courseId) as unknown as AttemptRow[];
    const excludeItemIds = [...new Set(earlier.filter((a) => a.module_id === moduleId || module.draw).flatMap((a) => JSON.parse(a.drawn_item_ids) as string[]))];
    const open = earlier.find((a) => a.module_id === moduleId && a.finished_at === null);
    if (open) {
      const drawn = JSON.parse(open.drawn_item_ids) as string[];
      return {
        attemptId: open.id,
        // Stored cmi was validated when it was written: read back, it is trusted (issue 19).
        resumeCmi: open.cmi ? (JSON.parse(open.cmi) as Cmi) : null,
        excludeItemIds: excludeItemIds.filter((id) => !drawn.includes(id)),
        drawnItemIds: drawn,
        scormVersion: open.scorm_version,
        nextSeq: open.last_seq + 1,
      };
    }
    const overLimit = attemptCountProblem(earlier.filter((a) => a.module_id === moduleId).length, moduleId);
    if (overLimit) throw new ServiceError('invalid-request', overLimit);
    const attemptId = randomUUID();
    const settings = this.deps.settings();
    // A refresher opens and draws by the compliance rules (StoreDeps.refresherDraw).
    const refresher = module.kind === 'refresher' && learner.kind === 'staff' ? this.refresherDraw({ learnerId, course, module, attemptId, settings, now: this.deps.clock() }) : null;
    const previous = refresher ? refresher.lastSeen : module.draw ? excludeItemIds : [];
    // Taught before tested: a member of staff is asked only what the lessons of their role teach.
    const bank = learner.kind === 'staff' ? assessableBank(course, learner.role) : course.bank;
    const drawnItemIds = refresher ? refresher.drawnItemIds : drawItemIds(module, bank, attemptId, previous);
    this.write({
      k: 'attempt.start',
      attemptId,
      learnerId,
      at: this.nowIso(),
      courseId,
      moduleId,
      contentVersion: course.contentVersion,
      policyVersionLabel: settings.policyVersionLabel,
      scormVersion: settings.scormVersion,
      drawnItemIds,
    });
    return { attemptId, resumeCmi: null, excludeItemIds: previous, drawnItemIds, scormVersion: settings.scormVersion, nextSeq: 1 };
  }

  /**
   * One commit (or the finish) of an attempt. Idempotent on (attemptId, seq): the same data again
   * gets the recorded verdict back; different data under a recorded seq, a seq going backwards or a
   * commit after the finish is a conflict. `reply` makes what main sends back from the outcome
   * (host/handlers/reveal.ts): for a new commit it runs while the journal line is flushed (it only
   * reads), and what it gives is returned once the commit is durable; if it throws, the commit
   * stays recorded and its error is thrown then, as if it had run after.
   */
  commit(attemptId: string, seq: number, rawCmi: Cmi, finish: boolean): CommitOutcome;
  commit<T>(attemptId: string, seq: number, rawCmi: Cmi, finish: boolean, reply: (outcome: CommitOutcome) => T): T;
  commit<T>(attemptId: string, seq: number, rawCmi: Cmi, finish: boolean, reply?: (outcome: CommitOutcome) => T): T | CommitOutcome {
    const make = reply ?? ((outcome: CommitOutcome) => outcome);
    // Its journal line comes after the checks and re-scoring below: the fsync's thread wakes meanwhile.
    this.opened.io.fsyncSoon?.();
    // Checked once: the dispatcher's request schema already passed this very object (IPC), any
    // other caller's cmi is checked here.
    const parsed = cmiPassed(rawCmi) ? { success: true as const, data: rawCmi } : Cmi.safeParse(rawCmi);
    if (!parsed.success) {
      throw new ServiceError('invalid-request', `cmi: ${parsed.error.issues.slice(0, 5).map((i) => i.message).join('; ')}`);
    }
    const cmi = parsed.data;
    const a = (prepared(this.db, ATTEMPT_AND_LEARNER).get(attemptId) as AttemptAndLearner | undefined) ?? null;
    if (!a) throw new ServiceError('not-found', `attemptId: no attempt ${attemptId} on record`);
    const digest = cmiDigest(cmi);

    // A recorded seq is never above the attempt's last_seq (applyCommit sets it with every commit it
    // records, and nothing else writes the commit log), so only a seq at or below it is looked up.
    const recorded =
      seq <= a.last_seq
        ? (prepared(this.db, 'SELECT kind, digest, verdict FROM commits WHERE attempt_id = ? AND seq = ?').get(attemptId, seq) as
            | { kind: string; digest: string; verdict: string }
            | undefined)
        : undefined;
    if (recorded) {
      if (recorded.digest === digest && (recorded.kind === 'finish') === finish) {
        return make({ durable: true, verdict: JSON.parse(recorded.verdict) as Verdict, judged: this.judged(a), attempt: committedAttempt(a, this.learner(a.learner_id)) });
      }
      throw new ServiceError('conflict', `seq ${seq} of this attempt was already recorded with different data; send the next sequence number`);
    }
    if (a.finished_at !== null) throw new ServiceError('conflict', `this attempt was finished at ${a.finished_at}; start a new attempt to continue`);
    if (seq <= a.last_seq) throw new ServiceError('conflict', `seq ${seq} goes backwards: this attempt is at seq ${a.last_seq}`);
    if (cmi.version !== a.scorm_version) throw new ServiceError('conflict', `cmi.version: this attempt speaks ${a.scorm_version}, not ${cmi.version}`);
    const bytes = cmiBytes(cmi);
    const tooMuch = attemptBytesProblem(a.received_bytes, bytes);
    if (tooMuch) throw new ServiceError('invalid-request', tooMuch);

    const learner: CommittingLearner | null = a.learner_kind === null ? null : { kind: a.learner_kind, school: a.learner_school, class_name: a.learner_class_name, band: a.learner_band };
    if (!learner) throw new ServiceError('not-found', 'the learner of this attempt is no longer on record');
    const drawnItemIds = JSON.parse(a.drawn_item_ids) as string[];
    const at = this.nowIso();
    const before = loadTimeline(this.db, attemptId);
    // Append-only answers and main's clock: what this commit adds, or a conflict if it rewrites the past.
    const step = timelineStep({ before: a.cmi ? readStoredCmi(a.cmi) : null, after: cmi, timeline: before, itemIds: drawnItemIds, at, legacy: { updatedAt: a.updated_at } });
    const timeline = {
      answers: [...before.answers, ...step.answers],
      served: new Map([...before.served, ...step.served.map((x) => [x.itemId, x.at] as const)]),
    };
    let scored;
    try {
      scored = rescore(this.deps.bundle, { courseId: a.course_id, moduleId: a.module_id, audience: learner.kind, drawnItemIds }, cmi.version, timeline, finish);
    } catch (err) {
      throw new ServiceError('conflict', `${(err as Error).message}; the content changed since this attempt started`);
    }
    const claimed = reportedStatus(cmi);
    const flags = [...scored.flags];
    if (finish && claimed === 'passed' && scored.verdict.status !== 'passed') flags.push('renderer-reported-pass-not-supported-by-answers');
    const pupilEnd = finish && learner.kind === 'pupil';
    const outcome: CommitOutcome = { durable: true, verdict: scored.verdict, judged: scored.judged, attempt: committedAttempt(a, learner, drawnItemIds) };
    // Left null until the reply is made (an Error made up front costs its stack trace on every commit).
    let made: { value: T | CommitOutcome } | { failed: unknown } | null = null;
    const makeReply = (): void => {
      try {
        made = { value: make(outcome) };
      } catch (err) {
        made = { failed: err };
      }
    };
    const entry: NewEntry = {
      k: 'attempt.commit',
      attemptId,
      seq,
      at,
      finish,
      digest,
      bytes,
      cmi: pupilEnd ? null : cmi,
      verdict: scored.verdict,
      itemResults: learner.kind === 'staff' ? scored.itemResults : null,
      reportedStatus: claimed,
      flags,
      // A pupil's answers go at the end of the lesson: the timeline is not kept for them then.
      timeline: pupilEnd ? null : step,
      pupil: pupilEnd
        ? {
            academicYear: academicYear(at),
            className: learner.class_name ?? '',
            band: learner.band ?? '',
            courseId: a.course_id,
            moduleId: a.module_id,
            outcomes: scored.outcomes,
          }
        : null,
    };
    this.write(entry, undefined, () => {
      makeReply();
      primeStoredInteractions(); // the next commit's diff, worked out now rather than before its journal line
    });
    if (pupilEnd) scrubPupilLesson(this, attemptId);
    const result = made as { value: T | CommitOutcome } | { failed: unknown } | null;
    if (result === null) throw new Error('the reply was not made');
    if ('failed' in result) throw result.failed;
    return result.value;
  }

  /** Main's judgement of every answer an attempt holds, as its last commit left them. */
  judged(a: CommittingAttempt): JudgedAnswer[] {
    const learner = this.learner(a.learner_id);
    if (!learner || !a.cmi) return [];
    try {
      const drawnItemIds = JSON.parse(a.drawn_item_ids) as string[];
      const ctx = { courseId: a.course_id, moduleId: a.module_id, audience: learner.kind, drawnItemIds };
      return rescore(this.deps.bundle, ctx, a.scorm_version, loadTimeline(this.db, a.id), a.finished_at !== null).judged;
    } catch {
      return []; // the content changed since the attempt started: nothing to show feedback from
    }
  }

  acknowledge(learnerId: string, courseId: string, attemptId: string): { acknowledgedAt: string; policyVersionLabel: string } {
    const a = this.attempt(attemptId);
    if (!a || a.learner_id !== learnerId) throw new ServiceError('not-found', `attemptId: no attempt ${attemptId} of this learner`);
    if (a.course_id !== courseId) throw new ServiceError('invalid-request', `attemptId: that attempt is of course "${a.course_id}", not "${courseId}"`);
    if (a.status !== 'passed') throw new ServiceError('conflict', 'the policy is acknowledged after passing the assessment; this attempt has not passed');
    const course = this.deps.bundle.courses.find((c) => c.id === courseId);
    const label = this.deps.settings().policyVersionLabel;
    const existing = prepared(this.db, 'SELECT acknowledged_at FROM acknowledgements WHERE learner_id = ? AND course_id = ? AND policy_version_label = ?')
      .get(learnerId, courseId, label) as { acknowledged_at: string } | undefined;
    if (existing) return { acknowledgedAt: existing.acknowledged_at, policyVersionLabel: label };
    const at = this.nowIso();
    this.write({ k: 'ack', learnerId, courseId, attemptId, at, policyVersionLabel: label, contentVersion: course?.contentVersion ?? a.content_version });
    return { acknowledgedAt: at, policyVersionLabel: label };
  }
}
