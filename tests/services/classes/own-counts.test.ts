import { afterEach, describe, expect, it } from 'vitest';
import type { Item } from '@content/schema';
import { LESSONS_PER_PAGE } from '@services/classes';
import { harness, removeDir, STAFF, type Harness } from '../records/helpers';

let h: Harness;
afterEach(() => {
  h?.close();
  if (h) removeDir(h.dataDir);
});

const OTHER = { name: 'Bo Other', workEmail: 'bo@example.sch.uk', school: 'Example Academy', role: 'teaching', pin: '135792' } as const;
const code = async (p: Promise<{ ok: boolean; error?: { code: string } }>): Promise<string> => {
  const r = await p;
  return r.ok ? 'ok' : (r.error?.code ?? '?');
};
const right = (item: Item): string => (item.kind === 'single' ? item.options.find((o) => o.correct === true)!.id : item.kind === 'trueFalse' ? String(item.answer) : item.kind === 'sort' ? item.cards.map((c) => `${c.id}.${c.group}`).join(',') : '');

/** A class lesson with the given tally on every single-answer question (right ones, wrong ones). */
async function teach(h: Harness, band: 'ks1' | 'ks2', className: string, moduleIndex: number, rightHands: number, wrongHands: number) {
  const course = h.bundle.courses.find((c) => c.audience === 'pupil' && c.band === band)!;
  const lesson = course.modules[moduleIndex]!;
  const s = await h.call('classes.start', { band, courseId: course.id, moduleId: lesson.id, className });
  for (const q of lesson.questions ?? []) {
    const answer =
      q.kind === 'single' || q.kind === 'trueFalse'
        ? { kind: 'tally' as const, counts: [{ response: right(q), count: rightHands }, { response: q.kind === 'single' ? q.options.find((o) => !o.correct)!.id : String(!q.answer), count: wrongHands }] }
        : { kind: 'class' as const, tries: [right(q)] };
    await h.call('classes.answer', { classSessionId: s.classSessionId, itemId: q.id, answer });
  }
  return lesson;
}

describe("a teacher's own classes' counts without the administrator (issue 13 item 7)", () => {
  it("shows per lesson and question the classes this teacher taught, never another teacher's", async () => {
    h = harness();
    await h.call('learners.signIn', STAFF);
    const lesson = await teach(h, 'ks1', 'Year 1 Wrens', 0, 12, 15);
    // A class at a PC the teacher supervised is theirs too.
    await h.call('learners.startPupilSession', { firstName: 'Ava', initial: 'P', className: 'Year 5 Kestrels', band: 'ks2' });
    await h.call('learners.endPupilSession', {});
    await h.call('learners.resumeStaff', { pin: STAFF.pin });
    await h.call('learners.signOut', {});
    await h.call('learners.signIn', OTHER);
    await teach(h, 'ks1', 'Year 2 Robins', 0, 20, 1);
    const theirs = await h.call('classes.counts', {});
    expect(theirs.classes).toEqual([{ className: 'Year 2 Robins', band: 'ks1' }]);
    expect(JSON.stringify(theirs)).not.toContain('Wrens');
    await h.call('learners.signOut', {});

    await h.call('learners.signIn', STAFF);
    const mine = await h.call('classes.counts', {});
    expect(mine.classes).toEqual([{ className: 'Year 1 Wrens', band: 'ks1' }]);
    expect(JSON.stringify(mine)).not.toContain('Robins');
    expect(mine.lessons).toHaveLength(1);
    expect(mine.lessons[0]).toMatchObject({ className: 'Year 1 Wrens', moduleTitle: lesson.title });
    const tallied = (lesson.questions ?? []).filter((q) => q.kind === 'single' || q.kind === 'trueFalse');
    expect(tallied.length).toBeGreaterThan(0);
    for (const q of tallied) {
      const row = mine.lessons[0]!.questions.find((x) => x.question === q.stem)!;
      expect(row).toMatchObject({ answers: 27, secure: 12, developing: 0, misconception: 15 });
    }
  });

  it('pages lessons, and refuses pupils, the PC between pupils and nobody', async () => {
    h = harness();
    expect(await code(h.raw('classes.counts', {}))).toBe('forbidden');
    await h.call('learners.signIn', STAFF);
    const ks1 = h.bundle.courses.find((c) => c.audience === 'pupil' && c.band === 'ks1')!;
    const ks2 = h.bundle.courses.find((c) => c.audience === 'pupil' && c.band === 'ks2')!;
    let taught = 0;
    for (let i = 0; i < ks1.modules.length; i++, taught++) await teach(h, 'ks1', 'Year 1 Wrens', i, 3, 1);
    for (let i = 0; i < ks2.modules.length && taught <= LESSONS_PER_PAGE; i++, taught++) await teach(h, 'ks2', 'Year 4 Owls', i, 3, 1);
    expect(taught).toBeGreaterThan(LESSONS_PER_PAGE);
    const first = await h.call('classes.counts', {});
    const pages = Math.ceil(taught / LESSONS_PER_PAGE);
    expect(first).toMatchObject({ page: 0, pages });
    expect(first.lessons).toHaveLength(LESSONS_PER_PAGE);
    const last = await h.call('classes.counts', { page: pages - 1 });
    expect(last.lessons).toHaveLength(taught - (pages - 1) * LESSONS_PER_PAGE);
    // Past the end: the last page, not an empty one.
    expect((await h.call('classes.counts', { page: 999 })).page).toBe(pages - 1);
    expect(await code(h.raw('classes.counts', { page: -1 }))).toBe('invalid-request');
    expect(await code(h.raw('classes.counts', { page: 1.5 }))).toBe('invalid-request');
    expect(await code(h.raw('classes.counts', { academicYear: "2026'; DROP TABLE class_counts; --" }))).toBe('invalid-request');

    await h.call('learners.startPupilSession', { firstName: 'Ava', initial: 'P', className: 'Year 1 Wrens', band: 'ks1' });
    expect(await code(h.raw('classes.counts', {}))).toBe('forbidden');
    await h.call('learners.endPupilSession', {});
    expect(await code(h.raw('classes.counts', {}))).toBe('forbidden');
  });
});
