import type { BundleCourse } from './bundle';
import type { Clause } from './policy';
import { screenClauses } from './screens';

/** A lesson of a course and the policy sections its screens teach, with how many of each section's clauses. */
export interface LessonTeaching {
  moduleId: string;
  title: string;
  sections: { id: string; clauses: number }[];
}

/**
 * Which lesson teaches which section, in course order: what a failed assessment's "Sections to
 * review" links to. "Taught" is what content:check means by it: cited on a lesson screen.
 */
export function lessonsTeaching(course: Pick<BundleCourse, 'modules'>, clauses: readonly Pick<Clause, 'id' | 'section'>[]): LessonTeaching[] {
  const sectionOf = new Map(clauses.map((c) => [c.id, c.section]));
  return course.modules
    .filter((m) => m.kind === 'lesson')
    .map((m) => {
      const counts = new Map<string, number>();
      for (const id of new Set(m.screens.flatMap(screenClauses))) {
        const s = sectionOf.get(id);
        if (s) counts.set(s, (counts.get(s) ?? 0) + 1);
      }
      return { moduleId: m.id, title: m.title, sections: [...counts].map(([id, clauses]) => ({ id, clauses })) };
    });
}
