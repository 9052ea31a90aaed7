import { describe, expect, it } from 'vitest';
import { ROLE_IDS, assessableBank, drawItems, itemSection, type BundleCourse, type RoleId } from '@content/schema';
import { compileContent } from '@content/tools/index';

// Issue 15 item 1: a learner is asked only what the lessons of their role teach. The taught clauses
// are worked out here from course.yaml and the lesson screens, not by the code under test.

const bundle = compileContent().bundle;
const course = bundle?.courses.find((c) => c.id === 'staff-induction') as BundleCourse;
// The policy's sections are the registry's (a new edition may add one).
const SECTION_IDS = (bundle?.sections ?? []).map((s) => s.id);
const assessment = course.modules.find((m) => m.kind === 'assessment');
const refresher = course.modules.find((m) => m.kind === 'refresher');
if (!assessment?.draw || !refresher?.draw) throw new Error('the staff course needs an assessment and a refresher');

function taughtBy(moduleIds: readonly string[]): Set<string> {
  const out = new Set<string>();
  for (const m of course.modules) {
    if (m.kind !== 'lesson' || !moduleIds.includes(m.id)) continue;
    for (const s of m.screens) {
      for (const id of s.clauses ?? []) out.add(id);
      if (s.kind === 'policyExcerpt') for (const id of s.quote) out.add(id);
    }
  }
  return out;
}
const roleModules = (role: RoleId) => course.roles?.[role]?.modules ?? [];
const taughtToRole = (role: RoleId) => taughtBy(roleModules(role));
const taughtToEveryRole = () => {
  const sets = ROLE_IDS.map(taughtToRole);
  return new Set([...(sets[0] ?? [])].filter((id) => sets.every((s) => s.has(id))));
};
const seeds = Array.from({ length: 40 }, (_, i) => `attempt-${i}`);

describe('taught before tested', () => {
  for (const role of [...ROLE_IDS, null] as const) {
    const name = role ?? 'an LMS learner (no role)';
    const taught = role ? taughtToRole(role) : taughtToEveryRole();

    it(`${name}: every drawn item asks only about clauses the lessons taught, and every section is represented`, () => {
      const pool = assessableBank(course, role);
      for (const seed of seeds) {
        const items = drawItems(assessment, pool, seed);
        expect(items).toHaveLength(12);
        for (const item of items) for (const id of item.clauses) expect(taught.has(id), `${name}: ${item.id} cites ${id}`).toBe(true);
        expect(new Set(items.map((i) => itemSection(i))).size, `${name} seed ${seed}`).toBe(SECTION_IDS.length);
      }
    });

    it(`${name}: a retake draws items not seen before where the pool allows`, () => {
      const pool = assessableBank(course, role);
      const first = drawItems(assessment, pool, 'first').map((i) => i.id);
      const second = drawItems(assessment, pool, 'second', first).map((i) => i.id);
      expect(second.filter((id) => first.includes(id))).toEqual([]);
      for (const id of second) expect(pool.some((i) => i.id === id)).toBe(true);
    });
  }

  it('keeps the official-account rules a teacher is not taught out of a teacher’s assessment', () => {
    const teacherPool = assessableBank(course, 'teaching').map((i) => i.id);
    // Registering with a school email is taught only in the official-accounts lesson (leaders, account runners).
    expect(taughtToRole('teaching').has('official.school-email')).toBe(false);
    expect(teacherPool).not.toContain('off-gmail-register');
    expect(assessableBank(course, 'account-runner').map((i) => i.id)).toContain('off-gmail-register');
    // Tone is taught to everyone now, so a tone item may be asked of a teacher.
    expect(teacherPool).toContain('tone-linkedin-post');
  });

  it('teaches every role something of every section, so each draw covers the whole policy', () => {
    for (const role of ROLE_IDS) {
      const sections = new Set([...taughtToRole(role)].map((id) => id.split('.')[0]));
      for (const s of SECTION_IDS) expect(sections.has(s), `${role} is taught ${s}`).toBe(true);
    }
  });
});

describe('knowledge checks at the end of every staff lesson', () => {
  const lessons = course.modules.filter((m) => m.kind === 'lesson');

  it('gives every lesson 1-3 questions, each asking only what that lesson teaches', () => {
    for (const m of lessons) {
      const questions = m.questions ?? [];
      expect(questions.length, m.id).toBeGreaterThanOrEqual(1);
      expect(questions.length, m.id).toBeLessThanOrEqual(3);
      const taught = taughtBy([m.id]);
      for (const q of questions) for (const id of q.clauses) expect(taught.has(id), `${q.id} cites ${id}`).toBe(true);
    }
  });

  it('gives feedback on every option that says what to do, not only right or wrong', () => {
    for (const q of lessons.flatMap((m) => m.questions ?? [])) {
      expect(q.kind, q.id).toBe('single');
      if (q.kind !== 'single') continue;
      expect(q.options.filter((o) => o.correct === true), q.id).toHaveLength(1);
      for (const o of q.options) expect(o.feedback.split(/(?<=[.!?])\s+/).length, `${q.id}.${o.id}`).toBeGreaterThanOrEqual(2);
    }
  });

  it('are never drawn into the assessment or the refresher', () => {
    const checks = new Set(lessons.flatMap((m) => (m.questions ?? []).map((q) => q.id)));
    expect(checks.size).toBeGreaterThanOrEqual(lessons.length);
    for (const role of [...ROLE_IDS, null] as const) {
      for (const seed of seeds.slice(0, 10)) {
        for (const m of [assessment, refresher]) {
          for (const item of drawItems(m, assessableBank(course, role), seed)) expect(checks.has(item.id), item.id).toBe(false);
        }
      }
    }
  });
});
