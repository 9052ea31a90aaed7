import { describe, expect, it } from 'vitest';
import type { Item } from '@content/schema';
import { currentItem } from '@renderer/lesson/machine';
import { phaseOf, type LessonRun } from '@renderer/lesson/run';
import { callProblems } from '../scorm/standard';
import { startSession, type Session } from './harness';
import { course, drawnIds, keyedOnly, rightAnswer, staffCourse, wrongAnswer } from './support';
import { SCORM_VERSIONS, type ScormVersion } from '@content/scorm';

/**
 * The exact SCORM output, as the player hands it to the API: every SetValue / LMSSetValue is
 * captured at the call (scorm-again is not asked afterwards, since it rewrites some values) and
 * read against each standard's vocabularies and documented encodings (tests/scorm/standard.ts),
 * then pinned value by value for one answer of every item kind.
 */


/** Written out from the SCORM mapping in docs/interfaces.md, not taken from content/scorm. */
const TYPE: Record<ScormVersion, Record<Item['kind'], string>> = {
  scorm2004: { single: 'choice', trueFalse: 'true-false', sort: 'matching', branching: 'sequencing' },
  scorm12: { single: 'choice', trueFalse: 'true-false', sort: 'performance', branching: 'performance' },
};

function encoded(version: ScormVersion, item: Item, neutral: string): string {
  switch (item.kind) {
    case 'single':
      return neutral;
    case 'trueFalse':
      return version === 'scorm12' ? (neutral === 'true' ? 't' : 'f') : neutral;
    case 'sort':
      return version === 'scorm2004' ? neutral.split(',').map((pair) => pair.split('.').join('[.]')).join('[,]') : neutral;
    case 'branching':
      return version === 'scorm2004' ? neutral.split(',').join('[,]') : neutral;
  }
}

const START = new Date(2026, 10, 27, 9, 30, 5);
/** Each decision takes this long: an answer's latency is a known multiple of it. */
const THINK_MS = 6_170;

/** A clock the test moves: only the learner's thinking takes time. */
function testClock(): { now: () => Date; advance: (ms: number) => void } {
  let at = START.getTime();
  return { now: () => new Date(at), advance: (ms) => (at += ms) };
}

interface Given {
  item: Item;
  neutral: string;
  right: boolean;
  decisions: number;
}

/** Plays to the end, answering by `pick`, taking THINK_MS per decision; returns what was answered. */
function play(run: LessonRun, clock: ReturnType<typeof testClock>, pick: (item: Item, n: number) => boolean): Given[] {
  const given: Given[] = [];
  for (let guard = 0; guard < 500 && phaseOf(run.snapshot) !== 'done'; guard++) {
    const phase = phaseOf(run.snapshot);
    const shown = currentItem(run.snapshot.context);
    const item = shown ? keyedOnly(shown) : undefined;
    if (phase === 'question' && item) {
      const right = pick(item, given.length);
      const neutral = right ? rightAnswer(item) : wrongAnswer(item);
      const steps = item.kind === 'branching' ? neutral.split(',') : [neutral];
      steps.forEach((step, i) => {
        clock.advance(THINK_MS);
        if (item.kind === 'branching') run.send({ type: 'CHOOSE', option: step.slice(step.indexOf('.') + 1) });
        else run.send({ type: 'ANSWER', response: step });
        if (i < steps.length - 1) run.send({ type: 'NEXT' });
      });
      given.push({ item, neutral, right, decisions: steps.length });
    } else if (phase === 'acknowledge') run.send({ type: 'ACKNOWLEDGE' });
    else run.send({ type: 'NEXT' });
  }
  expect(phaseOf(run.snapshot)).toBe('done');
  return given;
}

/** The value the player last set on an element (undefined when it never set it). */
const lastSet = (s: Session, element: string): string | undefined => s.calls.filter(([e]) => e === element).at(-1)?.[1];

/** A draw of the staff assessment with every item kind in it. */
function everyKindDraw(): string[] {
  const c = staffCourse();
  for (let i = 0; i < 500; i++) {
    const ids = drawnIds(c, 'assessment', `kinds-${i}`);
    const kinds = new Set(ids.map((id) => c.bank.find((x) => x.id === id)?.kind));
    if (kinds.size === 4) return ids;
  }
  throw new Error('no draw of the staff assessment holds every item kind');
}

describe.each(SCORM_VERSIONS)('%s: what the player sets, at the call', (version) => {
  it('every call of a passed staff assessment fits the standard, and each interaction is exactly as documented', async () => {
    const clock = testClock();
    const s = await startSession({ course: staffCourse(), moduleId: 'assessment', version, drawnIds: everyKindDraw(), clock: clock.now });
    // Right except the second answer: 11 of 12, a pass.
    const given = play(s.run, clock, (_item, n) => n !== 1);
    await s.host.flush();
    expect(callProblems(version, s.calls)).toEqual([]);
    expect(new Set(given.map((g) => g.item.kind)).size).toBe(4);

    given.forEach((g, n) => {
      const p = `cmi.interactions.${n}.`;
      const mine = s.calls.filter(([e]) => e.startsWith(p));
      const at = (field: string): string | undefined => mine.find(([e]) => e === `${p}${field}`)?.[1];
      const where = `${g.item.kind} ${g.item.id} (${version})`;
      // id and type come first: an LMS checks each response against the type already set.
      expect(mine.slice(0, 2).map(([e]) => e), where).toEqual([`${p}id`, `${p}type`]);
      expect(at('id'), where).toBe(`${g.item.id}__${g.item.clauses.join('_')}`);
      expect(at('type'), where).toBe(TYPE[version][g.item.kind]);
      expect(at(version === 'scorm2004' ? 'learner_response' : 'student_response'), where).toBe(encoded(version, g.item, g.neutral));
      expect(at('correct_responses.0.pattern'), where).toBe(encoded(version, g.item, rightAnswer(g.item)));
      expect(at('result'), where).toBe(g.right ? 'correct' : version === 'scorm2004' ? 'incorrect' : 'wrong');
      const thought = g.decisions * THINK_MS;
      const seconds = (thought / 1000).toFixed(2);
      if (version === 'scorm2004') {
        expect(at('latency'), where).toBe(`PT${Number(seconds)}S`);
        expect(at('timestamp'), where).toMatch(/^2026-11-27T09:3\d:\d\d$/);
        expect(at('description'), where).toBe(g.item.stem.replace(/\s+/g, ' ').trim().slice(0, 250));
      } else {
        expect(at('latency'), where).toBe(`0000:00:${seconds.padStart(5, '0')}`);
        expect(at('time'), where).toMatch(/^09:3\d:\d\d$/);
        expect(at('description'), where).toBeUndefined();
      }
    });
    expect(given[1]?.right).toBe(false);

    const played = s.calls.length;
    expect(played).toBeGreaterThan(given.length * 7);
    if (version === 'scorm2004') {
      expect(lastSet(s, 'cmi.success_status')).toBe('passed');
      expect(lastSet(s, 'cmi.completion_status')).toBe('completed');
      expect(lastSet(s, 'cmi.score.raw')).toBe('92');
      expect(lastSet(s, 'cmi.score.scaled')).toBe('0.9167');
      expect(lastSet(s, 'cmi.exit')).toBe('normal');
      expect(lastSet(s, 'cmi.session_time')).toMatch(/^PT(\d+M)?\d+(\.\d{1,2})?S$/);
    } else {
      expect(lastSet(s, 'cmi.core.lesson_status')).toBe('passed');
      expect(lastSet(s, 'cmi.core.score.raw')).toBe('92');
      expect(lastSet(s, 'cmi.core.exit')).toBe('');
      expect(lastSet(s, 'cmi.core.session_time')).toMatch(/^0000:\d\d:\d\d(\.\d\d)?$/);
    }
  });

  it('leaving a pupil lesson midway: suspend, and every call fits the standard', async () => {
    const c = course('pupils-ks2');
    const mod = c.modules.find((m) => (m.questions ?? []).some((q) => q.kind === 'sort'))!;
    const clock = testClock();
    const s = await startSession({ course: c, moduleId: mod.id, version, drawnIds: [], clock: clock.now });
    let answered = 0;
    for (let guard = 0; guard < 200 && answered < 2; guard++) {
      const item = currentItem(s.run.snapshot.context);
      if (phaseOf(s.run.snapshot) === 'question' && item) {
        clock.advance(THINK_MS);
        s.run.send({ type: 'ANSWER', response: answered === 0 ? wrongAnswer(item) : rightAnswer(item) });
        answered++;
      } else s.run.send({ type: 'NEXT' });
    }
    s.run.leave();
    await s.host.flush();
    expect(callProblems(version, s.calls)).toEqual([]);
    expect(lastSet(s, version === 'scorm2004' ? 'cmi.exit' : 'cmi.core.exit')).toBe('suspend');
    expect(lastSet(s, 'cmi.interactions.0.result')).toBe(version === 'scorm2004' ? 'incorrect' : 'wrong');
    const suspend = lastSet(s, 'cmi.suspend_data') ?? '';
    expect(suspend).toMatch(/^1\|/);
    // Midway there is no pass or fail and no score yet.
    expect(s.calls.some(([e]) => /success_status|score/.test(e))).toBe(false);
  });
});
