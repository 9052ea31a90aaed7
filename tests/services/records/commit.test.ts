import { afterEach, describe, expect, it } from 'vitest';
import { pragma } from '@services/storage/database';
import { compactJournal } from '@services/storage/maintenance';
import { scrubFinishedPupils } from '@services/records/retention';
import { attemptsForExport, recordsSummary } from '@services/records/queries';
import { answeredCmi, assessmentOf, course, harness, playHonestly, PUPIL, removeDir, STAFF, type Harness } from './helpers';
import { SCORM_VERSIONS } from '@content/scorm';
import { openedRecordsOf, withRawRecordsDb } from '@tests/helpers/records-db';

let h: Harness | null = null;
afterEach(() => {
  if (h) {
    h.close();
    removeDir(h.dataDir);
    h = null;
  }
});

async function staffAssessment(x: Harness) {
  const { learnerId } = await x.call('learners.signIn', { ...STAFF });
  const c = course(x.bundle, 'staff-induction');
  const m = assessmentOf(c);
  const start = await x.call('attempts.start', { learnerId, courseId: c.id, moduleId: m.id });
  return { learnerId, c, m, start };
}

describe('records store: the database as opened by the app', () => {
  it('has WAL, synchronous=FULL, foreign keys (and fullfsync on macOS) in force', () => {
    h = harness();
    // The store's writer: synchronous and foreign_keys are settings of each connection.
    const db = openedRecordsOf(h.services.records).db;
    expect(pragma(db, 'journal_mode')).toBe('wal');
    expect(pragma(db, 'synchronous')).toBe(2); // 2 = FULL (1 would be NORMAL)
    expect(pragma(db, 'foreign_keys')).toBe(1);
    if (process.platform === 'darwin') expect(pragma(db, 'fullfsync')).toBe(1);
    expect(h.services.records.health().integrity).toBe('ok');
  });

  it('keeps the commit log and the audit log append-only', async () => {
    h = harness();
    const { start } = await staffAssessment(h);
    await h.call('attempts.commit', { attemptId: start.attemptId, seq: 1, cmi: { version: 'scorm2004', data: { 'cmi.location': 'q1' } } });
    h.services.records.store.audit('admin', 'export.csv', { rows: 1 });
    // The database's own triggers refuse it, whoever's connection asks (here a raw one of the test's).
    withRawRecordsDb(h.services.dataDir, (db) => {
      expect(() => db.prepare("UPDATE commits SET status = 'passed'").run()).toThrow(/append-only/);
      expect(() => db.prepare('DELETE FROM audit_log').run()).toThrow(/append-only/);
      expect(() => db.prepare("UPDATE audit_log SET actor = 'x'").run()).toThrow(/append-only/);
    });
  });
});

describe('records channels through the real dispatcher', () => {
  it('signs staff in, sets the PIN on first sign-in and refuses a wrong one', async () => {
    h = harness();
    const first = await h.call('learners.signIn', { ...STAFF });
    expect(first.firstSignIn).toBe(true);
    const again = await h.call('learners.signIn', { ...STAFF });
    expect(again).toMatchObject({ learnerId: first.learnerId, firstSignIn: false, displayName: STAFF.name });
    const wrong = await h.raw('learners.signIn', { ...STAFF, pin: '135792' });
    expect(wrong).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    const stored = h.services.records.db.prepare('SELECT pin_hash FROM learners').get() as { pin_hash: string };
    expect(stored.pin_hash).toMatch(/^scrypt\$/);
    expect(stored.pin_hash).not.toContain(STAFF.pin);
  });

  it('returns typed errors for bad input, naming what and where', async () => {
    h = harness();
    const noId = await h.raw('learners.signIn', { name: 'A', school: 'S', role: 'teaching', pin: '123456' });
    expect(noId).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
    expect(!noId.ok && noId.error.message).toMatch(/work email or a staff id/);
    const shortPin = await h.raw('learners.signIn', { ...STAFF, pin: '12' });
    expect(!shortPin.ok && shortPin.error.message).toMatch(/pin: PIN must be 4 to 8 digits/);
    const badRole = await h.raw('learners.signIn', { ...STAFF, role: 'caretaker' });
    expect(badRole).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
    const notUuid = await h.raw('attempts.commit', { attemptId: 'abc', seq: 1, cmi: { version: 'scorm2004', data: {} } });
    expect(!notUuid.ok && notUuid.error.message).toMatch(/attemptId/);
    const { start } = await staffAssessment(h);
    const long12 = await h.raw('attempts.commit', { attemptId: start.attemptId, seq: 1, cmi: { version: 'scorm12', data: { 'cmi.suspend_data': 'x'.repeat(4097) } } });
    expect(long12).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
    expect(!long12.ok && long12.error.message).toMatch(/cmi\.suspend_data is 4097 characters; the limit is 4096/);
    const vocab = await h.raw('attempts.commit', { attemptId: start.attemptId, seq: 1, cmi: { version: 'scorm2004', data: { 'cmi.completion_status': 'done' } } });
    expect(!vocab.ok && vocab.error.message).toMatch(/cmi\.completion_status must be one of/);
    const wrongModel = await h.raw('attempts.commit', { attemptId: start.attemptId, seq: 1, cmi: { version: 'scorm2004', data: { 'cmi.core.lesson_status': 'passed' } } });
    expect(!wrongModel.ok && wrongModel.error.message).toMatch(/SCORM 1\.2 element/);
  });

  it('refuses a learner id other than the signed-in one, and everything after sign-out', async () => {
    h = harness();
    const a = await h.call('learners.signIn', { ...STAFF });
    const b = await h.call('learners.signIn', { ...STAFF, name: 'Bea Other', workEmail: 'bea@example.sch.uk' });
    const other = await h.raw('catalogue.forLearner', { learnerId: a.learnerId });
    expect(other).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    const c = course(h.bundle, 'staff-induction');
    const start = await h.call('attempts.start', { learnerId: b.learnerId, courseId: c.id, moduleId: assessmentOf(c).id });
    await h.call('learners.signIn', { ...STAFF });
    const write = await h.raw('attempts.commit', { attemptId: start.attemptId, seq: 1, cmi: { version: 'scorm2004', data: {} } });
    expect(write).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    await h.call('learners.signOut', {});
    expect(await h.raw('catalogue.forLearner', { learnerId: a.learnerId })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it('draws 12 items with every section, and a retake draws others where the bank allows', async () => {
    h = harness();
    const { learnerId, c, m, start } = await staffAssessment(h);
    expect(start.drawnItemIds).toHaveLength(12);
    expect(start.nextSeq).toBe(1);
    expect(new Set(start.drawnItemIds).size).toBe(12);
    await h.call('attempts.finish', { attemptId: start.attemptId, seq: 1, cmi: answeredCmi(h.bundle, c, m, start.drawnItemIds, { right: () => false }) });
    const retake = await h.call('attempts.start', { learnerId, courseId: c.id, moduleId: m.id });
    expect(retake.attemptId).not.toBe(start.attemptId);
    expect(retake.excludeItemIds.sort()).toEqual([...start.drawnItemIds].sort());
    expect(retake.drawnItemIds.filter((id) => start.drawnItemIds.includes(id))).toEqual([]);
  });

  it('resumes an unfinished attempt with its latest cmi and the next sequence number', async () => {
    h = harness();
    const { learnerId, c, m, start } = await staffAssessment(h);
    const partial = answeredCmi(h.bundle, c, m, start.drawnItemIds, { right: () => true, finished: false, count: 4 });
    await h.call('attempts.commit', { attemptId: start.attemptId, seq: 1, cmi: partial });
    await h.call('attempts.commit', { attemptId: start.attemptId, seq: 2, cmi: partial });
    const again = await h.call('attempts.start', { learnerId, courseId: c.id, moduleId: m.id });
    expect(again).toMatchObject({ attemptId: start.attemptId, drawnItemIds: start.drawnItemIds, nextSeq: 3, resumeCmi: partial });
  });
});

describe('the commit path', () => {
  it('is idempotent on a retried seq and refuses different data under it, backwards seqs and commits after finish', async () => {
    h = harness();
    const { c, m, start } = await staffAssessment(h);
    const id = start.attemptId;
    const all = answeredCmi(h.bundle, c, m, start.drawnItemIds, { right: () => true });
    const three = answeredCmi(h.bundle, c, m, start.drawnItemIds, { right: () => true, finished: false, count: 3 });
    const first = await playHonestly(h, id, 1, three, { finish: false });
    expect(first).toMatchObject({ durable: true, verdict: { status: 'in-progress', scorePercent: null, correct: 3, total: 12, sectionsToReview: [] } });
    const last = first.nextSeq - 1;
    // The retry gets the same reply: the verdict and main's judgement of the three answers it holds.
    expect(first.judged.map((j) => j.index)).toEqual([0, 1, 2]);
    expect(await h.call('attempts.commit', { attemptId: id, seq: last, cmi: three })).toEqual({ durable: first.durable, verdict: first.verdict, judged: first.judged });
    const changed = { version: three.version, data: { ...three.data, 'cmi.location': 'elsewhere' } };
    expect(await h.raw('attempts.commit', { attemptId: id, seq: last, cmi: changed })).toMatchObject({ ok: false, error: { code: 'conflict' } });
    await h.call('attempts.commit', { attemptId: id, seq: last + 4, cmi: changed });
    const back = await h.raw('attempts.commit', { attemptId: id, seq: last + 3, cmi: changed });
    expect(back).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect(!back.ok && back.error.message).toMatch(/goes backwards/);
    const lost = await h.raw('attempts.commit', { attemptId: id, seq: last + 5, cmi: { version: 'scorm2004', data: {} } });
    expect(!lost.ok && lost.error.message).toMatch(/answer recorded earlier is missing/);
    const twelve = await h.raw('attempts.commit', { attemptId: id, seq: last + 5, cmi: { version: 'scorm12', data: {} } });
    expect(twelve).toMatchObject({ ok: false, error: { code: 'conflict' } });
    const done = await playHonestly(h, id, last + 5, all, { already: 3 });
    expect(done.verdict).toMatchObject({ status: 'passed', scorePercent: 100, correct: 12, total: 12 });
    const finishSeq = done.nextSeq - 1;
    expect(await h.call('attempts.finish', { attemptId: id, seq: finishSeq, cmi: all })).toEqual({ durable: done.durable, verdict: done.verdict, judged: done.judged });
    const after = await h.raw('attempts.commit', { attemptId: id, seq: finishSeq + 1, cmi: all });
    expect(after).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect(!after.ok && after.error.message).toMatch(/finished/);
    const commits = h.services.records.db.prepare('SELECT seq, kind FROM commits WHERE attempt_id = ? ORDER BY seq').all(id) as { seq: number; kind: string }[];
    expect(commits.filter((r) => r.kind === 'finish').map((r) => r.seq)).toEqual([finishSeq]);
    expect(commits.map((r) => r.seq)).toContain(last + 4);
    expect(commits.map((r) => r.seq)).not.toContain(last + 3);
  });

  it("records a renderer-reported pass that the answers do not support as a fail (main's verdict, not the renderer's)", async () => {
    h = harness();
    const { learnerId, c, m, start } = await staffAssessment(h);
    // 7 of 12 right, but the renderer says passed, score 100, every interaction "correct".
    const cmi = answeredCmi(h.bundle, c, m, start.drawnItemIds, { right: (i) => i < 7, claim: true });
    for (const k of Object.keys(cmi.data)) if (k.endsWith('.result')) cmi.data[k] = 'correct';
    cmi.data['cmi.score.scaled'] = '1';
    const done = await playHonestly(h, start.attemptId, 1, cmi);
    expect(done.verdict.status).toBe('failed');
    expect(done.verdict.correct).toBe(7);
    expect(done.verdict.scorePercent).toBeCloseTo(58.3, 1);
    expect(done.verdict.sectionsToReview.length).toBeGreaterThan(0);
    const row = h.services.records.db.prepare('SELECT status, reported_status, flags, score_percent FROM attempts WHERE id = ?').get(start.attemptId) as { status: string; reported_status: string; flags: string };
    expect(row.status).toBe('failed');
    expect(row.reported_status).toBe('passed');
    expect(JSON.parse(row.flags)).toContain('renderer-reported-pass-not-supported-by-answers');
    const ack = await h.raw('acknowledgements.record', { learnerId, courseId: c.id, attemptId: start.attemptId });
    expect(ack).toMatchObject({ ok: false, error: { code: 'conflict' } });
  });

  it('passes at 10 of 12 and fails at 9 of 12, in either SCORM version', async () => {
    for (const version of SCORM_VERSIONS) {
      for (const [rightCount, status] of [
        [10, 'passed'],
        [9, 'failed'],
      ] as const) {
        h = harness();
        h.services.settings.set({ scormVersion: version });
        const { c, m, start } = await staffAssessment(h);
        expect(start.scormVersion).toBe(version);
        const cmi = answeredCmi(h.bundle, c, m, start.drawnItemIds, { version, right: (i) => i < rightCount });
        const done = await playHonestly(h, start.attemptId, 1, cmi);
        expect(done.verdict, `${version} ${rightCount}`).toMatchObject({ status, correct: rightCount, total: 12 });
        h.close();
        removeDir(h.dataDir);
        h = null;
      }
    }
  });

  it("keeps a pupil's cmi only while the lesson is in progress, then folds the answers into class counts", async () => {
    h = harness();
    await h.call('learners.signIn', { ...STAFF }); // a teacher starts the pupil's session
    const session = await h.call('learners.startPupilSession', { ...PUPIL });
    const c = h.bundle.courses.find((x) => x.audience === 'pupil' && x.band === PUPIL.band);
    if (!c) throw new Error('no ks2 course');
    const m = c.modules.find((x) => (x.questions ?? []).length >= 3);
    if (!m) throw new Error('no ks2 lesson with questions');
    const start = await h.call('attempts.start', { learnerId: session.learnerId, courseId: c.id, moduleId: m.id });
    expect(start.drawnItemIds).toEqual((m.questions ?? []).map((q) => q.id));
    const mid = answeredCmi(h.bundle, c, m, start.drawnItemIds, { right: () => true, finished: false, count: 1 });
    await h.call('attempts.commit', { attemptId: start.attemptId, seq: 1, cmi: mid });
    const db = h.services.records.db;
    expect((db.prepare('SELECT cmi FROM attempts WHERE id = ?').get(start.attemptId) as { cmi: string | null }).cmi).not.toBeNull();
    const end = answeredCmi(h.bundle, c, m, start.drawnItemIds, { right: (i) => i !== 1 });
    const done = await h.call('attempts.finish', { attemptId: start.attemptId, seq: 2, cmi: end });
    expect(done.verdict).toMatchObject({ status: 'completed', scorePercent: null });
    const row = db.prepare('SELECT cmi, status, finished_at, score_percent, correct, total, item_results FROM attempts WHERE id = ?').get(start.attemptId) as Record<string, unknown>;
    expect(row).toMatchObject({ cmi: null, status: 'completed', score_percent: null, correct: 0, total: 0, item_results: null });
    expect(row.finished_at).toBe('2026-11-27T10:00:00.000Z');
    const changes = db.prepare('SELECT changes FROM commits WHERE attempt_id = ?').all(start.attemptId) as { changes: string | null }[];
    expect(changes.every((r) => r.changes === null)).toBe(true);
    const counts = db.prepare('SELECT class_name, band, item_id, outcome, misconception, count, academic_year FROM class_counts ORDER BY item_id').all() as Record<string, unknown>[];
    expect(counts).toHaveLength(start.drawnItemIds.length);
    expect(counts.filter((r) => r.outcome === 'secure')).toHaveLength(start.drawnItemIds.length - 1);
    const wrong = counts.find((r) => r.item_id === start.drawnItemIds[1]);
    expect(wrong).toMatchObject({ outcome: 'misconception', class_name: 'Oak 4', band: 'ks2', count: 1, academic_year: '2026-27' });
    // Nothing a pupil answered survives in the journal's finish entry either.
    const finishEntry = h.services.records.store.journal.read().entries.find((e) => e.k === 'attempt.commit' && e.finish === true);
    expect(finishEntry).toMatchObject({ cmi: null });
    // The earlier commit's copy in the journal loses its answers at the next daily round's compaction.
    compactJournal(openedRecordsOf(h.services.records), scrubFinishedPupils);
    const commits = h.services.records.store.journal.read().entries.filter((e) => e.k === 'attempt.commit' && e.attemptId === start.attemptId);
    expect(commits).toHaveLength(2);
    expect(commits.every((e) => e.cmi === null)).toBe(true);
  });

  it('records an acknowledgement of the current policy version after a pass, once', async () => {
    h = harness();
    const { learnerId, c, m, start } = await staffAssessment(h);
    await playHonestly(h, start.attemptId, 1, answeredCmi(h.bundle, c, m, start.drawnItemIds, { right: () => true }));
    const ack = await h.call('acknowledgements.record', { learnerId, courseId: c.id, attemptId: start.attemptId });
    expect(ack).toEqual({ acknowledgedAt: h.now.value.toISOString(), policyVersionLabel: h.services.settings.get().policyVersionLabel });
    h.now.value = new Date('2026-11-28T10:00:00Z');
    await h.call('learners.signIn', { ...STAFF }); // the next day: signed in again
    expect(await h.call('acknowledgements.record', { learnerId, courseId: c.id, attemptId: start.attemptId })).toEqual(ack);
    const cat = await h.call('catalogue.forLearner', { learnerId });
    const row = cat.items.find((i) => i.moduleId === m.id);
    expect(row).toMatchObject({ status: 'passed', acknowledged: true });
    // The read-only queries the dashboard and exports use see the same, and never a pupil.
    await h.call('learners.signIn', { ...STAFF });
    await h.call('learners.startPupilSession', { ...PUPIL });
    const summary = recordsSummary(h.services.records.db);
    expect(summary.byModule).toEqual([{ courseId: c.id, moduleId: m.id, status: 'passed', attempts: 1, learners: 1 }]);
    expect(summary.learners).toEqual({ staff: 1, pupils: 1 });
    expect([...attemptsForExport(h.services.records.db)].map((r) => [r.attempt_id, r.status, r.acknowledged_version])).toEqual([[start.attemptId, 'passed', ack.policyVersionLabel]]);
  });
});
