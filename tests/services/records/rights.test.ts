import { readFileSync, writeFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { listBackups } from '@services/storage/backup';
import { recordFiles } from '@services/storage/files';
import { retentionCutoffYear } from '@services/records/retention';
import { academicYear } from '@services/records/entries';
import { answeredCmi, assessmentOf, course, harness, playHonestly, removeDir, STAFF, type Harness } from './helpers';

const open: Harness[] = [];
afterEach(() => {
  for (const h of open.splice(0)) {
    h.close();
    removeDir(h.dataDir);
  }
});

async function pupilLesson(h: Harness, who: { firstName: string; initial: string; className: string; band: 'ks1' | 'ks2' | 'ks3' | 'ks4' }, at: string, finish = true) {
  h.now.value = new Date(at);
  await h.call('learners.signIn', { ...STAFF }); // a teacher starts the pupil's session
  const s = await h.call('learners.startPupilSession', who);
  const c = h.bundle.courses.find((x) => x.audience === 'pupil' && x.band === who.band);
  const m = c?.modules.find((x) => (x.questions ?? []).length > 0);
  if (!c || !m) throw new Error('no pupil lesson');
  const start = await h.call('attempts.start', { learnerId: s.learnerId, courseId: c.id, moduleId: m.id });
  const cmi = answeredCmi(h.bundle, c, m, start.drawnItemIds, { right: () => true, finished: finish });
  await playHonestly(h, start.attemptId, 1, cmi, { finish });
  await h.call('learners.signOut', {});
  return { learnerId: s.learnerId, attemptId: start.attemptId, moduleId: m.id, courseId: c.id };
}

describe('academic years and the retention cutoff', () => {
  it('runs 1 September to 31 August; records of the current year and the one before are kept', () => {
    expect(academicYear('2026-08-31T22:00:00Z')).toBe('2025-26');
    expect(academicYear('2026-09-01T00:00:00Z')).toBe('2026-27');
    expect(retentionCutoffYear(new Date('2026-09-02T00:00:00Z'))).toBe('2025-26');
    expect(retentionCutoffYear(new Date('2026-08-30T00:00:00Z'))).toBe('2024-25');
  });
});

describe('retention of pupil records (injected clock)', () => {
  it('folds pupil records older than the current academic year plus one into class counts and deletes them', async () => {
    const h = harness({ now: new Date('2024-10-01T09:00:00Z') });
    open.push(h);
    const old = await pupilLesson(h, { firstName: 'Ada', initial: 'L', className: 'Oak 4', band: 'ks2' }, '2024-10-01T09:00:00Z');
    const oldUnfinished = await pupilLesson(h, { firstName: 'Bo', initial: 'K', className: 'Oak 4', band: 'ks2' }, '2024-11-01T09:00:00Z', false);
    const recent = await pupilLesson(h, { firstName: 'Cy', initial: 'M', className: 'Ash 5', band: 'ks2' }, '2025-10-01T09:00:00Z');
    h.now.value = new Date('2024-10-02T09:00:00Z');
    const staff = await h.call('learners.signIn', { ...STAFF });
    const db = h.services.records.db;
    const countsBefore = db.prepare('SELECT SUM(count) AS n FROM class_counts').get() as { n: number };

    // 31 August 2026: still 2025-26, so 2024-25 is "the year before" and is kept.
    expect(h.services.records.runRetention(new Date('2026-08-31T12:00:00Z'))).toBe(0);
    expect(db.prepare("SELECT COUNT(*) AS n FROM learners WHERE kind = 'pupil'").get()).toMatchObject({ n: 3 });

    // 2 September 2026: 2026-27 begins; 2024-25 is past its year plus one.
    h.now.value = new Date('2026-09-02T12:00:00Z');
    expect(h.services.records.runRetention()).toBe(2);
    const pupils = (db.prepare("SELECT id FROM learners WHERE kind = 'pupil'").all() as { id: string }[]).map((r) => r.id);
    expect(pupils).toEqual([recent.learnerId]);
    expect(db.prepare('SELECT COUNT(*) AS n FROM attempts WHERE learner_id IN (?, ?)').get(old.learnerId, oldUnfinished.learnerId)).toMatchObject({ n: 0 });
    expect(db.prepare('SELECT COUNT(*) AS n FROM commits WHERE attempt_id IN (?, ?)').get(old.attemptId, oldUnfinished.attemptId)).toMatchObject({ n: 0 });
    expect(db.prepare('SELECT academic_year, class_name, band, module_id, completed FROM pupil_completions_retained').all()).toEqual([
      expect.objectContaining({ academic_year: '2024-25', class_name: 'Oak 4', band: 'ks2', module_id: old.moduleId, completed: 1 }),
    ]);
    expect(db.prepare('SELECT SUM(count) AS n FROM class_counts').get()).toEqual(countsBefore);
    // Staff records are not pupil records: untouched.
    expect(h.services.records.store.learner(staff.learnerId)).not.toBeNull();
    const audit = db.prepare("SELECT actor, detail FROM audit_log WHERE action = 'retention.pupils-aggregated'").all() as { actor: string; detail: string }[];
    expect(audit).toHaveLength(1);
    expect(JSON.parse(audit[0]?.detail ?? '{}')).toEqual({ cutoffYear: '2025-26', pupilRecordsRemoved: 2 });
    // Idempotent: nothing more to do.
    expect(h.services.records.runRetention()).toBe(0);
  });

  it('runs as part of the daily round', async () => {
    const h = harness({ now: new Date('2024-10-01T09:00:00Z') });
    open.push(h);
    await pupilLesson(h, { firstName: 'Ada', initial: 'L', className: 'Oak 4', band: 'ks2' }, '2024-10-01T09:00:00Z');
    h.services.records.runMaintenance(new Date('2026-09-05T09:00:00Z'));
    expect(h.services.records.db.prepare("SELECT COUNT(*) AS n FROM learners WHERE kind = 'pupil'").get()).toMatchObject({ n: 0 });
    expect(h.services.records.events.some((e) => /folded into class counts and deleted/.test(e.message))).toBe(true);
  });
});

describe('per-person deletion', () => {
  it('clears the person from the records, the commit log and the journal, leaving only an audit entry; backups rotate out', async () => {
    const h = harness({ now: new Date('2026-11-01T09:00:00Z') });
    open.push(h);
    const c = course(h.bundle, 'staff-induction');
    const m = assessmentOf(c);
    const keep = await h.call('learners.signIn', { ...STAFF, name: 'Kept Person', workEmail: 'kept@example.sch.uk' });
    const keepStart = await h.call('attempts.start', { learnerId: keep.learnerId, courseId: c.id, moduleId: m.id });
    h.services.records.runMaintenance(); // yesterday's backup: the journal keeps what came after it
    h.now.value = new Date('2026-11-02T09:30:00Z');
    const gone = await h.call('learners.signIn', { ...STAFF, name: 'Zed Erased', workEmail: 'zed.erased@example.sch.uk' });
    const start = await h.call('attempts.start', { learnerId: gone.learnerId, courseId: c.id, moduleId: m.id });
    const part = await playHonestly(h, start.attemptId, 1, answeredCmi(h.bundle, c, m, start.drawnItemIds, { right: () => true, finished: false, count: 3 }), { finish: false });
    await playHonestly(h, start.attemptId, part.nextSeq, answeredCmi(h.bundle, c, m, start.drawnItemIds, { right: () => true }), { already: 3 });
    await h.call('acknowledgements.record', { learnerId: gone.learnerId, courseId: c.id, attemptId: start.attemptId });
    h.services.records.runMaintenance(); // today's backup, which holds the person
    expect(listBackups(recordFiles(h.dataDir).backups)).toHaveLength(2);
    const files = recordFiles(h.dataDir);

    const result = h.services.records.erase(gone.learnerId, 'admin');
    expect(result).toMatchObject({ erased: true, attemptsRemoved: 1, acknowledgementsRemoved: 1, backupsRotateOutWithinDays: 7 });
    expect(result.message).toMatch(/within 7 days/);
    const db = h.services.records.db;
    expect(h.services.records.store.learner(gone.learnerId)).toBeNull();
    expect(db.prepare('SELECT COUNT(*) AS n FROM commits WHERE attempt_id = ?').get(start.attemptId)).toMatchObject({ n: 0 });
    expect(db.prepare('SELECT COUNT(*) AS n FROM acknowledgements').get()).toMatchObject({ n: 0 });
    expect(h.services.records.store.attempt(keepStart.attemptId)).not.toBeNull();
    const journal = readFileSync(files.journal, 'utf8');
    expect(journal).not.toContain('zed.erased@example.sch.uk');
    expect(journal).not.toContain('Zed Erased');
    expect(journal).not.toContain(start.attemptId);
    // Their entries became numbered blanks, so recovery can still tell an erased entry from a lost one.
    const voids = journal.split('\n').filter((l) => l.startsWith('{"j":') && l.includes('"k":"void"'));
    expect(voids.length).toBe(result.journalEntriesCleared);
    expect(result.journalEntriesCleared).toBeGreaterThanOrEqual(5); // learner, start, 2 commits, acknowledgement
    const audit = db.prepare("SELECT actor, detail FROM audit_log WHERE action = 'learner.erased'").get() as { actor: string; detail: string };
    expect(audit.actor).toBe('admin');
    expect(audit.detail).not.toContain(gone.learnerId);
    expect(audit.detail).not.toContain('Zed');

    // A backup taken before the deletion still holds the person until it rotates out...
    const before = listBackups(files.backups);
    expect(before.some((b) => readFileSync(b.file).includes('zed.erased@example.sch.uk'))).toBe(true);
    // ...and if it is ever restored in that time, the deletion is applied again.
    h.close();
    writeFileSync(files.database, 'damaged');
    const restored = harness({ dataDir: h.dataDir, now: new Date('2026-11-02T10:00:00Z') });
    open.splice(open.indexOf(h), 1, restored);
    expect(restored.services.records.health().recovery?.restoredFrom).toBe(before.at(-1)?.file);
    expect(restored.services.records.store.learner(gone.learnerId)).toBeNull();
    expect(restored.services.records.store.learner(keep.learnerId)).not.toBeNull();
    // Eight days on, the daily round has rotated every backup that held the person away.
    restored.services.records.runMaintenance(new Date('2026-11-10T10:00:00Z'));
    const after = listBackups(files.backups);
    expect(after.length).toBeGreaterThan(0);
    expect(after.some((b) => readFileSync(b.file).includes('zed.erased@example.sch.uk'))).toBe(false);
  });

  it('exports everything held on one person (subject access), without the PIN hash', async () => {
    const h = harness();
    open.push(h);
    const c = course(h.bundle, 'staff-induction');
    const m = assessmentOf(c);
    const who = await h.call('learners.signIn', { ...STAFF });
    const start = await h.call('attempts.start', { learnerId: who.learnerId, courseId: c.id, moduleId: m.id });
    await playHonestly(h, start.attemptId, 1, answeredCmi(h.bundle, c, m, start.drawnItemIds, { right: () => true }));
    await h.call('acknowledgements.record', { learnerId: who.learnerId, courseId: c.id, attemptId: start.attemptId });
    const sar = h.services.records.subjectAccess(who.learnerId) as {
      learner: Record<string, unknown>;
      attempts: { id: string; cmi: { data: Record<string, string> }; commits: unknown[]; answers: unknown[]; served: unknown[]; status: string }[];
      acknowledgements: unknown[];
    };
    expect(sar.learner).toMatchObject({ name: STAFF.name, work_email: STAFF.workEmail, school: STAFF.school, role: STAFF.role, pinHashHeld: true });
    expect(JSON.stringify(sar)).not.toMatch(/scrypt\$/);
    expect(sar.attempts).toHaveLength(1);
    expect(sar.attempts[0]).toMatchObject({ id: start.attemptId, status: 'passed' });
    expect(Object.keys(sar.attempts[0]?.cmi.data ?? {}).length).toBeGreaterThan(10);
    // Each answer is two commits (the item served, then answered), then the finish; main's clock for each.
    expect(sar.attempts[0]?.commits).toHaveLength(2 * 12 + 1);
    expect(sar.attempts[0]?.answers).toHaveLength(12);
    expect(sar.attempts[0]?.served).toHaveLength(12);
    expect(sar.acknowledgements).toHaveLength(1);
  });
});
