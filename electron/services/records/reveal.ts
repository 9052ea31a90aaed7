import { isScored, type Bundle, type Item } from '@content/schema';
import { findModule, itemsById, type JudgedAnswer } from './verdict';

/** One answer as the learner may now see it: main's judgement and the item with its key and feedback. */
export interface RevealedAnswer extends JudgedAnswer {
  item: Item;
}

/**
 * What main shows back after a commit of a scored module (issue 11 item 1): for each answer it
 * recorded to an item drawn for the attempt, the judgement and the keyed item, so the player can
 * give the feedback. Recorded answers never change (timeline.ts), so the key of an answered item
 * can no longer change its answer; an answer to an item not drawn reveals nothing. A lesson's
 * questions come keyed with the lesson, so nothing is sent back for them. `show` gives the item
 * as the learner sees it (host/handlers/reveal.ts fills its placeholders), so each answer is built once.
 */
export function revealJudged(
  bundle: Bundle,
  attempt: { courseId: string; moduleId: string; drawnItemIds: readonly string[] },
  judged: readonly JudgedAnswer[],
  show: (item: Item) => Item = (item) => item,
): RevealedAnswer[] {
  const found = findModule(bundle, attempt.courseId, attempt.moduleId);
  if (!found || !isScored(found.module)) return [];
  const items = itemsById(found.course, found.module);
  const revealed: RevealedAnswer[] = [];
  for (const j of judged) {
    // A draw is a dozen ids: a scan costs less than a Set made for each commit.
    const item = j.notCounted !== 'not-drawn' && attempt.drawnItemIds.includes(j.itemId) ? items.get(j.itemId) : undefined;
    if (item) revealed.push({ ...j, item: show(item) });
  }
  return revealed;
}
