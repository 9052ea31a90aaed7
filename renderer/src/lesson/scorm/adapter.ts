import type { Item } from '../../../../content/schema';
import { interactionId } from '../../../../content/schema';
import type { Answer, LessonResult } from '../result';
import type { FoundApi } from './discovery';
import {
  cmiTime,
  cmiTimespan,
  correctNeutral,
  describe,
  interactionType,
  isoDuration,
  isoTimestamp,
  toScormResponse,
  type ScormVersion,
} from './format';

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

export class ScormCallError extends Error {
  override name = 'ScormCallError';
}

/**
 * The SCO side of SCORM: speaks only to the API it discovered, and maps the lesson to each
 * version's own data model (never one model squeezed into the other).
 */
export class ScoAdapter {
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
    if (f.version === 'scorm2004') {
      const complete = this.get('cmi.completion_status') === 'completed';
      if (!complete) this.set('cmi.completion_status', 'incomplete');
      return { entry: this.get('cmi.entry'), suspendData: this.get('cmi.suspend_data'), location: this.get('cmi.location'), alreadyComplete: complete };
    }
    const status = this.get('cmi.core.lesson_status');
    const complete = status === 'completed' || status === 'passed' || status === 'failed';
    if (!complete) this.set('cmi.core.lesson_status', 'incomplete');
    return { entry: this.get('cmi.core.entry'), suspendData: this.get('cmi.suspend_data'), location: this.get('cmi.core.lesson_location'), alreadyComplete: complete };
  }

  setLocation(location: string): void {
    this.set(this.version === 'scorm2004' ? 'cmi.location' : 'cmi.core.lesson_location', location.slice(0, 255));
  }

  setSuspendData(data: string): void {
    this.set('cmi.suspend_data', data);
  }

  /** One interaction per answer, at index n (the order answered). */
  recordAnswer(n: number, item: Item, answer: Answer, at: Date): void {
    const p = `cmi.interactions.${n}.`;
    const v = this.version;
    this.set(`${p}id`, interactionId(item));
    this.set(`${p}type`, interactionType(v, item));
    if (v === 'scorm2004') {
      this.set(`${p}timestamp`, isoTimestamp(at));
      this.set(`${p}description`, describe(item.stem));
      this.set(`${p}correct_responses.0.pattern`, toScormResponse(v, item.kind, correctNeutral(item)));
      this.set(`${p}learner_response`, toScormResponse(v, item.kind, answer.response));
      this.set(`${p}result`, answer.correct ? 'correct' : 'incorrect');
      this.set(`${p}latency`, isoDuration(answer.latencyMs));
    } else {
      this.set(`${p}time`, cmiTime(at));
      this.set(`${p}correct_responses.0.pattern`, toScormResponse(v, item.kind, correctNeutral(item)));
      this.set(`${p}student_response`, toScormResponse(v, item.kind, answer.response));
      this.set(`${p}result`, answer.correct ? 'correct' : 'wrong');
      this.set(`${p}latency`, cmiTimespan(answer.latencyMs));
    }
  }

  setStatus(status: LessonStatus): void {
    const r = status.result;
    if (this.version === 'scorm2004') {
      this.set('cmi.progress_measure', status.progress.toFixed(4).replace(/\.?0+$/, '') || '0');
      if (r && r.percent !== null) {
        this.set('cmi.score.min', '0');
        this.set('cmi.score.max', '100');
        this.set('cmi.score.raw', String(r.percent));
        this.set('cmi.score.scaled', String(Math.round((r.correct / r.total) * 10000) / 10000));
      }
      if (status.passed !== null) this.set('cmi.success_status', status.passed ? 'passed' : 'failed');
      if (status.completed) this.set('cmi.completion_status', 'completed');
      return;
    }
    if (r && r.percent !== null) {
      this.set('cmi.core.score.min', '0');
      this.set('cmi.core.score.max', '100');
      this.set('cmi.core.score.raw', String(r.percent));
    }
    if (status.completed) {
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
    if (this.version === 'scorm2004') {
      this.set('cmi.exit', exit);
      this.set('cmi.session_time', isoDuration(elapsed));
    } else {
      this.set('cmi.core.exit', exit === 'suspend' ? 'suspend' : '');
      this.set('cmi.core.session_time', cmiTimespan(elapsed));
    }
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
