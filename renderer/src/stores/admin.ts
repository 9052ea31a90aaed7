import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import type { AdminStatus, SetupRequest } from '@contract';
import { ApiError, call, callEarly } from '../api';

const ACTIVITY = ['pointerdown', 'keydown', 'wheel', 'touchstart'] as const;

/**
 * The admin area as the renderer sees it: a copy of main's status, never the authority. Main
 * decides whether the area is unlocked and locks it itself after the idle time; the renderer's
 * own idle timer only makes the screen follow promptly.
 */
export const useAdminStore = defineStore('admin', () => {
  const status = ref<AdminStatus | null>(null);
  /** null until asked; the set-up gate shows nothing else until this is true. */
  const setUp = ref<boolean | null>(null);
  const error = ref<string | null>(null);
  const busy = ref(false);
  const notice = ref<string | null>(null);
  const idleMinutes = ref(10);
  let timer: ReturnType<typeof setTimeout> | null = null;
  let lastReset = 0;

  const unlocked = computed(() => status.value?.unlocked === true);

  async function checkSetUp(): Promise<void> {
    try {
      setUp.value = (await callEarly('setup.status')).setUp;
    } catch (err) {
      error.value = (err as Error).message;
    }
  }

  async function refresh(): Promise<void> {
    status.value = await call('admin.status', {});
    if (status.value.unlocked) armIdle();
  }

  function describe(err: unknown): string {
    return err instanceof ApiError ? err.message : 'Something went wrong; please try again.';
  }

  async function run(task: () => Promise<void>): Promise<boolean> {
    busy.value = true;
    error.value = null;
    try {
      await task();
      return true;
    } catch (err) {
      error.value = describe(err);
      return false;
    } finally {
      busy.value = false;
    }
  }

  const complete = (request: SetupRequest): Promise<boolean> =>
    run(async () => {
      status.value = await call('setup.complete', request);
      setUp.value = true;
      armIdle();
    });

  const unlock = (password: string): Promise<boolean> =>
    run(async () => {
      try {
        status.value = await call('admin.unlock', { password });
        notice.value = null;
        armIdle();
      } finally {
        // The failure count and any lock changed in main either way.
        if (!status.value?.unlocked) status.value = await call('admin.status', {});
      }
    });

  async function lock(message: string | null = null): Promise<void> {
    stopIdle();
    notice.value = message;
    try {
      status.value = await call('admin.lock', {});
    } catch {
      status.value = status.value ? { ...status.value, unlocked: false, unlockedUntil: null } : null;
    }
  }

  const changePassword = (currentPassword: string, newPassword: string): Promise<boolean> =>
    run(async () => {
      status.value = await call('admin.changePassword', { currentPassword, newPassword });
    });

  /** A channel refused because main locked the area (idle, or a learner signed in): follow it. */
  function followRefusal(err: unknown): void {
    if (err instanceof ApiError && (err.code === 'forbidden' || err.code === 'not-set-up')) {
      stopIdle();
      status.value = status.value ? { ...status.value, unlocked: false, unlockedUntil: null } : null;
      notice.value = 'The admin area was locked. Sign in again to carry on.';
    }
  }

  function arm(): void {
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => void lock(`You were signed out of the admin area after ${idleMinutes.value} minutes without activity.`), idleMinutes.value * 60_000);
  }
  const onActivity = (): void => {
    const now = Date.now();
    if (now - lastReset < 1000) return;
    lastReset = now;
    arm();
  };
  function armIdle(): void {
    for (const e of ACTIVITY) window.addEventListener(e, onActivity, { passive: true });
    arm();
  }
  function stopIdle(): void {
    for (const e of ACTIVITY) window.removeEventListener(e, onActivity);
    if (timer) clearTimeout(timer);
    timer = null;
  }

  return { status, setUp, unlocked, error, busy, notice, idleMinutes, checkSetUp, refresh, complete, unlock, lock, changePassword, followRefusal, stopIdle };
});
