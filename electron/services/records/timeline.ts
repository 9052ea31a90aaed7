import { ELEMENTS, interactionsOf, type Cmi, type CmiInteraction } from '@content/scorm';
import { ServiceError } from '@contract/result';
import { prepared, type ReadableDb, type ReadableStatement, type WritableDb } from '../storage';
import { storedInteractions } from './cmi';

/** One answer as main first received it: where it sits in the cmi, what it said, main's time. */
export interface TimedAnswer {
  index: number;
  interactionId: string;
  /** The response as the cmi wrote it (learner_response / student_response). */
  response: string;
  answeredAt: string;
  /** False for answers committed before main kept a timeline: no time of main's is known for them. */
  timed: boolean;
}

/** What main has seen of one attempt, by its own clock. */
export interface Timeline {
  answers: TimedAnswer[];
  /** Item id → when main first saw it on the learner's screen. */
  served: Map<string, string>;
}

/** What one commit adds to the timeline (journalled with the commit, so a replay adds the same). */
export interface TimelineStep {
  served: { itemId: string; at: string }[];
  answers: TimedAnswer[];
}

/**
 * loadTimeline's two reads, prepared once per connection with their rows as arrays: every commit
 * runs them, and a row object made only to be copied into the timeline's own cost about half
 * their time. Kept here, not in the shared `prepared` statements, whose rows are objects.
 */
const timelineReads = new WeakMap<ReadableDb, { answers: ReadableStatement; served: ReadableStatement }>();
function readsOf(db: ReadableDb): { answers: ReadableStatement; served: ReadableStatement } {
  let reads = timelineReads.get(db);
  if (!reads) {
    reads = {
      answers: db.prepare('SELECT idx, interaction_id, response, answered_at, timed FROM attempt_answers WHERE attempt_id = ? ORDER BY idx'),
      served: db.prepare('SELECT item_id, served_at FROM attempt_served WHERE attempt_id = ?'),
    };
    reads.answers.setReturnArrays(true);
    reads.served.setReturnArrays(true);
    timelineReads.set(db, reads);
  }
  return reads;
}

export function loadTimeline(db: ReadableDb, attemptId: string): Timeline {
  const reads = readsOf(db);
  const rows = reads.answers.all(attemptId) as unknown as [idx: number, interactionId: string, response: string, answeredAt: string, timed: number][];
  const answers: TimedAnswer[] = new Array<TimedAnswer>(rows.length);
  for (let i = 0; i < rows.length; i++) {
    const [index, interactionId, response, answeredAt, timed] = rows[i]!;
    answers[i] = { index, interactionId, response, answeredAt, timed: timed === 1 };
  }
  const served = new Map<string, string>();
  for (const [itemId, at] of reads.served.all(attemptId) as unknown as [itemId: string, servedAt: string][]) served.set(itemId, at);
  return { answers, served };
}

export function applyTimelineStep(db: WritableDb, attemptId: string, step: TimelineStep): void {
  const serve = prepared(db, 'INSERT OR IGNORE INTO attempt_served (attempt_id, item_id, served_at) VALUES (?, ?, ?)');
  for (const s of step.served) serve.run(attemptId, s.itemId, s.at);
  const answer = prepared(db, 'INSERT OR IGNORE INTO attempt_answers (attempt_id, idx, interaction_id, response, answered_at, timed) VALUES (?, ?, ?, ?, ?, ?)');
  for (const a of step.answers) answer.run(attemptId, a.index, a.interactionId, a.response, a.answeredAt, a.timed ? 1 : 0);
}

/** Fields of an interaction that never change once committed (result and the correct pattern may be added later). */
const FIXED: readonly (keyof CmiInteraction)[] = ['id', 'type', 'response', 'answeredAt', 'latencyMs', 'description'];
const NAMES: Partial<Record<keyof CmiInteraction, string>> = { response: 'response', answeredAt: 'time', latencyMs: 'latency' };

const refuse = (message: string): never => {
  throw new ServiceError('conflict', `${message}; answers cannot be taken back or changed`);
};

/**
 * What a commit adds to main's timeline, or a conflict when it rewrites the past. Interactions are
 * append-only: an index once committed keeps its id, type, response, time and latency; no new one
 * may appear below the highest index already committed. An item is served when the commit's
 * location names one of the attempt's items for the first time. `legacy.updatedAt` is the
 * attempt's last change, the time given to answers it held before main kept a timeline.
 */
export function timelineStep(input: {
  before: Cmi | null;
  after: Cmi;
  timeline: Timeline;
  itemIds: readonly string[];
  at: string;
  legacy: { updatedAt: string };
}): TimelineStep {
  const { before, after, timeline, at } = input;
  // The stored cmi's interactions were worked out as it was written (cmi.ts storedInteractions).
  const old = before ? storedInteractions(before) : [];
  const now = interactionsOf(after);
  const byIndex = new Map(now.map((i) => [i.index, i]));
  for (const was of old) {
    const is = byIndex.get(was.index);
    if (!is) refuse(`cmi.interactions.${was.index}: an answer recorded earlier is missing`);
    for (const field of FIXED) {
      const then = was[field];
      if (then === null || then === '' || is?.[field] === then) continue;
      refuse(`cmi.interactions.${was.index}.${NAMES[field] ?? field}: an answer recorded earlier changed ${field === 'id' ? 'its item' : `its ${NAMES[field] ?? field}`}`);
    }
  }
  for (const a of timeline.answers) {
    const is = byIndex.get(a.index);
    if (!is || is.id !== a.interactionId || is.response !== a.response) refuse(`cmi.interactions.${a.index}: an answer recorded earlier is missing or changed`);
  }
  const highest = Math.max(-1, ...old.map((i) => i.index), ...timeline.answers.map((a) => a.index));
  const known = new Set(old.map((i) => i.index));
  for (const i of now) {
    if (!known.has(i.index) && i.index < highest) refuse(`cmi.interactions.${i.index}: a new answer cannot go below answers already recorded (up to index ${highest})`);
  }

  const recorded = new Set(timeline.answers.map((a) => a.index));
  // Answers an attempt held before main kept a timeline (only an upgrade or an import leaves a stored
  // cmi with answers and no timeline): taken in untimed, at the attempt's last change.
  const legacy = timeline.answers.length === 0 ? old.filter((i) => i.response !== '') : [];
  const legacyIndexes = new Set(legacy.map((i) => i.index));
  const answers: TimedAnswer[] = [
    ...legacy.map((i) => ({ index: i.index, interactionId: i.id, response: i.response, answeredAt: input.legacy.updatedAt, timed: false })),
    ...now
      .filter((i) => i.response !== '' && !recorded.has(i.index) && !legacyIndexes.has(i.index))
      .map((i) => ({ index: i.index, interactionId: i.id, response: i.response, answeredAt: at, timed: true })),
  ];

  const served: TimelineStep['served'] = [];
  const items = new Set(input.itemIds);
  const location = after.data[ELEMENTS[after.version].location] ?? '';
  if (items.has(location) && !timeline.served.has(location) && !served.some((s) => s.itemId === location)) served.push({ itemId: location, at });
  return { served, answers };
}
