import { createActor, type Actor } from 'xstate';
import {
  currentItem,
  currentStep,
  FINISHED_TAG,
  lessonMachine,
  type LessonContext,
  type LessonEvent,
  type LessonMachine,
  type LessonSnapshot,
  type Judgement,
  type Phase,
} from './machine';
import { encodeState, type SavedState } from './codec';
import type { LessonPlan } from './plan';
import { planItems } from './plan';
import type { LessonSink } from './scorm/adapter';
import { lessonStatus } from './status';

export type { LessonSnapshot };

export interface RunOptions {
  plan: LessonPlan;
  adapter: LessonSink;
  /** True when the module's items were drawn (the codec stores which). */
  drawn: boolean;
  clock?: () => Date;
  /** A decoded suspend_data to continue from. */
  resume?: SavedState | null;
  /**
   * When given, a step's record (SCORM writes and commit) runs when this schedules it, after
   * the view has its new screen: a Next press shows the next screen without waiting for the
   * LMS's setters and commit (issue 19 item 6). The end of the module, a leave and the run's
   * first state are recorded at once. Without it (tests, tools) every state is recorded in place.
   */
  afterScreen?: (record: () => void) => void;
}

/**
 * The players' scheduler for afterScreen: once the new screen's frame is painted. The idle
 * callback is asked for from that frame, so its timeout counts from the frame and not from the
 * press: on a busy machine a frame can come later than the timeout, and the record would then go
 * first. An idle callback runs only when no frame or task is waiting, so the record (the LMS's
 * setters and its commit, 1-13 ms) neither delays the frame that shows the step nor a press that
 * follows; its timeout bounds the wait when the page is never idle. A hidden page draws no frames:
 * then the record waits at most FRAME_WITHIN_MS for one. Where there is no requestIdleCallback
 * (Safari), the task after the frame.
 */
export const RECORD_WITHIN_MS = 200;
export const FRAME_WITHIN_MS = 1000;
export const afterPaint = (record: () => void): void => {
  let asked = false;
  const whenIdle = (): void => {
    if (asked) return;
    asked = true;
    clearTimeout(noFrame);
    if (typeof requestIdleCallback === 'function') requestIdleCallback(() => record(), { timeout: RECORD_WITHIN_MS });
    else setTimeout(record, 0);
  };
  const noFrame = setTimeout(whenIdle, FRAME_WITHIN_MS);
  if (typeof requestAnimationFrame === 'function') requestAnimationFrame(whenIdle);
  else whenIdle(); // no frames at all (a page-less host): as soon as idle
};

/** The answer-free events a view sends; the run adds the latency it measured. */
export type ViewEvent =
  | { type: 'NEXT' }
  | { type: 'BACK' }
  | { type: 'ANSWER'; response: string }
  | { type: 'CHOOSE'; option: string }
  | { type: 'ACKNOWLEDGE' };

export const phaseOf = (snapshot: LessonSnapshot): Phase => snapshot.value as Phase;

/**
 * One learner's run of one module: the lesson actor plus the SCO adapter. Every state the actor
 * reaches is mirrored to SCORM (interactions, location, progress, score, status, suspend_data)
 * and committed, so leaving at any moment loses nothing.
 */
export class LessonRun {
  readonly actor: Actor<LessonMachine>;
  readonly plan: LessonPlan;
  private written: number;
  /** Answers whose right response and result are written (items that came unkeyed, once main judged them). */
  private readonly judgedWritten = new Set<number>();
  private shownAt: number;
  private shownItem: string | null = null;
  private readonly clock: () => Date;
  private readonly listeners = new Set<(s: LessonSnapshot) => void>();
  private finished = false;
  private last: LessonSnapshot | null = null;
  /** The latest state not yet recorded (afterScreen); each record writes the latest, in order. */
  private unrecorded: LessonSnapshot | null = null;
  private starting = true;

  constructor(private readonly options: RunOptions) {
    this.plan = options.plan;
    this.clock = options.clock ?? (() => new Date());
    const resume = options.resume ?? null;
    const snapshot = resume ? lessonMachine.resolveState({ value: resume.phase, context: resume.context }) : undefined;
    // A restored snapshot already holds the plan in its context; the input is for a fresh start.
    this.actor = createActor(lessonMachine, { input: { plan: options.plan }, ...(snapshot ? { snapshot } : {}) });
    // Answers restored from suspend_data were written as interactions before the suspend.
    this.written = resume ? resume.context.answers.length : 0;
    this.shownAt = this.clock().getTime();
    this.actor.subscribe((s) => this.sync(s));
    this.actor.start();
    if (this.last !== this.actor.getSnapshot()) this.sync(this.actor.getSnapshot());
    this.starting = false;
  }

  get snapshot(): LessonSnapshot {
    return this.actor.getSnapshot();
  }

  onChange(listener: (s: LessonSnapshot) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  send(event: ViewEvent): void {
    const latencyMs = Math.max(0, this.clock().getTime() - this.shownAt);
    const full: LessonEvent = event.type === 'ANSWER' || event.type === 'CHOOSE' ? { ...event, latencyMs } : event;
    this.actor.send(full);
  }

  /** Main's judgement of the answers it recorded (its reply to a commit): the feedback follows from it. */
  judge(judged: readonly Judgement[]): void {
    // A reply that comes after the run ended (the finish's) has nothing left to show.
    if (judged.length > 0 && this.actor.getSnapshot().status === 'active') this.actor.send({ type: 'JUDGED', judged });
  }

  private sync(s: LessonSnapshot): void {
    if (s === this.last) return;
    this.last = s;
    const ctx: LessonContext = s.context;
    const phase = phaseOf(s);
    if (!this.options.adapter.isOpen) return;
    const item = currentItem(ctx);
    if (phase === 'question' && item && this.shownItem !== item.id) {
      this.shownItem = item.id;
      this.shownAt = this.clock().getTime();
    }
    const later = this.options.afterScreen;
    if (!later || this.starting || phase === 'done') {
      this.unrecorded = null;
      this.record(s);
      for (const l of this.listeners) l(s);
      return;
    }
    // The screen first, the record in the next task (or sooner, by a leave).
    const waiting = this.unrecorded !== null;
    this.unrecorded = s;
    for (const l of this.listeners) l(s);
    if (!waiting) later(() => this.recordPending());
  }

  /** Records the state a step left unrecorded, if any (afterScreen's task, or a leave first). */
  recordPending(): void {
    const s = this.unrecorded;
    this.unrecorded = null;
    if (s && this.options.adapter.isOpen && !this.finished) this.record(s);
  }

  /** Mirrors one state to the SCO adapter and commits it (finishes at the end). */
  private record(s: LessonSnapshot): void {
    const ctx: LessonContext = s.context;
    const phase = phaseOf(s);
    const a = this.options.adapter;
    const items = new Map(planItems(this.plan).map((i) => [i.id, i]));
    while (this.written < ctx.answers.length) {
      const answer = ctx.answers[this.written];
      const answeredItem = answer ? items.get(answer.itemId) : undefined;
      if (answer && answeredItem) a.recordAnswer(this.written, answeredItem, answer, this.clock());
      this.written++;
    }
    // An answer main judged: its right response and result complete the interaction (exports read them).
    ctx.answers.forEach((answer, n) => {
      const keyed = ctx.revealed[answer.itemId];
      if (answer.correct === null || !keyed || this.judgedWritten.has(n) || !a.recordJudgement) return;
      a.recordJudgement(n, keyed, answer.correct);
      this.judgedWritten.add(n);
    });
    a.setLocation(s.hasTag(FINISHED_TAG) ? phase : (currentStep(ctx)?.id ?? phase));
    a.setStatus(lessonStatus(s));
    a.setSuspendData(encodeState(this.plan, phase, ctx, this.options.drawn));
    if (phase === 'done') {
      this.finished = true;
      a.finish();
    } else {
      a.commit();
    }
  }

  get isFinished(): boolean {
    return this.finished;
  }

  /** Leaving before the end: exit=suspend, so the host resumes here next time. */
  leave(): void {
    this.recordPending();
    if (this.finished || !this.options.adapter.isOpen) return;
    this.options.adapter.suspend();
    this.actor.stop();
  }
}
