import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { channelNames, type Channel, type RequestOf } from '@contract';
import { ADMIN_PASSWORD, SETUP, errorCode, expectOk, startHarness, type Harness } from './harness';

let h: Harness;
beforeAll(async () => {
  h = startHarness();
  expectOk(await h.call('setup.complete', SETUP));
});
afterAll(() => h?.stop());

/**
 * Who may call each channel, for every channel the contract has: the compiler refuses a table that
 * misses one, so a new channel is placed here (and, if it is the administrator's, tried below)
 * before anything can ship it.
 */
type Access = 'administrator' | 'its author, or the administrator' | 'the signed-in learner' | 'anyone';
const ACCESS: Record<Channel, Access> = {
  'admin.status': 'anyone',
  'admin.unlock': 'anyone',
  'admin.lock': 'anyone',
  'admin.changePassword': 'administrator',
  'admin.setupFile': 'administrator',
  'app.info': 'anyone',
  'app.closeReady': 'anyone',
  'setup.status': 'anyone',
  'setup.complete': 'anyone',
  'settings.get': 'anyone',
  'settings.set': 'administrator',
  'records.health': 'anyone',
  'content.module': 'anyone',
  'content.policy': 'anyone',
  'content.helpRoutes': 'anyone',
  'requests.rules': 'anyone',
  'learners.signIn': 'anyone',
  'learners.startPupilSession': 'the signed-in learner',
  'learners.signOut': 'anyone',
  'learners.stillHere': 'the signed-in learner',
  'learners.endPupilSession': 'the signed-in learner',
  'learners.resumeStaff': 'anyone',
  'attempts.start': 'the signed-in learner',
  'attempts.commit': 'the signed-in learner',
  'attempts.finish': 'the signed-in learner',
  'acknowledgements.record': 'the signed-in learner',
  'catalogue.forLearner': 'the signed-in learner',
  'compliance.forLearner': 'the signed-in learner',
  'compliance.retrievalStart': 'the signed-in learner',
  'compliance.retrievalAnswer': 'the signed-in learner',
  'compliance.retrievalDecline': 'the signed-in learner',
  'compliance.whatChanged': 'the signed-in learner',
  'compliance.clauseCounts': 'administrator',
  'requests.create': 'the signed-in learner',
  'requests.mine': 'the signed-in learner',
  'requests.get': 'its author, or the administrator',
  'requests.list': 'administrator',
  'dashboard.summary': 'administrator',
  'dashboard.people': 'administrator',
  'dashboard.peopleList': 'administrator',
  'dashboard.person': 'administrator',
  'people.resetPin': 'administrator',
  'people.erase': 'administrator',
  'dashboard.classCounts': 'administrator',
  'exports.options': 'administrator',
  'exports.run': 'administrator',
  'exports.certificate': 'administrator',
  'exports.certificateLookup': 'administrator',
  'exports.rationale': 'its author, or the administrator',
  'classes.lessons': 'the signed-in learner',
  'classes.start': 'the signed-in learner',
  'classes.answer': 'the signed-in learner',
  'classes.finish': 'the signed-in learner',
  'classes.counts': 'the signed-in learner',
  'lrs.status': 'administrator',
  'lrs.configure': 'administrator',
  'lrs.sendNow': 'administrator',
  'lrs.retrySetAside': 'administrator',
  'recordsFile.options': 'administrator',
  'recordsFile.import': 'administrator',
  'recordsFile.origins': 'administrator',
};

const NOBODY = '00000000-0000-4000-8000-000000000000';
/**
 * Every channel the administrator alone may call, with a well-formed request so only the guard can
 * refuse (an author's channel in the administrator's form: no learner named).
 */
const ADMIN_CALLS: { [C in Channel]?: RequestOf<C> } = {
  'admin.changePassword': { currentPassword: ADMIN_PASSWORD, newPassword: 'a different long password' },
  'admin.setupFile': {},
  'dashboard.summary': {},
  'dashboard.people': {},
  'dashboard.peopleList': {},
  'dashboard.person': { learnerId: NOBODY },
  'people.resetPin': { learnerId: NOBODY, pin: '918273', pinAgain: '918273' },
  'people.erase': { learnerId: NOBODY, confirmName: 'Nobody' },
  'dashboard.classCounts': {},
  'settings.set': { trustName: 'Taken Over Trust' },
  'compliance.clauseCounts': {},
  'requests.list': {},
  'requests.get': { requestId: NOBODY },
  'exports.options': {},
  'exports.run': { format: 'csv' },
  'exports.certificate': { learnerId: NOBODY, courseId: 'staff-induction' },
  'exports.certificateLookup': { number: '00000-00000-0' },
  'exports.rationale': { requestId: NOBODY },
  'lrs.status': {},
  'lrs.configure': { on: true, endpoint: 'https://lrs.taken-over.example/xapi/', key: 'k', secret: 's' },
  'lrs.sendNow': {},
  'lrs.retrySetAside': {},
  'recordsFile.options': {},
  'recordsFile.import': { uploads: [{ fileName: 'x.records', base64: 'AA==' }] },
  'recordsFile.origins': {},
};

async function expectAllForbidden(): Promise<void> {
  for (const [channel, request] of Object.entries(ADMIN_CALLS)) {
    const r = await h.call(channel as Channel, request as never);
    expect(r.ok ? `${channel}: allowed` : `${channel}: ${r.error.code}`).toBe(`${channel}: forbidden`);
  }
}

describe('learners cannot reach the admin area', () => {
  it('places every channel the contract has, and tries every one that is the administrator’s', () => {
    expect(Object.keys(ACCESS).sort()).toEqual([...channelNames].sort());
    const administrators = channelNames.filter((c) => ACCESS[c] === 'administrator' || ACCESS[c] === 'its author, or the administrator');
    expect(Object.keys(ADMIN_CALLS).sort()).toEqual([...administrators].sort());
  });

  it('refuses a signed-in staff member, even when the administrator had unlocked the area', async () => {
    expect(expectOk(await h.call('admin.status', {}))).toMatchObject({ unlocked: true });
    expectOk(await h.call('learners.signIn', { name: 'Pat Teacher', workEmail: 'pat@leap.example', school: SETUP.schools[0]!, role: 'teaching', pin: '123456' }));
    await expectAllForbidden();
    expect(expectOk(await h.call('admin.status', {}))).toMatchObject({ unlocked: false });
    // The right password does not help while a learner is signed in.
    expect(errorCode(await h.call('admin.unlock', { password: ADMIN_PASSWORD }))).toBe('forbidden');
    expectOk(await h.call('learners.signOut', {}));
  });

  it('refuses a pupil the same way', async () => {
    expectOk(await h.call('admin.unlock', { password: ADMIN_PASSWORD }));
    // A teacher starts the pupil's session (main refuses one with nobody to supervise it).
    expectOk(await h.call('learners.signIn', { name: 'Pat Teacher', workEmail: 'pat@leap.example', school: SETUP.schools[0]!, role: 'teaching', pin: '123456' }));
    expectOk(await h.call('learners.startPupilSession', { firstName: 'Mia', initial: 'R', className: 'Ash 2', band: 'ks1' }));
    await expectAllForbidden();
    // Between pupils the teacher is still signed in underneath: the area stays shut.
    expectOk(await h.call('learners.endPupilSession', {}));
    await expectAllForbidden();
    expect(errorCode(await h.call('admin.unlock', { password: ADMIN_PASSWORD }))).toBe('forbidden');
    expectOk(await h.call('learners.signOut', {}));
    // Signing out does not reopen the area: the administrator signs in again.
    expect(expectOk(await h.call('admin.status', {}))).toMatchObject({ unlocked: false });
    await expectAllForbidden();
    expectOk(await h.call('admin.unlock', { password: ADMIN_PASSWORD }));
    expectOk(await h.call('dashboard.summary', {}));
  });

  it('refuses everyone while the area is locked', async () => {
    expectOk(await h.call('admin.lock', {}));
    await expectAllForbidden();
    expect(expectOk(await h.call('settings.get', {}))).toMatchObject({ trustName: SETUP.trustName });
  });
});
