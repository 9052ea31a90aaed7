import type { Item, PlayerItem } from '@content/schema';
import { deriveAnswerKey } from '@content/schema/derive-key';
import { correctResponse, duration, ELEMENTS, EXIT, interactionElements, judgementElements, type ScormVersion } from '@content/scorm';
import type { Answer, LessonResult } from '../result';
import type { FoundApi } from './discovery';
import { answerFacts } from './answer-facts';

export interface LaunchData {
  /** '' | 'ab-initio' | 'resume' as the host reports it. */
  entry: string;
  suspendData: string;
  location: string;
  alreadyComplete: boolean;
}

/** Where the lesson stands, in the version-neutral terms the adapter maps to each data model. */
export interface LessonStatus {
  completed: boolean;
  /** null: not scored (lessons) or not decided yet. */
  passed: boolean | null;
  result: LessonResult | null;
  progress: number;
}

/** What a lesson run writes to: this adapter in the app, a module of the course SCO in an LMS (lesson/lms). */
export interface LessonSink {
  readonly isOpen: boolean;
  /** Answer n of this run (in the order answered); without the right response and result when the item came unkeyed. */
  recordAnswer(n: number, item: PlayerItem, answer: Answer, at: Date): void;
  /** Answer n's right response and result, once main has judged an answer to an item that came unkeyed (the app only). */
  recordJudgement?(n: number, item: Item, correct: boolean): void;
  setLocation(location: string): void;
  setStatus(status: LessonStatus): void;
  setSuspendData(data: string): void;
  commit(): void;
  /** The run reached its end. */
  finish(): void;
  /** The learner leaves before the end. */
  suspend(): void;
}

export class ScormCallError extends Error {
  override name = 'ScormCallError';
}

/** The location fits both versions (1.2's CMIString255 is the smaller). */
const LOCATION_MAX = 255;

/**
 * The SCO side of SCORM: speaks only to the API it discovered, and maps the lesson to each
 * version's own data model (content/scorm says what goes where and in which encoding).
 */
export class ScoAdapter implements LessonSink {
  readonly version: ScormVersion;
  readonly errors: string[] = [];
  private startedAt = 0;
  private open = false;

  constructor(
    private readonly found: FoundApi,
    private readonly clock: () => Date = () => new Date(),
    /** Tests turn this on: a refused call throws instead of being logged. */
    private readonly strict = false,
  ) {
    this.version = found.version;
  }

  get isOpen(): boolean {
    return this.open;
  }

  private get names() {
    return ELEMENTS[this.version];
  }

  private fail(what: string): void {
    const f = this.found;
    const code = f.version === 'scorm2004' ? f.api.GetLastError() : f.api.LMSGetLastError();
    const text = f.version === 'scorm2004' ? f.api.GetErrorString(code) : f.api.LMSGetErrorString(code);
    const message = `${what} failed: SCORM error ${code} (${text})`;
    this.errors.push(message);
    if (this.strict) throw new ScormCallError(message);
  }

  get(element: string): string {
    const f = this.found;
    return String(f.version === 'scorm2004' ? f.api.GetValue(element) : f.api.LMSGetValue(element));
  }

  set(element: string, value: string): void {
    const f = this.found;
    const ok = f.version === 'scorm2004' ? f.api.SetValue(element, value) : f.api.LMSSetValue(element, value);
    if (String(ok) !== 'true') this.fail(`SetValue(${element}, ${JSON.stringify(value.slice(0, 60))})`);
  }

  start(): LaunchData {
    const f = this.found;
    const ok = f.version === 'scorm2004' ? f.api.Initialize('') : f.api.LMSInitialize('');
    if (String(ok) !== 'true') this.fail('Initialize');
    this.open = true;
    this.startedAt = this.clock().getTime();
    let complete: boolean;
    if (f.version === 'scorm2004') {
      complete = this.get('cmi.completion_status') === 'completed';
      if (!complete) this.set('cmi.completion_status', 'incomplete');
    } else {
      const status = this.get('cmi.core.lesson_status');
      complete = status === 'completed' || status === 'passed' || status === 'failed';
      if (!complete) this.set('cmi.core.lesson_status', 'incomplete');
    }
    const n = this.names;
    return { entry: this.get(n.entry), suspendData: this.get(n.suspendData), location: this.get(n.location), alreadyComplete: complete };
  }

  setLocation(location: string): void {
    this.set(this.names.location, location.slice(0, LOCATION_MAX));
  }

  setSuspendData(data: string): void {
    this.set(this.names.suspendData, data);
  }

  /** One interaction per answer, at index n (the order answered). */
  recordAnswer(n: number, item: PlayerItem, answer: Answer, at: Date): void {
    for (const [element, value] of interactionElements(this.version, n, answerFacts(item, answer, at))) this.set(element, value);
  }

  recordJudgement(n: number, item: Item, correct: boolean): void {
    const facts = { kind: item.kind, correctResponse: correctResponse(deriveAnswerKey(item)), correct };
    for (const [element, value] of judgementElements(this.version, n, facts)) this.set(element, value);
  }

  setStatus(status: LessonStatus): void {
    const r = status.result;
    const n = this.names;
    if (r && r.percent !== null) {
      this.set(n.scoreMin, '0');
      this.set(n.scoreMax, '100');
      this.set(n.scoreRaw, String(r.percent));
    }
    if (this.version === 'scorm2004') {
      this.set('cmi.progress_measure', status.progress.toFixed(4).replace(/\.?0+$/, '') || '0');
      if (r && r.percent !== null) this.set('cmi.score.scaled', String(Math.round((r.correct / r.total) * 10000) / 10000));
      if (status.passed !== null) this.set('cmi.success_status', status.passed ? 'passed' : 'failed');
      if (status.completed) this.set('cmi.completion_status', 'completed');
    } else if (status.completed) {
      // 1.2 has one status: passed or failed says completed as well.
      this.set('cmi.core.lesson_status', status.passed === null ? 'completed' : status.passed ? 'passed' : 'failed');
    }
  }

  commit(): void {
    const f = this.found;
    const ok = f.version === 'scorm2004' ? f.api.Commit('') : f.api.LMSCommit('');
    if (String(ok) !== 'true') this.fail('Commit');
  }

  private close(exit: 'suspend' | 'normal'): void {
    if (!this.open) return;
    const elapsed = this.clock().getTime() - this.startedAt;
    this.set(this.names.exit, EXIT[this.version][exit]);
    this.set(this.names.sessionTime, duration(this.version, elapsed));
    this.commit();
    const f = this.found;
    const ok = f.version === 'scorm2004' ? f.api.Terminate('') : f.api.LMSFinish('');
    this.open = false;
    if (String(ok) !== 'true') this.fail('Terminate');
  }

  /** Leaving early: the host keeps the attempt open for a resume. */
  suspend(): void {
    this.close('suspend');
  }

  finish(): void {
    this.close('normal');
  }
}
