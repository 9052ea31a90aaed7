import { performance } from 'node:perf_hooks';
import { DashboardService } from '@services/dashboard';
import { longestStall } from './stall';
import { call, type BenchStore } from './store';
import { median, ms } from './stats';

export interface DashboardFigures {
  /** Median of `dashboard.summary({})` right after a learner's new record (the service as the app holds it). */
  afterChange: number;
  /** CPU time (user + system) of those calls: what the work costs when the CPU is shared. */
  afterChangeCpu: number;
  /** Median of the same call again with nothing changed. */
  warm: number;
  /** Median of the first people page with a search, after the summary. */
  peoplePage: number;
  /** A new service's first summary with nothing read yet: every person read and computed at once. */
  rebuild: number;
  rebuildCpu: number;
  /** The start-up warm-up (`warm()`, in steps in the background): its wall time and longest hold on the event loop. */
  warmUp: number;
  warmUpMaxStall: number;
  runs: number;
  staff: number;
  attemptsOnRecord: number;
}

const cpuSince = (c: NodeJS.CpuUsage): number => {
  const used = process.cpuUsage(c);
  return (used.user + used.system) / 1000;
};

/**
 * The dashboard as HR meets it. The app reads the whole book in the background at start-up
 * (`warm()`, timed here with the longest time it held the event loop); then each run a new member
 * of staff signs in and starts a lesson through the real dispatcher (journalled writes that change
 * their summary row), and `summary({})` is timed: what HR waits for after any new record. Also
 * timed: the same call again (nothing changed), a people search page, and a brand-new service's
 * first call with nothing read (what start-up would cost if it were not warmed in the background).
 */
export async function measureDashboard(store: BenchStore, runs: number): Promise<DashboardFigures> {
  const { services, dispatch } = store;
  const fresh = (): DashboardService => new DashboardService(services.db, services.bundle, services.settings, services.clock);
  fresh().summary({}); // compiled code, pages in the OS cache
  const rebuild: number[] = [];
  const rebuildCpu: number[] = [];
  for (let i = 0; i < runs; i++) {
    const d = fresh();
    const c = process.cpuUsage();
    const t = performance.now();
    d.summary({});
    rebuild.push(performance.now() - t);
    rebuildCpu.push(cpuSince(c));
  }

  const d = fresh();
  let t = performance.now();
  const warmUpMaxStall = await longestStall(() => d.warm());
  const warmUp = performance.now() - t;

  const after: number[] = [];
  const afterCpu: number[] = [];
  const warm: number[] = [];
  const page: number[] = [];
  let staff = 0;
  let attempts = 0;
  for (let i = 0; i < runs; i++) {
    const signed = await call<{ learnerId: string }>(dispatch, 'learners.signIn', {
      name: `Dash Board${i}`,
      workEmail: `dash.board.${i}.${Date.now()}@bench.school.uk`,
      school: 'Hayle Academy',
      role: 'support',
      pin: '482613',
    });
    await call(dispatch, 'attempts.start', { learnerId: signed.learnerId, courseId: 'staff-induction', moduleId: 'introduction-scope' });
    await call(dispatch, 'learners.signOut', {});
    const c = process.cpuUsage();
    t = performance.now();
    const s = d.summary({});
    after.push(performance.now() - t);
    afterCpu.push(cpuSince(c));
    t = performance.now();
    d.summary({});
    warm.push(performance.now() - t);
    t = performance.now();
    d.people({ search: 'jones', offset: 0, limit: 50 });
    page.push(performance.now() - t);
    staff = s.totals.staff;
    attempts = s.attemptsOnRecord;
  }
  return {
    afterChange: ms(median(after)),
    afterChangeCpu: ms(median(afterCpu)),
    warm: ms(median(warm)),
    peoplePage: ms(median(page)),
    rebuild: ms(median(rebuild)),
    rebuildCpu: ms(median(rebuildCpu)),
    warmUp: ms(warmUp),
    warmUpMaxStall: ms(warmUpMaxStall),
    runs,
    staff,
    attemptsOnRecord: attempts,
  };
}
