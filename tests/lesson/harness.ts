import { checkCmiElement, type ScormVersion } from '../../content/scorm';
import type { BundleCourse } from '../../content/schema';
import { decodeDrawn, decodeState } from '../../renderer/src/lesson/codec';
import { startInAppHost, type InAppHost } from '../../renderer/src/lesson/host/in-app';
import type { Cmi } from '../../renderer/src/lesson/host/cmi';
import { buildPlan } from '../../renderer/src/lesson/plan';
import { LessonRun } from '../../renderer/src/lesson/run';
import { ScoAdapter } from '../../renderer/src/lesson/scorm/adapter';
import { findApi } from '../../renderer/src/lesson/scorm/discovery';

export interface Sent {
  kind: 'commit' | 'finish';
  seq: number;
  cmi: Cmi;
}

export interface Session {
  run: LessonRun;
  host: InAppHost;
  adapter: ScoAdapter;
  sent: Sent[];
  last(): Cmi;
}

/**
 * The app's arrangement without the app: scorm-again as the in-app host in a window-like object,
 * the player discovering it, and every commit captured as main would receive it.
 */
export async function startSession(opts: {
  course: BundleCourse;
  moduleId: string;
  version: ScormVersion;
  drawnIds: string[];
  previous?: Cmi | null;
  clock?: () => Date;
}): Promise<Session> {
  const win: Record<string, unknown> = {};
  const sent: Sent[] = [];
  const host = await startInAppHost(win, {
    version: opts.version,
    previous: opts.previous ?? null,
    learner: { id: '3f1c7a52-8d0e-4b1a-9c55-0a6e2f1d9b77', name: 'Test, Ada' },
    send: async (kind, seq, cmi) => {
      sent.push({ kind, seq, cmi: structuredClone(cmi) });
    },
  });
  const found = findApi(win);
  if (!found) throw new Error('the player did not find the host');
  const adapter = new ScoAdapter(found, opts.clock, true);
  const launch = adapter.start();
  const drawn = opts.course.modules.find((m) => m.id === opts.moduleId)?.draw !== undefined;
  let plan = buildPlan(opts.course, opts.moduleId, opts.drawnIds);
  let resume = null;
  if (launch.entry === 'resume' && launch.suspendData !== '') {
    const ids = decodeDrawn(launch.suspendData, plan.pool);
    if (drawn) plan = buildPlan(opts.course, opts.moduleId, ids);
    resume = decodeState(launch.suspendData, plan);
  }
  const run = new LessonRun({ plan, adapter, drawn, resume, ...(opts.clock ? { clock: opts.clock } : {}) });
  await host.flush();
  return {
    run,
    host,
    adapter,
    sent,
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
