import type { BundleCourse, Item, Module } from '@content/schema';
import { CMI_LIMITS, duration, ELEMENTS, EXIT, interactionElements, type ScormVersion } from '@content/scorm';
import type { Answer } from '../result';
import { LessonRun, type RunOptions } from '../run';
import type { LessonPlan } from '../plan';
import type { SavedState } from '../codec';
import type { LessonSink, LessonStatus } from '../scorm/adapter';
import { answerFacts } from '../scorm/answer-facts';
import { findApi, type ApiWindow } from '../scorm/discovery';
import { drawModule, NoScormApiError, restoreModule } from '../module-plan';
import { decodeCourse, encodeCourse, isCourseSave, type ModuleSave } from './course-codec';
import { LmsApi, type LmsFailure } from './lms-api';
import { courseStatus, isDowngrade, recordOf, type CourseStatus, type ModuleRecord } from './records';

/**
 * What the learner is told about saving, from what the LMS actually answered (docs/lms.md):
 * - ok: every save so far was accepted (`saved` once at least one was);
 * - review: the LMS opened the course for review or browsing; nothing is recorded;
 * - deferred: the LMS reopened the course in the same page; answers are sent as they are given and
 *   the rest when the learner leaves (see `careful` below);
 * - not-recording: Initialize was refused or threw: nothing will be saved in this page;
 * - failing: a save was refused or threw; it is retried with the next one, or by the learner.
 */
export type SaveHealth =
  | { kind: 'ok'; saved: boolean }
  | { kind: 'review' }
  | { kind: 'deferred' }
  | { kind: 'not-recording'; failure: LmsFailure }
  | { kind: 'failing'; failure: LmsFailure };

export interface OpenModule {
  module: Module;
  plan: LessonPlan;
  run: LessonRun;
  /** False when the run only shows (a completed lesson's review, a result already recorded). */
  writable: boolean;
  /** Set when the module's saved place could not be read and it starts again. */
  restartedBecause: string | null;
}

/** What the menu shows for one module. */
export interface ModuleView {
  module: Module;
  record: ModuleRecord | null;
  /** A try is under way (saved part-way through). */
  inProgress: boolean;
  /** Its saved state can be shown (a result to see again). */
  hasSaved: boolean;
}

/** Marks the LMS's window once the course has launched in it (see `careful`). */
const LAUNCH_MARK = '__leapCourseLaunches';
const MAX_INTERACTIONS = CMI_LIMITS.scorm2004.interactions;

interface Visibility {
  readonly visibilityState: string;
  addEventListener(type: 'visibilitychange', listener: () => void): void;
}

/**
 * The course as ONE SCO in an LMS (docs/lms.md explains why): a menu of its modules, each played
 * by the ordinary lesson run, all recorded in the one SCO's cmi. The rules that keep an LMS's quirks
 * from costing a status, score, interaction or resume point:
 * - one Initialize per page and one Terminate, when the learner leaves: moving between modules never
 *   terminates, so an LMS that keeps a terminated state across SCOs never sees a second Initialize;
 * - every element is written only when its value changes, every answer once, at its own interaction
 *   index; one Commit per learner action; none while the page is hidden (an LMS may send those
 *   fire-and-forget); leaving is a single request (Terminate carries the data, no Commit before it);
 * - `careful`: when the course launches again in an LMS page it already ran in, that LMS may send
 *   every save fire-and-forget, in any order (Moodle after its menu was used). Then only answers
 *   (each to its own elements, so order cannot matter) are sent as they come; status, score, place
 *   and suspend_data go once, with the Terminate;
 * - a status is never written below what the LMS holds (a pass stays a pass);
 * - a refused or throwing call is reported, never hidden: the player says "not saved" and why.
 */
export class CourseSession {
  readonly version: ScormVersion;
  readonly modules: readonly Module[];
  readonly records = new Map<string, ModuleRecord>();
  readonly entry: string;
  /** The saved course could not be read (another player version, damaged data): it starts again. */
  readonly restartedBecause: string | null = null;
  /** The module open when the course was left, to reopen at once on a resume. */
  readonly resumeModule: string | null = null;
  readonly careful: boolean = false;

  private readonly api: LmsApi | null;
  private readonly states = new Map<string, string>();
  private mode: 'normal' | 'review' | 'not-recording' = 'normal';
  private health: SaveHealth = { kind: 'ok', saved: false };
  private readonly listeners = new Set<(h: SaveHealth) => void>();
  private readonly held: Record<string, string> = {};
  private readonly known = new Map<string, string>();
  private readonly buffered = new Map<string, string>();
  private readonly unsent = new Map<string, string>();
  private nextInteraction = 0;
  private openIndex: number | null = null;
  private location = '';
  private dirty = false;
  private pendingCommit = false;
  private leaving = false;
  /** SCORM 1.2 opened for browsing or review before any attempt: say "browsed" on leaving (see leave). */
  private sayBrowsed = false;
  private left = false;
  private readonly startedAt: number;
  private active: { module: Module; run: LessonRun } | null = null;

  private constructor(
    found: ReturnType<typeof findApi>,
    private readonly course: BundleCourse,
    moduleIds: readonly string[],
    private readonly clock: () => Date,
    private readonly visibility: Visibility | null,
    /** The page's scheduler for a step's record (LessonRun's afterScreen); none: recorded in place. */
    private readonly afterScreen: RunOptions['afterScreen'] = undefined,
  ) {
    if (!found) throw new NoScormApiError();
    this.version = found.version;
    this.modules = moduleIds.map((id) => {
      const m = course.modules.find((x) => x.id === id);
      if (!m) throw new Error(`This package names a module "${id}" that its content does not have.`);
      return m;
    });
    this.startedAt = clock().getTime();
    this.careful = markLaunch(found.host);
    this.api = new LmsApi(found);
    const failure = this.api.initialize();
    if (failure) {
      this.notRecording(failure);
      this.entry = '';
      return;
    }
    const n = ELEMENTS[this.version];
    const read = (element: string): string => {
      const r = this.api!.get(element);
      if (r.failure) throw r.failure;
      this.known.set(element, r.value);
      return r.value;
    };
    let launch: { mode: string; entry: string; suspendData: string; count: number };
    try {
      launch = { mode: read(n.mode), entry: read(n.entry), suspendData: read(n.suspendData), count: Number(read(n.interactionCount)) || 0 };
      this.location = read(n.location);
      for (const element of this.statusElements()) this.held[element] = read(element);
      // Known, so an unchanged score is not written again on every launch.
      for (const element of [n.scoreRaw, n.scoreMin, n.scoreMax, ...(this.version === 'scorm2004' ? ['cmi.score.scaled', 'cmi.progress_measure'] : [])]) read(element);
    } catch (failure) {
      // The LMS's own script broke while we read: writing now could replace its record with a blank one.
      this.notRecording(failure as LmsFailure);
      this.entry = '';
      return;
    }
    this.entry = launch.entry;
    if (launch.mode === 'review' || launch.mode === 'browse') {
      this.mode = 'review';
      const held = this.held['cmi.core.lesson_status'];
      this.sayBrowsed = this.version === 'scorm12' && (held === '' || held === 'not attempted');
    }
    const { suspendData, count } = launch;
    if (suspendData !== '') {
      try {
        this.restore(suspendData);
      } catch (err) {
        this.restartedBecause = (err as Error).message;
      }
    }
    this.nextInteraction = Math.max(this.nextInteraction, count);
    // An LMS resumes where the learner left; a fresh entry (ab-initio) begins at the menu, records kept.
    if (this.entry === 'resume' && this.openIndex !== null) this.resumeModule = this.modules[this.openIndex]?.id ?? null;
    if (this.mode === 'review') this.setHealth({ kind: 'review' });
    else if (this.careful) this.setHealth({ kind: 'deferred' });
    this.save();
    visibility?.addEventListener('visibilitychange', () => {
      if (visibility.visibilityState === 'visible' && this.pendingCommit) this.commitNow();
    });
  }

  static launch(input: { win: ApiWindow; course: BundleCourse; moduleIds: readonly string[]; clock?: () => Date; visibility?: Visibility; afterScreen?: RunOptions['afterScreen'] }): CourseSession {
    return new CourseSession(findApi(input.win), input.course, input.moduleIds, input.clock ?? (() => new Date()), input.visibility ?? null, input.afterScreen);
  }

  // ---- what the views read -------------------------------------------------------------------

  get saveHealth(): SaveHealth {
    return this.health;
  }

  onHealth(listener: (h: SaveHealth) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  get recording(): boolean {
    return this.mode === 'normal';
  }

  get status(): CourseStatus {
    return courseStatus(this.modules, this.records);
  }

  view(moduleId: string): ModuleView {
    const module = this.module(moduleId);
    const record = this.records.get(moduleId) ?? null;
    const saved = this.states.get(moduleId) ?? '';
    const finishedState = FINISHED_STATE.test(saved);
    const inProgress = saved !== '' && !finishedState && !(record?.kind === 'completed');
    return { module, record, inProgress, hasSaved: saved !== '' };
  }

  // ---- playing modules -----------------------------------------------------------------------

  /**
   * Opens a module: a try under way resumes where it was; a recorded result is shown again without
   * being written (a pass stays a pass); a completed lesson opens for review; `retake` starts a new
   * try of a failed module, whose failed result stands until the new try reaches its own.
   */
  open(moduleId: string, options: { retake?: boolean; onFinish?: () => void } = {}): OpenModule {
    const module = this.module(moduleId);
    // The module left keeps its place; the new run's first save carries both.
    this.stopActive();
    this.openIndex = null;
    const record = this.records.get(moduleId) ?? null;
    const saved = this.states.get(moduleId) ?? '';
    let writable = this.mode === 'normal';
    let plan: LessonPlan | null = null;
    let resume: SavedState | null = null;
    let restartedBecause: string | null = null;
    if (options.retake) {
      if (record?.kind !== 'failed') throw new Error(`"${module.title}" has no failed result to retake.`);
    } else if (record?.kind === 'completed') {
      writable = false;
    } else if (saved !== '') {
      try {
        ({ plan, resume } = restoreModule(this.course, moduleId, saved));
      } catch (err) {
        restartedBecause = (err as Error).message;
      }
      // A recorded result is shown as it was; only a try still under way carries on writing.
      if (record && record.kind !== 'awaiting-ack' && (record.kind === 'passed' || resume?.phase === 'done')) writable = false;
    }
    if (record?.kind === 'passed' && !resume) writable = false;
    plan ??= drawModule(this.course, moduleId);
    const sink = new ModuleSink(this, moduleId, writable, () => options.onFinish?.());
    if (writable) this.openIndex = this.modules.indexOf(module);
    const run = new LessonRun({ plan, adapter: sink, drawn: module.draw !== undefined, resume, clock: this.clock, ...(this.afterScreen ? { afterScreen: this.afterScreen } : {}) });
    this.active = { module, run };
    return { module, plan, run, writable, restartedBecause };
  }

  /** Back to the menu: the module's own place is kept for next time; one save. */
  closeActive(): void {
    this.stopActive();
    this.openIndex = null;
    this.save();
  }

  /** Stops the module on screen; its run has already recorded its place (saved by the caller). */
  private stopActive(): void {
    const a = this.active;
    this.active = null;
    if (a && !a.run.isFinished) a.run.leave();
  }

  // ---- what a module's run writes (through ModuleSink) ---------------------------------------

  /** @internal */ recordAnswer(item: Item, answer: Answer, at: Date): void {
    if (this.nextInteraction >= MAX_INTERACTIONS) return; // SCORM's smallest permitted maximum; the status still counts
    // An LMS package carries its key: every answer is judged on the spot.
    const n = this.nextInteraction++;
    for (const [element, value] of interactionElements(this.version, n, answerFacts(item, answer, at))) this.put(element, value, false);
  }

  /** @internal */ moduleWrote(moduleId: string, update: { location?: string; status?: LessonStatus; state?: string; finished?: boolean }): void {
    if (update.location !== undefined) this.location = `${moduleId}:${update.location}`.slice(0, 255);
    if (update.state !== undefined) this.states.set(moduleId, update.state);
    if (update.status) {
      const record = recordOf(update.status);
      if (record) this.records.set(moduleId, record);
    }
    if (update.finished) this.openIndex = null;
  }

  /** Writes the course's status, place and saved state, then commits (one save per learner action). */
  save(): void {
    if (this.mode !== 'normal' || this.left) return;
    const n = ELEMENTS[this.version];
    this.writeStatus(this.status);
    this.put(n.location, this.location);
    const modules = new Map<number, ModuleSave>();
    this.modules.forEach((m, i) => modules.set(i, { record: this.records.get(m.id) ?? null, state: this.states.get(m.id) ?? '' }));
    this.put(n.suspendData, encodeCourse({ nextInteraction: this.nextInteraction, open: this.openIndex, modules }));
    if (!this.leaving) this.commit();
  }

  /** The learner's "Try saving again": every refused value again, then a Commit. */
  retry(): void {
    if (this.mode !== 'normal' || this.left) return;
    this.dirty = true;
    this.commitNow();
  }

  /**
   * Leaving the page (pagehide): the open module keeps its place, exit=suspend (the course is
   * always resumable: the LMS's own attempt settings decide when a new attempt starts) and one
   * Terminate. Nothing is written when the LMS never started recording.
   */
  leave(): void {
    if (this.left || this.leaving) return;
    this.leaving = true;
    this.stopActive();
    if (this.mode === 'not-recording' || !this.api) {
      this.left = true;
      return;
    }
    if (this.mode === 'normal') {
      this.save();
      for (const [element, value] of this.buffered) this.send(element, value);
      this.buffered.clear();
      for (const [element, value] of this.unsent) this.send(element, value);
      const n = ELEMENTS[this.version];
      this.send(n.exit, EXIT[this.version].suspend);
      this.send(n.sessionTime, duration(this.version, this.clock().getTime() - this.startedAt));
    } else if (this.sayBrowsed) {
      // Moodle's SCORM 1.2 LMSFinish turns a status still "not attempted" into "completed", in any
      // mode: a look in preview would count as done. "browsed" is 1.2's own word for that look.
      this.send('cmi.core.lesson_status', 'browsed');
    }
    const failure = this.api.terminate();
    this.left = true;
    if (failure) this.fail(failure);
  }

  // ---- inside --------------------------------------------------------------------------------

  private module(moduleId: string): Module {
    const m = this.modules.find((x) => x.id === moduleId);
    if (!m) throw new Error(`This package has no module "${moduleId}" (it has ${this.modules.map((x) => x.id).join(', ')}).`);
    return m;
  }

  private restore(text: string): void {
    if (isCourseSave(text)) {
      const save = decodeCourse(text, this.modules.length);
      this.nextInteraction = save.nextInteraction;
      this.openIndex = save.open;
      for (const [i, m] of save.modules) {
        const id = this.modules[i]!.id;
        if (m.record) this.records.set(id, m.record);
        if (m.state !== '') this.states.set(id, m.state);
      }
    } else if (this.modules.length === 1 && text.startsWith('1|')) {
      // A one-module package from before the course SCO saved the lesson's own state: carry it on.
      this.states.set(this.modules[0]!.id, text);
      this.openIndex = 0;
    } else {
      throw new Error('The saved place is not one this player wrote.');
    }
  }

  private statusElements(): string[] {
    return this.version === 'scorm2004' ? ['cmi.completion_status', 'cmi.success_status'] : ['cmi.core.lesson_status'];
  }

  private writeStatus(s: CourseStatus): void {
    const n = ELEMENTS[this.version];
    let scoreAllowed = true;
    const status = (element: string, value: string): boolean => {
      if (isDowngrade(this.held[element] ?? '', value)) return false;
      this.held[element] = value;
      this.put(element, value);
      return true;
    };
    if (this.version === 'scorm2004') {
      if (status('cmi.completion_status', s.completed ? 'completed' : 'incomplete')) this.put('cmi.progress_measure', trimDecimal(s.progress));
      if (s.passed !== null) scoreAllowed = status('cmi.success_status', s.passed ? 'passed' : 'failed');
      if (s.percent !== null && scoreAllowed) this.put('cmi.score.scaled', trimDecimal(s.percent / 100));
    } else {
      scoreAllowed = status('cmi.core.lesson_status', !s.completed ? 'incomplete' : s.passed === null ? 'completed' : s.passed ? 'passed' : 'failed');
    }
    if (s.percent !== null && scoreAllowed) {
      this.put(n.scoreMin, '0');
      this.put(n.scoreMax, '100');
      this.put(n.scoreRaw, String(s.percent));
    }
  }

  /** Sets a value the LMS does not hold yet. `mutable` values wait for the Terminate in careful mode. */
  private put(element: string, value: string, mutable = true): void {
    if (this.mode !== 'normal' || this.left) return;
    if (this.careful && mutable && !this.leaving) {
      this.buffered.set(element, value);
      return;
    }
    // Sent now, so an older value still held for the Terminate must not follow and overwrite it.
    this.buffered.delete(element);
    if (this.known.get(element) === value && !this.unsent.has(element)) return;
    this.send(element, value);
  }

  private send(element: string, value: string): void {
    const failure = this.api!.set(element, value);
    if (failure) {
      this.unsent.set(element, value);
      this.fail(failure);
      return;
    }
    this.unsent.delete(element);
    this.known.set(element, value);
    this.dirty = true;
  }

  private commit(): void {
    if (!this.dirty && this.unsent.size === 0) return;
    // A hidden page is one an LMS may be leaving: it could send this save fire-and-forget.
    if (this.visibility?.visibilityState === 'hidden') {
      this.pendingCommit = true;
      return;
    }
    this.commitNow();
  }

  private commitNow(): void {
    this.pendingCommit = false;
    if (this.left || !this.api) return;
    for (const [element, value] of [...this.unsent]) this.send(element, value);
    const failure = this.api.commit();
    if (failure) return this.fail(failure);
    this.dirty = false;
    if (this.unsent.size === 0 && (this.health.kind === 'ok' || this.health.kind === 'failing')) this.setHealth({ kind: 'ok', saved: true });
  }

  private notRecording(failure: LmsFailure): void {
    this.mode = 'not-recording';
    this.setHealth({ kind: 'not-recording', failure });
  }

  private fail(failure: LmsFailure): void {
    if (this.health.kind === 'not-recording') return;
    this.setHealth({ kind: 'failing', failure });
  }

  private setHealth(h: SaveHealth): void {
    this.health = h;
    for (const l of this.listeners) l(h);
  }
}

/** Counts launches in the LMS's window; true when the course already ran in this very page. */
function markLaunch(host: ApiWindow | undefined): boolean {
  if (!host) return false;
  try {
    const w = host as Record<string, unknown>;
    const before = Number(w[LAUNCH_MARK] ?? 0) || 0;
    w[LAUNCH_MARK] = before + 1;
    return before > 0;
  } catch {
    return false; // a window we may read but not write: no mark, no careful mode
  }
}

/** A lesson codec state at its end (phase letter d, docs/player.md). */
const FINISHED_STATE = /^1\|d/;
const trimDecimal = (x: number): string => x.toFixed(4).replace(/\.?0+$/, '') || '0';

/** One module's run, written into the course SCO (or, for a review, nowhere). */
class ModuleSink implements LessonSink {
  constructor(
    private readonly session: CourseSession,
    private readonly moduleId: string,
    private readonly writable: boolean,
    private readonly onFinish: () => void,
  ) {}

  // Always open: a review run must still move on screen; its writes go nowhere.
  readonly isOpen = true;

  recordAnswer(_n: number, item: Item, answer: Answer, at: Date): void {
    if (this.writable) this.session.recordAnswer(item, answer, at);
  }

  setLocation(location: string): void {
    if (this.writable) this.session.moduleWrote(this.moduleId, { location });
  }

  setStatus(status: LessonStatus): void {
    if (this.writable) this.session.moduleWrote(this.moduleId, { status });
  }

  setSuspendData(state: string): void {
    if (this.writable) this.session.moduleWrote(this.moduleId, { state });
  }

  commit(): void {
    if (this.writable) this.session.save();
  }

  finish(): void {
    if (this.writable) {
      this.session.moduleWrote(this.moduleId, { finished: true });
      this.session.save();
    }
    this.onFinish();
  }

  // Leaving a module early: its place was written with its last step; the session saves once after.
  suspend(): void {}
}
