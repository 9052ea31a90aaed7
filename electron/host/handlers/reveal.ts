import { fillPlaceholders, type Item, type PlaceholderValues } from '@content/schema';
import { checkedItem } from '@contract/channels/records';
import { revealJudged, type CommittedAttempt, type RevealedAnswer } from '@services/records';
import type { Services } from '../services';

/**
 * Each keyed item as filled for one set of placeholder values, checked and frozen once: a learner's
 * commits reveal the same items again and again (every answer so far, each commit).
 */
const filled = new WeakMap<Item, Map<string, Item>>();

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}

function filledItem(item: Item, values: PlaceholderValues): Item {
  const key = `${values.trust}\u0000${values.school}\u0000${values.policyVersion}`;
  let forItem = filled.get(item);
  if (!forItem) filled.set(item, (forItem = new Map()));
  const done = forItem.get(key);
  if (done) return done;
  const fresh = fillPlaceholders(item, values);
  const checked = checkedItem(fresh);
  // Not kept when it fails: the reply's check then refuses it (an internal error, logged).
  if (!checked) return fresh;
  forItem.set(key, deepFreeze(checked));
  return checked;
}

/** A commit's judged answers as the learner may see them, placeholders filled as content.module fills them. */
export function revealed(s: Services, attempt: CommittedAttempt, judged: Parameters<typeof revealJudged>[2]): RevealedAnswer[] {
  const settings = s.settings.current();
  const values = { trust: settings.trustName, school: attempt.school ?? settings.trustName, policyVersion: settings.policyVersionLabel };
  return revealJudged(s.bundle, attempt, judged).map((r) => ({ ...r, item: filledItem(r.item, values) }));
}
