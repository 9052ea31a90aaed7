import { itemSection } from './derive-key';
import type { BundleCourse } from './bundle';
import type { RoleId } from './course';
import { ROLE_IDS } from './formats';
import type { Item } from './items';
import type { Module } from './module';
import { screenClauses } from './screen-clauses';

/**
 * The one seeded item draw, shared by main (which stores the drawn ids) and the player in LMS mode
 * (which has no main to ask). Pure and deterministic: the same module, bank, seed and exclusions
 * always give the same items in the same order, on every platform.
 */

/**
 * Taught before tested: the bank items a learner may be asked are those whose every cited clause is
 * taught on a lesson screen of a module the learner takes. A role's modules come from course.yaml
 * `roles`; with no role (the exported player inside an LMS, which does not know it) the learner may
 * have taken any role's path, so only what every role is taught counts. A course without roles
 * (pupil courses, small fixtures) counts all of its lessons.
 */
export function taughtClauseIds(course: BundleCourse, role: RoleId | null): Set<string> {
  const lessonsOf = (ids: readonly string[] | null): Set<string> => {
    const wanted = ids === null ? null : new Set(ids);
    return new Set(
      course.modules.filter((m) => m.kind === 'lesson' && (wanted === null || wanted.has(m.id))).flatMap((m) => m.screens.flatMap(screenClauses)),
    );
  };
  const roles = course.roles;
  if (!roles) return lessonsOf(null);
  const spec = role === null ? undefined : roles[role];
  if (spec) return lessonsOf(spec.modules);
  // No role, or one the course does not list: what every role is taught.
  const perRole = ROLE_IDS.flatMap((r) => (roles[r] ? [lessonsOf(roles[r].modules)] : []));
  const [first, ...rest] = perRole;
  if (!first) return lessonsOf(null);
  return new Set([...first].filter((id) => rest.every((set) => set.has(id))));
}

/** The bank items a learner of `role` may be asked (null: the role is not known). */
export function assessableBank(course: BundleCourse, role: RoleId | null): Item[] {
  const taught = taughtClauseIds(course, role);
  return course.bank.filter((item) => item.clauses.every((id) => taught.has(id)));
}

/** 32-bit FNV-1a of the seed, then mixed, so nearby seeds give unrelated streams. */
function hashSeed(seed: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < seed.length; i++) {
    h ^= seed.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  return h >>> 0;
}

/** mulberry32: small, fast, good enough to shuffle a question bank; not for secrets. */
export function seededRandom(seed: string): () => number {
  let a = hashSeed(seed);
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A seeded Fisher–Yates shuffle: the same list and seed (an attempt or check id) give the same order. */
export function seededShuffle<T>(list: readonly T[], seed: string): T[] {
  return shuffled(list, seededRandom(seed));
}

function shuffled<T>(list: readonly T[], random: () => number): T[] {
  const out = [...list];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

/**
 * The items one attempt presents.
 * - A lesson without `draw` presents its own `questions`, in the authored order.
 * - A module with `draw` takes `draw.count` items from the course bank (plus the module's own
 *   questions, if any, as candidates). With `everySection`, one item per section comes first
 *   (as far as the count allows), then the rest at random. Items in `excludeItemIds` (drawn in the
 *   learner's earlier attempts) are used only when the bank has too few others, so a retake sees
 *   different items where the bank allows.
 * The result is shuffled so the sections do not come in bank order.
 */
export function drawItems(module: Module, bank: readonly Item[], seed: string, excludeItemIds: readonly string[] = []): Item[] {
  if (!module.draw) return [...(module.questions ?? [])];
  const random = seededRandom(`${module.id}:${seed}`);
  const excluded = new Set(excludeItemIds);
  const seen = new Set<string>();
  const pool = [...bank, ...(module.questions ?? [])].filter((item) => !seen.has(item.id) && seen.add(item.id));
  const fresh = shuffled(
    pool.filter((i) => !excluded.has(i.id)),
    random,
  );
  const used = shuffled(
    pool.filter((i) => excluded.has(i.id)),
    random,
  );
  // Fresh items first, then earlier-drawn ones: every choice below prefers the front of this list.
  const candidates = [...fresh, ...used];
  const count = Math.min(module.draw.count, candidates.length);
  const chosen: Item[] = [];
  const taken = new Set<string>();
  const take = (item: Item): void => {
    chosen.push(item);
    taken.add(item.id);
  };

  if (module.draw.everySection) {
    const sections = [...new Set(candidates.map((i) => itemSection(i)))];
    // When there are more sections than places, a seeded choice of sections gets one each.
    for (const section of shuffled(sections, random).slice(0, count)) {
      const first = candidates.find((i) => itemSection(i) === section);
      if (first) take(first);
    }
  }
  for (const item of candidates) {
    if (chosen.length >= count) break;
    if (!taken.has(item.id)) take(item);
  }
  return shuffled(chosen, random);
}

/** The ids of `drawItems`, as main stores them. */
export function drawItemIds(module: Module, bank: readonly Item[], seed: string, excludeItemIds: readonly string[] = []): string[] {
  return drawItems(module, bank, seed, excludeItemIds).map((i) => i.id);
}
