import type { BundleCourse } from '@content/schema';
import { isKeyed } from '@content/schema/unkeyed-item';
import type { PlayerCourse } from './content';
import { assessableBank, drawItemIds } from '@content/schema/draw';
import { CodecError, decodeDrawn, decodeState, type SavedState } from './codec';
import { buildPlan, type LessonPlan } from './plan';
import { LessonRun, type RunOptions } from './run';
import { ScoAdapter, type LaunchData } from './scorm/adapter';
import { findApi, type ApiWindow } from './scorm/discovery';

export interface StartedLesson {
  run: LessonRun;
  adapter: ScoAdapter;
  plan: LessonPlan;
  launch: LaunchData;
  resumed: boolean;
  /** Set when saved state could not be read and the lesson started again from the top. */
  restartedBecause: string | null;
}

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

/**
 * The SCO's launch, shared by the app and the exported package: discover the API, Initialize,
 * read entry and suspend_data, rebuild the lesson where it was left, and hand back the run.
 * `drawnIds` come from main in the app; inside an LMS (no history, no role) the player draws itself,
 * seeded by a random attempt id, from the items every role is taught, so a retake may repeat items.
 */
export function startLesson(input: {
  win: ApiWindow;
  course: PlayerCourse;
  moduleId: string;
  drawnIds?: readonly string[];
  clock?: () => Date;
  /** A refused SCORM call throws instead of being logged (tests). */
  strict?: boolean;
  /** The page's scheduler for a step's record (LessonRun's afterScreen); none: recorded in place. */
  afterScreen?: RunOptions['afterScreen'];
}): StartedLesson {
  const found = findApi(input.win);
  if (!found) throw new NoScormApiError();
  const adapter = new ScoAdapter(found, input.clock, input.strict);
  const launch = adapter.start();
  const mod = input.course.modules.find((m) => m.id === input.moduleId);
  if (!mod) throw new Error(`module "${input.moduleId}" is not in course "${input.course.id}"`);
  const drawn = mod.draw !== undefined;
  let plan: LessonPlan | null = null;
  let resume: SavedState | null = null;
  let restartedBecause: string | null = null;
  if (launch.suspendData !== '' && launch.entry !== 'ab-initio') {
    try {
      ({ plan, resume } = restoreModule(input.course, input.moduleId, launch.suspendData));
    } catch (err) {
      // Unreadable saved state (another player version, damaged data): start again, say why.
      restartedBecause = err instanceof CodecError || err instanceof Error ? err.message : String(err);
      plan = null;
      resume = null;
    }
  }
  plan ??= input.drawnIds && input.drawnIds.length > 0 ? buildPlan(input.course, input.moduleId, input.drawnIds) : drawModule(keyedCourse(input.course), input.moduleId);
  const run = new LessonRun({ plan, adapter, drawn, resume, ...(input.clock ? { clock: input.clock } : {}), ...(input.afterScreen ? { afterScreen: input.afterScreen } : {}) });
  return { run, adapter, plan, launch, resumed: resume !== null, restartedBecause };
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

/** The player draws for itself only from a course it holds keyed (an LMS package); main draws in the app. */
function keyedCourse(course: PlayerCourse): BundleCourse {
  const items = [...course.bank, ...course.modules.flatMap((m) => m.questions ?? [])];
  if (!items.every(isKeyed)) throw new Error(`course "${course.id}" came without its answer key, so its questions are drawn by the app, not the player`);
  return course as BundleCourse; // every item is keyed: the bundle's own shape
}
