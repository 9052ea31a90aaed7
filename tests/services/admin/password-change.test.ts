import { afterEach, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, SETUP, errorCode, expectOk, startHarness, type Harness } from './harness';

let h: Harness | null = null;
afterEach(() => {
  h?.stop();
  h = null;
});

describe('admin password and settings', () => {
  it('changes the password only with the current one, and keeps the new rules', async () => {
    h = startHarness();
    expectOk(await h.call('setup.complete', SETUP));
    expect(errorCode(await h.call('admin.changePassword', { currentPassword: ADMIN_PASSWORD, newPassword: 'short' }))).toBe('invalid-request');
    expect(errorCode(await h.call('admin.changePassword', { currentPassword: 'not the password', newPassword: 'a brand new long password' }))).toBe('forbidden');
    // A wrong current password also signs the administrator out.
    expect(errorCode(await h.call('admin.changePassword', { currentPassword: ADMIN_PASSWORD, newPassword: 'a brand new long password' }))).toBe('forbidden');
    expectOk(await h.call('admin.unlock', { password: ADMIN_PASSWORD }));
    expectOk(await h.call('admin.changePassword', { currentPassword: ADMIN_PASSWORD, newPassword: 'a brand new long password' }));
    expectOk(await h.call('admin.lock', {}));
    expect(errorCode(await h.call('admin.unlock', { password: ADMIN_PASSWORD }))).toBe('forbidden');
    expect(expectOk(await h.call('admin.unlock', { password: 'a brand new long password' }))).toMatchObject({ unlocked: true });
  });

  it('gates settings.set behind the admin area once the PC is set up', async () => {
    h = startHarness();
    expectOk(await h.call('setup.complete', SETUP));
    expectOk(await h.call('admin.lock', {}));
    expect(errorCode(await h.call('settings.set', { trustName: 'Someone Else' }))).toBe('forbidden');
    expect(expectOk(await h.call('settings.get', {}))).toMatchObject({ trustName: SETUP.trustName });
    expectOk(await h.call('admin.unlock', { password: ADMIN_PASSWORD }));
    expect(expectOk(await h.call('settings.set', { adminIdleMinutes: 5 }))).toMatchObject({ adminIdleMinutes: 5 });
  });
});
