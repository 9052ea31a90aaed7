import type { BundleCourse } from '@content/schema';
import { isKeyed } from '@content/schema/unkeyed-item';
import type { PlayerCourse } from './content';
import { CodecError, type SavedState } from './codec';
import { drawModule, NoScormApiError, restoreModule } from './module-plan';
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


/**
 * The single SCO's launch (the app's lesson view; the exported course has its CourseSession):
 * discover the API, Initialize, read entry and suspend_data, rebuild the lesson where it was
 * left, and hand back the run.
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


/** The player draws for itself only from a course it holds keyed (an LMS package); main draws in the app. */
function keyedCourse(course: PlayerCourse): BundleCourse {
  const items = [...course.bank, ...course.modules.flatMap((m) => m.questions ?? [])];
  if (!items.every(isKeyed)) throw new Error(`course "${course.id}" came without its answer key, so its questions are drawn by the app, not the player`);
  return course as BundleCourse; // every item is keyed: the bundle's own shape
}
