import { parseInteractionId } from '@content/schema';
import { ELEMENTS, interactionsOf, type Cmi } from '@content/scorm';
import type { CommitReply, CommitRequest } from '@contract/channels/records';
import type { Timeline } from '@services/records/timeline';

/** attempts.commit / attempts.finish through whichever harness a suite uses; throws on a refusal. */
export type CommitCall = (channel: 'attempts.commit' | 'attempts.finish', request: CommitRequest) => Promise<CommitReply>;

/** The cmi with only its first `n` interactions (everything else as given), at `location`. */
export function upTo(full: Cmi, n: number, location: string | null): Cmi {
  const data = Object.fromEntries(
    Object.entries(full.data).filter(([k]) => {
      const m = /^cmi\.interactions\.(\d+)\./.exec(k);
      return !m || Number(m[1]) < n;
    }),
  );
  if (location !== null) data[ELEMENTS[full.version].location] = location;
  return { version: full.version, data };
}

/**
 * Sends a cmi's answers as the app's player does, so main's clock counts them: each item served (a
 * commit naming it as the location), the learner reading for `thinkMs` on the injected clock, then
 * the commit carrying the answer; finally the whole cmi as the finish (or one more commit).
 * `already`: how many of the answers main holds from earlier commits.
 */
export async function sendHonestly(
  call: CommitCall,
  now: { value: Date },
  attemptId: string,
  fromSeq: number,
  full: Cmi,
  o: { thinkMs?: number; finish?: boolean; already?: number } = {},
): Promise<CommitReply & { nextSeq: number }> {
  let seq = fromSeq;
  for (const [n, it] of interactionsOf(full).entries()) {
    if (n < (o.already ?? 0)) continue;
    const itemId = parseInteractionId(it.id).itemId;
    await call('attempts.commit', { attemptId, seq: seq++, cmi: upTo(full, n, itemId) });
    now.value = new Date(now.value.getTime() + (o.thinkMs ?? 5_000));
    await call('attempts.commit', { attemptId, seq: seq++, cmi: upTo(full, n + 1, itemId) });
  }
  const last = await call(o.finish === false ? 'attempts.commit' : 'attempts.finish', { attemptId, seq: seq++, cmi: full });
  return { ...last, nextSeq: seq };
}

/**
 * The timeline main would have kept had the player sent this cmi honestly: each item served when
 * the previous answer was given, and answered its cmi latency (or `gapMs`) later: for tests of the
 * verdict's rules on their own, away from the commit path.
 */
export function timelineOf(cmi: Cmi, o: { gapMs?: number } = {}): Timeline {
  let t = Date.parse('2026-11-27T10:00:00.000Z');
  const served = new Map<string, string>();
  const answers: Timeline['answers'] = [];
  for (const it of interactionsOf(cmi)) {
    // An unreadable id is kept as sent (main flags it); it names no item to serve.
    const itemId = itemOrNull(it.id);
    if (itemId !== null && !served.has(itemId)) served.set(itemId, new Date(t).toISOString());
    t += o.gapMs ?? it.latencyMs ?? 0;
    answers.push({ index: it.index, interactionId: it.id, response: it.response, answeredAt: new Date(t).toISOString(), timed: true });
  }
  return { served, answers };
}

function itemOrNull(id: string): string | null {
  try {
    return parseInteractionId(id).itemId;
  } catch {
    return null;
  }
}
