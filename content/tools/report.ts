// `npm run content:report [-- --json]`: coverage, bank and readability figures, plus every error.
import { analyse, type ContentReport } from './analyse';
import { compileContent } from './compile';
import { rootArg } from './paths';
import type { StaffTiming } from './staff-time';

const { report } = analyse(compileContent(rootArg()));
if (process.argv.includes('--json')) console.log(JSON.stringify(report, null, 2));
else console.log(summary(report));
// A report always succeeds; content:check is the gate.

function timingLines(t: StaffTiming): string[] {
  const margin = `±${t.margin.minutes} min or ${Math.round(t.margin.share * 100)}%, whichever is larger`;
  return [
    `staff time, estimated from the content (${t.wordsPerMinute} words a minute, ${t.secondsPerStep} s a step, ${t.secondsPerDecision} s a decision; declared minutes must be within ${margin}):`,
    ...Object.entries(t.modules).map(([id, m]) => {
      const what = m.kind === 'lesson' ? `${m.screens} screens, ${m.questions} knowledge check${m.questions === 1 ? '' : 's'}` : `${m.questions} of ${m.pool ?? 0} items`;
      return `  ${id}: ${m.estimate} min (declared ${m.declared}); ${m.words} words, ${what}`;
    }),
    ...Object.entries(t.roles).map(([id, p]) => {
      const limit = p.maxMinutes === null ? 'not held to the core limit' : `limit ${p.maxMinutes}`;
      return `  path ${id}: ${p.estimate} min (declared ${p.declared}; ${limit})`;
    }),
  ];
}

function summary(r: ContentReport): string {
  const lines = [
    `clauses: ${r.clauses.total} (staff ${r.clauses.staff.total}: taught ${r.clauses.staff.taught}, assessed ${r.clauses.staff.assessed}; pupil ${r.clauses.pupil.total})`,
    ...Object.entries(r.clauses.pupil.byBand).map(([b, v]) => `  ${b}: taught ${v.taught}/${r.clauses.pupil.total}, checked ${v.assessed}/${r.clauses.pupil.total}`),
    `staff bank: ${r.staff.items} items, ${r.staff.branching} branching, escalate ${r.staff.escalationShare}, fine ${r.staff.fineShare}, sections ${r.staff.sectionsAssessed}/${r.staff.sections}`,
    `staff paths (taught before tested: a learner is asked only bank items whose every clause its lessons teach):`,
    ...Object.entries(r.staff.roles).map(
      ([id, v]) =>
        `  ${id}: ${v.lessons.length} lessons teach ${v.taught}/${r.clauses.staff.total} staff clauses in ${v.sectionsTaught.length} sections; ` +
        `assessable ${v.assessable}/${r.staff.items} items in ${v.sectionsAssessable.length}/${v.sectionsTaught.length} of those sections ` +
        `(escalate ${v.escalationShare}, fine ${v.fineShare}, branching ${v.branching})`,
    ),
    ...r.staff.readability.map((x) => `  staff ${x.lesson}: ${x.formula} ${x.value} (${x.op} ${x.cap})`),
    ...timingLines(r.staff.timing),
    ...Object.entries(r.pupils).flatMap(([b, v]) => [
      `${b}: ${v.lessons} lessons, max ${v.maxMinutes} min, ${v.questions} questions, pictures on ${v.screensWithPicture}/${v.screens} screens`,
      ...v.readability.map((x) => `  ${x.lesson}: ${x.formula} ${x.value} (${x.op} ${x.cap})`),
    ]),
    r.ageLimits
      ? `platform age limits: ${r.ageLimits.platforms} platforms, checked ${r.ageLimits.checked}, DSL sign-off: ${r.ageLimits.dslSignedOff ? 'yes' : 'PENDING'}`
      : 'platform age limits: none (content/facts/age-limits.yaml)',
    `errors: ${r.errors.length}`,
    ...r.errors,
  ];
  return lines.join('\n');
}
