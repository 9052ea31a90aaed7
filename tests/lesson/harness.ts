import { checkCmiElement, type Cmi, type ScormVersion } from '@content/scorm';
import type { BundleCourse } from '@content/schema';
import { startInAppHost, type InAppHost } from '@renderer/lesson/host/in-app';
import type { LessonRun } from '@renderer/lesson/run';
import type { ScoAdapter } from '@renderer/lesson/scorm/adapter';
import { startLesson, type StartedLesson } from '@renderer/lesson/start';

export interface Sent {
  kind: 'commit' | 'finish';
  seq: number;
  cmi: Cmi;
}

export interface Session {
  run: LessonRun;
  host: InAppHost;
  adapter: ScoAdapter;
  started: StartedLesson;
  sent: Sent[];
  /** Every SetValue / LMSSetValue the player made, as it made it (before scorm-again sees it). */
  calls: [element: string, value: string][];
  last(): Cmi;
}

/**
 * Puts a recorder between the player and the API in the window: each set call is noted exactly
 * as the player made it, then passed on. What scorm-again later reports can differ (it rewrites
 * some values, e.g. a 1.2 `incorrect` to `wrong`), so the standard is checked on these.
 */
function recordSetCalls(win: Record<string, unknown>, version: ScormVersion, calls: [string, string][]): void {
  const key = version === 'scorm2004' ? 'API_1484_11' : 'API';
  const setter = version === 'scorm2004' ? 'SetValue' : 'LMSSetValue';
  const api = win[key] as Record<string, unknown>;
  win[key] = new Proxy(api, {
    get(target, prop) {
      const value = target[prop as string];
      if (typeof value !== 'function') return value;
      if (prop === setter) {
        return (element: string, v: string) => {
          calls.push([element, v]);
          return (value as (e: string, x: string) => unknown).call(target, element, v);
        };
      }
      return (value as (...a: unknown[]) => unknown).bind(target);
    },
  });
}

/**
 * The app's arrangement without the app: scorm-again as the in-app host in a window-like object,
 * the player launched by its own start code (discovery, Initialize, resume from suspend_data),
 * every set call recorded and every commit captured as main would receive it.
 */
export async function startSession(opts: {
  course: BundleCourse;
  moduleId: string;
  version: ScormVersion;
  drawnIds: string[];
  previous?: Cmi | null;
  clock?: () => Date;
  /** The player's scheduler for a step's record (LessonRun's afterScreen); none: recorded in place. */
  afterScreen?: (record: () => void) => void;
}): Promise<Session> {
  const win: Record<string, unknown> = {};
  const sent: Sent[] = [];
  const calls: [string, string][] = [];
  const host = await startInAppHost(win, {
    version: opts.version,
    previous: opts.previous ?? null,
    learner: { id: '3f1c7a52-8d0e-4b1a-9c55-0a6e2f1d9b77', name: 'Test, Ada' },
    send: async (kind, seq, cmi) => {
      sent.push({ kind, seq, cmi: structuredClone(cmi) });
    },
  });
  recordSetCalls(win, opts.version, calls);
  const started = startLesson({
    win,
    course: opts.course,
    moduleId: opts.moduleId,
    drawnIds: opts.drawnIds,
    strict: true,
    ...(opts.clock ? { clock: opts.clock } : {}),
    ...(opts.afterScreen ? { afterScreen: opts.afterScreen } : {}),
  });
  await host.flush();
  return {
    run: started.run,
    host,
    adapter: started.adapter,
    started,
    sent,
    calls,
    last: () => {
      const s = sent.at(-1);
      if (!s) throw new Error('nothing was committed');
      return s.cmi;
    },
  };
}

/** Every element against the standard's own limits (scorm-again is more lenient). */
export function standardProblems(cmi: Cmi): string[] {
  return Object.entries(cmi.data).flatMap(([k, v]) => {
    const p = checkCmiElement(cmi.version, k, v);
    return p ? [`${k}=${JSON.stringify(v)}: ${p}`] : [];
  });
}

/** Interactions of a cmi by index: id, response, result. */
export function interactions(cmi: Cmi): { id: string; response: string; result: string; type: string }[] {
  const out: { id: string; response: string; result: string; type: string }[] = [];
  const resp = cmi.version === 'scorm2004' ? 'learner_response' : 'student_response';
  for (let n = 0; cmi.data[`cmi.interactions.${n}.id`] !== undefined; n++) {
    const p = `cmi.interactions.${n}.`;
    out.push({ id: cmi.data[`${p}id`] ?? '', response: cmi.data[`${p}${resp}`] ?? '', result: cmi.data[`${p}result`] ?? '', type: cmi.data[`${p}type`] ?? '' });
  }
  return out;
}
