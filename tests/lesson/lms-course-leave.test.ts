import { describe, expect, it } from 'vitest';
import { Scorm12API } from 'scorm-again';
import { CourseSession } from '@renderer/lesson/lms/course-session';
import { HOST_SETTINGS } from '@renderer/lesson/host/in-app';
import type { ApiWindow } from '@renderer/lesson/scorm/discovery';
import { drive, staffCourse } from './support';

/**
 * The course SCO leaving while a step's record is still waiting for its frame (afterPaint): the
 * leave records it first, and what goes with the Terminate is the newest place, never an older
 * one held back for it. The LMS is scorm-again's real SCORM 1.2 API; `careful` is the course
 * launched again in the same LMS page (the mark CourseSession leaves on the LMS's window).
 */
function launch(careful: boolean): { session: CourseSession; api: Scorm12API; tasks: (() => void)[]; stored: Map<string, string> } {
  const course = staffCourse();
  const api = new Scorm12API({ ...HOST_SETTINGS });
  // What the LMS ends with: each element's last value set.
  const stored = new Map<string, string>();
  api.on('LMSSetValue.cmi.*', (element: string, value: string) => stored.set(element, value));
  const win = { API: api, ...(careful ? { __leapCourseLaunches: 1 } : {}) } as ApiWindow;
  const tasks: (() => void)[] = [];
  const session = CourseSession.launch({ win, course, moduleIds: course.modules.map((m) => m.id), afterScreen: (record) => tasks.push(record) });
  return { session, api, tasks, stored };
}

describe.each([
  ['the first launch in the LMS page', false],
  ['a launch again in the same LMS page (saves held for the Terminate)', true],
])('leaving the course SCO straight after a step (%s)', (_name, careful) => {
  it('stores the step the learner was on, with every answer, and exit=suspend', () => {
    const { session, api, tasks, stored } = launch(careful);
    expect(session.careful).toBe(careful);
    const open = session.open('assessment');
    drive(open.run, () => 'right', 3);
    for (const record of tasks.splice(0)) record(); // the frames came: steps 1-3 recorded
    drive(open.run, () => 'right', 5);
    expect(tasks).toHaveLength(1); // the last steps' record still waits for its frame
    const step = open.run.plan.steps[open.run.snapshot.context.index]!.id;
    session.leave();
    expect(api.isTerminated()).toBe(true);
    expect(stored.get('cmi.core.lesson_location')).toBe(`assessment:${step}`);
    expect(stored.get('cmi.core.exit')).toBe('suspend');
    expect(stored.get('cmi.core.lesson_status')).toBe('incomplete');
    const results = [...stored].filter(([e]) => /^cmi\.interactions\.\d+\.result$/.test(e)).map(([, v]) => v);
    expect(results).toEqual(['correct', 'correct', 'correct', 'correct', 'correct']);
    // The frame that comes after the page is gone records nothing more.
    const sets = stored.size;
    tasks.shift()!();
    expect(stored.size).toBe(sets);
    expect(stored.get('cmi.core.lesson_location')).toBe(`assessment:${step}`);
  });
});
