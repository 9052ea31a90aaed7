import { performance } from 'node:perf_hooks';
import { DashboardService } from '../../electron/services/dashboard';
import type { Services } from '../../electron/host/services';
import { median, ms } from './stats';

export interface DashboardFigures {
  /** Median of cold `dashboard.summary({})`: the queries and every standing computed afresh. */
  cold: number;
  /** CPU time (user + system) of the same cold calls: what the work costs when the CPU is shared. */
  coldCpu: number;
  /** Median of the same call again with nothing changed (the service's cache answers). */
  warm: number;
  /** Median of the first people page with a search, after the summary. */
  peoplePage: number;
  runs: number;
  staff: number;
  attemptsOnRecord: number;
}

/**
 * The dashboard as HR opens it: a fresh DashboardService per run (so its per-person cache is
 * empty, as after any new commit), `summary({})` timed cold, then warm, then a people search page.
 * One untimed call first so the figures are of compiled code, not the first-ever call.
 */
export function measureDashboard(services: Services, runs: number): DashboardFigures {
  const fresh = (): DashboardService => new DashboardService(services.db, services.bundle, services.settings, services.clock);
  fresh().summary({});
  const cold: number[] = [];
  const coldCpu: number[] = [];
  const warm: number[] = [];
  const page: number[] = [];
  let staff = 0;
  let attempts = 0;
  for (let i = 0; i < runs; i++) {
    const d = fresh();
    const cpu = process.cpuUsage();
    let t = performance.now();
    const s = d.summary({});
    cold.push(performance.now() - t);
    const used = process.cpuUsage(cpu);
    coldCpu.push((used.user + used.system) / 1000);
    t = performance.now();
    d.summary({});
    warm.push(performance.now() - t);
    t = performance.now();
    d.people({ search: 'jones', offset: 0, limit: 50 });
    page.push(performance.now() - t);
    staff = s.totals.staff;
    attempts = s.attemptsOnRecord;
  }
  return { cold: ms(median(cold)), coldCpu: ms(median(coldCpu)), warm: ms(median(warm)), peoplePage: ms(median(page)), runs, staff, attemptsOnRecord: attempts };
}
