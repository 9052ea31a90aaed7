import { afterEach, describe, expect, it } from 'vitest';
import { PIN_LOCK_AFTER } from '@services/records/pin';
import { harness, PUPIL, removeDir, STAFF, type Harness } from './helpers';

let h: Harness;
afterEach(() => {
  h?.close();
  if (h) removeDir(h.dataDir);
});

const code = async (p: Promise<{ ok: boolean; error?: { code: string } }>): Promise<string> => {
  const r = await p;
  return r.ok ? 'ok' : (r.error?.code ?? '?');
};

describe('pupils at a PC: the teacher stays signed in underneath (issue 13 item 2)', () => {
  it('a pupil session needs a member of staff to start it', async () => {
    h = harness();
    expect(await code(h.raw('learners.startPupilSession', PUPIL))).toBe('forbidden');
    expect(h.services.db.prepare("SELECT COUNT(*) AS n FROM learners WHERE kind = 'pupil'").get()).toMatchObject({ n: 0 });
  });

  it('one pupil after another without signing in again; the teacher takes the PC back with their PIN only', async () => {
    h = harness();
    const teacher = await h.call('learners.signIn', STAFF);
    const sam = await h.call('learners.startPupilSession', PUPIL);
    expect(await h.call('learners.endPupilSession', {})).toEqual({ ended: true, supervisor: { displayName: STAFF.name } });

    // Between pupils nobody is the learner: the teacher's own records stay shut.
    expect(await code(h.raw('catalogue.forLearner', { learnerId: teacher.learnerId }))).toBe('forbidden');
    expect(await code(h.raw('catalogue.forLearner', { learnerId: sam.learnerId }))).toBe('forbidden');
    expect(await code(h.raw('learners.endPupilSession', {}))).toBe('forbidden');

    // The next pupil, with no sign-in.
    const ava = await h.call('learners.startPupilSession', { ...PUPIL, firstName: 'Ava' });
    expect(ava.learnerId).not.toBe(sam.learnerId);
    // A pupil cannot reach the teacher's records, nor take the PC with a wrong PIN.
    expect(await code(h.raw('catalogue.forLearner', { learnerId: teacher.learnerId }))).toBe('forbidden');
    expect(await code(h.raw('learners.resumeStaff', { pin: '0000' }))).toBe('forbidden');
    expect((await h.call('catalogue.forLearner', { learnerId: ava.learnerId })).learner.displayName).toBe('Ava T');

    // The teacher's PIN ends the pupil's session and gives the teacher their own screens back.
    expect(await h.call('learners.resumeStaff', { pin: STAFF.pin })).toMatchObject({ learnerId: teacher.learnerId, kind: 'staff', displayName: STAFF.name });
    expect(await code(h.raw('catalogue.forLearner', { learnerId: ava.learnerId }))).toBe('forbidden');
    expect((await h.call('catalogue.forLearner', { learnerId: teacher.learnerId })).learner.kind).toBe('staff');
    // Resuming is for a teacher waiting underneath: done once, it is not there to replay.
    expect(await code(h.raw('learners.resumeStaff', { pin: STAFF.pin }))).toBe('forbidden');
  });

  it('signing out ends it all: no next pupil without a sign-in, no PIN to resume with', async () => {
    h = harness();
    await h.call('learners.signIn', STAFF);
    await h.call('learners.startPupilSession', PUPIL);
    await h.call('learners.signOut', {});
    expect(await code(h.raw('learners.startPupilSession', PUPIL))).toBe('forbidden');
    expect(await code(h.raw('learners.resumeStaff', { pin: STAFF.pin }))).toBe('forbidden');
  });

  it('guessing the PIN locks it, as at sign-in; the lock holds against the right PIN too', async () => {
    h = harness();
    await h.call('learners.signIn', STAFF);
    await h.call('learners.startPupilSession', PUPIL);
    await h.call('learners.endPupilSession', {});
    const guesses = await Promise.all(Array.from({ length: PIN_LOCK_AFTER }, (_, i) => code(h.raw('learners.resumeStaff', { pin: String(1000 + i) }))));
    expect(guesses.every((c) => c === 'forbidden' || c === 'locked')).toBe(true);
    expect(await code(h.raw('learners.resumeStaff', { pin: STAFF.pin }))).toBe('locked');
    // A malformed PIN never reaches the check.
    expect(await code(h.raw('learners.resumeStaff', { pin: '12' }))).toBe('invalid-request');
  });

  it('the admin area stays shut while a teacher supervises pupils', async () => {
    h = harness();
    await h.call('learners.signIn', STAFF);
    await h.call('learners.startPupilSession', PUPIL);
    await h.call('learners.endPupilSession', {});
    expect(await code(h.raw('admin.unlock', { password: 'whatever it is' }))).toBe('forbidden');
  });

  it("pupils are never given the staff policy or the staff guide; their band's help routes instead (item 6)", async () => {
    h = harness();
    expect((await h.call('content.policy', {})).help.staff.length).toBeGreaterThan(0); // anyone before a sign-in
    await h.call('learners.signIn', STAFF);
    expect((await h.call('content.policy', {})).sections.length).toBeGreaterThan(0);
    await h.call('learners.startPupilSession', PUPIL);
    expect(await code(h.raw('content.policy', {}))).toBe('forbidden');
    await h.call('learners.endPupilSession', {});
    expect(await code(h.raw('content.policy', {}))).toBe('forbidden');
    const ks2 = await h.call('content.helpRoutes', { band: 'ks2' });
    const words = JSON.stringify(ks2);
    expect(words).toContain('Childline');
    expect(words).toContain('0800 1111');
    expect(words).not.toMatch(/\bDSL\b|safeguarding lead|Designated/i);
    const ks1 = JSON.stringify(await h.call('content.helpRoutes', { band: 'ks1' }));
    expect(ks1).not.toContain('Childline');
    expect(await code(h.raw('content.helpRoutes', { band: 'ks9' } as never))).toBe('invalid-request');
    await h.call('learners.resumeStaff', { pin: STAFF.pin });
    expect((await h.call('content.policy', {})).help.staff.length).toBeGreaterThan(0);
  });
});
