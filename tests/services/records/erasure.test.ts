import { existsSync, readFileSync, rmSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { recordFiles } from '@services/storage/files';
import { pragma } from '@services/storage/database';
import { ADMIN_PASSWORD, SETUP } from '../admin/harness';
import { answeredCmi, assessmentOf, course, harness, playHonestly, removeDir, STAFF, type Harness } from './helpers';
import { openedRecordsOf } from '@tests/helpers/records-db';

const open: Harness[] = [];
afterEach(() => {
  for (const h of open.splice(0)) {
    h.close();
    removeDir(h.dataDir);
  }
});

const ZED = { ...STAFF, name: 'Zed Erasable', workEmail: 'zed.erasable@example.sch.uk', pin: '864213' } as const;

/** The bytes on disk of the database (with its WAL) and of the journal, as text. */
function bytesOnDisk(h: Harness): string {
  const f = recordFiles(h.dataDir);
  return [f.database, `${f.database}-wal`, f.journal]
    .filter((file) => existsSync(file))
    .map((file) => readFileSync(file).toString('latin1'))
    .join('\n');
}

describe('erasure through the admin area', () => {
  it('leaves no trace of the name, email or any id in the database file, its WAL or the journal; the audit keeps that it happened', async () => {
    const h = harness({ setUp: false });
    open.push(h);
    await h.call('setup.complete', { ...SETUP, schools: [STAFF.school] });
    await h.call('admin.lock', {});
    const c = course(h.bundle, 'staff-induction');
    const m = assessmentOf(c);
    const kept = await h.call('learners.signIn', { ...STAFF, pinAgain: STAFF.pin });
    await h.call('learners.signOut', {});
    const zed = await h.call('learners.signIn', { ...ZED, pinAgain: ZED.pin });
    const start = await h.call('attempts.start', { learnerId: zed.learnerId, courseId: c.id, moduleId: m.id });
    await playHonestly(h, start.attemptId, 1, answeredCmi(h.bundle, c, m, start.drawnItemIds, { right: () => true }));
    await h.call('acknowledgements.record', { learnerId: zed.learnerId, courseId: c.id, attemptId: start.attemptId });
    await h.call('learners.startPupilSession', { firstName: 'Mia', initial: 'R', className: 'Ash 2', band: 'ks1' }); // Zed teaches a class: an audit entry in Zed's name
    await h.call('learners.signOut', {});
    expect((await h.raw('learners.signIn', { ...ZED, pin: '111111', returning: true })).ok).toBe(false); // a wrong PIN: journalled
    await h.call('admin.unlock', { password: ADMIN_PASSWORD });
    await h.call('people.resetPin', { learnerId: zed.learnerId, pin: '975310', pinAgain: '975310' }); // audited with Zed's id
    const traces = [ZED.name, ZED.workEmail, zed.learnerId, start.attemptId];
    expect(traces.every((t) => bytesOnDisk(h).includes(t))).toBe(true); // the check below can see them

    // The name must be typed back: a wrong one (or someone else's) erases nothing.
    const wrongName = await h.raw('people.erase', { learnerId: zed.learnerId, confirmName: STAFF.name });
    expect(wrongName).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
    expect(h.services.records.store.learner(zed.learnerId)).not.toBeNull();

    const erased = await h.call('people.erase', { learnerId: zed.learnerId, confirmName: ` ${ZED.name.toUpperCase()} ` });
    expect(erased).toMatchObject({ erased: true, attemptsRemoved: 1, acknowledgementsRemoved: 1 });
    const disk = bytesOnDisk(h);
    for (const t of traces) expect(disk.includes(t), `"${t}" is still on disk`).toBe(false);
    expect(disk).toContain(STAFF.name); // the person kept is still there

    const audit = h.services.records.db.prepare('SELECT actor, action, detail FROM audit_log ORDER BY id').all() as { actor: string; action: string; detail: string }[];
    expect(audit.find((a) => a.action === 'learner.erased')).toMatchObject({ actor: 'admin' });
    expect(audit.find((a) => a.action === 'learner.pin-reset')?.detail).toContain('(erased)');
    expect(audit.find((a) => a.action === 'class.taught')?.actor).toBe('(erased)');
    expect(pragma(openedRecordsOf(h.services.records).db, 'secure_delete')).toBe(1); // the writer's setting

    // A replay of the call finds nobody; the person kept still signs in.
    expect(await h.raw('people.erase', { learnerId: zed.learnerId, confirmName: ZED.name })).toMatchObject({ ok: false, error: { code: 'not-found' } });
    const people = await h.call('dashboard.people', {});
    expect(people.rows.map((r) => r.name)).toEqual([STAFF.name]);
    await h.call('admin.lock', {});
    expect((await h.call('learners.signIn', { ...STAFF, returning: true })).learnerId).toBe(kept.learnerId);
  });
});

describe('a pupil’s answers', () => {
  it('leave the journal when the lesson ends, not at the next daily round; replaying the journal still rebuilds the lesson and the class counts', async () => {
    const h = harness();
    open.push(h);
    await h.call('learners.signIn', { ...STAFF, pinAgain: STAFF.pin });
    const pupil = await h.call('learners.startPupilSession', { firstName: 'Sam', initial: 'T', className: 'Oak 4', band: 'ks2' });
    const c = h.bundle.courses.find((x) => x.audience === 'pupil' && x.band === 'ks2');
    const m = c?.modules.find((x) => (x.questions ?? []).length > 0);
    if (!c || !m) throw new Error('no ks2 lesson with questions');
    const start = await h.call('attempts.start', { learnerId: pupil.learnerId, courseId: c.id, moduleId: m.id });
    const cmi = answeredCmi(h.bundle, c, m, start.drawnItemIds, { right: () => true });
    const part = await playHonestly(h, start.attemptId, 1, answeredCmi(h.bundle, c, m, start.drawnItemIds, { right: () => true, finished: false, count: 2 }), { finish: false });
    const journal = () => readFileSync(recordFiles(h.dataDir).journal, 'utf8');
    expect(journal()).toContain('cmi.interactions.0.learner_response'); // held while the lesson runs
    await playHonestly(h, start.attemptId, part.nextSeq, cmi, { already: 2 });
    expect(journal()).not.toContain('cmi.interactions');
    expect(journal()).not.toContain('learner_response');
    const counts = h.services.records.db.prepare('SELECT SUM(count) AS n FROM class_counts').get() as { n: number };
    expect(counts.n).toBeGreaterThan(0);

    // The journal alone still rebuilds the finished lesson and its counts.
    h.close();
    open.splice(0);
    rmSync(recordFiles(h.dataDir).database);
    // Not set up again by the harness: the journal brings the set-up back too.
    const again = harness({ dataDir: h.dataDir, setUp: false });
    open.push(again);
    expect(again.services.records.store.attempt(start.attemptId)).toMatchObject({ status: 'completed', cmi: null });
    expect(again.services.records.db.prepare('SELECT SUM(count) AS n FROM class_counts').get()).toEqual(counts);
  });
});

