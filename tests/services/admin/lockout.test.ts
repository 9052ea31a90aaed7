import { afterEach, describe, expect, it } from 'vitest';
import { lockDurationMs } from '@services/admin/lockout';
import { ADMIN_PASSWORD, SETUP, errorCode, expectOk, startHarness, type Harness } from './harness';

let h: Harness | null = null;
afterEach(() => {
  h?.stop();
  h = null;
});

const minutes = (n: number): number => n * 60_000;

describe('admin lock and back-off', () => {
  it('locks after five failures with a back-off that doubles, and never for less', () => {
    expect([1, 2, 3, 4].map(lockDurationMs)).toEqual([0, 0, 0, 0]);
    expect(lockDurationMs(5)).toBe(minutes(1));
    expect(lockDurationMs(6)).toBe(minutes(2));
    expect(lockDurationMs(7)).toBe(minutes(4));
    expect(lockDurationMs(20)).toBe(minutes(60));
  });

  it('counts failures on disk: a restart does not reset the lock, and the right password waits too', async () => {
    h = startHarness();
    expectOk(await h.call('setup.complete', SETUP));
    expectOk(await h.call('admin.lock', {}));
    for (let i = 1; i <= 4; i++) {
      const r = await h.call('admin.unlock', { password: `wrong guess number ${i}` });
      expect(errorCode(r)).toBe('forbidden');
    }
    // Quit and start again on the same data folder: the fifth failure still locks.
    h = h.restart();
    expect(expectOk(await h.call('admin.status', {}))).toMatchObject({ failures: 4, unlocked: false });
    expect(errorCode(await h.call('admin.unlock', { password: 'wrong guess number 5' }))).toBe('locked');

    h = h.restart();
    const status = expectOk(await h.call('admin.status', {})) as { lockedForMs: number; failures: number };
    expect(status.failures).toBe(5);
    expect(status.lockedForMs).toBeGreaterThan(minutes(1) - 5_000);
    const locked = await h.call('admin.unlock', { password: ADMIN_PASSWORD });
    expect(errorCode(locked)).toBe('locked');
    expect(!locked.ok && locked.error.message).toMatch(/try again in \d+ seconds/);

    // After the minute, one more failure locks for two minutes (growing back-off).
    h.now.value = new Date(h.now.value.getTime() + minutes(1) + 1_000);
    expect(errorCode(await h.call('admin.unlock', { password: 'wrong guess number 6' }))).toBe('locked');
    h.now.value = new Date(h.now.value.getTime() + minutes(1) + 1_000);
    expect(errorCode(await h.call('admin.unlock', { password: ADMIN_PASSWORD }))).toBe('locked');
    h.now.value = new Date(h.now.value.getTime() + minutes(1));
    expect(expectOk(await h.call('admin.unlock', { password: ADMIN_PASSWORD }))).toMatchObject({ unlocked: true, failures: 0 });
  });

  it('signs the administrator out in main after the idle time, and any admin call pushes it back', async () => {
    h = startHarness();
    expectOk(await h.call('setup.complete', SETUP));
    expectOk(await h.call('admin.setupFile', {}));
    h.now.value = new Date(h.now.value.getTime() + minutes(9));
    expectOk(await h.call('admin.setupFile', {})); // activity at minute 9 moves the deadline to 19
    h.now.value = new Date(h.now.value.getTime() + minutes(9));
    expectOk(await h.call('admin.setupFile', {}));
    h.now.value = new Date(h.now.value.getTime() + minutes(10));
    expect(errorCode(await h.call('admin.setupFile', {}))).toBe('forbidden');
    expect(expectOk(await h.call('admin.status', {}))).toMatchObject({ unlocked: false });
  });
});
