import { describe, expect, it } from 'vitest';
import { getShortestPaths } from '@xstate/graph';
import { interactionId, type BundleCourse } from '@content/schema';
import { decodeState } from '@renderer/lesson/codec';
import { branchPosition, currentItem, lessonMachine, type LessonContext, type LessonEvent } from '@renderer/lesson/machine';
import { buildPlan, planItems } from '@renderer/lesson/plan';
import type { ViewEvent } from '@renderer/lesson/run';
import { course, drawnIds, rightAnswer, staffCourse, wrongAnswer } from './support';
import { interactions, standardProblems, startSession } from './harness';
import { callProblems } from '../scorm/standard';
import { SCORM_VERSIONS } from '@content/scorm';

/**
 * Model-based: @xstate/graph walks a real module's machine and yields a path to every distinct
 * state (answers collapsed to how many are right, so a 12-item assessment stays small). Each path
 * that reaches the end is replayed through the player against scorm-again, both versions, and the
 * cmi it leaves must agree with the path: interactions, results, score, status, suspend_data.
 */
function eventsFor(snapshot: { value: unknown; context: LessonContext }): LessonEvent[] {
  const ctx = snapshot.context;
  switch (snapshot.value) {
    case 'screen':
      return [{ type: 'NEXT' }, { type: 'BACK' }];
    case 'question': {
      const item = currentItem(ctx);
      if (!item) return [];
      if (item.kind === 'branching') {
        const pos = branchPosition(item, ctx.path);
        if (!('node' in pos)) return [];
        return (item.nodes.find((n) => n.id === pos.node)?.options ?? []).map((o) => ({ type: 'CHOOSE', option: o.id, latencyMs: 1500 }));
      }
      return [
        { type: 'ANSWER', response: rightAnswer(item), latencyMs: 1500 },
        { type: 'ANSWER', response: wrongAnswer(item), latencyMs: 1500 },
      ];
    }
    case 'acknowledge':
      return [{ type: 'ACKNOWLEDGE' }];
    case 'done':
      return [];
    default:
      return [{ type: 'NEXT' }];
  }
}

/**
 * `full`: every distinct answer is a distinct state; otherwise answers collapse to counts (right,
 * and how many items had a second try), so every mix of outcomes is walked without every order.
 */
const serializer =
  (full: boolean) =>
  (s: { value: unknown; context: LessonContext }): string => {
    const a = s.context.answers;
    const seconds = a.filter((x, i) => a[i - 1]?.itemId === x.itemId);
    const answers = full ? a.map((x) => x.response).join(';') : `${a.filter((x) => x.correct).length}/${a.length}/${seconds.filter((x) => x.correct).length}/${seconds.length}`;
    return `${String(s.value)}|${s.context.index}|${answers}|${s.context.path.join(',')}|${s.context.acknowledged}`;
  };

function endPaths(c: BundleCourse, moduleId: string, ids: string[], full: boolean) {
  const plan = buildPlan(c, moduleId, ids);
  const paths = getShortestPaths(lessonMachine, { input: { plan }, events: eventsFor, serializeState: serializer(full), toState: (s) => s.value === 'done' });
  return { plan, paths };
}

const toView = (e: LessonEvent): ViewEvent => {
  if (e.type === 'JUDGED') throw new Error('the model plays keyed items: main never judges them');
  return e.type === 'ANSWER' ? { type: 'ANSWER', response: e.response } : e.type === 'CHOOSE' ? { type: 'CHOOSE', option: e.option } : e;
};

/**
 * What a path's own events must come to, worked out here from the authored answers alone (the
 * player's result code is what is being checked, so it is not asked): an answer is right when it
 * is the item's authored right answer, or for a scenario when its choices walk the best path.
 */
interface Expected {
  /** Right or wrong, per answer given, in order. */
  answers: { itemId: string; right: boolean }[];
  percent: number | null;
  passed: boolean | null;
}

function expectedOf(given: { itemId: string; right: boolean }[], totalItems: number, passPercent: number | null, scored: boolean): Expected {
  const first = new Map<string, boolean>();
  for (const g of given) if (!first.has(g.itemId)) first.set(g.itemId, g.right);
  const right = [...first.values()].filter(Boolean).length;
  // Whole percent, as SCORM's raw score carries it: 8 of 12 is 67.
  const percent = scored && totalItems > 0 ? Math.round((100 * right) / totalItems) : null;
  const passed = passPercent === null ? null : percent !== null && percent >= passPercent;
  return { answers: given, percent, passed };
}

async function checkPaths(c: BundleCourse, moduleId: string, ids: string[], minPaths: number, full: boolean) {
  const { plan, paths } = endPaths(c, moduleId, ids, full);
  expect(paths.length).toBeGreaterThanOrEqual(minPaths);
  const items = planItems(plan);
  const mod = c.modules.find((m) => m.id === moduleId)!;
  // From the content, not the plan: an assessment has a pass mark; a staff lesson is not scored.
  const passPercent = mod.draw ? (mod.draw.passPercent ?? 80) : null; // 80: the schema's default pass mark
  const scored = c.audience === 'pupil' || mod.draw !== undefined;
  for (const path of paths) {
    const final = path.state.context as LessonContext;
    for (const version of SCORM_VERSIONS) {
      const s = await startSession({ course: c, moduleId, version, drawnIds: ids });
      const given: { itemId: string; right: boolean }[] = [];
      let walk: string[] = [];
      for (const step of path.steps) {
        const event = step.event as LessonEvent;
        const item = currentItem(s.run.snapshot.context);
        if (item && event.type === 'ANSWER') given.push({ itemId: item.id, right: event.response === rightAnswer(item) });
        s.run.send(toView(event));
        if (item?.kind === 'branching' && event.type === 'CHOOSE') {
          walk.push(event.option);
          if (s.run.snapshot.value !== 'consequence' || currentItem(s.run.snapshot.context)?.id !== item.id || !('node' in branchPosition(item, s.run.snapshot.context.path))) {
            // The scenario ended: right only along the authored best walk.
            const best = rightAnswer(item).split(',').map((pair) => pair.slice(pair.indexOf('.') + 1));
            given.push({ itemId: item.id, right: walk.join(',') === best.join(',') });
            walk = [];
          }
        }
      }
      await s.host.flush();
      const cmi = s.last();
      const where = `${moduleId} ${version} path ${path.steps.map((x) => x.event.type).join(' ')}`;
      const expected = expectedOf(given, items.length, passPercent, scored);
      expect(s.run.snapshot.value, where).toBe('done');
      expect(standardProblems(cmi), where).toEqual([]);
      expect(callProblems(version, s.calls), where).toEqual([]);
      const list = interactions(cmi);
      // One interaction per answer given, in order: a pupil's second try is an interaction of its own.
      const byId = new Map(items.map((i) => [i.id, i]));
      expect(list.map((i) => i.id), where).toEqual(expected.answers.map((a) => interactionId(byId.get(a.itemId)!)));
      expect(new Set(list.map((i) => i.id)).size, where).toBe(items.length);
      expect(list.map((i) => i.result === 'correct'), where).toEqual(expected.answers.map((a) => a.right));
      const decoded = decodeState(cmi.data['cmi.suspend_data'] ?? '', plan);
      expect(decoded.context.answers.map((a) => a.response), where).toEqual(final.answers.map((a) => a.response));
      const raw = version === 'scorm2004' ? cmi.data['cmi.score.raw'] : cmi.data['cmi.core.score.raw'];
      expect(raw, where).toBe(expected.percent === null ? undefined : String(expected.percent));
      if (version === 'scorm2004') {
        expect(cmi.data['cmi.completion_status'], where).toBe('completed');
        expect(cmi.data['cmi.success_status'] ?? 'unknown', where).toBe(expected.passed === null ? 'unknown' : expected.passed ? 'passed' : 'failed');
      } else {
        expect(cmi.data['cmi.core.lesson_status'], where).toBe(expected.passed === null ? 'completed' : expected.passed ? 'passed' : 'failed');
      }
      expect(s.run.snapshot.context.acknowledged, where).toBe(expected.passed === true && c.acknowledgement !== undefined && c.acknowledgement !== null);
    }
  }
  return paths.length;
}

describe('model-based paths through real modules', () => {
  it('a pupil lesson with a sort: every mix of right, wrong-then-right and wrong twice', async () => {
    const c = course('pupils-ks1');
    const mod = c.modules.find((m) => (m.questions ?? []).some((q) => q.kind === 'sort'))!;
    const questions = mod.questions?.length ?? 0;
    // Each question ends one of three ways for a pupil: right first, right on the second try, or
    // wrong twice; every mix of those outcomes (n+2 choose 2 of them) is walked.
    await checkPaths(c, mod.id, [], ((questions + 2) * (questions + 1)) / 2, false);
  });

  it('the staff assessment with a branching scenario: every score from 0 to 12, every walk of the scenario', async () => {
    const c = staffCourse();
    // A draw that includes a branching scenario, as main would draw it.
    const seed = ['s1', 's2', 's3', 's4', 's5', 's6', 's7', 's8', 's9'].find((x) =>
      drawnIds(c, 'assessment', x).some((id) => c.bank.find((i) => i.id === id)?.kind === 'branching'),
    );
    expect(seed).toBeDefined();
    const ids = drawnIds(c, 'assessment', seed!);
    await checkPaths(c, 'assessment', ids, 13, false);
  });
});
