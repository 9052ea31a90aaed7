import { afterEach, describe, expect, it } from 'vitest';
import { interactionId } from '@content/schema';
import { correctResponse, ELEMENTS, shortestWalk, toScormResponse, type Cmi } from '@content/scorm';
import { addInteraction, demoResponse, rng } from '@services/records/demo';
import { rescore } from '@services/records/verdict';
import { testBundle } from '@tests/helpers/bundle';
import { answeredCmi, assessmentOf, course, harness, playHonestly, removeDir, STAFF, type Harness } from './helpers';

// Issue 11 item 2: main's clock and append-only answers. Each forgery class the review found (or
// could have) is sent through the real dispatcher, as a renderer could send it.

let h: Harness | null = null;
afterEach(() => {
  if (h) {
    h.close();
    removeDir(h.dataDir);
    h = null;
  }
});

/** A staff assessment and a forger's pen: a cmi built by hand, committed with rising seqs. */
async function forger() {
  const x = harness();
  h = x;
  const { learnerId } = await x.call('learners.signIn', { ...STAFF });
  const c = course(x.bundle, 'staff-induction');
  const m = assessmentOf(c);
  const start = await x.call('attempts.start', { learnerId, courseId: c.id, moduleId: m.id });
  const cmi: Cmi = { version: 'scorm2004', data: {} };
  let seq = 0;
  const r = rng('forger');
  const items = start.drawnItemIds;
  return {
    x,
    c,
    m,
    start,
    items,
    cmi,
    /** Writes interaction n: item `itemId` answered right or wrong, claiming `latencyMs` (null: no latency element). */
    answer(n: number, itemId: string, right: boolean, latencyMs: number | null = 20_000): void {
      const key = x.bundle.answerKey[itemId];
      if (!key) throw new Error(`no key for ${itemId}`);
      const item = [...c.bank, ...(m.questions ?? [])].find((i) => i.id === itemId);
      addInteraction(cmi, n, { itemId, clauseIds: key.clauseIds, kind: key.kind, neutral: demoResponse(r, key, item, right), correctResponse: correctResponse(key), right, latencyMs: latencyMs ?? 0 });
      if (latencyMs === null) delete cmi.data[`cmi.interactions.${n}.latency`];
    },
    at(location: string): void {
      cmi.data[ELEMENTS.scorm2004.location] = location;
    },
    wait(ms: number): void {
      x.now.value = new Date(x.now.value.getTime() + ms);
    },
    commit: () => x.raw('attempts.commit', { attemptId: start.attemptId, seq: ++seq, cmi: structuredClone(cmi) }),
    finish: () => x.raw('attempts.finish', { attemptId: start.attemptId, seq: ++seq, cmi: structuredClone(cmi) }),
    flags: (): string[] => JSON.parse((x.services.records.db.prepare('SELECT flags FROM attempts WHERE id = ?').get(start.attemptId) as { flags: string }).flags) as string[],
  };
}

const verdictOf = (r: Awaited<ReturnType<Harness['raw']>>) => {
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return (r.value as { verdict: { status: string; correct: number } }).verdict;
};

describe("main's clock: a pass needs a second per decision, as main saw it", () => {
  it('no latency element, everything in one finish 0.02 s after the start: failed, nothing counted', async () => {
    const f = await forger();
    f.items.forEach((id, n) => f.answer(n, id, true, null));
    f.wait(20);
    const v = verdictOf(await f.finish());
    expect(v).toMatchObject({ status: 'failed', correct: 0 });
    expect(f.flags()).toContain('answer-before-item-served');
  });

  it('a claimed PT30S on every answer, sent at once: failed; the claim is never believed', async () => {
    const f = await forger();
    f.items.forEach((id, n) => {
      f.at(id); // even naming each item as it goes
      f.answer(n, id, true, 30_000);
    });
    expect(f.cmi.data['cmi.interactions.0.latency']).toBe('PT30S');
    const v = verdictOf(await f.finish());
    expect(v).toMatchObject({ status: 'failed', correct: 0 });
  });

  it('each item served, then answered 0.3 s later: not counted', async () => {
    const f = await forger();
    for (const [n, id] of f.items.entries()) {
      f.at(id);
      expect((await f.commit()).ok).toBe(true);
      f.wait(300);
      f.answer(n, id, true, 30_000);
      expect((await f.commit()).ok).toBe(true);
    }
    const v = verdictOf(await f.finish());
    expect(v).toMatchObject({ status: 'failed', correct: 0 });
    expect(f.flags()).toContain('implausibly-fast-answer');
  });

  it('every item served up front, a pause, then all answered in one commit: only the first counts', async () => {
    const f = await forger();
    for (const id of f.items) {
      f.at(id);
      expect((await f.commit()).ok).toBe(true);
    }
    f.wait(60_000);
    f.items.forEach((id, n) => f.answer(n, id, true));
    const v = verdictOf(await f.finish());
    // The time since each item was served is long, but the decisions came no slower than all at once.
    expect(v).toMatchObject({ status: 'failed', correct: 1 });
  });

  it('an honest learner passes with no latency element at all: main times the answers itself', async () => {
    const f = await forger();
    const full = answeredCmi(f.x.bundle, f.c, f.m, f.items, { right: () => true });
    for (const k of Object.keys(full.data)) if (k.endsWith('.latency')) delete full.data[k];
    const done = await playHonestly(f.x, f.start.attemptId, 1, full, { thinkMs: 4000 });
    expect(done.verdict).toMatchObject({ status: 'passed', correct: 12 });
  });

  it('a branching scenario needs a second per decision', () => {
    const bundle = testBundle();
    const c = course(bundle, 'staff-induction');
    const item = c.bank.find((i) => i.kind === 'branching');
    const key = item ? bundle.answerKey[item.id] : undefined;
    if (!item || key?.kind !== 'branching') throw new Error('the bank holds no branching item');
    const walk = shortestWalk(key, true) ?? [];
    expect(walk.length).toBeGreaterThan(1);
    const served = '2026-11-27T10:00:00.000Z';
    const after = (ms: number) => new Date(Date.parse(served) + ms).toISOString();
    const answeredAfter = (ms: number) =>
      rescore(bundle, { courseId: c.id, moduleId: assessmentOf(c).id, audience: 'staff', drawnItemIds: [item.id] }, 'scorm2004', {
        served: new Map([[item.id, served]]),
        answers: [{ index: 0, interactionId: interactionId(item), response: toScormResponse('scorm2004', 'branching', walk.join(',')), answeredAt: after(ms), timed: true }],
      }, false);
    const quick = answeredAfter(1000 * walk.length - 1);
    expect(quick.judged).toEqual([{ index: 0, itemId: item.id, right: true, counted: false, notCounted: 'too-fast' }]);
    expect(quick.flags).toContain('implausibly-fast-answer');
    expect(answeredAfter(1000 * walk.length).judged[0]).toMatchObject({ right: true, counted: true, notCounted: null });
  });
});

describe('append-only answers', () => {
  it('a response rewritten at the same index is refused; the first answer stands', async () => {
    const f = await forger();
    const [first = ''] = f.items;
    f.at(first);
    await f.commit();
    f.wait(5000);
    f.answer(0, first, false);
    const wrong = f.cmi.data['cmi.interactions.0.learner_response'];
    expect(verdictOf(await f.commit()).correct).toBe(0);
    f.answer(0, first, true);
    const rewritten = await f.commit();
    expect(rewritten).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect(!rewritten.ok && rewritten.error.message).toMatch(/cmi\.interactions\.0\.response: an answer recorded earlier changed its response/);
    const row = f.x.services.records.db.prepare('SELECT response FROM attempt_answers WHERE attempt_id = ? AND idx = 0').get(f.start.attemptId) as { response: string };
    expect(row.response).toBe(wrong);
  });

  it('an answer inserted below answers already committed is refused', async () => {
    const f = await forger();
    for (const [n, id] of f.items.slice(0, 4).entries()) {
      f.at(id);
      await f.commit();
      f.wait(5000);
      f.answer(n + 2, id, false); // indices 2..5
      await f.commit();
    }
    const [, , , , fifth = ''] = f.items;
    f.at(fifth);
    await f.commit();
    f.wait(5000);
    f.answer(1, fifth, true);
    const below = await f.commit();
    expect(below).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect(!below.ok && below.error.message).toMatch(/cmi\.interactions\.1: a new answer cannot go below answers already recorded \(up to index 5\)/);
  });

  it('an item answered twice counts its first answer by main’s time, even when the later one has a lower index in the same cmi', async () => {
    const f = await forger();
    const [first = ''] = f.items;
    f.at(first);
    await f.commit();
    f.wait(5000);
    f.answer(0, first, false);
    await f.commit();
    f.wait(5000);
    f.answer(1, first, true);
    const v = verdictOf(await f.commit());
    expect(v.correct).toBe(0);
    expect(f.flags()).toContain('item-answered-twice');
  });

  it('answers to items that were not drawn count for nothing', async () => {
    const f = await forger();
    const notDrawn = f.c.bank.find((i) => !f.items.includes(i.id))?.id;
    if (!notDrawn) throw new Error('the bank holds nothing undrawn');
    f.at(notDrawn); // naming it as the location does not serve it either
    await f.commit();
    f.wait(5000);
    f.answer(0, notDrawn, true);
    expect(verdictOf(await f.commit()).correct).toBe(0);
    expect(f.flags()).toContain('answer-to-an-item-not-drawn');
    expect(f.x.services.records.db.prepare('SELECT COUNT(*) AS n FROM attempt_served WHERE attempt_id = ?').get(f.start.attemptId)).toEqual({ n: 0 });
  });

  it('an answer to an item main never saw served is not counted', async () => {
    const f = await forger();
    const [first = '', second = ''] = f.items;
    f.at(first);
    await f.commit();
    f.wait(5000);
    f.answer(0, second, true); // answers the next item while the first is on screen
    expect(verdictOf(await f.commit()).correct).toBe(0);
    expect(f.flags()).toContain('answer-before-item-served');
  });
});
