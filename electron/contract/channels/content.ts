import { z } from 'zod';
import { ACCESS } from '../access';
import { SchoolContacts } from './settings';
import { Band, Clause, HelpRoute, Item, Module, SceneSvg, ScoredModule, Section, SLUG_RE, UnkeyedItem } from '@content/schema';

const Id = z.string().regex(SLUG_RE, 'must be a lower-case id');

/** What every module's delivery carries besides the module and its questions. */
const delivery = {
  course: z.strictObject({
    id: z.string(),
    title: z.string(),
    audience: z.enum(['staff', 'pupil']),
    band: Band.nullable(),
    helpRoutes: z.array(HelpRoute),
    /** Staff courses: the acknowledgement text naming the policy version. */
    acknowledgement: z.string().nullable(),
  }),
  /** Section titles (results name the sections to review) and the clauses the screens quote. */
  sections: z.array(Section),
  clauses: z.array(Clause),
  policyVersionLabel: z.string(),
  /** The pictures this module shows, by scene id: inline SVG checked to be plain shapes. */
  pictures: z.record(z.string().regex(SLUG_RE), SceneSvg),
  /** The course's lessons and the sections each teaches: "Sections to review" links to them. */
  lessons: z.array(z.strictObject({ moduleId: z.string(), title: z.string(), sections: z.array(z.strictObject({ id: z.string(), clauses: z.int().positive() })) })),
  /** Staff courses: the learner's school's safeguarding people, named on who-to-tell screens; null: roles only. */
  contacts: SchoolContacts.nullable().optional(),
};

/**
 * One module as the player shows it: placeholders ({trust}, {school}, {policyVersion}) filled.
 * A lesson comes with its questions keyed (its feedback is formative, given on the spot). A scored
 * module (assessment, refresher) comes with its drawn questions unkeyed: no correct flag, answer,
 * group, ending or feedback (content/schema unkeyed.ts refuses each by name); the feedback of an
 * answer comes in main's reply to the commit that recorded it (`attempts.commit`'s `judged`).
 */
export const ContentModuleReply = z.discriminatedUnion('scored', [
  z.strictObject({
    ...delivery,
    scored: z.literal(false),
    module: Module,
    /** The lesson's own questions, in order. */
    items: z.array(Item),
  }),
  z.strictObject({
    ...delivery,
    scored: z.literal(true),
    module: ScoredModule,
    /** The questions of this attempt, in order, as drawn by main; none without an attempt. */
    items: z.array(UnkeyedItem),
  }),
]);
export type ContentModuleReply = z.infer<typeof ContentModuleReply>;

/** One pupil band's help routes, as the lessons end with them. */
export const BandHelp = z.strictObject({ band: Band, title: z.string(), routes: z.array(HelpRoute) });
export type BandHelp = z.infer<typeof BandHelp>;

export const PolicyReply = z.strictObject({
  title: z.string(),
  owner: z.string(),
  edition: z.string(),
  versionLabel: z.string(),
  approved: z.string(),
  nextReview: z.string(),
  /** The policy as the clause registry holds it: every normative sentence under its section. */
  sections: z.array(z.strictObject({ id: z.string(), title: z.string(), clauses: z.array(Clause) })),
  /** "Who do I tell?": the staff guide's routes, and each pupil band's help routes. */
  help: z.strictObject({
    staff: z.array(HelpRoute),
    bands: z.array(BandHelp),
  }),
  /** Each school's safeguarding people the Trust has set (the staff guide names them). */
  contacts: z.array(SchoolContacts),
});
export type PolicyReply = z.infer<typeof PolicyReply>;

export const contentChannels = {
  'content.module': {
    access: ACCESS.public,
    request: z.strictObject({
      courseId: Id,
      moduleId: Id,
      /** The attempt whose drawn items to include (attempts.start); lessons need none. */
      attemptId: z.string().min(1).max(64).optional(),
      /** Fills {school}; the Trust name stands in when absent. */
      school: z.string().trim().min(1).max(120).optional(),
    }),
    reply: ContentModuleReply,
  },
  /** Staff material: refused while pupils have the PC (a pupil's session, or between pupils). */
  'content.policy': { access: ACCESS.notDuringPupils, request: z.strictObject({}), reply: PolicyReply },
  /** A pupil's "Who can I tell?": their band's help routes (content data), nothing of the staff guide. */
  'content.helpRoutes': { access: ACCESS.public, request: z.strictObject({ band: Band }), reply: BandHelp },
} as const;
