import { fillPlaceholders, type Item, type PlaceholderValues } from '@content/schema';
import { checkedItem } from '@contract/channels/records';
import { deepFreeze } from '@contract/frozen';
import { revealJudged, type CommittedAttempt, type RevealedAnswer } from '@services/records';
import type { Services } from '../services';

/**
 * Each keyed item as filled for one set of placeholder values, checked and frozen once: a learner's
 * commits reveal the same items again and again (every answer so far, each commit). By the values
 * first (a Trust has a few schools), so a commit looks them up once, not once per answer.
 */
const filled = new Map<string, WeakMap<Item, Item>>();

function filledFor(values: PlaceholderValues): (item: Item) => Item {
  const key = `${values.trust}\u0000${values.school}\u0000${values.policyVersion}`;
  let done = filled.get(key);
  if (!done) filled.set(key, (done = new WeakMap()));
  const kept = done;
  return (item) => {
    const known = kept.get(item);
    if (known) return known;
    const fresh = fillPlaceholders(item, values);
    const checked = checkedItem(fresh);
    // Not kept when it fails: the reply's check then refuses it (an internal error, logged).
    if (!checked) return fresh;
    kept.set(item, deepFreeze(checked));
    return checked;
  };
}

/** A commit's judged answers as the learner may see them, placeholders filled as content.module fills them. */
export function revealed(s: Services, attempt: CommittedAttempt, judged: Parameters<typeof revealJudged>[2]): RevealedAnswer[] {
  const settings = s.settings.current();
  const values = { trust: settings.trustName, school: attempt.school ?? settings.trustName, policyVersion: settings.policyVersionLabel };
  return revealJudged(s.bundle, attempt, judged, filledFor(values));
}
