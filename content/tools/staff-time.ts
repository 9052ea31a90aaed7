import { ROLE_IDS, assessableBank } from '../schema/index';
import { MINUTES_MARGIN, STAFF_PATH } from './brief';
import type { CompiledCourse } from './compile';
import type { Diagnostic } from './diagnostics';
import { TIMING, minutesOf, moduleEffort, moduleTiming, round1, type ModuleTiming } from './timing';

/** One role's path: what its modules declare, and what the content estimate makes of them. */
export interface PathTiming {
  declared: number;
  estimate: number;
  /** The brief's limit when the role is one of the core roles most staff take; null otherwise. */
  maxMinutes: number | null;
}

export interface StaffTiming {
  wordsPerMinute: number;
  secondsPerStep: number;
  secondsPerDecision: number;
  margin: { minutes: number; share: number };
  modules: Record<string, ModuleTiming>;
  roles: Record<string, PathTiming>;
}

const CORE: ReadonlySet<string> = new Set(STAFF_PATH.coreRoles);

/**
 * Each module's estimate beside its declared minutes (a graded module against the whole bank), and
 * each role's path (a graded module against the items that role may be asked). With `check`, a
 * declared figure outside the margin, and a core role over the brief's limit, are problems.
 */
export function staffTiming(c: CompiledCourse, quoteText: (clauseId: string) => string | undefined, check: boolean, out: Diagnostic[]): StaffTiming {
  const course = c.course;
  const timing: StaffTiming = { ...TIMING, margin: { ...MINUTES_MARGIN }, modules: {}, roles: {} };
  for (const { module, source } of c.modules) {
    const t = moduleTiming(course, module, course.bank, quoteText);
    timing.modules[module.id] = t;
    const margin = Math.max(MINUTES_MARGIN.minutes, MINUTES_MARGIN.share * t.estimate);
    // A graded module with nothing to draw is reported as a bank problem; its time says nothing.
    const estimable = module.kind === 'lesson' || course.bank.length > 0;
    if (check && estimable && Math.abs(t.declared - t.estimate) > margin) {
      const what =
        module.kind === 'lesson'
          ? `${t.words} words on ${t.screens} screens and ${t.questions} knowledge check${t.questions === 1 ? '' : 's'}`
          : `${t.questions} items of ${t.words} words in all, drawn from ${t.pool ?? 0}`;
      out.push(
        source.diagnostic(
          'brief',
          ['minutes'],
          `minutes: ${t.declared} declared, but the content takes about ${t.estimate} (${what}; ${TIMING.wordsPerMinute} words a minute, ` +
            `${TIMING.secondsPerStep} s a step, ${TIMING.secondsPerDecision} s a decision): write ${Math.max(1, Math.round(t.estimate))}, or trim it`,
        ),
      );
    }
  }
  const byId = new Map(course.modules.map((m) => [m.id, m]));
  for (const role of ROLE_IDS) {
    const spec = course.roles?.[role];
    if (!spec) continue;
    const pool = assessableBank(course, role);
    let declared = 0;
    let minutes = 0;
    for (const id of spec.modules) {
      const m = byId.get(id);
      if (!m) continue;
      declared += m.minutes;
      minutes += minutesOf(moduleEffort(course, m, pool, quoteText));
    }
    const path: PathTiming = { declared, estimate: round1(minutes), maxMinutes: CORE.has(role) ? STAFF_PATH.maxMinutes : null };
    timing.roles[role] = path;
    if (check && path.maxMinutes !== null && path.estimate > path.maxMinutes) {
      out.push(
        c.source.diagnostic(
          'brief',
          ['roles', role],
          `role "${role}" takes about ${path.estimate} minutes by the content estimate; the brief's median first completion is ${path.maxMinutes} minutes or less for the roles most staff take`,
        ),
      );
    }
  }
  return timing;
}
