import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { PupilSessionRequest, SignInRequest } from '@contract';
import { LEARNER_IDLE_MINUTES } from '@contract/idle';
import { call } from '../api';
import { useNavigationStore } from './navigation';

export interface SignedIn {
  learnerId: string;
  kind: 'staff' | 'pupil';
  displayName: string;
  school: string | null;
  band: PupilSessionRequest['band'] | null;
  firstSignIn: boolean;
}

/** Minutes without a key press or a click after which the learner is signed out (progress kept); main's rule (contract/idle.ts). */
export const IDLE_MINUTES = LEARNER_IDLE_MINUTES;
/** How often, at most, main is told the learner is still at the keyboard (its own idle time restarts). */
const TELL_MAIN_EVERY_MS = 60_000;
const ACTIVITY = ['pointerdown', 'keydown', 'wheel', 'touchstart'] as const;

/** Who is learning on this PC right now; main keeps its own copy and checks every learner id. */
export const useSessionStore = defineStore('session', () => {
  const learner = ref<SignedIn | null>(null);
  /** A calm message for the next screen ("You were signed out…"). */
  const notice = ref<string | null>(null);
  /**
   * Between pupils at a PC: the teacher stays signed in underneath (main remembers them too), the
   * class and band are kept for the next pupil, and the teacher's PIN takes the PC back.
   */
  const supervising = ref<{ teacher: SignedIn; className: string; band: PupilSessionRequest['band'] } | null>(null);
  /** Run before signing out (the lesson store suspends and saves). */
  const beforeSignOut = new Set<() => Promise<void>>();
  let timer: ReturnType<typeof setTimeout> | null = null;
  let lastReset = 0;
  let lastToldMain = 0;

  function arm(): void {
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => void signOut(`You were signed out after ${IDLE_MINUTES} minutes without activity. Your progress is saved.`), IDLE_MINUTES * 60_000);
  }
  const onActivity = (): void => {
    // Re-arming on every key press is wasteful; once a second is plenty.
    const now = Date.now();
    if (now - lastReset < 1000) return;
    lastReset = now;
    arm();
    // Reading a long page makes no call of its own: main hears that the learner is here instead.
    if (learner.value && now - lastToldMain >= TELL_MAIN_EVERY_MS) {
      lastToldMain = now;
      void call('learners.stillHere', {}).catch(() => {});
    }
  };
  function watchIdle(on: boolean): void {
    for (const e of ACTIVITY) (on ? window.addEventListener : window.removeEventListener)(e, onActivity, { passive: true } as AddEventListenerOptions);
    if (on) arm();
    else if (timer) clearTimeout(timer);
  }

  async function signIn(request: SignInRequest): Promise<SignedIn> {
    const reply = await call('learners.signIn', request);
    learner.value = { learnerId: reply.learnerId, kind: 'staff', displayName: reply.displayName, school: request.school, band: null, firstSignIn: reply.firstSignIn };
    notice.value = null;
    watchIdle(true);
    return learner.value;
  }

  async function startPupilSession(request: PupilSessionRequest): Promise<SignedIn> {
    const teacher = learner.value?.kind === 'staff' ? learner.value : (supervising.value?.teacher ?? null);
    const reply = await call('learners.startPupilSession', request);
    if (teacher) supervising.value = { teacher, className: request.className, band: request.band };
    learner.value = { learnerId: reply.learnerId, kind: 'pupil', displayName: reply.displayName, school: null, band: request.band, firstSignIn: false };
    notice.value = null;
    watchIdle(true);
    return learner.value;
  }

  async function signOut(message: string | null = null): Promise<void> {
    for (const hook of beforeSignOut) await hook().catch(() => {});
    watchIdle(false);
    try {
      await call('learners.signOut', {});
    } finally {
      learner.value = null;
      supervising.value = null;
      notice.value = message;
      useNavigationStore().go('home');
    }
  }

  /** A pupil presses Finish: their lesson is saved, and the PC waits for the next pupil. */
  async function finishPupil(): Promise<void> {
    if (!supervising.value) return signOut();
    for (const hook of beforeSignOut) await hook().catch(() => {});
    await call('learners.endPupilSession', {});
    learner.value = null;
    notice.value = null;
    useNavigationStore().go('pupilStart');
  }

  /** The teacher takes the PC back from the pupils with their PIN. */
  async function resumeStaff(pin: string): Promise<SignedIn> {
    const held = supervising.value;
    if (!held) throw new Error('No teacher is waiting to take this computer back: sign in.');
    await call('learners.resumeStaff', { pin });
    learner.value = held.teacher;
    supervising.value = null;
    notice.value = null;
    watchIdle(true);
    return held.teacher;
  }

  return { learner, notice, supervising, beforeSignOut, signIn, startPupilSession, signOut, finishPupil, resumeStaff };
});
