import type { Item, Module } from '@content/schema';
import { itemSection } from '@content/schema';
import { seededShuffle } from '@content/schema/draw';
import type { AttemptFacts, CourseCompliance } from './types';

/**
 * Why a learner may not start the refresher now, or null when they may. The refresher renews a
 * completion, so it is open only while a pass is expiring or has expired.
 */
export function refresherRefusal(course: CourseCompliance | undefined): string | null {
  if (!course) return 'this course is not assigned to your role';
  if (!course.refresherModuleId) return 'this course has no refresher';
  if (course.passedOn === null) return 'the refresher renews a pass: take the assessment first';
  if (!course.refresherOffered) return `the refresher opens when your completion is close to expiry (it expires on ${course.expiresOn ?? 'an unknown date'})`;
  return null;
}

/** The items drawn in the learner's most recent finished graded attempt of the course ("last time"). */
export function lastSeenItemIds(attempts: readonly AttemptFacts[], courseId: string, gradedModuleIds: ReadonlySet<string>): string[] {
  const last = attempts
    .filter((a) => a.courseId === courseId && gradedModuleIds.has(a.moduleId) && a.finishedAt !== null)
    .sort((a, b) => (a.finishedAt ?? '').localeCompare(b.finishedAt ?? ''))
    .at(-1);
  return last ? [...last.drawnItemIds] : [];
}

/** Takes items in turn from each section (sections in a seeded order), so a short draw still spreads. */
export function spreadAcrossSections(items: readonly Item[], seed: string): Item[] {
  const bySection = new Map<string, Item[]>();
  for (const item of seededShuffle(items, `${seed}:items`)) {
    const s = itemSection(item);
    bySection.set(s, [...(bySection.get(s) ?? []), item]);
  }
  const queues = seededShuffle([...bySection.values()], `${seed}:sections`);
  const out: Item[] = [];
  while (queues.some((q) => q.length > 0)) {
    for (const q of queues) {
      const next = q.shift();
      if (next) out.push(next);
    }
  }
  return out;
}

/**
 * The refresher's draw: `module.draw.count` items from the course bank, items the learner did not
 * see last time first (spread across sections), then, only if the bank runs short, seen ones.
 * Deterministic for a seed (the attempt id), so a resumed attempt keeps its items.
 */
export function chooseRefresherItems(module: Module, bank: readonly Item[], lastSeen: readonly string[], seed: string): string[] {
  if (module.kind !== 'refresher' || !module.draw) throw new Error(`module "${module.id}" is not a refresher with a draw`);
  const seen = new Set(lastSeen);
  const unseen = spreadAcrossSections(bank.filter((i) => !seen.has(i.id)), `${seed}:unseen`);
  const again = spreadAcrossSections(bank.filter((i) => seen.has(i.id)), `${seed}:seen`);
  return [...unseen, ...again].slice(0, module.draw.count).map((i) => i.id);
}
