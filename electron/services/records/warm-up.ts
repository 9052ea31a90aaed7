import { assessableBank, drawItemIds, fillPlaceholders, interactionId, type Bundle, type BundleCourse, type Module } from '@content/schema';
import { cmiBytes, correctResponse, interactionElements, isoDuration, type Cmi } from '@content/scorm';
import { checkedCommitReply, checkedItem, CommitReply, CommitRequest } from '@contract/channels/records';
import { encodeJournalLine } from '../storage';
import { cmiDigest, reportedStatus } from './cmi';
import { cmiChanges } from './entries';
import { rescore } from './verdict';
import { revealJudged } from './reveal';
import { timelineStep, type Timeline } from './timeline';

/**
 * Times the made-up attempt is answered through (about 150 ms of CPU in all). V8 optimises a
 * function only after it has run many times; measured, 10 takes the first commit of a process
 * from about 20 ms of CPU to 7-11, and 20 gave no more.
 */
export const WARM_UP_ATTEMPTS = 10;

const SAMPLE_ATTEMPT = '00000000-0000-4000-8000-000000000000';
const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** The first scored module staff take, with its course: the commits a learner waits on most. */
function sampleModule(bundle: Bundle): { course: BundleCourse; module: Module } | null {
  for (const course of bundle.courses) {
    const module = course.audience === 'staff' ? course.modules.find((m) => m.draw !== undefined) : undefined;
    if (module) return { course, module };
  }
  return null;
}

/**
 * The commit path's own work (everything but SQL and the disk) run on a made-up attempt in the
 * background at start-up, so that a learner's first commits are not V8's first: it compiles a
 * function when it first runs and optimises it only after many runs, and a process's first
 * commits used about twice the CPU of later ones. Each answer of the sample is checked by the
 * request schema (the cmi's rules), diffed and timed (timelineStep), re-scored, digested, encoded
 * as a journal line, revealed and checked by the reply schema, as attempts.commit does; nothing is
 * read or written. One answer per turn of the event loop (about a millisecond, tens on the first
 * turns), so main never waits long behind it. Returns how many sample commits it went through.
 */
export async function warmCommitPath(bundle: Bundle, attempts = WARM_UP_ATTEMPTS): Promise<number> {
  await nextTurn(); // none of it inside openApp
  const found = sampleModule(bundle);
  if (!found) return 0;
  let warmed = 0;
  const { course, module } = found;
  const drawnItemIds = drawItemIds(module, assessableBank(course, null), SAMPLE_ATTEMPT);
  const items = drawnItemIds.flatMap((id) => {
    const item = course.bank.find((i) => i.id === id);
    const key = bundle.answerKey[id];
    return item && key ? [{ item, key }] : [];
  });
  const ctx = { courseId: course.id, moduleId: module.id, audience: 'staff' as const, drawnItemIds };
  const request = CommitRequest;
  const reply = CommitReply;
  const values = { trust: 'Trust', school: 'School', policyVersion: '1.0' };
  const started = Date.UTC(2026, 0, 1, 9);

  for (let a = 0; a < attempts; a++) {
    let before: Cmi | null = null;
    let timeline: Timeline = { answers: [], served: new Map() };
    const data: Record<string, string> = { 'cmi.completion_status': 'incomplete', 'cmi.exit': 'suspend', 'cmi.success_status': 'unknown' };
    for (let n = 0; n < items.length; n++) {
      await nextTurn();
      const { item, key } = items[n]!;
      const at = new Date(started + n * 20_000);
      const response = correctResponse(key);
      const facts = { id: interactionId(item), kind: key.kind, response, correctResponse: response, correct: true, latencyMs: 15_000, at };
      for (const [element, value] of interactionElements('scorm2004', n, facts)) data[element] = value;
      data['cmi.location'] = item.id;
      data['cmi.session_time'] = isoDuration(60_000 + n * 20_000);
      const parsed = request.safeParse({ attemptId: SAMPLE_ATTEMPT, seq: n + 1, cmi: { version: 'scorm2004', data: { ...data } } });
      if (!parsed.success) return warmed; // a sample the rules refuse warms nothing worth having
      const cmi = parsed.data.cmi;
      const step = timelineStep({ before, after: cmi, timeline, itemIds: drawnItemIds, at: at.toISOString(), legacy: { updatedAt: at.toISOString() } });
      timeline = { answers: [...timeline.answers, ...step.answers], served: new Map([...timeline.served, ...step.served.map((s) => [s.itemId, s.at] as const)]) };
      const scored = rescore(bundle, ctx, cmi.version, timeline, false);
      const digest = cmiDigest(cmi);
      encodeJournalLine({ j: n, k: 'attempt.commit', attemptId: SAMPLE_ATTEMPT, seq: n + 1, digest, bytes: cmiBytes(cmi), cmi, verdict: scored.verdict, flags: scored.flags, timeline: step });
      cmiChanges(before?.data ?? null, cmi.data);
      reportedStatus(cmi);
      const judged = revealJudged(bundle, ctx, scored.judged, (item) => checkedItem(fillPlaceholders(item, values)) ?? item);
      reply.safeParse(checkedCommitReply({ durable: true, verdict: scored.verdict, judged }));
      before = cmi;
      warmed++;
    }
  }
  return warmed;
}
