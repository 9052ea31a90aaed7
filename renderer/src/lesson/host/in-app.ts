import type { Scorm12API, Scorm2004API, Settings } from 'scorm-again';
import { ELEMENTS, type Cmi, type ScormVersion } from '@content/scorm';
import { toContractCmi, toResumeData } from './cmi';
import { CommitQueue, type SaveState, type SendCmi } from './queue';

/**
 * scorm-again's settings, all stated: no network (lmsCommitUrl false), no autocommit, and no
 * mastery or status rules of its own (the player decides pass/fail at 80%). Scorm12API turns
 * mastery_override on whenever a settings object lacks it, so it is always given.
 */
export const HOST_SETTINGS = {
  lmsCommitUrl: false,
  autocommit: false,
  useAsynchronousCommits: false,
  throttleCommits: false,
  sendFullCommit: true,
  mastery_override: false,
  score_overrides_status: false,
  autoCompleteLessonStatus: false,
  autoProgress: false,
  selfReportSessionTime: false,
  alwaysSendTotalTime: true,
  logLevel: 5, // LogLevelEnum.NONE: the app reports failures itself
} satisfies Settings;

/** Reusing one API object for a retake: drop listeners' state but keep ours, restart total time. */
export const RESET_OPTIONS = { preserveListeners: true, resetTotalTime: true } as const;

export interface InAppHostOptions {
  version: ScormVersion;
  /** The latest cmi of an unfinished attempt (attempts.start resumeCmi), loaded before Initialize. */
  previous: Cmi | null;
  learner: { id: string; name: string };
  /** attempts.commit / attempts.finish; resolves only when main says the write is durable. */
  send: SendCmi;
  onSaveState?: (state: SaveState) => void;
  /** attempts.start's lastSeq (0 for a new attempt). */
  lastSeq?: number;
}

export interface InAppHost {
  readonly version: ScormVersion;
  readonly api: Scorm2004API | Scorm12API;
  /** Resolves when every commit sent so far is durable (the close handshake waits on it). */
  flush(): Promise<void>;
  /** pagehide: the last commits cannot wait for the ones in flight. */
  sendImmediately(): void;
  /** Removes the API from the window (the lesson view unmounts). */
  dispose(): void;
}

type ApiWindow = { API_1484_11?: unknown; API?: unknown };

/**
 * The app's own small LMS: scorm-again in the same window as the player, so the player finds it
 * by the standard discovery. Loaded lazily (dynamic import) when a lesson starts: the first screen
 * never pays for it.
 */
export async function startInAppHost(win: ApiWindow, options: InAppHostOptions): Promise<InAppHost> {
  const lib = await import('scorm-again');
  const settings: Settings = { ...HOST_SETTINGS };
  const api = options.version === 'scorm2004' ? new lib.Scorm2004API(settings) : new lib.Scorm12API(settings);
  const queue = new CommitQueue(options.send, options.onSaveState, options.lastSeq ?? 0);
  const snapshot = (): Cmi => toContractCmi(options.version, api.getFlattenedCMI() as Record<string, unknown>);

  const previous = options.previous && options.previous.version === options.version ? options.previous : null;
  if (previous) {
    const data = toResumeData(previous);
    api.loadFromFlattenedJSON(data);
    const hasSuspend = (data['cmi.suspend_data'] ?? '') !== '';
    if (options.version === 'scorm2004') {
      const entry = (api as Scorm2004API).determineEntryValue(previous.data['cmi.exit'] ?? '', hasSuspend);
      (api as Scorm2004API).cmi.entry = entry;
    } else if (previous.data['cmi.core.exit'] === 'suspend' || hasSuspend) {
      // scorm-again does not derive 1.2's entry: set it as an LMS would.
      (api as Scorm12API).cmi.core.entry = 'resume';
    }
  } else if (options.version === 'scorm2004') {
    (api as Scorm2004API).cmi.entry = 'ab-initio';
  } else {
    (api as Scorm12API).cmi.core.entry = 'ab-initio';
  }
  if (options.version === 'scorm2004') {
    const a = api as Scorm2004API;
    a.cmi.learner_id = options.learner.id;
    a.cmi.learner_name = options.learner.name;
  } else {
    const a = api as Scorm12API;
    a.cmi.core.student_id = options.learner.id;
    a.cmi.core.student_name = options.learner.name;
  }

  const exitOf = (cmi: Cmi): string => cmi.data[ELEMENTS[options.version].exit] ?? '';
  const [commitEvent, finishEvent] = options.version === 'scorm2004' ? ['Commit', 'Terminate'] : ['LMSCommit', 'LMSFinish'];
  api.on(commitEvent, () => queue.push('commit', snapshot()));
  api.on(finishEvent, () => {
    const cmi = snapshot();
    // Leaving early keeps the attempt open for resume; a normal exit finishes it.
    queue.push(exitOf(cmi) === 'suspend' ? 'commit' : 'finish', cmi);
  });

  const key = options.version === 'scorm2004' ? 'API_1484_11' : 'API';
  win[key] = api;
  return {
    version: options.version,
    api,
    flush: () => queue.drain(),
    sendImmediately: () => queue.sendImmediately(),
    dispose: () => {
      if (win[key] === api) delete win[key];
    },
  };
}
