import type { Bundle, BundleCourse, Module, Role, RoleId } from '../../../content/schema';

export interface Assignment {
  course: BundleCourse;
  role: Role;
  /** The role's modules, in the course's order. */
  modules: Module[];
  /** The course's refresher module, offered outside the role's list when a pass is expiring. */
  refresher: Module | null;
  /** The module whose pass is the completion (kind: assessment). */
  assessment: Module | null;
}

/** Which modules a staff role must take: content data (course.yaml `roles`), never code. */
export function assignmentsFor(bundle: Bundle, role: RoleId): Assignment[] {
  const out: Assignment[] = [];
  for (const course of bundle.courses) {
    if (course.audience !== 'staff') continue;
    const r = course.roles?.[role];
    if (!r) continue;
    const byId = new Map(course.modules.map((m) => [m.id, m]));
    for (const id of r.modules) {
      if (!byId.has(id)) throw new Error(`course "${course.id}": role "${role}" lists module "${id}", which the course does not have`);
    }
    const wanted = new Set(r.modules);
    const modules = course.modules.filter((m) => wanted.has(m.id));
    out.push({
      course,
      role: r,
      modules,
      refresher: course.modules.find((m) => m.kind === 'refresher') ?? null,
      assessment: modules.find((m) => m.kind === 'assessment') ?? null,
    });
  }
  return out;
}
