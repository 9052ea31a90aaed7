import { z } from 'zod';
import { ACCESS } from '../access';
import { noControl } from '../text';
import { SLUG_RE } from '@content/schema';
import { PupilBand } from './records';
import { CLASS_TALLY_MAX } from '../class-limits';

// ---------------------------------------------------------------------------------------------
// Class mode (issue 13 item 1): a signed-in member of staff teaches a whole class from the board.
// Nothing here names or counts a pupil: a class lesson has a class name, and its answers go
// straight into the class counts pupils' lessons fold into (records/entries.ts 'class.answer').
// ---------------------------------------------------------------------------------------------

const Id = z.string().regex(SLUG_RE, 'must be a lower-case id');
const ClassSessionId = z.uuid({ error: 'classSessionId must be the id classes.start gave' });

/** A class's name as the school writes it ("Year 2 Robins"): the same rules as a pupil session's. */
export const ClassName = z
  .string({ error: 'class must be text' })
  .trim()
  .min(1, 'class is empty')
  .max(40, 'class must be at most 40 characters')
  .superRefine(noControl('class'));

export { CLASS_TALLY_MAX };

/** A neutral response as the player records it ("b", "true", "c1.safe,c2.unsafe"). */
const Response = z.string().min(1, 'response is empty').max(400, 'response must be at most 400 characters');

export const ClassAnswer = z.discriminatedUnion('kind', [
  /** The teacher taps what the class chose: the first try, and the second after the hint. */
  z.strictObject({ kind: z.literal('class'), tries: z.array(Response).min(1, 'give the class answer').max(2, 'a class has at most two tries') }),
  /** Hands up: how many chose each option. */
  z.strictObject({
    kind: z.literal('tally'),
    counts: z
      .array(z.strictObject({ response: Response, count: z.int('count must be a whole number').min(0, 'count cannot be negative').max(CLASS_TALLY_MAX, `count must be at most ${CLASS_TALLY_MAX}`) }))
      .min(1, 'give a count for at least one option')
      .max(6, 'a question has at most six options'),
  }),
]);
export type ClassAnswer = z.infer<typeof ClassAnswer>;

const Counted = z.int().min(0);

/** A teacher's own classes' counts, per lesson and question, a page of lessons at a time. */
export const OwnClassCounts = z.strictObject({
  academicYears: z.array(z.string()),
  academicYear: z.string().nullable(),
  classes: z.array(z.strictObject({ className: z.string(), band: z.string() })),
  page: Counted,
  pages: Counted,
  lessons: z.array(
    z.strictObject({
      className: z.string(),
      band: z.string(),
      moduleTitle: z.string(),
      completed: Counted,
      questions: z.array(
        z.strictObject({
          question: z.string(),
          answers: Counted,
          secure: Counted,
          developing: Counted,
          misconception: Counted,
          misconceptions: z.array(z.strictObject({ name: z.string(), count: Counted })),
        }),
      ),
    }),
  ),
});
export type OwnClassCounts = z.infer<typeof OwnClassCounts>;

export const classesChannels = {
  /** The pupil lessons a teacher can teach, by band. */
  'classes.lessons': {
    access: ACCESS.staff,
    request: z.strictObject({}),
    reply: z.strictObject({
      bands: z.array(
        z.strictObject({
          band: PupilBand,
          title: z.string(),
          lessons: z.array(z.strictObject({ courseId: z.string(), moduleId: z.string(), title: z.string(), minutes: z.number() })),
        }),
      ),
    }),
  },
  /** Starts a class lesson for the signed-in member of staff; only they can answer for it. */
  'classes.start': {
    access: ACCESS.staff,
    request: z.strictObject({ band: PupilBand, courseId: Id, moduleId: Id, className: ClassName }),
    reply: z.strictObject({ classSessionId: z.string(), className: z.string(), band: PupilBand }),
  },
  /** The class's answer to one question, once: added to the class counts. */
  'classes.answer': {
    access: ACCESS.staff,
    request: z.strictObject({ classSessionId: ClassSessionId, itemId: Id, answer: ClassAnswer }),
    reply: z.strictObject({ recorded: z.strictObject({ secure: Counted, developing: Counted, misconception: Counted }) }),
  },
  /** The signed-in teacher's own classes' counts (classes they taught or supervised), no administrator needed. */
  'classes.counts': {
    access: ACCESS.staff,
    request: z.strictObject({
      academicYear: z.string().regex(/^\d{4}-\d{2}$/, 'an academic year such as 2026-27').optional(),
      page: z.int('page must be a whole number').min(0, 'page cannot be negative').max(10_000, 'page must be at most 10000').optional(),
    }),
    reply: OwnClassCounts,
  },
  /** The class lesson is over: nothing more can be added to it. */
  'classes.finish': {
    access: ACCESS.staff,
    request: z.strictObject({ classSessionId: ClassSessionId }),
    reply: z.strictObject({ finished: z.literal(true), questionsAnswered: Counted }),
  },
} as const;
