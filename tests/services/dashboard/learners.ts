import type { Channel, ReplyOf, RequestOf } from '@contract';
import { addInteraction, demoAnswers, itemsOf, rng, setProgress } from '@services/records/demo';
import type { Harness } from '../admin/harness';
import { sendHonestly } from '@tests/helpers/honest';

type Call = <C extends Channel>(channel: C, request: RequestOf<C>) => Promise<ReplyOf<C>>;

/** The dispatcher as a learner's renderer uses it: a refusal is a thrown error. */
export function caller(h: Harness): Call {
  return async (channel, request) => {
    const r = await h.call(channel, request);
    if (!r.ok) throw new Error(`${channel} refused: ${r.error.code}: ${r.error.message}`);
    return r.value as ReplyOf<typeof channel>;
  };
}

/**
 * Takes one module through the records store's own commit path (start, finish with a cmi,
 * re-scored by main), answering every item right or every item wrong.
 */
export async function takeModule(h: Harness, learnerId: string, courseId: string, moduleId: string, allRight: boolean, finish = true): Promise<{ attemptId: string; status: string }> {
  const call = caller(h);
  const bundle = h.started.services.bundle;
  const course = bundle.courses.find((c) => c.id === courseId)!;
  const module = course.modules.find((m) => m.id === moduleId)!;
  const start = await call('attempts.start', { learnerId, courseId, moduleId });
  const answers = demoAnswers(rng(`${learnerId}/${moduleId}`), bundle, itemsOf(course, module, start.drawnItemIds), allRight ? 1 : 0, false);
  const cmi = start.resumeCmi ?? { version: start.scormVersion, data: {} };
  answers.forEach((a, i) => addInteraction(cmi, i, a));
  const graded = module.draw !== undefined && course.audience === 'staff';
  if (!finish) {
    setProgress(cmi, 0, answers.length, false, null);
    await call('attempts.commit', { attemptId: start.attemptId, seq: start.nextSeq, cmi });
    return { attemptId: start.attemptId, status: 'in-progress' };
  }
  setProgress(cmi, answers.length, answers.length, true, graded ? allRight : null);
  const done = await sendHonestly((channel, request) => call(channel, request), h.now, start.attemptId, start.nextSeq, cmi);
  return { attemptId: start.attemptId, status: done.verdict.status };
}
