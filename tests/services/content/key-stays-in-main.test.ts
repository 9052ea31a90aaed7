import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deriveAnswerKey, interactionId, type Item } from '@content/schema';
import { correctResponse, ELEMENTS, interactionElements, type Cmi } from '@content/scorm';
import { testBundle } from '@tests/helpers/bundle';
import { becomeRole, expectOk, SETUP, startHarness, type Harness } from '../admin/harness';
import { sendHonestly } from '@tests/helpers/honest';
import type { CommitReply } from '@contract/channels/records';
import { answeredCmi, assessmentOf } from '../records/helpers';

// Issue 11 item 1: a scored module's key stays in main. content.module is called for every scored
// module of the bundle by everyone who can be at the keyboard, and its whole reply is walked for any
// field the key could be read from; the commit's reply reveals an item only once it is answered.

/** Fields that carry the key or its reasons in the content's items (content/schema items.ts). */
const KEY_FIELDS = ['correct', 'answer', 'feedback', 'misconception', 'group', 'best', 'endings', 'ending', 'tags', 'hint'];

/** Every path in a JSON value whose key is one of KEY_FIELDS. */
function keyFieldsIn(value: unknown, at = '$'): string[] {
  if (Array.isArray(value)) return value.flatMap((v, i) => keyFieldsIn(v, `${at}[${i}]`));
  if (value && typeof value === 'object') {
    return Object.entries(value).flatMap(([k, v]) => [...(KEY_FIELDS.includes(k) ? [`${at}.${k}`] : []), ...keyFieldsIn(v, `${at}.${k}`)]);
  }
  return [];
}

const bundle = testBundle();
const SCORED = bundle.courses.flatMap((c) => c.modules.filter((m) => m.draw !== undefined).map((m) => ({ courseId: c.id, moduleId: m.id, count: m.draw!.count })));
const itemById = new Map(bundle.courses.flatMap((c) => [...c.bank, ...c.modules.flatMap((m) => m.questions ?? [])]).map((i) => [i.id, i]));

let pc: Harness;
let a: string;
let b: string;
let pupil: string;

beforeAll(async () => {
  pc = startHarness({ now: { value: new Date('2026-01-10T10:00:00Z') } });
  expectOk(await pc.call('setup.complete', SETUP));
  b = (expectOk(await pc.call('learners.signIn', { name: 'Bea Baker', workEmail: 'bea@leap.example', school: SETUP.schools[1]!, role: 'support', pin: '135791' })) as { learnerId: string }).learnerId;
  a = (expectOk(await pc.call('learners.signIn', { name: 'Alex Able', workEmail: 'alex@leap.example', school: SETUP.schools[0]!, role: 'teaching', pin: '246802' })) as { learnerId: string }).learnerId;
  pupil = (expectOk(await pc.call('learners.startPupilSession', { firstName: 'Mia', initial: 'R', className: 'Ash 2', band: 'ks1' })) as { learnerId: string }).learnerId;
  expectOk(await pc.call('learners.endPupilSession', {}));
  expectOk(await pc.call('learners.signOut', {}));
  // B passes the assessment, honestly timed; eleven months on the refresher is open to B.
  become('learner B');
  const c = bundle.courses.find((x) => x.id === 'staff-induction')!;
  const start = pc.started.services.records.store.startAttempt(b, c.id, 'assessment');
  const full = answeredCmi(bundle, c, assessmentOf(c), start.drawnItemIds, { right: () => true, claim: true });
  const done = await sendHonestly(async (channel, request) => expectOk(await pc.call(channel, request)) as CommitReply, pc.now, start.attemptId, 1, full);
  expect(done.verdict.status).toBe('passed');
  pc.now.value = new Date('2026-12-20T10:00:00Z');
});
afterAll(() => pc?.stop());

const ROLES = ['nobody', 'learner A', 'learner B', 'admin', 'pupil'] as const;
function become(role: (typeof ROLES)[number]): void {
  becomeRole(pc, role, { a, b, pupil });
}

describe('content.module for a scored module carries no key', () => {
  it('the bundle has scored modules to ask for', () => {
    expect(SCORED.map((m) => m.moduleId).sort()).toEqual(['assessment', 'refresher']);
  });

  it.each(SCORED.map((m) => [`${m.courseId}/${m.moduleId}`, m] as const))('%s: no key field at any depth, for anyone, with or without an attempt', async (_name, m) => {
    // The owner's attempt, with main's draw: the delivery that has questions in it (B holds the pass the refresher renews).
    const owner = m.moduleId === 'refresher' ? 'learner B' : 'learner A';
    const attempt = pc.started.services.records.store.startAttempt(owner === 'learner A' ? a : b, m.courseId, m.moduleId);
    expect(attempt.drawnItemIds).toHaveLength(m.count);
    const seen: string[] = [];
    for (const role of ROLES) {
      become(role);
      for (const attemptId of [undefined, attempt.attemptId]) {
        const r = await pc.call('content.module', { courseId: m.courseId, moduleId: m.moduleId, ...(attemptId ? { attemptId } : {}) });
        if (!r.ok) {
          seen.push(`${role} ${attemptId ? 'attempt' : 'none'}: ${r.error.code}`);
          continue;
        }
        const reply = r.value as { scored: boolean; items: { id: string; unkeyed?: boolean }[] };
        expect(keyFieldsIn(reply), `${role}, ${attemptId ? 'with A’s attempt' : 'no attempt'}`).toEqual([]);
        expect(reply.scored).toBe(true);
        expect(reply.items.every((i) => i.unkeyed === true)).toBe(true);
        seen.push(`${role} ${attemptId ? 'attempt' : 'none'}: ${reply.items.length} items`);
      }
    }
    // The walk saw the drawn questions (their owner), and nobody else saw them.
    expect(seen).toEqual([
      'nobody none: 0 items',
      'nobody attempt: forbidden',
      'learner A none: 0 items',
      `learner A attempt: ${owner === 'learner A' ? `${m.count} items` : 'forbidden'}`,
      'learner B none: 0 items',
      `learner B attempt: ${owner === 'learner B' ? `${m.count} items` : 'forbidden'}`,
      'admin none: 0 items',
      'admin attempt: forbidden',
      'pupil none: 0 items',
      'pupil attempt: forbidden',
    ]);
  });

  it('a lesson still comes keyed: its feedback is formative and given on the spot', async () => {
    become('learner A');
    const r = expectOk(await pc.call('content.module', { courseId: 'staff-induction', moduleId: 'personal-use' })) as { scored: boolean; items: Item[] };
    expect(r.scored).toBe(false);
    expect(r.items.length).toBeGreaterThan(0);
    expect(keyFieldsIn(r.items).length).toBeGreaterThan(0);
  });

  it('the reply check refuses a key a handler might leak: an unkeyed item with its correct flag is not a valid reply', async () => {
    const { ContentModuleReply } = await import('@contract/channels/content');
    become('learner A');
    const attempt = pc.started.services.records.store.startAttempt(a, 'staff-induction', 'assessment');
    const good = expectOk(await pc.call('content.module', { courseId: 'staff-induction', moduleId: 'assessment', attemptId: attempt.attemptId })) as { items: Record<string, unknown>[] };
    expect(ContentModuleReply.safeParse(good).success).toBe(true);
    const keyed = attempt.drawnItemIds.map((id) => itemById.get(id)!);
    const leaked = { ...good, items: keyed };
    expect(ContentModuleReply.safeParse(leaked).success).toBe(false);
    const one = { ...good, items: good.items.map((i, n) => (n === 0 ? { ...i, ...(keyed[0]!.kind === 'trueFalse' ? { answer: true } : { tags: ['escalate'] }) } : i)) };
    expect(ContentModuleReply.safeParse(one).success).toBe(false);
  });
});

/** A SCORM 2004 cmi holding `answers` (item, neutral response) as interactions 0.., at `location`. */
function cmiWith(location: string, answers: { item: Item; response: string }[]): Cmi {
  const data: Record<string, string> = { [ELEMENTS.scorm2004.location]: location, 'cmi.completion_status': 'incomplete' };
  answers.forEach(({ item, response }, n) => {
    for (const [k, v] of interactionElements('scorm2004', n, { id: interactionId(item), kind: item.kind, response, latencyMs: 5000 })) data[k] = v;
  });
  return { version: 'scorm2004', data };
}

describe('the commit’s reply reveals an item only once it is answered', () => {
  it('carries main’s judgement and the keyed item for each answered drawn item, and nothing for the rest', async () => {
    become('learner A');
    const start = expectOk(await pc.call('attempts.start', { learnerId: a, courseId: 'staff-induction', moduleId: 'assessment' })) as { attemptId: string; drawnItemIds: string[] };
    const [first, second] = start.drawnItemIds.map((id) => itemById.get(id)!);
    const staff = bundle.courses.find((c) => c.id === 'staff-induction')!;
    const notDrawn = staff.bank.find((i) => !start.drawnItemIds.includes(i.id))!;
    let seq = 0;
    const commit = async (cmi: Cmi) => expectOk(await pc.call('attempts.commit', { attemptId: start.attemptId, seq: ++seq, cmi })) as { judged: { index: number; itemId: string; right: boolean; item: Item }[] };

    // Served, not answered: nothing revealed.
    expect((await commit(cmiWith(first!.id, []))).judged).toEqual([]);
    pc.now.value = new Date(pc.now.value.getTime() + 6000);
    const right = correctResponse(deriveAnswerKey(first!));
    const afterOne = await commit(cmiWith(first!.id, [{ item: first!, response: right }]));
    expect(afterOne.judged.map((j) => [j.index, j.itemId, j.right])).toEqual([[0, first!.id, true]]);
    expect(afterOne.judged[0]!.item).toEqual(first);

    // The second item served and answered wrong; an answer to an item not drawn reveals nothing.
    await commit(cmiWith(second!.id, [{ item: first!, response: right }]));
    pc.now.value = new Date(pc.now.value.getTime() + 6000);
    const wrong = second!.kind === 'trueFalse' ? String(!second!.answer) : second!.kind === 'single' ? second!.options.find((o) => !o.correct)!.id : '';
    const answers = [{ item: first!, response: right }, ...(wrong ? [{ item: second!, response: wrong }] : []), { item: notDrawn, response: correctResponse(deriveAnswerKey(notDrawn)) }];
    const afterThree = await commit(cmiWith(second!.id, answers));
    expect(afterThree.judged.map((j) => j.itemId)).toEqual([first!.id, ...(wrong ? [second!.id] : [])]);
    expect(afterThree.judged.every((j) => start.drawnItemIds.includes(j.item.id))).toBe(true);
    if (wrong) expect(afterThree.judged[1]).toMatchObject({ index: 1, right: false });
    // Nothing of the items still to come.
    const rest = start.drawnItemIds.filter((id) => id !== first!.id && id !== second!.id);
    expect(JSON.stringify(afterThree)).not.toContain(rest[0]);
  });
});
