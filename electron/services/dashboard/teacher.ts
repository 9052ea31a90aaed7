import type { ReadableDb } from '../storage';
import type { Bundle } from '@content/schema';
import type { ClassCounts } from '@contract/channels/dashboard';
import { academicYears, classCompletions, classCounts } from '../records';

/** "2026-27" → [2026-09-01, 2027-09-01): the instants of one UK academic year. */
function yearBounds(label: string): [string, string] {
  const start = Number(label.slice(0, 4));
  return [`${start}-09-01T00:00:00.000Z`, `${start + 1}-09-01T00:00:00.000Z`];
}

/**
 * The teacher view: what each class got right, nearly right or wrong (and which misconception),
 * and how many lessons were completed. Only counts cross this function; no pupil is named.
 */
export function teacherCounts(db: ReadableDb, bundle: Bundle, request: { academicYear?: string | undefined; className?: string | undefined }): ClassCounts {
  const years = academicYears(db);
  const year = request.academicYear ?? years[0] ?? null;
  const [from, to] = year ? yearBounds(year) : [null, null];
  const titles = new Map<string, string>();
  const questions = new Map<string, string>();
  for (const c of bundle.courses) {
    if (c.audience !== 'pupil') continue;
    for (const m of c.modules) {
      titles.set(`${c.id}/${m.id}`, m.title);
      for (const q of m.questions ?? []) questions.set(`${c.id}/${m.id}/${q.id}`, q.stem);
    }
  }
  const wanted = (className: string): boolean => !request.className || className.toLowerCase() === request.className.toLowerCase();

  const completions = classCompletions(db, year, from, to)
    .filter((r) => wanted(r.className))
    .map((r) => ({ ...r, moduleTitle: titles.get(`${r.courseId}/${r.moduleId}`) ?? r.moduleId }));

  const answers = new Map<string, ClassCounts['answers'][number]>();
  for (const r of classCounts(db, year ? { academicYear: year } : {})) {
    if (!wanted(r.className)) continue;
    const key = `${r.className}\u0000${r.band}\u0000${r.courseId}\u0000${r.moduleId}\u0000${r.itemId}`;
    let a = answers.get(key);
    if (!a) {
      a = {
        className: r.className,
        band: r.band,
        moduleId: r.moduleId,
        moduleTitle: titles.get(`${r.courseId}/${r.moduleId}`) ?? r.moduleId,
        itemId: r.itemId,
        question: questions.get(`${r.courseId}/${r.moduleId}/${r.itemId}`) ?? r.itemId,
        secure: 0,
        developing: 0,
        misconceptions: [],
      };
      answers.set(key, a);
    }
    if (r.outcome === 'secure') a.secure += r.count;
    else if (r.outcome === 'developing') a.developing += r.count;
    else a.misconceptions.push({ name: r.misconception || 'unnamed', count: r.count });
  }

  const classes = new Map<string, { className: string; band: string }>();
  for (const r of [...completions, ...answers.values()]) classes.set(`${r.className.toLowerCase()}\u0000${r.band}`, { className: r.className, band: r.band });

  return {
    academicYears: years,
    academicYear: year,
    classes: [...classes.values()].sort((a, b) => a.className.localeCompare(b.className, 'en-GB') || a.band.localeCompare(b.band)),
    completions,
    answers: [...answers.values()],
  };
}
