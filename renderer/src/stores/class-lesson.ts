import { defineStore } from 'pinia';
import { shallowRef } from 'vue';
import type { Item } from '@content/schema';
import type { ClassAnswer, PupilSessionRequest } from '@contract';
import { call } from '../api';
import type { PlayerContent } from '../lesson/content';
import type { LessonPlan } from '../lesson/plan';

type Band = PupilSessionRequest['band'];

export interface ClassLesson {
  classSessionId: string;
  className: string;
  band: Band;
  plan: LessonPlan<Item>;
  content: PlayerContent<Item>;
}

/**
 * Class mode: the lesson a teacher is teaching a whole class from the board. Main keeps only the
 * class's counts (classes.answer); nothing here names a pupil.
 */
export const useClassLessonStore = defineStore('classLesson', () => {
  const current = shallowRef<ClassLesson | null>(null);
  /** Kept for "Teach another lesson": the class and band need not be typed again. */
  const last = shallowRef<{ className: string; band: Band } | null>(null);

  async function start(req: { band: Band; courseId: string; moduleId: string; className: string }): Promise<void> {
    const started = await call('classes.start', req);
    const delivery = await call('content.module', { courseId: req.courseId, moduleId: req.moduleId });
    // Class mode teaches lessons, whose questions come keyed (their feedback is given on the board).
    if (delivery.scored) throw new Error(`"${req.moduleId}" is scored: class mode teaches lessons only`);
    // The player's code loads with the first class lesson, not with the first screen.
    const [{ fromModuleDelivery }, { buildPlan }] = await Promise.all([import('../lesson/content'), import('../lesson/plan')]);
    const content = fromModuleDelivery(delivery);
    current.value = { classSessionId: started.classSessionId, className: started.className, band: started.band, plan: buildPlan(content.course, req.moduleId), content };
    last.value = { className: started.className, band: started.band };
  }

  async function answer(itemId: string, given: ClassAnswer): Promise<void> {
    const lesson = current.value;
    if (!lesson) return;
    await call('classes.answer', { classSessionId: lesson.classSessionId, itemId, answer: given });
  }

  /** The lesson is over (or left): main closes it; the screen forgets it. */
  async function finish(): Promise<void> {
    const lesson = current.value;
    current.value = null;
    if (lesson) await call('classes.finish', { classSessionId: lesson.classSessionId }).catch(() => {});
  }

  return { current, last, start, answer, finish };
});
