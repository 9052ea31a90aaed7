import { copyFileSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import type { ReadableDb, ReadableStatement } from '../storage';
import type { ImportEntry } from '../records';
import type { RecordsStore } from '../records';
import type { LearnerBlock, RecordsHeader } from './format';
import { collectGarbage } from './memory';
import { readRecordsFile, RecordsFileError } from './read';

/** A person in a file who could not be matched safely: listed for the administrator, never guessed. */
export interface ImportConflict {
  line: number;
  name: string;
  workEmail: string | null;
  staffId: string | null;
  why: string;
}

export interface FileImportReport {
  file: string;
  sourcePc: string;
  exportedAt: string;
  learnersAdded: number;
  learnersMatched: number;
  attemptsAdded: number;
  attemptsAlreadyHeld: number;
  acknowledgementsAdded: number;
  conflicts: ImportConflict[];
}

const BATCH_LEARNERS = 200;
/** Collect garbage after about this many attempts have been read (memory.ts says why). */
const COLLECT_EVERY_ATTEMPTS = 1000;

interface Local {
  id: string;
  name: string;
  work_email: string | null;
  staff_id: string | null;
}

/**
 * Which learner on this PC a person in the file is: the same id (a file from this PC, or imported
 * before), else the same work email or staff ID. Two different people found, or an email and a
 * staff ID that disagree, is a conflict; no one found is a new learner.
 */
type Lookups = ReturnType<typeof lookups>;
const lookups = (db: ReadableDb) => ({
  byId: db.prepare('SELECT id, name, work_email, staff_id, kind FROM learners WHERE id = ?'),
  byEmail: db.prepare("SELECT id, name, work_email, staff_id FROM learners WHERE kind = 'staff' AND work_email = ? COLLATE NOCASE"),
  byStaffId: db.prepare("SELECT id, name, work_email, staff_id FROM learners WHERE kind = 'staff' AND staff_id = ? COLLATE NOCASE"),
});

function match(q: Lookups, b: LearnerBlock): { learnerId: string; isNew: boolean } | { conflict: string } {
  const byId = q.byId.get(b.learner.learnerId) as (Local & { kind: string }) | undefined;
  const byEmail = b.learner.workEmail ? (q.byEmail.get(b.learner.workEmail) as Local | undefined) : undefined;
  const byStaffId = b.learner.staffId ? (q.byStaffId.get(b.learner.staffId) as Local | undefined) : undefined;
  if (byId && byId.kind !== 'staff') return { conflict: 'their id belongs to a pupil on this PC' };
  const found = [byId, byEmail, byStaffId].filter((x): x is Local => x !== undefined);
  const ids = new Set(found.map((x) => x.id));
  if (ids.size > 1) {
    const who = [...new Map(found.map((x) => [x.id, x])).values()].map((x) => `${x.name} (${x.work_email ?? x.staff_id ?? 'no email'})`).join(' and ');
    return { conflict: `their work email and staff ID belong to different people on this PC: ${who}` };
  }
  const local = found[0];
  if (!local) return { learnerId: b.learner.learnerId, isNew: true };
  const disagree = (mine: string | null, theirs: string | null): boolean => mine !== null && theirs !== null && mine.toLowerCase() !== theirs.toLowerCase();
  if (disagree(local.work_email, b.learner.workEmail)) return { conflict: `on this PC the same person has the work email ${local.work_email}` };
  if (disagree(local.staff_id, b.learner.staffId)) return { conflict: `on this PC the same person has the staff ID ${local.staff_id}` };
  return { learnerId: local.id, isNew: false };
}

function entryFor(b: LearnerBlock, learnerId: string, header: RecordsHeader, at: string): Omit<ImportEntry, 'j'> {
  const { learnerId: _fileId, ...learner } = b.learner;
  return { k: 'records.import', at, sourcePc: header.sourcePc, exportedAt: header.exportedAt, learnerId, learner, attempts: b.attempts, acknowledgements: b.acknowledgements };
}

/**
 * Merges one Trust records file into this PC's records. The file is first copied into the data
 * folder (so it cannot change between the check and the import) and checked from end to end
 * (format, Trust, checksum): a refused file changes nothing. Then staff members are applied in
 * batches, each one transaction journalled like every record, with a pause between batches so
 * the app keeps answering. Every attempt is added once (by its id): a second import adds nothing.
 */
export async function importRecordsFile(store: RecordsStore, file: string, o: { trustName: string; dataDir: string }): Promise<FileImportReport> {
  const copy = path.join(o.dataDir, `.import-${process.pid}-${Date.now()}.records`);
  try {
    // Not a plain file (missing, a folder, a device such as /dev/zero, a pipe): never copied (a
    // device would be copied without end); the reader explains it in plain words.
    let plain = false;
    try {
      plain = statSync(file).isFile();
    } catch {
      // the reader says why it cannot be read
    }
    if (!plain) await readRecordsFile(file, { trustName: o.trustName });
    try {
      copyFileSync(file, copy);
    } catch {
      await readRecordsFile(file, { trustName: o.trustName });
    }
    let sinceCollected = 0;
    const collectNowAndThen = (attempts: number): void => {
      sinceCollected += attempts;
      if (sinceCollected < COLLECT_EVERY_ATTEMPTS) return;
      sinceCollected = 0;
      collectGarbage();
    };
    try {
      await readRecordsFile(copy, { trustName: o.trustName, onBlock: (b) => collectNowAndThen(b.attempts.length) });
    } catch (err) {
      // Name the file the administrator gave, not the private copy.
      if (err instanceof RecordsFileError) throw new RecordsFileError(file, err.reason, err.message.split(copy).join(file));
      throw err;
    }
    const at = store.nowIso();
    let header: RecordsHeader | null = null;
    const report: FileImportReport = { file, sourcePc: '', exportedAt: '', learnersAdded: 0, learnersMatched: 0, attemptsAdded: 0, attemptsAlreadyHeld: 0, acknowledgementsAdded: 0, conflicts: [] };
    let batch: { block: LearnerBlock; line: number }[] = [];
    let q: (Lookups & { attemptHeld: ReadableStatement; ackHeld: ReadableStatement }) | null = null;
    const flush = (): void => {
      const blocks = batch;
      batch = [];
      store.writeBatch((db, write) => {
        q ??= {
          ...lookups(db),
          attemptHeld: db.prepare('SELECT 1 FROM attempts WHERE id = ?'),
          ackHeld: db.prepare('SELECT 1 FROM acknowledgements WHERE learner_id = ? AND course_id = ? AND policy_version_label = ?'),
        };
        const { attemptHeld, ackHeld } = q;
        for (const { block, line } of blocks) {
          const m = match(q, block);
          if ('conflict' in m) {
            report.conflicts.push({ line, name: block.learner.name, workEmail: block.learner.workEmail, staffId: block.learner.staffId, why: m.conflict });
            continue;
          }
          const newAttempts = block.attempts.filter((a) => !attemptHeld.get(a.attemptId)).length;
          const newAcks = block.acknowledgements.filter((k) => !ackHeld.get(m.learnerId, k.courseId, k.policyVersionLabel)).length;
          write(entryFor(block, m.learnerId, header!, at) as ImportEntry);
          if (m.isNew) report.learnersAdded++;
          else report.learnersMatched++;
          report.attemptsAdded += newAttempts;
          report.attemptsAlreadyHeld += block.attempts.length - newAttempts;
          report.acknowledgementsAdded += newAcks;
        }
      });
      collectNowAndThen(blocks.reduce((n, b) => n + b.block.attempts.length, 0));
    };
    await readRecordsFile(copy, {
      trustName: o.trustName,
      checked: true, // the private copy was checked end to end above
      onHeader: (h) => {
        header = h;
        report.sourcePc = h.sourcePc;
        report.exportedAt = h.exportedAt;
      },
      onBlock: async (block, line) => {
        batch.push({ block, line });
        if (batch.length >= BATCH_LEARNERS) {
          flush();
          await new Promise((resolve) => setImmediate(resolve));
        }
      },
    });
    if (batch.length) flush();
    return report;
  } finally {
    rmSync(copy, { force: true });
  }
}
