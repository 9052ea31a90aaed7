import type { Module, PlayerItem, Screen } from '@content/schema';
import type { PlayerCourse } from './content';

/** One thing the learner sees in turn: a teaching screen or a question. */
export type Step<I extends PlayerItem = PlayerItem> = { kind: 'screen'; id: string; screen: Screen } | { kind: 'item'; id: string; item: I };

/**
 * Everything the machine needs about one run of one module: the steps in order and the facts the
 * result depends on. Built once per attempt; never persisted (the codec stores positions in it).
 */
export interface LessonPlan<I extends PlayerItem = PlayerItem> {
  courseId: string;
  moduleId: string;
  title: string;
  audience: 'staff' | 'pupil';
  kind: Module['kind'];
  steps: Step<I>[];
  /** Items a codec index refers to: the course bank for drawn modules, else the module's questions. */
  pool: I[];
  /** Scored modules (assessment, refresher) pass at this percentage; lessons have no pass/fail. */
  passPercent: number | null;
  /** Staff assessments end with acknowledging the named policy version, once passed. */
  acknowledgement: string | null;
  /** Go from the last step straight to the acknowledgement: a run with nothing to report (a policy update). */
  skipResult?: boolean;
}

/** Mastery is the player's decision (CONTENT-BRIEF: 80%), never the host's default. */
export const DEFAULT_PASS_PERCENT = 80;

export class PlanError extends Error {
  override name = 'PlanError';
}

/**
 * Module → plan. `drawnItemIds` are the items main drew for this attempt (attempts.start), or the
 * player's own draw inside an LMS; lessons without a draw use their own questions in order.
 */
export function buildPlan<I extends PlayerItem>(course: PlayerCourse<I>, moduleId: string, drawnItemIds: readonly string[] = []): LessonPlan<I> {
  const mod = course.modules.find((m) => m.id === moduleId);
  if (!mod) throw new PlanError(`module "${moduleId}" is not in course "${course.id}"`);
  const drawn = mod.draw !== undefined;
  // The same candidates content/schema/draw.ts draws from: the bank, then the module's own questions.
  const pool = drawn ? uniqueById([...course.bank, ...(mod.questions ?? [])]) : (mod.questions ?? []);
  const byId = new Map(pool.map((i) => [i.id, i]));
  let items: I[];
  if (drawn) {
    if (drawnItemIds.length === 0) throw new PlanError(`module "${moduleId}" draws its questions, but no drawn item ids were given`);
    items = drawnItemIds.map((id) => {
      const item = byId.get(id);
      if (!item) throw new PlanError(`drawn item "${id}" is not in the bank of course "${course.id}"`);
      return item;
    });
  } else {
    items = pool;
  }
  const steps: Step<I>[] = [
    ...mod.screens.map((screen): Step<I> => ({ kind: 'screen', id: screen.id, screen })),
    ...items.map((item): Step<I> => ({ kind: 'item', id: item.id, item })),
  ];
  if (steps.length === 0) throw new PlanError(`module "${moduleId}" has nothing to show`);
  return {
    courseId: course.id,
    moduleId,
    title: mod.title,
    audience: course.audience,
    kind: mod.kind,
    steps,
    pool,
    passPercent: drawn ? (mod.draw?.passPercent ?? DEFAULT_PASS_PERCENT) : null,
    acknowledgement: drawn && course.acknowledgement ? course.acknowledgement : null,
  };
}

function uniqueById<I extends PlayerItem>(items: I[]): I[] {
  const seen = new Set<string>();
  return items.filter((i) => !seen.has(i.id) && seen.add(i.id));
}

export const planItems = <I extends PlayerItem>(plan: LessonPlan<I>): I[] => plan.steps.flatMap((s) => (s.kind === 'item' ? [s.item] : []));
