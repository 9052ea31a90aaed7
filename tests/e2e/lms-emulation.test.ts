import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Frame } from 'playwright-core';
import { SCORM_VERSIONS, type ScormVersion } from '@content/scorm';
import { buildPackage } from '@services/exports/packages/package';
import { decodeCourse } from '@renderer/lesson/lms/course-codec';
import { launchChromium } from '../helpers/browser';
import { startAll, stopAll } from '../helpers/chromium-preview';
import { testBundle } from '../helpers/bundle';
import { RENDERER_ROOT } from '../helpers/preview';
import { playLesson } from '../lesson/browser-driver';
import { staffCourse } from '../lesson/support';
import { interactionField, LmsVisit, MOODLE, startEmulatedLms, type EmulatedLms } from '../lms/lms-harness';

let browser: Browser;
let lms: EmulatedLms;
const course = staffCourse();
const LESSON = 'introduction-scope';

beforeAll(async () => {
  [browser, lms] = await startAll(launchChromium(), startEmulatedLms());
  for (const version of SCORM_VERSIONS) {
    const build = (moduleId?: string) => buildPackage({ bundle: testBundle(), version, trustName: 'Leading Edge Academies Partnership', policyVersionLabel: '2.0', rendererRoot: RENDERER_ROOT, ...(moduleId ? { moduleId } : {}) });
    lms.install(`course-${version}`, build().zip);
    lms.install(`assessment-${version}`, build('assessment').zip);
    lms.install(`ks1-${version}`, buildPackage({ bundle: testBundle(), version, courseId: 'pupils-ks1', trustName: 'Leading Edge Academies Partnership', policyVersionLabel: '2.0', rendererRoot: RENDERER_ROOT }).zip);
  }
});
afterAll(() => stopAll(browser, lms));

const statusOf = (version: ScormVersion, s: Record<string, string>): string[] =>
  version === 'scorm2004' ? [s['cmi.completion_status'] ?? '', s['cmi.success_status'] ?? ''] : [s['cmi.core.lesson_status'] ?? ''];

/** Screenshots to look at (not kept): SCREENSHOTS=/tmp/dir SKIP_BUILD=1 npx vitest run tests/e2e/lms-emulation.test.ts */
async function shoot(sco: Frame, name: string): Promise<void> {
  const dir = process.env.SCREENSHOTS;
  if (dir) await sco.page().screenshot({ path: `${dir}/${name}.png` });
}

async function openFromMenu(sco: Frame, moduleId: string, action = /^(Start|Continue|Review|See your result|Try again)/): Promise<void> {
  await sco.locator(`[data-module="${moduleId}"]`).getByRole('button', { name: action }).first().click();
  await sco.locator('[data-testid="step"]').waitFor();
}

describe.each(SCORM_VERSIONS)('the course package in an LMS that behaves like Moodle (%s)', (version) => {
  it('records every module played from the SCO’s own menu in one page, and reopens without a downgrade', async () => {
    const visit = await LmsVisit.begin(browser, lms, `course-${version}`, MOODLE[version]);
    try {
      let sco = await visit.open();
      await sco.getByTestId('course-menu').waitFor();
      await openFromMenu(sco, LESSON);
      const lessonAsked = await playLesson(sco, { course, pick: () => 'right' });
      await sco.getByTestId('to-menu').click();
      await openFromMenu(sco, 'assessment');
      const asked = await playLesson(sco, { course, pick: (_i, n) => (n === 2 ? 'wrong' : 'right') });
      await sco.getByTestId('finished').waitFor();
      await shoot(sco, `done-${version}`);
      await visit.exit();
      const stored = await visit.stored();
      expect(statusOf(version, stored)).toEqual(version === 'scorm2004' ? ['completed', 'passed'] : ['passed']);
      expect(stored[version === 'scorm2004' ? 'cmi.score.raw' : 'cmi.core.score.raw']).toBe('92');
      expect(interactionField(stored, 'id')).toHaveLength(lessonAsked.length + asked.length);
      const save = decodeCourse(stored['cmi.suspend_data']!, 10);
      expect(save.modules.size).toBe(2);

      sco = await visit.open();
      await sco.getByTestId('course-menu').waitFor();
      await shoot(sco, `menu-${version}`);
      expect(await sco.locator(`[data-module="${LESSON}"] [data-testid="module-status"]`).textContent()).toBe('Completed');
      expect(await sco.locator('[data-module="assessment"] [data-testid="module-status"]').textContent()).toBe('Passed (92%)');
      await visit.exit();
      expect(statusOf(version, await visit.stored())).toEqual(statusOf(version, stored));
      expect(visit.errors).toEqual([]);
    } finally {
      await visit.close();
    }
  });
});

/** The SetValue calls one launch made (the log numbers launches from 1 across the visit). */
async function setCalls(visit: LmsVisit, launch: number): Promise<[string, string][]> {
  return (await visit.calls()).filter((c) => c.page === launch && /SetValue$/.test(c.call)).map((c) => [c.element ?? '', c.value ?? '']);
}

describe('reopening the course inside the same LMS page (the LMS’s own menu)', () => {
  it('SCORM 2004, an LMS that never resets its terminated state: the learner is told nothing is saved, and nothing stored is touched', async () => {
    const visit = await LmsVisit.begin(browser, lms, 'course-scorm2004', MOODLE.scorm2004);
    try {
      let sco = await visit.open();
      await openFromMenu(sco, LESSON);
      await playLesson(sco, { course, pick: () => 'right', stopAfter: 1 });
      sco = await visit.relaunchInPage();
      const before = await visit.stored();
      const alert = sco.getByTestId('lms-not-recording');
      await alert.waitFor();
      expect(await sco.getByTestId('lms-detail').textContent()).toBe('Initialize was refused with SCORM error 104 (Content instance terminated)');
      await shoot(sco, `not-recording-2004`);
      // The learner can still look through the course, and is never told it was saved.
      await openFromMenu(sco, LESSON);
      await playLesson(sco, { course, pick: () => 'right', stopAfter: 1 });
      expect(await sco.locator('main').textContent()).not.toMatch(/saved it|Saved in your LMS/);
      expect(await sco.getByTestId('save-state').textContent()).toBe('Not saved');
      await visit.exit();
      expect(await setCalls(visit, 2)).toEqual([]);
      expect(await visit.stored()).toEqual(before);
    } finally {
      await visit.close();
    }
  });

  it('SCORM 1.2, an LMS whose own LMSInitialize throws after answers were recorded in the page: explained, nothing stored is touched', async () => {
    const visit = await LmsVisit.begin(browser, lms, 'course-scorm12', MOODLE.scorm12);
    try {
      let sco = await visit.open();
      await openFromMenu(sco, LESSON);
      await playLesson(sco, { course, pick: () => 'right' });
      sco = await visit.relaunchInPage();
      const before = await visit.stored();
      await sco.getByTestId('lms-not-recording').waitFor();
      expect(await sco.getByTestId('lms-detail').textContent()).toBe("Initialize broke inside the LMS's own script: TypeError: Cannot read properties of undefined (reading 'objectives')");
      expect(await sco.locator('h1').first().textContent()).not.toBe('The lesson cannot start');
      await visit.exit();
      expect(await setCalls(visit, 2)).toEqual([]);
      expect(await visit.stored()).toEqual(before);
      expect(visit.errors).toEqual([]);
    } finally {
      await visit.close();
    }
  });

  it('SCORM 1.2, an LMS that then sends every save fire-and-forget and applies them out of order: no status, score, answer or place is lost', async () => {
    const visit = await LmsVisit.begin(browser, lms, 'course-scorm12', MOODLE.scorm12);
    try {
      let sco = await visit.open();
      await openFromMenu(sco, LESSON);
      // Screens only: nothing answered yet, so the LMS lets the SCO start again in its page.
      await sco.locator('[data-testid="next"]').click();
      await sco.locator('[data-testid="step"][data-phase="screen"]').nth(0).waitFor();
      const screen = await sco.locator('[data-testid="step"]').getAttribute('data-step');
      sco = await visit.relaunchInPage();
      await sco.getByTestId('lms-deferred').waitFor();
      // The place saved on leaving landed before the LMS read its records again: the lesson reopens there.
      expect(await sco.locator('[data-testid="step"]').getAttribute('data-step')).toBe(screen);
      const lessonAsked = await playLesson(sco, { course, pick: () => 'right' });
      await sco.getByTestId('to-menu').click();
      await openFromMenu(sco, 'assessment');
      const asked = await playLesson(sco, { course, pick: () => 'right', stopAfter: 5 });
      const place = await sco.locator('[data-testid="step"]').getAttribute('data-step');
      await visit.exit();
      expect(await visit.queued()).toBeGreaterThan(1); // saves really were held and reordered
      const stored = await visit.stored();
      expect(stored['cmi.core.lesson_status']).toBe('incomplete');
      expect(interactionField(stored, 'id')).toHaveLength(lessonAsked.length + asked.length);
      expect(interactionField(stored, 'result').every((r) => r === 'correct')).toBe(true);
      expect(stored['cmi.core.lesson_location']).toBe(`assessment:${place}`);
      // Reopened from the course page: straight back to the same question, the lesson still completed.
      sco = await visit.open();
      expect(await sco.locator('[data-testid="step"]').getAttribute('data-step')).toBe(place);
      await sco.getByTestId('to-menu').click();
      expect(await sco.locator(`[data-module="${LESSON}"] [data-testid="module-status"]`).textContent()).toBe('Completed');
      await visit.exit();
    } finally {
      await visit.close();
    }
  });
});

describe.each(SCORM_VERSIONS)('reopening is safe (%s, Moodle’s behaviours)', (version) => {
  const status = (s: Record<string, string>) => statusOf(version, s);
  const score = version === 'scorm2004' ? 'cmi.score.raw' : 'cmi.core.score.raw';

  it('a failed assessment is retaken inside the SCO; its fail and score stand until the new try’s result', async () => {
    const visit = await LmsVisit.begin(browser, lms, `assessment-${version}`, MOODLE[version]);
    try {
      let sco = await visit.open();
      const first = await playLesson(sco, { course, pick: (_i, n) => (n < 6 ? 'right' : 'wrong') });
      await sco.getByTestId('retake').waitFor();
      await visit.exit();
      const failed = await visit.stored();
      expect(status(failed)).toEqual(version === 'scorm2004' ? ['completed', 'failed'] : ['failed']);
      expect(failed[score]).toBe('50');

      // Reopened from the course page: the result is shown with a retake, nothing rewritten.
      sco = await visit.open();
      await sco.getByTestId('retake').waitFor();
      expect(await sco.getByTestId('verdict').textContent()).toContain('did not pass');
      await sco.getByTestId('retake').click();
      // The new try opens on the assessment's introduction, as every attempt does.
      await sco.locator('[data-testid="step"][data-phase="intro"]').waitFor();
      await playLesson(sco, { course, pick: () => 'right', stopAfter: 3 });
      await visit.exit();
      const midway = await visit.stored();
      expect(status(midway)).toEqual(status(failed));
      expect(midway[score]).toBe('50');

      sco = await visit.open();
      const second = await playLesson(sco, { course, pick: () => 'right' });
      await sco.getByTestId('finished').waitFor();
      await visit.exit();
      const passed = await visit.stored();
      expect(status(passed)).toEqual(version === 'scorm2004' ? ['completed', 'passed'] : ['passed']);
      expect(passed[score]).toBe('100');
      // Every answer of both tries, each at its own index.
      expect(interactionField(passed, 'id')).toHaveLength(first.length + 3 + second.length);
    } finally {
      await visit.close();
    }
  });

  it('a passed assessment reopened after a normal exit (entry ab-initio) shows its result and stays passed; a completed lesson reopens for review', async () => {
    const visit = await LmsVisit.begin(browser, lms, `course-${version}`, MOODLE[version]);
    try {
      let sco = await visit.open();
      await openFromMenu(sco, LESSON);
      await playLesson(sco, { course, pick: () => 'right' });
      await sco.getByTestId('to-menu').click();
      await openFromMenu(sco, 'assessment');
      await playLesson(sco, { course, pick: () => 'right' });
      await sco.getByTestId('finished').waitFor();
      await visit.exit();
      const passed = await visit.stored();
      // Another player (or the LMS) ended the attempt normally: the next launch is ab-initio, data kept.
      await visit.seed({ ...passed, [version === 'scorm2004' ? 'cmi.exit' : 'cmi.core.exit']: version === 'scorm2004' ? 'normal' : '' });
      sco = await visit.open();
      const launch = (await visit.calls()).at(-1)!.page;
      await sco.getByTestId('course-menu').waitFor();
      await openFromMenu(sco, 'assessment', /^See your result/);
      expect(await sco.getByTestId('verdict').textContent()).toContain('You passed');
      expect(await sco.getByTestId('review-note').isVisible()).toBe(true);
      await sco.getByTestId('to-menu').click();
      await openFromMenu(sco, LESSON, /^Review/);
      await playLesson(sco, { course, pick: () => 'wrong' });
      await sco.getByTestId('to-menu').click();
      expect(await sco.locator(`[data-module="${LESSON}"] [data-testid="module-status"]`).textContent()).toBe('Completed');
      await visit.exit();
      const after = await visit.stored();
      expect(status(after)).toEqual(status(passed));
      expect(after[score]).toBe(passed[score]);
      expect(interactionField(after, 'id')).toEqual(interactionField(passed, 'id'));
      // The acknowledgement travels in the saved state: still there.
      expect(decodeCourse(after['cmi.suspend_data']!, 10).modules.get(9)?.record).toEqual({ kind: 'passed', percent: 100 });
      const statusWrites = (await setCalls(visit, launch)).filter(([e]) => /status|score/.test(e));
      expect(statusWrites).toEqual([]);
    } finally {
      await visit.close();
    }
  });

  it('a pass the LMS holds survives a saved state this player cannot read: no status or score is written below it', async () => {
    const visit = await LmsVisit.begin(browser, lms, `course-${version}`, MOODLE[version]);
    try {
      // What another player (or a damaged record) left: passed at 90, a saved state in no format of ours.
      const held: Record<string, string> =
        version === 'scorm2004'
          ? { 'cmi.completion_status': 'completed', 'cmi.success_status': 'passed', 'cmi.score.scaled': '0.9', 'cmi.score.raw': '90', 'cmi.score.min': '0', 'cmi.score.max': '100', 'cmi.exit': 'suspend' }
          : { 'cmi.core.lesson_status': 'passed', 'cmi.core.score.raw': '90', 'cmi.core.score.min': '0', 'cmi.core.score.max': '100', 'cmi.core.exit': 'suspend' };
      await visit.seed({ ...held, 'cmi.suspend_data': 'Z9;written by another player' });
      const sco = await visit.open();
      await sco.getByText('Your saved place could not be read').waitFor();
      await openFromMenu(sco, LESSON);
      await playLesson(sco, { course, pick: () => 'right' });
      await sco.getByTestId('to-menu').click();
      await openFromMenu(sco, 'assessment');
      await playLesson(sco, { course, pick: () => 'right', stopAfter: 2 });
      await visit.exit();
      const after = await visit.stored();
      expect(status(after)).toEqual(version === 'scorm2004' ? ['completed', 'passed'] : ['passed']);
      expect(after[score]).toBe('90');
      // The lesson just played is recorded in the new saved state all the same.
      expect(decodeCourse(after['cmi.suspend_data']!, 10).modules.size).toBeGreaterThan(0);
    } finally {
      await visit.close();
    }
  });

  it('an LMS opening the course for review gets no writes at all', async () => {
    const visit = await LmsVisit.begin(browser, lms, `course-${version}`, MOODLE[version]);
    try {
      let sco = await visit.open();
      await openFromMenu(sco, LESSON);
      await playLesson(sco, { course, pick: () => 'right' });
      await visit.exit();
      const before = await visit.stored();
      sco = await visit.open({ mode: 'review' });
      const launch = (await visit.calls()).at(-1)!.page;
      await sco.getByTestId('lms-review').waitFor();
      await openFromMenu(sco, 'assessment');
      await playLesson(sco, { course, pick: () => 'right', stopAfter: 2 });
      await visit.exit();
      expect(await setCalls(visit, launch)).toEqual([]);
      expect(await visit.stored()).toEqual(before);
    } finally {
      await visit.close();
    }
  });
});

describe.each(SCORM_VERSIONS)('an LMS that never decides a status from the score (%s, Moodle’s behaviours)', (version) => {
  const status = (s: Record<string, string>) => statusOf(version, s);

  it('a pass still awaiting the acknowledgement is not complete; acknowledged on reopening, it is passed', async () => {
    const visit = await LmsVisit.begin(browser, lms, `assessment-${version}`, MOODLE[version]);
    try {
      let sco = await visit.open();
      await playLesson(sco, { course, pick: () => 'right', acknowledge: false });
      await visit.exit();
      expect(status(await visit.stored())).toEqual(version === 'scorm2004' ? ['incomplete', 'passed'] : ['incomplete']);
      sco = await visit.open();
      await playLesson(sco, { course, pick: () => 'right' });
      await sco.getByTestId('finished').waitFor();
      await visit.exit();
      expect(status(await visit.stored())).toEqual(version === 'scorm2004' ? ['completed', 'passed'] : ['passed']);
    } finally {
      await visit.close();
    }
  });

  it('a pupil course (lessons only) is complete once every lesson is, over two visits, with no pass or fail', async () => {
    const pupils = testBundle().courses.find((c) => c.id === 'pupils-ks1')!;
    const visit = await LmsVisit.begin(browser, lms, `ks1-${version}`, MOODLE[version]);
    try {
      const [first, second, third] = pupils.modules.map((m) => m.id);
      let sco = await visit.open();
      await openFromMenu(sco, first!);
      const a = await playLesson(sco, { course: pupils, pick: () => 'right' });
      await sco.getByTestId('to-menu').click();
      await openFromMenu(sco, second!);
      const b = await playLesson(sco, { course: pupils, pick: () => 'wrong', second: () => 'right' });
      await visit.exit();
      expect(status(await visit.stored())).toEqual(version === 'scorm2004' ? ['incomplete', 'unknown'] : ['incomplete']);
      sco = await visit.open();
      await openFromMenu(sco, third!);
      const c = await playLesson(sco, { course: pupils, pick: () => 'right' });
      await visit.exit();
      const stored = await visit.stored();
      expect(status(stored)).toEqual(version === 'scorm2004' ? ['completed', 'unknown'] : ['completed']);
      expect(stored[version === 'scorm2004' ? 'cmi.score.raw' : 'cmi.core.score.raw']).toBeUndefined();
      expect(interactionField(stored, 'id').length).toBeGreaterThanOrEqual(a.length + b.length + c.length);
      expect(visit.errors).toEqual([]);
    } finally {
      await visit.close();
    }
  });
});

describe('SCORM 1.2, a preview before any attempt (Moodle’s LMSFinish completes a status still "not attempted")', () => {
  it('is recorded as browsed, never completed, and nothing else is written', async () => {
    const visit = await LmsVisit.begin(browser, lms, 'course-scorm12', MOODLE.scorm12);
    try {
      const sco = await visit.open({ mode: 'browse' });
      await sco.getByTestId('lms-review').waitFor();
      await openFromMenu(sco, LESSON);
      await playLesson(sco, { course, pick: () => 'right' });
      await visit.exit();
      const stored = await visit.stored();
      expect(stored['cmi.core.lesson_status']).toBe('browsed');
      expect((await setCalls(visit, 1)).map(([e]) => e)).toEqual(['cmi.core.lesson_status']);
      expect(interactionField(stored, 'id')).toEqual([]);
    } finally {
      await visit.close();
    }
  });
});

describe.each(SCORM_VERSIONS)('the package tells the truth about saving (%s)', (version) => {
  it('a refused Commit is shown with the LMS’s code and what to do, never "saved"; it is saved once the LMS accepts it', async () => {
    const visit = await LmsVisit.begin(browser, lms, `course-${version}`, { version, refuseCommits: true });
    try {
      const sco = await visit.open();
      await openFromMenu(sco, LESSON);
      await sco.getByTestId('lms-not-saved').waitFor();
      expect(await sco.getByTestId('lms-detail').textContent()).toBe(version === 'scorm2004' ? 'Commit was refused with SCORM error 391 (General commit failure)' : 'Commit was refused with SCORM error 101 (General exception)');
      expect(await sco.getByTestId('save-state').textContent()).toBe('Not saved');
      await shoot(sco, `refused-${version}`);
      await visit.heal();
      await sco.getByTestId('lms-retry').click();
      await sco.getByTestId('lms-not-saved').waitFor({ state: 'detached' });
      expect(await sco.getByTestId('save-state').textContent()).toBe('Saved in your LMS');
      expect((await visit.storedNow())['cmi.suspend_data']).toMatch(/^C1;/);
    } finally {
      await visit.close();
    }
  });

  it('an exception thrown by the LMS’s own Commit is caught and explained the same way', async () => {
    const visit = await LmsVisit.begin(browser, lms, `course-${version}`, { version, throwOnCommit: true });
    try {
      const sco = await visit.open();
      await openFromMenu(sco, LESSON);
      await sco.getByTestId('lms-not-saved').waitFor();
      expect(await sco.getByTestId('lms-detail').textContent()).toBe("Commit broke inside the LMS's own script: Error: LMS request failed: the server did not answer");
      await playLesson(sco, { course, pick: () => 'right' });
      expect(await sco.getByTestId('not-saved-yet').isVisible()).toBe(true);
      expect(await sco.locator('main').textContent()).not.toMatch(/confirmed it saved|Saved in your LMS/);
      expect(visit.errors).toEqual([]);
    } finally {
      await visit.close();
    }
  });
});
