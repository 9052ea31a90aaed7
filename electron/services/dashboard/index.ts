import type { ReadableDb } from '../storage';
import { performance } from 'node:perf_hooks';
import type { Bundle } from '@content/schema';
import type { ClassCounts, DashboardFilters, DashboardSummary, PeopleSort, PersonDetail, PersonRow } from '@contract/channels/dashboard';
import { ServiceError } from '@contract/result';
import { localDate } from '../compliance';
import type { SettingsService } from '../settings';
import { aggregate, people, personRow, sortedPeople, Tally, type Aggregates } from './aggregate';
import { StandingsBook } from './book';
import { peopleCsv } from './people-csv';
import { personAcknowledgements, personAttempts, staffLearner } from '../records';
import type { Standing } from './standing';
import { teacherCounts } from './teacher';

export { computeStandings, complianceSettingsOf, type Standing } from './standing';

/** Staff summed per step of the start-up warm-up (about 2 ms of CPU each). */
const WARM_SUM_STEP = 1000;
const turn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/**
 * HR's figures, from the standings book (book.ts): every staff member's standing kept in memory
 * from the summary table the writes keep, re-read only for the people changed since the last call,
 * so changing a filter or paging through people costs a pass over memory, and a commit costs the
 * next call one person. `warm()` reads the whole book in the background at start-up.
 */
export class DashboardService {
  private readonly book: StandingsBook;
  /** The unfiltered figures (what HR opens), kept as sums and adjusted for the people who changed. */
  private all: { tally: Tally; epoch: number; applied: number } | null = null;

  constructor(
    private readonly db: ReadableDb,
    private readonly bundle: Bundle,
    private readonly settings: SettingsService,
    private readonly clock: () => Date,
  ) {
    this.book = new StandingsBook(db, bundle);
  }

  private roleLabel = (role: string): string => {
    for (const c of this.bundle.courses) {
      const label = c.roles?.[role as keyof NonNullable<typeof c.roles>]?.label;
      if (label) return label;
    }
    return role;
  };

  private standings(): { standings: Standing[]; attempts: number } {
    return { standings: this.book.standings(this.settings.get(), this.clock()), attempts: this.book.attemptsOnRecord() };
  }

  /**
   * Reads every standing in the background (start-up), then sums the unfiltered figures in steps,
   * so the first open of the dashboard is quick. A change during the sums (the book's log grew)
   * leaves them to the first call instead.
   */
  async warm(): Promise<void> {
    await this.book.warm(this.settings.get(), this.clock());
    await turn();
    const standings = this.book.standings(this.settings.get(), this.clock());
    const { epoch, log } = this.book.changes();
    const applied = log.length;
    const tally = new Tally({}, this.roleLabel);
    for (let i = 0; i < standings.length; i += WARM_SUM_STEP) {
      await turn();
      for (let j = i; j < Math.min(i + WARM_SUM_STEP, standings.length); j++) tally.add(standings[j] as Standing);
    }
    const now = this.book.changes();
    if (now.epoch === epoch && now.log.length === applied) this.all = { tally, epoch, applied };
  }

  summary(filters: DashboardFilters): DashboardSummary {
    const started = performance.now();
    const { standings, attempts } = this.standings();
    const settings = this.settings.get();
    const staffModules = this.bundle.courses.filter((c) => c.audience === 'staff').flatMap((c) => c.modules.map((m) => ({ courseId: c.id, moduleId: m.id, title: m.title })));
    const unfiltered = !filters.school && !filters.role && !filters.moduleId && !filters.state && !filters.search;
    const figures = unfiltered ? this.allFigures(standings, staffModules) : aggregate(standings, filters, this.roleLabel, staffModules);
    const roles = new Map<string, string>();
    for (const c of this.bundle.courses) for (const [id, r] of Object.entries(c.roles ?? {})) if (r) roles.set(id, r.label);
    return {
      today: localDate(this.clock()),
      policyVersionLabel: settings.policyVersionLabel,
      expiringDays: settings.expiringDays,
      attemptsOnRecord: attempts,
      ...figures,
      options: {
        // Unfiltered, the figures by school already name every school someone is in.
        schools: [...new Set([...settings.schools, ...(unfiltered ? figures.bySchool.map((g) => g.key) : standings.map((s) => s.learner.school))])].sort((a, b) =>
          a.localeCompare(b, 'en-GB'),
        ),
        roles: [...roles].map(([id, label]) => ({ id, label })),
        modules: staffModules.map((m) => ({ id: m.moduleId, title: m.title })),
      },
      tookMs: Math.round((performance.now() - started) * 10) / 10,
    };
  }

  /**
   * The unfiltered figures, kept as sums: only the standings the book replaced since the last call
   * (its change log) are taken away and added again, with no pass over everyone. Starts over when
   * the book built its list again (a new day, new settings, someone left) or many changed.
   */
  private allFigures(standings: readonly Standing[], moduleOrder: readonly { courseId: string; moduleId: string }[]): Aggregates {
    const { epoch, log } = this.book.changes();
    const kept = this.all;
    if (kept && kept.epoch === epoch && log.length - kept.applied <= 500) {
      for (let i = kept.applied; i < log.length; i++) {
        const change = log[i] as (typeof log)[number];
        if (change.before) kept.tally.add(change.before, -1);
        kept.tally.add(change.after);
      }
      kept.applied = log.length;
      return kept.tally.figures(moduleOrder);
    }
    const tally = new Tally({}, this.roleLabel);
    for (const st of standings) tally.add(st);
    this.all = { tally, epoch, applied: log.length };
    return tally.figures(moduleOrder);
  }

  people(request: DashboardFilters & { offset: number; limit: number; sort?: PeopleSort }): { total: number; rows: PersonRow[] } {
    const { offset, limit, sort, ...filters } = request;
    return people(this.standings().standings, filters, this.roleLabel, offset, limit, sort);
  }

  /** Everyone the filters match, in the list's order: "Export this list" and "Copy emails". */
  peopleList(request: DashboardFilters & { sort?: PeopleSort }): { count: number; csv: string; emails: string[] } {
    const { sort, ...filters } = request;
    const rows = sortedPeople(this.standings().standings, filters, this.roleLabel, sort);
    return { count: rows.length, csv: peopleCsv(rows), emails: [...new Set(rows.flatMap((r) => (r.workEmail ? [r.workEmail] : [])))] };
  }

  /** One staff member and every attempt; pupils are never shown here (not-found, as for a stranger). */
  person(learnerId: string): PersonDetail {
    const learner = staffLearner(this.db, learnerId);
    if (!learner) throw new ServiceError('not-found', 'No staff member with that id.');
    const standing = this.standings().standings.find((s) => s.learner.id === learnerId);
    if (!standing) throw new ServiceError('not-found', 'No staff member with that id.');
    const titles = new Map(this.bundle.courses.flatMap((c) => c.modules.map((m) => [`${c.id}/${m.id}`, m.title] as const)));
    const parseList = (json: string): string[] => {
      try {
        const v: unknown = JSON.parse(json);
        return Array.isArray(v) ? v.map(String) : [];
      } catch {
        return [];
      }
    };
    return {
      person: { ...personRow(standing, this.roleLabel), firstSignInAt: learner.firstSignInAt },
      modules: standing.compliance.items.map((i) => ({
        courseId: i.courseId,
        moduleId: i.moduleId,
        title: i.title,
        kind: i.kind,
        status: i.status,
        dueDate: i.dueDate,
        overdue: i.overdue,
        expiresOn: i.expiresOn,
      })),
      attempts: personAttempts(this.db, learnerId).map((a) => ({
        attemptId: a.attemptId,
        courseId: a.courseId,
        moduleId: a.moduleId,
        moduleTitle: titles.get(`${a.courseId}/${a.moduleId}`) ?? a.moduleId,
        status: a.status,
        scorePercent: a.scorePercent,
        correct: a.correct,
        total: a.total,
        startedAt: a.startedAt,
        finishedAt: a.finishedAt,
        policyVersionLabel: a.policyVersionLabel,
        contentVersion: a.contentVersion,
        sectionsToReview: parseList(a.sectionsToReview),
      })),
      acknowledgements: personAcknowledgements(this.db, learnerId).map(({ courseId, attemptId, policyVersionLabel, acknowledgedAt }) => ({
        courseId,
        attemptId,
        policyVersionLabel,
        acknowledgedAt,
      })),
    };
  }

  classCounts(request: { academicYear?: string | undefined; className?: string | undefined }): ClassCounts {
    return teacherCounts(this.db, this.bundle, request);
  }
}
