import type { AnswerKeyEntry } from '../schema/answer-key';

/** A branching scenario as scoring sees it: where it starts, where each `node.option` leads, the best endings. */
export type BranchMap = Pick<Extract<AnswerKeyEntry, { kind: 'branching' }>, 'start' | 'transitions' | 'correct'>;

/**
 * The shortest walk from the start to a best ending (`toBest`) or to an ending that is not best,
 * as its `node.option` steps; null when the scenario has no such ending. Options are tried in the
 * authored order, so the same scenario always gives the same walk: it is the one correct pattern
 * a branching interaction reports, and the walk the demo and the tests take.
 */
export function shortestWalk(map: BranchMap, toBest: boolean): string[] | null {
  const best = new Set(map.correct);
  const leaving = new Map<string, [step: string, to: { next?: string; ending?: string }][]>();
  for (const [step, to] of Object.entries(map.transitions)) {
    const node = step.slice(0, step.indexOf('.'));
    const list = leaving.get(node) ?? [];
    list.push([step, to]);
    leaving.set(node, list);
  }
  const queue: { node: string; walk: string[] }[] = [{ node: map.start, walk: [] }];
  const seen = new Set<string>();
  for (let at = 0; at < queue.length; at++) {
    const { node, walk } = queue[at] as { node: string; walk: string[] };
    if (seen.has(node)) continue;
    seen.add(node);
    for (const [step, to] of leaving.get(node) ?? []) {
      if (to.ending !== undefined && best.has(to.ending) === toBest) return [...walk, step];
      if (to.next !== undefined) queue.push({ node: to.next, walk: [...walk, step] });
    }
  }
  return null;
}

/** The neutral response of the shortest walk to a best ending, e.g. `n1.a,n2.c` ('' when there is none). */
export const bestPath = (map: BranchMap): string => (shortestWalk(map, true) ?? []).join(',');
