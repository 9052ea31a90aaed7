import type { DashboardFilters, GroupFigures, ModuleFigures, PeopleSort, PersonRow } from '@contract/channels/dashboard';
import type { ModuleCompliance } from '../compliance';
import type { Standing } from './standing';

export function matches(st: Standing, f: DashboardFilters): boolean {
  const l = st.learner;
  if (f.school && l.school.toLowerCase() !== f.school.toLowerCase()) return false;
  if (f.role && l.role !== f.role) return false;
  if (f.moduleId && !st.compliance.items.some((i) => i.moduleId === f.moduleId)) return false;
  if (f.state) {
    if (f.state === 'needs-reacknowledgement') {
      if (!st.needsReacknowledgement) return false;
    } else if (f.state === 'acknowledged-current') {
      if (!acknowledgedCurrent(st)) return false;
    } else if (f.state === 'complete') {
      // Complete as the figure counts it: a current pass and acknowledgement, expiring ones included.
      if (st.state !== 'complete' && st.state !== 'expiring') return false;
    } else if (st.state !== f.state) return false;
  }
  if (f.search && !st.searchText.includes(f.search.toLowerCase())) return false;
  return true;
}

/** Has acknowledged the policy version in force now (the new edition, once one arrives). */
const acknowledgedCurrent = (st: Standing): boolean => st.compliance.courses.some((c) => c.acknowledged);

const emptyGroup = (key: string, label: string): GroupFigures => ({
  key,
  label,
  staff: 0,
  complete: 0,
  inProgress: 0,
  notStarted: 0,
  overdue: 0,
  expiring: 0,
  expired: 0,
});

/**
 * Adds one person (`sign` 1) or takes them away again (-1). Each person counts once among complete
 * (a current pass with an acknowledgement, expiring included), in progress, not started, overdue
 * and expired: those five add up to the staff, and each agrees with the list filtered to it (an
 * expired pass is not also overdue).
 */
function addPerson(g: GroupFigures, st: Standing, sign: number): void {
  g.staff += sign;
  const state = st.state;
  if (state === 'complete' || state === 'expiring') g.complete += sign;
  if (state === 'in-progress') g.inProgress += sign;
  if (state === 'not-started') g.notStarted += sign;
  if (state === 'overdue') g.overdue += sign;
  if (state === 'expiring') g.expiring += sign;
  if (state === 'expired') g.expired += sign;
}

function addModule(m: ModuleFigures, item: ModuleCompliance, sign: number): void {
  m.assigned += sign;
  if (item.status === 'passed' || item.status === 'completed') m.done += sign;
  if (item.status === 'in-progress') m.inProgress += sign;
  if (item.status === 'failed') m.failed += sign;
  if (item.status === 'not-started') m.notStarted += sign;
  if (item.status === 'covered') m.covered += sign;
  if (item.status === 'expiring') {
    m.expiring += sign;
    m.done += sign;
  }
  if (item.status === 'expired') m.expired += sign;
  if (item.overdue) m.overdue += sign;
}

export interface Aggregates {
  totals: GroupFigures & { needsReacknowledgement: number; acknowledgedCurrent: number };
  bySchool: GroupFigures[];
  byRole: GroupFigures[];
  byModule: ModuleFigures[];
}

/**
 * The figures as sums over people, so a person can be taken away and added back as they change:
 * after one new record the dashboard adjusts one person, not 15,000 (issue 19 item 1).
 */
export class Tally {
  private readonly totals = { ...emptyGroup('all', 'All staff'), needsReacknowledgement: 0, acknowledgedCurrent: 0 };
  private readonly schools = new Map<string, GroupFigures>();
  private readonly roles = new Map<string, GroupFigures>();
  private readonly modules = new Map<string, Map<string, ModuleFigures>>();

  constructor(
    private readonly filters: DashboardFilters,
    private readonly roleLabel: (role: string) => string,
  ) {}

  add(st: Standing, sign: 1 | -1 = 1): void {
    const filters = this.filters;
    if (!matches(st, filters)) return;
    const { items } = st.compliance;
    const totals = this.totals;
    addPerson(totals, st, sign);
    if (st.needsReacknowledgement) totals.needsReacknowledgement += sign;
    if (acknowledgedCurrent(st)) totals.acknowledgedCurrent += sign;
    const school = st.learner.school;
    const sg = this.schools.get(school) ?? emptyGroup(school, school);
    this.schools.set(school, sg);
    addPerson(sg, st, sign);
    const rg = this.roles.get(st.learner.role) ?? emptyGroup(st.learner.role, this.roleLabel(st.learner.role));
    this.roles.set(st.learner.role, rg);
    addPerson(rg, st, sign);
    for (const item of items) {
      if (filters.moduleId && item.moduleId !== filters.moduleId) continue;
      // Two-level lookup: no key string built per item (15,000 staff hold some 140,000 items).
      let course = this.modules.get(item.courseId);
      if (!course) this.modules.set(item.courseId, (course = new Map()));
      let m = course.get(item.moduleId);
      if (!m) {
        m = { courseId: item.courseId, moduleId: item.moduleId, title: item.title, kind: item.kind, assigned: 0, done: 0, inProgress: 0, failed: 0, notStarted: 0, covered: 0, overdue: 0, expiring: 0, expired: 0 };
        course.set(item.moduleId, m);
      }
      addModule(m, item, sign);
    }
  }

  /** The figures now (copies), groups nobody is in left out, in the order the dashboard shows them. */
  figures(moduleOrder: readonly { courseId: string; moduleId: string }[]): Aggregates {
    const rank = new Map(moduleOrder.map((m, i) => [`${m.courseId}/${m.moduleId}`, i]));
    const byLabel = (a: GroupFigures, b: GroupFigures): number => a.label.localeCompare(b.label, 'en-GB');
    const groups = (map: Map<string, GroupFigures>): GroupFigures[] => [...map.values()].filter((g) => g.staff > 0).map((g) => ({ ...g }));
    return {
      totals: { ...this.totals },
      bySchool: groups(this.schools).sort(byLabel),
      byRole: groups(this.roles).sort(byLabel),
      byModule: [...this.modules.values()]
        .flatMap((c) => [...c.values()])
        .filter((m) => m.assigned > 0)
        .map((m) => ({ ...m }))
        .sort((a, b) => (rank.get(`${a.courseId}/${a.moduleId}`) ?? 1e9) - (rank.get(`${b.courseId}/${b.moduleId}`) ?? 1e9)),
    };
  }
}

/** One pass over the standings: totals, and figures by school, by role and by module. */
export function aggregate(
  standings: readonly Standing[],
  filters: DashboardFilters,
  roleLabel: (role: string) => string,
  moduleOrder: readonly { courseId: string; moduleId: string }[],
): Aggregates {
  const tally = new Tally(filters, roleLabel);
  for (const st of standings) tally.add(st);
  return tally.figures(moduleOrder);
}

const collator = new Intl.Collator('en-GB');
const STATE_RANK: Record<PersonRow['state'], number> = { expired: 0, overdue: 1, 'not-started': 2, 'in-progress': 3, expiring: 4, complete: 5 };

const DAY_MS = 86_400_000;
/** Whole days from one calendar date to another (both YYYY-MM-DD). */
const daysBetween = (from: string, to: string): number => Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);

export function personRow(st: Standing, roleLabel: (role: string) => string): PersonRow {
  const l = st.learner;
  const courses = st.compliance.courses;
  const main = courses[0];
  const today = st.compliance.today;
  const lateSince = st.state === 'overdue' ? (main?.dueDate ?? null) : st.state === 'expired' ? (main?.expiresOn ?? null) : null;
  return {
    learnerId: l.id,
    name: l.name,
    workEmail: l.workEmail,
    staffId: l.staffId,
    school: l.school,
    role: l.role,
    roleLabel: roleLabel(l.role),
    state: st.state,
    dueDate: main?.dueDate ?? null,
    passedOn: main?.passedOn ?? null,
    expiresOn: main?.expiresOn ?? null,
    acknowledgedVersion: main?.acknowledgedVersion ?? null,
    acknowledgedOn: main?.acknowledgedOn ?? null,
    daysOverdue: lateSince ? Math.max(0, daysBetween(lateSince, today)) : null,
    needsReacknowledgement: st.needsReacknowledgement,
    lastSeenAt: l.lastSeenAt,
  };
}

type Row = { st: Standing; row: PersonRow };
const byName = (a: Row, b: Row): number => collator.compare(a.row.name, b.row.name) || (a.row.learnerId < b.row.learnerId ? -1 : a.row.learnerId > b.row.learnerId ? 1 : 0);
/** Most days late first; nobody late last. */
const byLateness = (a: Row, b: Row): number => (b.row.daysOverdue ?? -1) - (a.row.daysOverdue ?? -1);
/** Never acknowledged first, then the oldest acknowledgement. */
const byAcknowledged = (a: Row, b: Row): number => (a.row.acknowledgedOn ?? '').localeCompare(b.row.acknowledgedOn ?? '');
const ORDERS: Record<PeopleSort, (a: Row, b: Row) => number> = {
  // Who needs attention first: expired and overdue at the top, then by name.
  attention: (a, b) => STATE_RANK[a.st.state] - STATE_RANK[b.st.state] || byName(a, b),
  name: byName,
  school: (a, b) => collator.compare(a.row.school, b.row.school) || byName(a, b),
  role: (a, b) => collator.compare(a.row.roleLabel, b.row.roleLabel) || byName(a, b),
  'days-overdue': (a, b) => byLateness(a, b) || byName(a, b),
  acknowledged: (a, b) => byAcknowledged(a, b) || byName(a, b),
};

/** Everyone the filters match, in the order asked for (who needs attention first unless told). */
export function sortedPeople(standings: readonly Standing[], filters: DashboardFilters, roleLabel: (role: string) => string, sort: PeopleSort = 'attention'): PersonRow[] {
  const chosen: Row[] = standings.filter((s) => matches(s, filters)).map((st) => ({ st, row: personRow(st, roleLabel) }));
  chosen.sort(ORDERS[sort]);
  return chosen.map((r) => r.row);
}

export function people(
  standings: readonly Standing[],
  filters: DashboardFilters,
  roleLabel: (role: string) => string,
  offset: number,
  limit: number,
  sort: PeopleSort = 'attention',
): { total: number; rows: PersonRow[] } {
  const all = sortedPeople(standings, filters, roleLabel, sort);
  return { total: all.length, rows: all.slice(offset, offset + limit) };
}
