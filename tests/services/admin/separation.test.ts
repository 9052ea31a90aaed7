import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { channelNames, type Channel, type RequestOf } from '../../../electron/contract';
import { ADMIN_PASSWORD, SETUP, errorCode, expectOk, startHarness, type Harness } from './harness';

let h: Harness;
beforeAll(async () => {
  h = startHarness();
  expectOk(await h.call('setup.complete', SETUP));
});
afterAll(() => h?.stop());

/** Every admin, dashboard, LRS and records-file channel with a well-formed request, so only the guard can refuse. */
const ADMIN_CALLS: { [C in Channel]?: RequestOf<C> } = {
  'admin.changePassword': { currentPassword: ADMIN_PASSWORD, newPassword: 'a different long password' },
  'admin.setupFile': {},
  'dashboard.summary': {},
  'dashboard.people': {},
  'dashboard.person': { learnerId: '00000000-0000-4000-8000-000000000000' },
  'dashboard.classCounts': {},
  'settings.set': { trustName: 'Taken Over Trust' },
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
  it('guards every admin, dashboard, LRS and records-file channel the contract has', () => {
    const guarded = channelNames.filter((c) => ['admin.', 'dashboard.', 'lrs.', 'recordsFile.'].some((p) => c.startsWith(p)));
    const open = ['admin.status', 'admin.unlock', 'admin.lock'];
    expect(guarded.filter((c) => !open.includes(c)).sort()).toEqual(Object.keys(ADMIN_CALLS).filter((c) => c !== 'settings.set').sort());
  });

  it('refuses a signed-in staff member, even when the administrator had unlocked the area', async () => {
    expect(expectOk(await h.call('admin.status', {}))).toMatchObject({ unlocked: true });
    expectOk(await h.call('learners.signIn', { name: 'Pat Teacher', workEmail: 'pat@leap.example', school: SETUP.schools[0]!, role: 'teaching', pin: '1234' }));
    await expectAllForbidden();
    expect(expectOk(await h.call('admin.status', {}))).toMatchObject({ unlocked: false });
    // The right password does not help while a learner is signed in.
    expect(errorCode(await h.call('admin.unlock', { password: ADMIN_PASSWORD }))).toBe('forbidden');
    expectOk(await h.call('learners.signOut', {}));
  });

  it('refuses a pupil the same way', async () => {
    expectOk(await h.call('admin.unlock', { password: ADMIN_PASSWORD }));
    // A teacher starts the pupil's session (main refuses one with nobody to supervise it).
    expectOk(await h.call('learners.signIn', { name: 'Pat Teacher', workEmail: 'pat@leap.example', school: SETUP.schools[0]!, role: 'teaching', pin: '1234' }));
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
