import { afterEach, describe, expect, it } from 'vitest';
import type { Item } from '@content/schema';
import { applyEntry, type Entry } from '@services/records/entries';
import { classCounts } from '@services/records/queries/class-counts';
import { harness, removeDir, STAFF, type Harness } from '../records/helpers';
import { openedRecordsOf } from '@tests/helpers/records-db';

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

// Right and wrong answers read from the content itself, as a teacher reading the lesson would.
function right(item: Item): string {
  if (item.kind === 'single') return item.options.find((o) => o.correct === true)!.id;
  if (item.kind === 'trueFalse') return String(item.answer);
  if (item.kind === 'sort') return item.cards.map((c) => `${c.id}.${c.group}`).join(',');
  throw new Error('no branching in pupil lessons');
}
function wrong(item: Item): string {
  if (item.kind === 'single') return item.options.find((o) => o.correct !== true)!.id;
  if (item.kind === 'trueFalse') return String(!item.answer);
  if (item.kind === 'sort') return item.cards.map((c, i) => `${c.id}.${i === 0 ? item.groups.find((g) => g.id !== c.group)!.id : c.group}`).join(',');
  throw new Error('no branching in pupil lessons');
}

function ks1Lesson(h: Harness) {
  const course = h.bundle.courses.find((c) => c.audience === 'pupil' && c.band === 'ks1')!;
  const lesson = course.modules.find((m) => (m.questions ?? []).some((q) => q.kind === 'single') && (m.questions ?? []).length >= 2)!;
  return { course, lesson, questions: lesson.questions ?? [] };
}

const counts = (h: Harness) => classCounts(h.services.db, { className: 'Year 1 Robins' }).map((r) => `${r.itemId} ${r.outcome}${r.misconception ? ` (${r.misconception})` : ''} ${r.count}`).sort();
/** The misconception the content names for a wrong answer. */
const misconception = (item: Item): string =>
  item.kind === 'single' ? (item.options.find((o) => o.id === wrong(item))?.misconception ?? '') : item.kind === 'trueFalse' ? (item.misconception ?? '') : '';

describe('class mode in main (issue 13 item 1)', () => {
  it("a teacher's class lesson adds class counts only: no pupil, no attempt, nothing naming the teacher in the counts", async () => {
    h = harness();
    const teacher = await h.call('learners.signIn', STAFF);
    const { bands } = await h.call('classes.lessons', {});
    expect(bands.map((b) => b.band)).toEqual(['ks1', 'ks2', 'ks3', 'ks4']);
    const { course, lesson, questions } = ks1Lesson(h);
    expect(bands[0]!.lessons.map((l) => l.moduleId)).toContain(lesson.id);
    const started = await h.call('classes.start', { band: 'ks1', courseId: course.id, moduleId: lesson.id, className: '  Year 1 Robins ' });
    expect(started.className).toBe('Year 1 Robins');

    const [q1, q2, ...rest] = questions as [Item, Item, ...Item[]];
    expect(await h.call('classes.answer', { classSessionId: started.classSessionId, itemId: q1.id, answer: { kind: 'class', tries: [right(q1)] } })).toEqual({
      recorded: { secure: 1, developing: 0, misconception: 0 },
    });
    expect((await h.call('classes.answer', { classSessionId: started.classSessionId, itemId: q2.id, answer: { kind: 'class', tries: [wrong(q2), right(q2)] } })).recorded).toEqual({
      secure: 0,
      developing: 1,
      misconception: 0,
    });
    const single = rest.find((q) => q.kind === 'single' || q.kind === 'trueFalse')!;
    {
      const tally = { kind: 'tally' as const, counts: [{ response: right(single), count: 19 }, { response: wrong(single), count: 8 }] };
      expect((await h.call('classes.answer', { classSessionId: started.classSessionId, itemId: single.id, answer: tally })).recorded).toEqual({ secure: 19, developing: 0, misconception: 8 });
    }
    expect(await h.call('classes.finish', { classSessionId: started.classSessionId })).toEqual({ finished: true, questionsAnswered: 3 });

    const expected = [`${q1.id} secure 1`, `${q2.id} developing 1`, `${single.id} secure 19`, `${single.id} misconception${misconception(single) ? ` (${misconception(single)})` : ''} 8`];
    expect(counts(h)).toEqual(expected.sort());
    expect(h.services.db.prepare("SELECT COUNT(*) AS n FROM learners WHERE kind = 'pupil'").get()).toEqual({ n: 0 });
    expect(h.services.db.prepare('SELECT COUNT(*) AS n FROM attempts').get()).toEqual({ n: 0 });
    const rows = JSON.stringify(h.services.db.prepare('SELECT * FROM class_counts').all());
    expect(rows).not.toContain(teacher.learnerId);
    expect(rows).not.toContain(STAFF.name);
  });

  it('merges with the counts pupils at a PC add for the same class', async () => {
    h = harness();
    await h.call('learners.signIn', STAFF);
    const { course, lesson, questions } = ks1Lesson(h);
    const q = questions[0]!;
    for (const className of ['Year 1 Robins', 'year 1 robins']) {
      const s = await h.call('classes.start', { band: 'ks1', courseId: course.id, moduleId: lesson.id, className });
      await h.call('classes.answer', { classSessionId: s.classSessionId, itemId: q.id, answer: { kind: 'class', tries: [right(q)] } });
    }
    // The dashboard's teacher view adds them up under one class, as it does pupils' answers.
    const rows = classCounts(h.services.db).filter((r) => r.itemId === q.id && r.outcome === 'secure');
    expect(rows.reduce((n, r) => n + r.count, 0)).toBe(2);
  });

  it('refuses pupils, the PC between pupils, nobody, and another teacher', async () => {
    h = harness();
    const { course, lesson, questions } = ks1Lesson(h);
    const start = { band: 'ks1' as const, courseId: course.id, moduleId: lesson.id, className: 'Year 1 Robins' };
    expect(await code(h.raw('classes.lessons', {}))).toBe('forbidden');
    expect(await code(h.raw('classes.start', start))).toBe('forbidden');
    await h.call('learners.signIn', STAFF);
    const mine = await h.call('classes.start', start);
    const q = questions[0]!;
    const answer = { classSessionId: mine.classSessionId, itemId: q.id, answer: { kind: 'class' as const, tries: [right(q)] } };

    // A pupil at the PC, and the PC between pupils, cannot answer for the teacher's class.
    await h.call('learners.startPupilSession', { firstName: 'Sam', initial: 'T', className: 'Year 1 Robins', band: 'ks1' });
    expect(await code(h.raw('classes.answer', answer))).toBe('forbidden');
    expect(await code(h.raw('classes.start', start))).toBe('forbidden');
    await h.call('learners.endPupilSession', {});
    expect(await code(h.raw('classes.answer', answer))).toBe('forbidden');
    await h.call('learners.resumeStaff', { pin: STAFF.pin });

    // Another teacher signed in on the same PC cannot answer for, or end, this teacher's class lesson.
    await h.call('learners.signOut', {});
    await h.call('learners.signIn', OTHER);
    expect(await code(h.raw('classes.answer', answer))).toBe('forbidden');
    expect(await code(h.raw('classes.finish', { classSessionId: mine.classSessionId }))).toBe('forbidden');
    await h.call('learners.signOut', {});
    await h.call('learners.signIn', STAFF);
    expect((await h.call('classes.answer', answer)).recorded.secure).toBe(1);
    expect(counts(h)).toEqual([`${q.id} secure 1`]);
  });

  it('holds against replays, forged questions and answers, huge tallies and a closed lesson', async () => {
    h = harness();
    await h.call('learners.signIn', STAFF);
    const { course, lesson, questions } = ks1Lesson(h);
    const s = await h.call('classes.start', { band: 'ks1', courseId: course.id, moduleId: lesson.id, className: 'Year 1 Robins' });
    const id = s.classSessionId;
    const single = questions.find((q) => q.kind === 'single')!;
    const ask = (itemId: string, answer: unknown) => code(h.raw('classes.answer', { classSessionId: id, itemId, answer } as never));

    // Forged questions and answers.
    expect(await ask('not-a-question', { kind: 'class', tries: ['a'] })).toBe('not-found');
    expect(await ask(single.id, { kind: 'class', tries: ['f'] })).toBe('invalid-request');
    expect(await ask(single.id, { kind: 'class', tries: ['<script>'] })).toBe('invalid-request');
    expect(await ask(single.id, { kind: 'class', tries: [right(single), wrong(single)] })).toBe('invalid-request'); // no second try after a right one
    expect(await ask(single.id, { kind: 'class', tries: [wrong(single), wrong(single), right(single)] })).toBe('invalid-request');
    // Tallies: too big, negative, fractional, nobody, the same option twice, more options than a question has.
    expect(await ask(single.id, { kind: 'tally', counts: [{ response: right(single), count: 61 }] })).toBe('invalid-request');
    expect(await ask(single.id, { kind: 'tally', counts: [{ response: right(single), count: 1e9 }] })).toBe('invalid-request');
    expect(await ask(single.id, { kind: 'tally', counts: [{ response: right(single), count: -3 }] })).toBe('invalid-request');
    expect(await ask(single.id, { kind: 'tally', counts: [{ response: right(single), count: 2.5 }] })).toBe('invalid-request');
    expect(await ask(single.id, { kind: 'tally', counts: [{ response: right(single), count: 0 }] })).toBe('invalid-request');
    expect(await ask(single.id, { kind: 'tally', counts: [{ response: right(single), count: 30 }, { response: right(single), count: 30 }] })).toBe('invalid-request');
    expect(await ask(single.id, { kind: 'tally', counts: Array.from({ length: 7 }, () => ({ response: 'a', count: 1 })) })).toBe('invalid-request');
    // A sort question (a lesson of its own): the class answer only, every card once, real groups.
    const sortLesson = course.modules.find((m) => (m.questions ?? []).some((q) => q.kind === 'sort'))!;
    const sort = sortLesson.questions!.find((q) => q.kind === 'sort')!;
    const s2 = await h.call('classes.start', { band: 'ks1', courseId: course.id, moduleId: sortLesson.id, className: 'Year 1 Robins' });
    const askSort = (answer: unknown) => code(h.raw('classes.answer', { classSessionId: s2.classSessionId, itemId: sort.id, answer } as never));
    expect(await askSort({ kind: 'tally', counts: [{ response: right(sort), count: 5 }] })).toBe('invalid-request');
    expect(await askSort({ kind: 'class', tries: [right(sort).split(',').slice(1).join(',')] })).toBe('invalid-request'); // a card left out
    expect(await askSort({ kind: 'class', tries: [`${right(sort)},${right(sort).split(',')[0]}`] })).toBe('invalid-request'); // a card twice
    expect(await askSort({ kind: 'class', tries: [right(sort).replace(/\.[a-z0-9-]+$/, '.made-up')] })).toBe('invalid-request');
    expect(await code(h.raw('classes.answer', { classSessionId: 'not-a-uuid', itemId: single.id, answer: { kind: 'class', tries: ['a'] } }))).toBe('invalid-request');
    expect(await code(h.raw('classes.answer', { classSessionId: '00000000-0000-4000-8000-000000000000', itemId: single.id, answer: { kind: 'class', tries: ['a'] } }))).toBe('forbidden');
    expect(await code(h.raw('classes.start', { band: 'ks2', courseId: course.id, moduleId: lesson.id, className: 'Year 1 Robins' }))).toBe('invalid-request');
    expect(await code(h.raw('classes.start', { band: 'ks1', courseId: 'staff-induction', moduleId: lesson.id, className: 'Year 1 Robins' }))).toBe('not-found');
    expect(await code(h.raw('classes.start', { band: 'ks1', courseId: course.id, moduleId: lesson.id, className: 'x'.repeat(41) }))).toBe('invalid-request');
    expect(await code(h.raw('classes.start', { band: 'ks1', courseId: course.id, moduleId: lesson.id, className: 'Robins\u0000' }))).toBe('invalid-request');
    expect(counts(h)).toEqual([]);

    // The same answer sent ten times side by side counts once; later replays are refused.
    const answer = { kind: 'tally', counts: [{ response: right(single), count: 20 }, { response: wrong(single), count: 7 }] };
    const replies = await Promise.all(Array.from({ length: 10 }, () => ask(single.id, answer)));
    expect(replies.filter((r) => r === 'ok')).toHaveLength(1);
    expect(replies.filter((r) => r === 'conflict')).toHaveLength(9);
    expect(await ask(single.id, { kind: 'class', tries: [right(single)] })).toBe('conflict');
    expect(counts(h).filter((r) => r.includes(' secure '))).toEqual([`${single.id} secure 20`]);

    // Once finished, the lesson takes nothing more.
    await h.call('classes.finish', { classSessionId: id });
    const other = questions.find((q) => q.id !== single.id)!;
    expect(await ask(other.id, { kind: 'class', tries: [right(other)] })).toBe('forbidden');
    expect(await code(h.raw('classes.finish', { classSessionId: id }))).toBe('forbidden');
  });

  it('a replayed journal entry counts once (recovery applies entries again)', async () => {
    h = harness();
    await h.call('learners.signIn', STAFF);
    const { course, lesson, questions } = ks1Lesson(h);
    const s = await h.call('classes.start', { band: 'ks1', courseId: course.id, moduleId: lesson.id, className: 'Year 1 Robins' });
    await h.call('classes.answer', { classSessionId: s.classSessionId, itemId: questions[0]!.id, answer: { kind: 'class', tries: [right(questions[0]!)] } });
    const entry = h.services.records.store.journal.read<Entry>().entries.find((e) => e.k === 'class.answer')!;
    expect(entry).toMatchObject({ className: 'Year 1 Robins', band: 'ks1', academicYear: '2026-27' });
    expect(JSON.stringify(entry)).not.toMatch(/learnerId|Ann Example/);
    expect(applyEntry(openedRecordsOf(h.services.records).db, entry).applied).toBe(false);
    expect(counts(h)).toEqual([`${questions[0]!.id} secure 1`]);
  });
});
