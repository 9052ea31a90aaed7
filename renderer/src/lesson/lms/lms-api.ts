import type { FoundApi } from '../scorm/discovery';

/** One call the LMS refused or broke on, with what it said (its own code and words, or its exception). */
export interface LmsFailure {
  call: 'Initialize' | 'Commit' | 'Terminate' | 'SetValue' | 'GetValue';
  /** The LMS's error code ('' when its API threw before it could give one). */
  code: string;
  /** The LMS's description of the code, or the exception's message. */
  text: string;
  thrown: boolean;
  /** The element, for SetValue and GetValue. */
  element?: string;
}

const message = (err: unknown): string => (err instanceof Error ? `${err.name}: ${err.message}` : String(err));

/**
 * The LMS's API with every call guarded: a refusal comes back as the LMS's error code and text, and
 * an exception thrown by the LMS's own script (it happens: Moodle's SCORM 1.2 LMSInitialize can
 * throw when a SCO is reopened in the same page) comes back the same way instead of breaking the
 * player. Names are version-neutral; each call goes to its version's function.
 */
export class LmsApi {
  constructor(private readonly found: FoundApi) {}

  private lastError(call: LmsFailure['call'], element?: string): LmsFailure {
    const f = this.found;
    let code = '';
    try {
      code = String(f.version === 'scorm2004' ? f.api.GetLastError() : f.api.LMSGetLastError());
      const text = String(f.version === 'scorm2004' ? f.api.GetErrorString(code) : f.api.LMSGetErrorString(code));
      return { call, code, text, thrown: false, ...(element ? { element } : {}) };
    } catch (err) {
      return { call, code, text: message(err), thrown: false, ...(element ? { element } : {}) };
    }
  }

  private run(call: LmsFailure['call'], invoke: () => unknown, element?: string): LmsFailure | null {
    try {
      return String(invoke()) === 'true' ? null : this.lastError(call, element);
    } catch (err) {
      return { call, code: '', text: message(err), thrown: true, ...(element ? { element } : {}) };
    }
  }

  initialize(): LmsFailure | null {
    const f = this.found;
    return this.run('Initialize', () => (f.version === 'scorm2004' ? f.api.Initialize('') : f.api.LMSInitialize('')));
  }

  commit(): LmsFailure | null {
    const f = this.found;
    return this.run('Commit', () => (f.version === 'scorm2004' ? f.api.Commit('') : f.api.LMSCommit('')));
  }

  terminate(): LmsFailure | null {
    const f = this.found;
    return this.run('Terminate', () => (f.version === 'scorm2004' ? f.api.Terminate('') : f.api.LMSFinish('')));
  }

  set(element: string, value: string): LmsFailure | null {
    const f = this.found;
    return this.run('SetValue', () => (f.version === 'scorm2004' ? f.api.SetValue(element, value) : f.api.LMSSetValue(element, value)), element);
  }

  /** A value, '' when the LMS has none; only an exception counts as a failure (an unset element is not one). */
  get(element: string): { value: string; failure: LmsFailure | null } {
    const f = this.found;
    try {
      const v = f.version === 'scorm2004' ? f.api.GetValue(element) : f.api.LMSGetValue(element);
      return { value: v === null || v === undefined ? '' : String(v), failure: null };
    } catch (err) {
      return { value: '', failure: { call: 'GetValue', code: '', text: message(err), thrown: true, element } };
    }
  }
}
