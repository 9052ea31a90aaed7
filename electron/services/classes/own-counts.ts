import type { ReadableDb } from '../storage';
import type { ClassCounts } from '@contract/channels/dashboard';

/** Lessons per page of a teacher's counts: a page prints on one or two sheets. */
export const LESSONS_PER_PAGE = 4;

type Band = 'ks1' | 'ks2' | 'ks3' | 'ks4';

/** The classes a member of staff has taught (class mode) or supervised (pupils at a PC), from the audit log. */
export function classesTaughtBy(db: ReadableDb, teacherId: string): { className: string; band: string }[] {
  const rows = db
    .prepare(
      `SELECT DISTINCT json_extract(detail, '$.className') AS className, json_extract(detail, '$.band') AS band
       FROM audit_log WHERE action = 'class.taught' AND actor = ?`,
    )
    .all(teacherId) as { className: string; band: string }[];
  return rows.filter((r) => typeof r.className === 'string' && typeof r.band === 'string');
}

/** Notes that a teacher teaches a class (once per class and band), so they can see its counts later. */
export function noteClassTaught(
  db: ReadableDb,
  audit: (actor: string, action: string, detail: Record<string, unknown>) => void,
  teacherId: string,
  detail: { className: string; band: Band; mode: 'class' | 'pupils'; courseId?: string; moduleId?: string },
): void {
  if (detail.mode === 'pupils') {
    const known = classesTaughtBy(db, teacherId).some((c) => c.className.toLowerCase() === detail.className.toLowerCase() && c.band === detail.band);
    if (known) return;
  }
  audit(teacherId, 'class.taught', { teacherId, ...detail });
}

export interface OwnCounts {
  academicYears: string[];
  academicYear: string | null;
  classes: { className: string; band: string }[];
  page: number;
  pages: number;
  lessons: {
    className: string;
    band: string;
    moduleTitle: string;
    completed: number;
    questions: { question: string; answers: number; secure: number; developing: number; misconception: number; misconceptions: { name: string; count: number }[] }[];
  }[];
}

/**
 * A teacher's own classes' counts, per lesson and question, a page at a time: the teacher view's
 * figures (dashboard/teacher.ts) kept to the classes this teacher taught. Counts only.
 */
export function ownCounts(all: ClassCounts, mine: { className: string; band: string }[], page: number): OwnCounts {
  const key = (c: { className: string; band: string }): string => `${c.className.toLowerCase()}\u0000${c.band}`;
  const wanted = new Set(mine.map(key));
  const byLesson = new Map<string, OwnCounts['lessons'][number]>();
  const lessonOf = (r: { className: string; band: string; moduleId: string; moduleTitle: string }) => {
    const k = `${key(r)}\u0000${r.moduleId}`;
    let l = byLesson.get(k);
    if (!l) byLesson.set(k, (l = { className: r.className, band: r.band, moduleTitle: r.moduleTitle, completed: 0, questions: [] }));
    return l;
  };
  for (const c of all.completions) if (wanted.has(key(c))) lessonOf(c).completed += c.completed;
  for (const a of all.answers) {
    if (!wanted.has(key(a))) continue;
    const misconception = a.misconceptions.reduce((n, m) => n + m.count, 0);
    lessonOf(a).questions.push({
      question: a.question,
      answers: a.secure + a.developing + misconception,
      secure: a.secure,
      developing: a.developing,
      misconception,
      misconceptions: a.misconceptions,
    });
  }
  const lessons = [...byLesson.values()].sort((a, b) => a.className.localeCompare(b.className, 'en-GB') || a.band.localeCompare(b.band) || a.moduleTitle.localeCompare(b.moduleTitle, 'en-GB'));
  const pages = Math.max(1, Math.ceil(lessons.length / LESSONS_PER_PAGE));
  const at = Math.min(Math.max(0, page), pages - 1);
  return {
    academicYears: all.academicYears,
    academicYear: all.academicYear,
    classes: all.classes.filter((c) => wanted.has(key(c))),
    page: at,
    pages,
    lessons: lessons.slice(at * LESSONS_PER_PAGE, (at + 1) * LESSONS_PER_PAGE),
  };
}
