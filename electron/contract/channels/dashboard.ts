import { z } from 'zod';
import { ACCESS } from '../access';
import { ROLE_IDS } from '@content/schema';

export const COURSE_STATES = ['not-started', 'in-progress', 'overdue', 'complete', 'expiring', 'expired'] as const;
// Beside the standings: who still has to acknowledge the current policy version, and who has.
export const STATE_FILTERS = [...COURSE_STATES, 'needs-reacknowledgement', 'acknowledged-current'] as const;

const Text = (max: number) => z.string().trim().max(max, `at most ${max} characters`);

export const DashboardFilters = z.strictObject({
  school: Text(120).optional(),
  role: z.enum(ROLE_IDS).optional(),
  moduleId: Text(80).optional(),
  state: z.enum(STATE_FILTERS).optional(),
  /** Part of a name, work email or staff id; case does not matter. */
  search: Text(120).optional(),
});
export type DashboardFilters = z.infer<typeof DashboardFilters>;

const Count = z.int().nonnegative();

export const GroupFigures = z.strictObject({
  key: z.string(),
  label: z.string(),
  staff: Count,
  complete: Count,
  inProgress: Count,
  notStarted: Count,
  overdue: Count,
  expiring: Count,
  expired: Count,
});
export type GroupFigures = z.infer<typeof GroupFigures>;

export const ModuleFigures = z.strictObject({
  courseId: z.string(),
  moduleId: z.string(),
  title: z.string(),
  kind: z.string(),
  assigned: Count,
  done: Count,
  inProgress: Count,
  failed: Count,
  notStarted: Count,
  /** Lessons not taken, cleared by an assessment pass. */
  covered: Count,
  overdue: Count,
  expiring: Count,
  expired: Count,
});
export type ModuleFigures = z.infer<typeof ModuleFigures>;

export const DashboardSummary = z.strictObject({
  today: z.string(),
  policyVersionLabel: z.string(),
  expiringDays: Count,
  attemptsOnRecord: Count,
  /** needsReacknowledgement: a completion of an earlier version; acknowledgedCurrent: the current version acknowledged. */
  totals: GroupFigures.extend({ needsReacknowledgement: Count, acknowledgedCurrent: Count }),
  bySchool: z.array(GroupFigures),
  byRole: z.array(GroupFigures),
  byModule: z.array(ModuleFigures),
  /** For the filter menus: every school, role and module seen, whatever the filters. */
  options: z.strictObject({
    schools: z.array(z.string()),
    roles: z.array(z.strictObject({ id: z.string(), label: z.string() })),
    modules: z.array(z.strictObject({ id: z.string(), title: z.string() })),
  }),
  /** How long main took to answer, for the benchmark and the curious. */
  tookMs: z.number().nonnegative(),
});
export type DashboardSummary = z.infer<typeof DashboardSummary>;

export const PersonRow = z.strictObject({
  learnerId: z.string(),
  name: z.string(),
  workEmail: z.string().nullable(),
  staffId: z.string().nullable(),
  school: z.string(),
  role: z.string(),
  roleLabel: z.string(),
  state: z.enum(COURSE_STATES),
  dueDate: z.string().nullable(),
  passedOn: z.string().nullable(),
  expiresOn: z.string().nullable(),
  acknowledgedVersion: z.string().nullable(),
  /** The date of that acknowledgement. */
  acknowledgedOn: z.string().nullable(),
  /** Days past the due date (overdue) or past the pass's expiry (expired); null otherwise. */
  daysOverdue: Count.nullable(),
  needsReacknowledgement: z.boolean(),
  lastSeenAt: z.string(),
});
export type PersonRow = z.infer<typeof PersonRow>;

/** The people list's orders: who needs attention first (the default), or by one column. */
export const PEOPLE_SORTS = ['attention', 'name', 'school', 'role', 'days-overdue', 'acknowledged'] as const;
export type PeopleSort = (typeof PEOPLE_SORTS)[number];
export const PeopleListRequest = DashboardFilters.extend({ sort: z.enum(PEOPLE_SORTS).default('attention') });

export const PeopleRequest = PeopleListRequest.extend({
  offset: z.int().min(0).max(1_000_000).default(0),
  limit: z.int().min(1).max(200).default(50),
});

export const PersonDetail = z.strictObject({
  person: PersonRow.extend({ firstSignInAt: z.string() }),
  modules: z.array(
    z.strictObject({
      courseId: z.string(),
      moduleId: z.string(),
      title: z.string(),
      kind: z.string(),
      status: z.string(),
      dueDate: z.string().nullable(),
      overdue: z.boolean(),
      expiresOn: z.string().nullable(),
    }),
  ),
  attempts: z.array(
    z.strictObject({
      attemptId: z.string(),
      courseId: z.string(),
      moduleId: z.string(),
      moduleTitle: z.string(),
      status: z.string(),
      scorePercent: z.number().nullable(),
      correct: Count,
      total: Count,
      startedAt: z.string(),
      finishedAt: z.string().nullable(),
      policyVersionLabel: z.string(),
      contentVersion: z.string(),
      sectionsToReview: z.array(z.string()),
    }),
  ),
  acknowledgements: z.array(
    z.strictObject({ courseId: z.string(), attemptId: z.string(), policyVersionLabel: z.string(), acknowledgedAt: z.string() }),
  ),
});
export type PersonDetail = z.infer<typeof PersonDetail>;

/** Pupils appear only as counts per class: no name, no learner id, no date finer than the year. */
export const ClassCounts = z.strictObject({
  academicYears: z.array(z.string()),
  academicYear: z.string().nullable(),
  classes: z.array(z.strictObject({ className: z.string(), band: z.string() })),
  completions: z.array(
    z.strictObject({ className: z.string(), band: z.string(), courseId: z.string(), moduleId: z.string(), moduleTitle: z.string(), completed: Count, inProgress: Count }),
  ),
  answers: z.array(
    z.strictObject({
      className: z.string(),
      band: z.string(),
      moduleId: z.string(),
      moduleTitle: z.string(),
      itemId: z.string(),
      question: z.string(),
      secure: Count,
      developing: Count,
      misconceptions: z.array(z.strictObject({ name: z.string(), count: Count })),
    }),
  ),
});
export type ClassCounts = z.infer<typeof ClassCounts>;

export const dashboardChannels = {
  'dashboard.summary': { access: ACCESS.admin, request: DashboardFilters, reply: DashboardSummary },
  'dashboard.people': { access: ACCESS.admin, request: PeopleRequest, reply: z.strictObject({ total: Count, rows: z.array(PersonRow) }) },
  'dashboard.person': { access: ACCESS.admin, request: z.strictObject({ learnerId: z.string().min(1).max(80) }), reply: PersonDetail },
  /** Everyone the filters match, in the list's order: a spreadsheet-safe CSV and the work emails to copy. */
  'dashboard.peopleList': {
    access: ACCESS.admin,
    request: PeopleListRequest,
    reply: z.strictObject({ count: Count, csv: z.string(), emails: z.array(z.string()) }),
  },
  'dashboard.classCounts': {
    access: ACCESS.admin,
    request: z.strictObject({ academicYear: z.string().regex(/^\d{4}-\d{2}$/, 'an academic year such as 2026-27').optional(), className: Text(40).optional() }),
    reply: ClassCounts,
  },
} as const;
