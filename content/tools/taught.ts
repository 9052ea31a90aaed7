import { ROLE_IDS, assessableBank, itemSection, screenClauses, taughtClauseIds, type Module, type RoleId } from '../schema/index';
import { IMMEDIATE_ROUTE, type STAFF_BANK } from './brief';
import type { CompiledCourse } from './compiled';
import type { Diagnostic } from './diagnostics';
import { screenUnits } from './lesson-text';

/** What one learner path is taught and may be asked (taught before tested). */
export interface RoleReport {
  label: string;
  /** The lessons of the path (all lessons every role takes, for `lms`). */
  lessons: string[];
  /** Staff clauses taught on a lesson screen of the path. */
  taught: number;
  sectionsTaught: string[];
  /** Bank items the path may be asked: every clause they cite is taught on the path. */
  assessable: number;
  sectionsAssessable: string[];
  escalationShare: number;
  fineShare: number;
  branching: number;
}

/** The key of the path the exported player takes inside an LMS, which does not know the role. */
export const LMS_PATH = 'lms';

type BankRules = Record<keyof typeof STAFF_BANK, number>;

/**
 * Per role (and for the LMS, with no role): what its lessons teach and which bank items it may be
 * asked, with the checks that make "taught before tested" hold for every learner: enough items for
 * every draw, every section the path teaches represented, the brief's escalate/fine shares within
 * what the path may draw, and the immediate route for a child at risk taught on every path.
 */
export function roleFigures(
  c: CompiledCourse,
  staffClauses: ReadonlySet<string>,
  sectionOrder: readonly string[],
  rules: BankRules | null,
  out: Diagnostic[],
): Record<string, RoleReport> {
  const course = c.course;
  const figures: Record<string, RoleReport> = {};
  const roles = course.roles;
  if (!roles) return figures;
  const lessons = course.modules.filter((m) => m.kind === 'lesson');
  const graded = course.modules.filter((m): m is Module & { draw: NonNullable<Module['draw']> } => m.draw !== undefined);
  const paths: [string, RoleId | null, string][] = [
    ...ROLE_IDS.flatMap((r): [string, RoleId, string][] => (roles[r] ? [[r, r, roles[r].label]] : [])),
    [LMS_PATH, null, 'In an LMS (role not known): what every role is taught'],
  ];
  // A course whose modules did not all compile, or whose bank already misses a figure, gets the
  // bank-level message only: the per-path ones would repeat it for every role.
  const listed = (c.source.data as { modules?: unknown } | undefined)?.modules;
  const complete = !Array.isArray(listed) || listed.length === course.modules.length;
  const bankSections = new Set<string>(course.bank.map((i) => itemSection(i)));
  const bankShare = (tag: 'escalate' | 'fine') => (course.bank.length ? course.bank.filter((i) => i.tags?.includes(tag)).length / course.bank.length : 0);
  const problems = new Map<string, string[]>();
  const problem = (message: string, who: string) => problems.set(message, [...(problems.get(message) ?? []), who]);

  for (const [key, role, label] of paths) {
    const taught = [...taughtClauseIds(course, role)].filter((id) => staffClauses.has(id));
    const pool = assessableBank(course, role);
    const pathLessons =
      role === null ? lessons.filter((m) => ROLE_IDS.every((r) => !roles[r] || roles[r].modules.includes(m.id))) : lessons.filter((m) => roles[role]?.modules.includes(m.id));
    const sectionsTaught = [...new Set(taught.map(sectionOf))].sort((a, b) => sectionOrder.indexOf(a) - sectionOrder.indexOf(b));
    const sectionsAssessable = new Set<string>(pool.map((i) => itemSection(i)));
    const share = (tag: 'escalate' | 'fine') => (pool.length ? round3(pool.filter((i) => i.tags?.includes(tag)).length / pool.length) : 0);
    const fig: RoleReport = {
      label,
      lessons: pathLessons.map((m) => m.id),
      taught: taught.length,
      sectionsTaught,
      assessable: pool.length,
      sectionsAssessable: sectionsTaught.filter((s) => sectionsAssessable.has(s)),
      escalationShare: share('escalate'),
      fineShare: share('fine'),
      branching: pool.filter((i) => i.kind === 'branching').length,
    };
    figures[key] = fig;
    if (!complete) continue;

    for (const m of graded) {
      if (pool.length < m.draw.count && course.bank.length >= m.draw.count) {
        problem(`may be asked only ${pool.length} bank items (those whose every clause their lessons teach); module "${m.id}" draws ${m.draw.count}`, key);
      }
    }
    for (const s of sectionsTaught.filter((x) => !sectionsAssessable.has(x) && bankSections.has(x))) {
      problem(`are taught section "${s}", but no bank item on it cites only clauses their lessons teach, so the draw cannot represent it`, key);
    }
    if (rules && pool.length > 0) {
      if (fig.escalationShare < rules.minEscalateShare && bankShare('escalate') >= rules.minEscalateShare) {
        problem(`may be asked ${pct(fig.escalationShare)} escalate items; the brief needs at least ${pct(rules.minEscalateShare)} of what a learner draws from`, key);
      }
      if (fig.fineShare < rules.minFineShare && bankShare('fine') >= rules.minFineShare) {
        problem(`may be asked ${pct(fig.fineShare)} "this is fine" items; the brief needs at least ${pct(rules.minFineShare)} of what a learner draws from`, key);
      }
    }
    if (!pathLessons.some((m) => m.screens.some((s) => s.kind === 'whoToTell' && IMMEDIATE_ROUTE.every((re) => re.test(screenUnits(s).join(' ')))))) {
      problem('have no "Who do I tell?" screen saying that a child at risk is reported at once ("at once", "straight away" or "immediately") by the out-of-hours route when the DSL is not on site ("out-of-hours")', key);
    }
  }
  for (const [message, keys] of problems) {
    const names = keys.map((k) => (k === LMS_PATH ? 'the LMS path (role not known)' : `"${k}"`));
    const path = keys.length === 1 && keys[0] !== LMS_PATH ? ['roles', keys[0] as string] : ['roles'];
    out.push(c.source.diagnostic('brief', path, `taught before tested: ${names.join(', ')} ${message}`));
  }
  return figures;
}

/** A staff lesson's knowledge checks ask only what that lesson's own screens teach. */
export function knowledgeCheckRules(c: CompiledCourse, out: Diagnostic[]): void {
  if (c.course.audience !== 'staff') return;
  const taughtIn = new Map(c.modules.map(({ module }) => [module.id, new Set(module.screens.flatMap(screenClauses))]));
  for (const { item, source, path, moduleId } of c.items) {
    if (moduleId === undefined) continue;
    const taught = taughtIn.get(moduleId) ?? new Set<string>();
    item.clauses.forEach((id, j) => {
      if (!taught.has(id)) out.push(source.diagnostic('coverage', [...path, 'clauses', j], `knowledge check "${item.id}" asks about clause "${id}", which no screen of lesson "${moduleId}" teaches`));
    });
  }
}

const sectionOf = (clauseId: string) => clauseId.slice(0, clauseId.indexOf('.'));
const round3 = (n: number) => Math.round(n * 1000) / 1000;
const pct = (n: number) => `${Math.round(n * 1000) / 10}%`;
