import { defineStore } from 'pinia';
import { ref, shallowRef } from 'vue';
import type { AttemptStartReply, Verdict } from '@contract';
import { call } from '../api';
import type { PlayerContent } from '../lesson/content';
import type { InAppHost } from '../lesson/host/in-app';
import type { SaveState } from '../lesson/host/queue';
import type { LessonSnapshot, ViewEvent } from '../lesson/run';
import type { StartedLesson } from '../lesson/start';
import { useSessionStore } from './session';

interface Active {
  courseId: string;
  moduleId: string;
  attemptId: string;
  started: StartedLesson;
  host: InAppHost;
  content: PlayerContent;
}

/**
 * The lesson being taken: attempts.start, content.module, the in-app SCORM host (scorm-again,
 * loaded only now), and the player's run. Every commit goes to main; "saved" means main said so.
 */
export const useLessonStore = defineStore('lesson', () => {
  const active = shallowRef<Active | null>(null);
  const snapshot = shallowRef<LessonSnapshot | null>(null);
  const save = ref<SaveState>({ state: 'idle' });
  const verdict = ref<Verdict | null>(null);
  const acknowledgement = ref<{ acknowledgedAt: string; policyVersionLabel: string } | null>(null);
  const loading = ref(false);
  const error = ref<string | null>(null);
  let unsubscribe: (() => void) | null = null;
  let finishing: Promise<void> | null = null;

  async function start(courseId: string, moduleId: string): Promise<void> {
    const session = useSessionStore();
    const learner = session.learner;
    if (!learner) throw new Error('Sign in first.');
    await leave();
    loading.value = true;
    error.value = null;
    verdict.value = null;
    acknowledgement.value = null;
    save.value = { state: 'idle' };
    try {
      const attempt: AttemptStartReply = await call('attempts.start', { learnerId: learner.learnerId, courseId, moduleId });
      const delivery = await call('content.module', { courseId, moduleId, attemptId: attempt.attemptId, ...(learner.school ? { school: learner.school } : {}) });
      // The player and scorm-again are imported here, when a lesson starts, never on the first screen.
      const [{ fromModuleDelivery }, { startLesson }, { startInAppHost }, { afterPaint }] = await Promise.all([
        import('../lesson/content'),
        import('../lesson/start'),
        import('../lesson/host/in-app'),
        import('../lesson/run'),
      ]);
      const content = fromModuleDelivery(delivery);
      // A resumed attempt carries on above the seq main recorded last (main refuses one going back).
      const lastSeq = attempt.nextSeq - 1;
      let run: StartedLesson['run'] | null = null;
      const host = await startInAppHost(window as unknown as Record<string, unknown>, {
        version: attempt.scormVersion,
        previous: attempt.resumeCmi,
        learner: { id: learner.learnerId, name: learner.displayName },
        lastSeq,
        onSaveState: (s) => {
          save.value = s;
        },
        send: async (kind, seq, cmi) => {
          const reply = await call(kind === 'finish' ? 'attempts.finish' : 'attempts.commit', { attemptId: attempt.attemptId, seq, cmi });
          verdict.value = reply.verdict;
          // Main's judgement of the answers it holds: the feedback of a scored module's answer comes from it.
          run?.judge(reply.judged.map((j) => ({ index: j.index, right: j.right, item: j.item })));
        },
      });
      // A step's commit to main goes once its screen is painted (LessonRun's afterScreen).
      const started = startLesson({ win: window as never, course: content.course, moduleId, drawnIds: attempt.drawnItemIds, afterScreen: afterPaint });
      run = started.run;
      active.value = { courseId, moduleId, attemptId: attempt.attemptId, started, host, content };
      snapshot.value = started.run.snapshot;
      unsubscribe = started.run.onChange((s) => {
        snapshot.value = s;
        if (s.value === 'done') finishing = afterDone();
      });
    } catch (err) {
      error.value = (err as Error).message;
    } finally {
      loading.value = false;
    }
  }

  function send(event: ViewEvent): void {
    active.value?.started.run.send(event);
  }

  /** The finish is durable; record the acknowledgement when the learner gave it. */
  async function afterDone(): Promise<void> {
    const a = active.value;
    const learner = useSessionStore().learner;
    if (!a || !learner) return;
    await a.host.flush();
    if (save.value.state === 'error') return;
    if (a.started.run.snapshot.context.acknowledged) {
      try {
        acknowledgement.value = await call('acknowledgements.record', { learnerId: learner.learnerId, courseId: a.courseId, attemptId: a.attemptId });
      } catch (err) {
        error.value = `The acknowledgement was not recorded: ${(err as Error).message}`;
      }
    }
  }

  /** Waits for the finish (and acknowledgement) to be recorded; views call it before moving on. */
  async function settled(): Promise<void> {
    await (finishing ?? Promise.resolve());
  }

  /** Leaving early: exit=suspend, the final commit durable, the API removed from the window. */
  async function leave(): Promise<void> {
    const a = active.value;
    if (!a) return;
    a.started.run.leave();
    await a.host.flush();
    await settled();
    unsubscribe?.();
    unsubscribe = null;
    a.host.dispose();
    active.value = null;
    snapshot.value = null;
  }

  /** pagehide (the preview): no time to wait; send the suspend at once over the keepalive fetch. */
  function leaveNow(): void {
    const a = active.value;
    if (!a) return;
    // A step not yet recorded (LessonRun's afterScreen) goes with the rest.
    a.started.run.recordPending();
    a.host.sendImmediately();
    a.started.run.leave();
  }

  let installed = false;
  /** The close handshake with main (app.closing → final commit → app.closeReady), and pagehide. */
  function installCloseHandling(): void {
    if (installed) return;
    installed = true;
    window.api?.onEvent((event) => {
      if (event.type !== 'app.closing') return;
      void leave()
        .catch(() => {})
        .finally(() => void call('app.closeReady', {}).catch(() => {}));
    });
    window.addEventListener('pagehide', () => leaveNow());
    useSessionStore().beforeSignOut.add(() => leave());
  }

  return { active, snapshot, save, verdict, acknowledgement, loading, error, start, send, leave, leaveNow, settled, installCloseHandling };
});
