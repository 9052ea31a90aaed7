import type { Bundle, BundleCourse, Module, Role, RoleId } from '@content/schema';

export interface Assignment {
  course: BundleCourse;
  role: Role;
  /** The role's modules, in the course's order. */
  modules: Module[];
  /** The course's refresher module, offered outside the role's list when a pass is expiring. */
  refresher: Module | null;
  /** The module whose pass is the completion (kind: assessment). */
  assessment: Module | null;
  /** The course's modules whose pass counts (assessment and refresher). */
  graded: ReadonlySet<string>;
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
      graded: new Set(course.modules.filter((m) => m.kind !== 'lesson').map((m) => m.id)),
    });
  }
  return out;
}

// A compiled bundle never changes once loaded, so each role's assignments are worked out once per
// bundle rather than once per person (the dashboard asks for 15,000 people in one go).
const byBundle = new WeakMap<Bundle, Map<RoleId, readonly Assignment[]>>();

/** assignmentsFor, remembered per bundle and role (a content error still throws every time). */
export function assignmentsOf(bundle: Bundle, role: RoleId): readonly Assignment[] {
  let roles = byBundle.get(bundle);
  if (!roles) byBundle.set(bundle, (roles = new Map()));
  let known = roles.get(role);
  if (!known) roles.set(role, (known = assignmentsFor(bundle, role)));
  return known;
}
