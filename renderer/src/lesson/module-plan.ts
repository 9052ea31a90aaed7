import type { BundleCourse } from '@content/schema';
import { assessableBank, drawItemIds } from '@content/schema/draw';
import type { PlayerCourse } from './content';
import { decodeDrawn, decodeState, type SavedState } from './codec';
import { buildPlan, type LessonPlan } from './plan';

// A module's plan, fresh or from its saved state: what both players need. Apart from start.ts
// (the single SCO's launch and its ScoAdapter), so the exported course player, which records
// through its own course session, does not carry the app's adapter in its code (issue 19 item 3).

export class NoScormApiError extends Error {
  override name = 'NoScormApiError';
  constructor() {
    super('No SCORM API was found (API_1484_11 or API, in this window, its parents or its opener). Launch the lesson from the LMS.');
  }
}

/** A fresh random attempt id, the seed of the player's own draw inside an LMS. */
export function randomSeed(): string {
  const bytes = new Uint8Array(12);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** A module's plan and place from its saved lesson state; throws (CodecError, PlanError) when unreadable. */
export function restoreModule(course: PlayerCourse, moduleId: string, saved: string): { plan: LessonPlan; resume: SavedState } {
  const mod = course.modules.find((m) => m.id === moduleId);
  if (!mod) throw new Error(`module "${moduleId}" is not in course "${course.id}"`);
  const drawn = mod.draw !== undefined;
  const pool = drawn ? [...course.bank, ...(mod.questions ?? [])] : (mod.questions ?? []);
  const plan = buildPlan(course, moduleId, drawn ? decodeDrawn(saved, pool) : []);
  return { plan, resume: decodeState(saved, plan) };
}

/**
 * A fresh plan: main's draw in the app; inside an LMS the role is not known, so the player draws
 * only what every role's lessons teach, seeded by a random attempt id.
 */
export function drawModule(course: BundleCourse, moduleId: string, drawnIds?: readonly string[]): LessonPlan {
  const mod = course.modules.find((m) => m.id === moduleId);
  if (!mod) throw new Error(`module "${moduleId}" is not in course "${course.id}"`);
  if (mod.draw === undefined) return buildPlan(course, moduleId, []);
  const ids = drawnIds && drawnIds.length > 0 ? [...drawnIds] : drawItemIds(mod, assessableBank(course, null), randomSeed());
  return buildPlan(course, moduleId, ids);
}
