import { randomUUID } from 'node:crypto';
import type { Bundle, BundleCourse, Item } from '@content/schema';
import { ServiceError } from '@contract/result';
import type { ClassAnswer } from '@contract/channels/classes';
import { academicYear, type RecordsStore } from '../records';
import { classOutcomes } from './outcomes';
import { noteClassTaught } from './own-counts';

export type { ClassAnswerEntry } from './journal-entries';
export { classesTaughtBy, noteClassTaught, ownCounts, LESSONS_PER_PAGE, type OwnCounts } from './own-counts';

type Band = NonNullable<BundleCourse['band']>;

interface ClassLesson {
  teacherId: string;
  className: string;
  band: Band;
  course: BundleCourse;
  moduleId: string;
  items: Map<string, Item>;
  answered: Set<string>;
}

/** How many class lessons main keeps open at once; the oldest goes first (a board PC teaches one at a time). */
const OPEN_LESSONS_MAX = 20;

/**
 * Class mode (issue 13 item 1): class lessons open in main's memory only, each bound to the member
 * of staff who started it. A question is answered once per lesson; its answer becomes class counts
 * (a 'class.answer' journal entry) and nothing else: no pupil, no teacher in the counts.
 */
export class ClassLessons {
  private readonly open = new Map<string, ClassLesson>();

  constructor(private readonly deps: { store: RecordsStore; bundle: Bundle; clock: () => Date }) {}

  lessons(): { band: Band; title: string; lessons: { courseId: string; moduleId: string; title: string; minutes: number }[] }[] {
    return this.deps.bundle.courses
      .filter((c): c is BundleCourse & { band: Band } => c.audience === 'pupil' && c.band !== undefined)
      .map((c) => ({ band: c.band, title: c.title, lessons: c.modules.map((m) => ({ courseId: c.id, moduleId: m.id, title: m.title, minutes: m.minutes })) }))
      .sort((a, b) => a.band.localeCompare(b.band));
  }

  start(teacherId: string, req: { band: Band; courseId: string; moduleId: string; className: string }): { classSessionId: string; className: string; band: Band } {
    const course = this.deps.bundle.courses.find((c) => c.id === req.courseId);
    if (!course || course.audience !== 'pupil') throw new ServiceError('not-found', `courseId: "${req.courseId}" is not a pupil course`);
    if (course.band !== req.band) throw new ServiceError('invalid-request', `band: "${req.courseId}" is for ${course.band ?? 'no band'}, not ${req.band}`);
    const mod = course.modules.find((m) => m.id === req.moduleId);
    if (!mod) throw new ServiceError('not-found', `moduleId: "${req.moduleId}" is not a lesson of "${req.courseId}"`);
    const id = randomUUID();
    if (this.open.size >= OPEN_LESSONS_MAX) this.open.delete(this.open.keys().next().value as string);
    this.open.set(id, {
      teacherId,
      className: req.className,
      band: req.band,
      course,
      moduleId: mod.id,
      items: new Map((mod.questions ?? []).map((q) => [q.id, q])),
      answered: new Set(),
    });
    // Which classes a teacher teaches: their own counts are theirs to see without the administrator.
    noteClassTaught(this.deps.store.reader, (...a) => this.deps.store.audit(...a), teacherId, { className: req.className, band: req.band, mode: 'class', courseId: course.id, moduleId: mod.id });
    return { classSessionId: id, className: req.className, band: req.band };
  }

  answer(teacherId: string, req: { classSessionId: string; itemId: string; answer: ClassAnswer }): { secure: number; developing: number; misconception: number } {
    const lesson = this.mine(teacherId, req.classSessionId);
    const item = lesson.items.get(req.itemId);
    if (!item) throw new ServiceError('not-found', `itemId: "${req.itemId}" is not a question of this lesson`);
    if (lesson.answered.has(item.id)) throw new ServiceError('conflict', 'This question already has the class answer.');
    const counts = classOutcomes(item, req.answer);
    const at = this.deps.clock();
    this.deps.store.write({
      k: 'class.answer',
      at: at.toISOString(),
      academicYear: academicYear(at),
      className: lesson.className,
      band: lesson.band,
      courseId: lesson.course.id,
      moduleId: lesson.moduleId,
      itemId: item.id,
      counts,
    });
    lesson.answered.add(item.id);
    const sum = (o: string): number => counts.filter((c) => c.outcome === o).reduce((n, c) => n + c.count, 0);
    return { secure: sum('secure'), developing: sum('developing'), misconception: sum('misconception') };
  }

  finish(teacherId: string, classSessionId: string): { finished: true; questionsAnswered: number } {
    const lesson = this.mine(teacherId, classSessionId);
    this.open.delete(classSessionId);
    return { finished: true, questionsAnswered: lesson.answered.size };
  }

  /** A lesson this teacher started; another teacher's, or one that is over, is not theirs to touch. */
  private mine(teacherId: string, classSessionId: string): ClassLesson {
    const lesson = this.open.get(classSessionId);
    if (!lesson || lesson.teacherId !== teacherId) throw new ServiceError('forbidden', 'That class lesson is not open for you: start it again from "Teach a class".');
    return lesson;
  }
}
