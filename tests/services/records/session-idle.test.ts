import { afterEach, describe, expect, it } from 'vitest';
import { harness, PUPIL, removeDir, STAFF, type Harness } from './helpers';

let h: Harness | null = null;
afterEach(() => {
  if (!h) return;
  h.close();
  removeDir(h.dataDir);
  h = null;
});

const minutes = (x: Harness, n: number): void => {
  x.now.value = new Date(x.now.value.getTime() + n * 60_000);
};

describe('a learner session left idle ends in main, whatever the renderer does', () => {
  it('ends 16 minutes after the last call (the renderer signs out at 15, saving first); every learner call starts the time again', async () => {
    h = harness();
    const { learnerId } = await h.call('learners.signIn', { ...STAFF, pinAgain: STAFF.pin });
    minutes(h, 15);
    expect((await h.raw('catalogue.forLearner', { learnerId })).ok).toBe(true); // the renderer's save at 15 minutes gets through
    minutes(h, 15.9);
    expect((await h.raw('learners.stillHere', {})).ok).toBe(true); // keys and clicks on a long page
    minutes(h, 15.9);
    expect((await h.raw('catalogue.forLearner', { learnerId })).ok).toBe(true);
    minutes(h, 16);
    const late = await h.raw('catalogue.forLearner', { learnerId });
    expect(late).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(!late.ok && late.error.message).toMatch(/left idle/);
    expect(h.services.session.get()).toBeNull();
    // Nobody at the keyboard now, and the admin area did not open by itself.
    expect(h.services.admin.isUnlocked()).toBe(false);
    expect((await h.raw('learners.stillHere', {})).ok).toBe(false);
  });

  it('only the learner’s own calls start the time again: the policy page or the sharing rules shown on screen do not keep an idle session open', async () => {
    h = harness();
    const { learnerId } = await h.call('learners.signIn', { ...STAFF, pinAgain: STAFF.pin });
    minutes(h, 10);
    expect((await h.raw('content.policy', {})).ok).toBe(true); // not while pupils have the PC
    expect((await h.raw('requests.rules', {})).ok).toBe(true); // anyone's
    minutes(h, 6);
    expect(await h.raw('catalogue.forLearner', { learnerId })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(h.services.session.get()).toBeNull();
  });

  it('a teacher’s pupils left alone between sessions: the teacher’s hold ends too, so their PIN no longer takes the PC back', async () => {
    h = harness();
    await h.call('learners.signIn', { ...STAFF, pinAgain: STAFF.pin });
    await h.call('learners.startPupilSession', PUPIL);
    minutes(h, 10);
    await h.call('learners.endPupilSession', {});
    minutes(h, 15);
    expect((await h.raw('learners.startPupilSession', { ...PUPIL, firstName: 'Ola' })).ok).toBe(true); // within the time: the next pupil
    await h.call('learners.endPupilSession', {});
    minutes(h, 16);
    expect(await h.raw('learners.resumeStaff', { pin: STAFF.pin })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await h.raw('learners.startPupilSession', PUPIL)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(h.services.session.anyone()).toBe(false);
  });
});
