import { deriveAnswerKey, isKeyed, type BundleCourse, type Item, type PlayerItem } from '@content/schema';
import { drawItemIds } from '@content/schema/draw';
import { correctResponse, shortestWalk } from '@content/scorm';
import { testBundle } from '../helpers/bundle';

/** The item with its key (these tests play the bundle's own, keyed items). */
export function keyedOnly(item: PlayerItem): Item {
  if (!isKeyed(item)) throw new Error(`${item.id} came without its key`);
  return item;
}

/** The bundle's own item (keyed) for an item main sent without its key: what a test knows and a learner does not. */
export function bundleItem(id: string): Item {
  for (const c of testBundle().courses) {
    const found = [...c.bank, ...c.modules.flatMap((m) => m.questions ?? [])].find((i) => i.id === id);
    if (found) return found;
  }
  throw new Error(`no item ${id} in the bundle`);
}

/** A right answer and a wrong one for any item, as a learner would give them. */
export function rightAnswer(given: PlayerItem): string {
  return correctResponse(deriveAnswerKey(keyedOnly(given)));
}

export function wrongAnswer(given: PlayerItem): string {
  const item = keyedOnly(given);
  switch (item.kind) {
    case 'single':
      return item.options.find((o) => o.correct !== true)?.id ?? 'a';
    case 'trueFalse':
      return String(!item.answer);
    case 'sort':
      return item.cards
        .map((c, i) => `${c.id}.${i === 0 ? (item.groups.find((g) => g.id !== c.group)?.id ?? c.group) : c.group}`)
        .join(',');
    case 'branching': {
      const key = deriveAnswerKey(item);
      if (key.kind !== 'branching') throw new Error(`${item.id} has no scenario key`);
      const walk = shortestWalk(key, false);
      if (!walk) throw new Error(`${item.id} has no ending that is not best`);
      return walk.join(',');
    }
  }
}

export function course(id: string): BundleCourse {
  const c = testBundle().courses.find((x) => x.id === id);
  if (!c) throw new Error(`no course ${id}`);
  return c;
}

export const staffCourse = (): BundleCourse => {
  const c = testBundle().courses.find((x) => x.audience === 'staff');
  if (!c) throw new Error('no staff course');
  return c;
};

/** The items an attempt would present, drawn exactly as main draws them. */
export function drawnIds(c: BundleCourse, moduleId: string, seed: string, exclude: string[] = []): string[] {
  const m = c.modules.find((x) => x.id === moduleId);
  if (!m) throw new Error(`no module ${moduleId}`);
  return m.draw ? drawItemIds(m, c.bank, seed, exclude) : [];
}

import type { LessonRun } from '@renderer/lesson/run';
import { phaseOf } from '@renderer/lesson/run';
import { currentItem } from '@renderer/lesson/machine';

/** Answers the question on screen with `response` through the view's events. */
export function answer(run: LessonRun, response: string): void {
  const item = currentItem(run.snapshot.context);
  if (!item) throw new Error(`no question on screen (phase ${phaseOf(run.snapshot)})`);
  if (item.kind !== 'branching') {
    run.send({ type: 'ANSWER', response });
    return;
  }
  const steps = response.split(',');
  steps.forEach((pair, i) => {
    run.send({ type: 'CHOOSE', option: pair.slice(pair.indexOf('.') + 1) });
    if (i < steps.length - 1) {
      if (phaseOf(run.snapshot) !== 'consequence') throw new Error(`expected a consequence after ${pair}`);
      run.send({ type: 'NEXT' });
    }
  });
}

/**
 * Drives a run to its end (or to `stopAt` steps): NEXT through screens and feedback, answering
 * each question right or wrong as `pick` says, acknowledging when asked.
 */
export function drive(run: LessonRun, pick: (item: Item, n: number) => 'right' | 'wrong', stopAt = Infinity): void {
  let n = 0;
  for (let guard = 0; guard < 500; guard++) {
    const phase = phaseOf(run.snapshot);
    if (phase === 'done') return;
    if (run.snapshot.context.index >= stopAt && (phase === 'screen' || phase === 'question')) return;
    if (phase === 'question') {
      const shown = currentItem(run.snapshot.context);
      if (!shown) throw new Error('question without item');
      const item = keyedOnly(shown);
      answer(run, pick(item, n++) === 'right' ? rightAnswer(item) : wrongAnswer(item));
    } else if (phase === 'acknowledge') {
      run.send({ type: 'ACKNOWLEDGE' });
    } else {
      run.send({ type: 'NEXT' });
    }
  }
  throw new Error('drive did not finish in 500 steps');
}
