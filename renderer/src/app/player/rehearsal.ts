import { createApp, h, nextTick, shallowRef, type App, type Component } from 'vue';
import { createActor } from 'xstate';
import { currentItem, currentStep, lessonMachine, type LessonEvent, type LessonSnapshot } from '@renderer/lesson/machine';
import { lessonCharacters, warmStepFonts } from './font-warmup';

/**
 * The first time the player draws a kind of step (a screen of a given kind, a question, its
 * feedback) V8 and Vue meet that code for the first time, and the learner's press pays for it
 * (issue 19 item 6: the first press of a page and of each step kind make the step's tail). So,
 * once the player's first screen is painted, it rehearses the lesson while the page is idle: a
 * copy of the player in an element that is never put in the document (nothing laid out or
 * painted, nothing assistive technology sees, no focus) is moved through one state of each kind
 * the lesson has, from the learner's own, a slice per idle period, then removed. The rehearsal's
 * machine is its own: it records nothing and the learner's run never hears of it. Its first slice
 * sets up the fonts of the lesson's step text (font-warmup.ts), which the copy, never laid out,
 * cannot.
 */

/** Which kind of step a state shows: what the view draws differently. */
function kindOf(s: LessonSnapshot): string {
  const step = currentStep(s.context);
  const item = currentItem(s.context);
  const detail = step?.kind === 'screen' ? step.screen.kind : (item?.kind ?? '');
  return `${String(s.value)}|${detail}`;
}

/** An answer the rehearsal can give without the item's key (single and true/false); null to stop at the question. */
function answerFor(s: LessonSnapshot): LessonEvent | null {
  const item = currentItem(s.context);
  if (item?.kind === 'single' && item.options[0]) return { type: 'ANSWER', response: item.options[0].id, latencyMs: 0 };
  if (item?.kind === 'trueFalse') return { type: 'ANSWER', response: 'true', latencyMs: 0 };
  return null;
}

/**
 * The states to rehearse, in the order the learner meets them: from `from`, Next (or a first
 * answer) until the end, keeping the first state of each kind not already on screen.
 */
export function rehearsalStates(from: LessonSnapshot, limit = 60): LessonSnapshot[] {
  // A restored snapshot holds the plan in its context (as LessonRun's resume does); the input is for a fresh start.
  const actor = createActor(lessonMachine, { input: { plan: from.context.plan }, snapshot: lessonMachine.resolveState({ value: from.value, context: from.context }) });
  actor.start();
  const seen = new Set([kindOf(from)]);
  const states: LessonSnapshot[] = [];
  for (let i = 0; i < limit && actor.getSnapshot().status === 'active'; i++) {
    const s = actor.getSnapshot();
    const event = s.value === 'question' ? answerFor(s) : s.value === 'acknowledge' ? ({ type: 'ACKNOWLEDGE' } as const) : ({ type: 'NEXT' } as const);
    if (!event) break;
    actor.send(event);
    const after = actor.getSnapshot();
    if (after === s) break;
    if (!seen.has(kindOf(after))) {
      seen.add(kindOf(after));
      states.push(after);
    }
  }
  actor.stop();
  return states;
}

/** An idle period long enough for one step of the rehearsal (a cold one is a few ms). */
const SLICE_MS = 8;

/**
 * Rehearses `player` (given `props` and the learner's state `from`; `shown` is the learner's
 * player element, whose font the step text styles are sized from) in idle periods; returns a
 * function that stops it (the player leaves, or the learner moves on first: the rest is then
 * rehearsed from the new state by the next call). Without requestIdleCallback it does nothing.
 */
export function rehearseWhenIdle(player: Component, props: Record<string, unknown>, from: LessonSnapshot, shown: Element): () => void {
  if (typeof requestIdleCallback !== 'function' || typeof document === 'undefined') return () => {};
  let stopped = false;
  let app: App | null = null;
  let handle = 0;
  const snapshot = shallowRef(from);
  let states: LessonSnapshot[] | null = null;
  let fontsWarm = false;
  const finish = (): void => {
    stopped = true;
    cancelIdleCallback(handle);
    app?.unmount();
    app = null;
  };
  const step = (): void => {
    if (!fontsWarm) {
      fontsWarm = true;
      warmStepFonts(shown, lessonCharacters(from.context.plan));
    } else if (!app) {
      app = createApp({ render: () => h(player, { ...props, snapshot: snapshot.value, rehearsal: true }) });
      // A rehearsal that fails stops quietly: the learner's player is not affected by it.
      app.config.errorHandler = finish;
      app.config.warnHandler = () => {};
      app.mount(document.createElement('div'));
    } else if (!states) {
      states = rehearsalStates(from);
    } else {
      const next = states.shift();
      if (next) snapshot.value = next;
      else finish();
    }
  };
  const slice = (deadline: IdleDeadline): void => {
    if (stopped) return;
    // The fonts go first, all at once in the first idle period whatever its length: the next press
    // may need any of them, and setting one up costs the same in a press's frame as here. Spread
    // over slices they met the presses that follow (docs/performance.md).
    if (!fontsWarm || deadline.timeRemaining() >= SLICE_MS) {
      try {
        step();
      } catch {
        return finish();
      }
    }
    // The patch runs in this task's microtasks; the next step waits for the next idle period.
    void nextTick(() => {
      if (!stopped) handle = requestIdleCallback(slice);
    });
  };
  handle = requestIdleCallback(slice);
  return finish;
}
