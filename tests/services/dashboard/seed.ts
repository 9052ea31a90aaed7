import { randomUUID } from 'node:crypto';
import type { DatabaseSync } from 'node:sqlite';
import type { Bundle, RoleId } from '@content/schema';
import { ROLE_IDS } from '@content/schema';

/** A small deterministic PRNG (mulberry32), so a seeded database is the same every run. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface SeedStaff {
  name: string;
  workEmail?: string;
  staffId?: string;
  school: string;
  role: RoleId;
  firstSignInAt: string;
}

export interface SeedAttempt {
  moduleId: string;
  status: 'in-progress' | 'completed' | 'passed' | 'failed';
  startedAt: string;
  finishedAt: string | null;
  scorePercent?: number | null;
  courseId?: string;
  policyVersionLabel?: string;
}

/**
 * Writes records rows the way the records store's schema (migration v3) holds them. Used by the
 * dashboard tests and its benchmark until `npm run demo` offers the same through the store.
 */
export class Seeder {
  private readonly insLearner;
  private readonly insAttempt;
  private readonly insAck;
  constructor(private readonly db: DatabaseSync) {
    this.insLearner = db.prepare(
      `INSERT INTO learners (id, kind, name, work_email, staff_id, school, role, first_sign_in_at, last_seen_at)
       VALUES (?, 'staff', ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.insAttempt = db.prepare(
      `INSERT INTO attempts (id, learner_id, course_id, module_id, content_version, policy_version_label, scorm_version,
         drawn_item_ids, started_at, updated_at, finished_at, status, score_percent, correct, total)
       VALUES (?, ?, ?, ?, '1.0.0', ?, 'scorm2004', '[]', ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.insAck = db.prepare(
      `INSERT INTO acknowledgements (learner_id, course_id, attempt_id, policy_version_label, content_version, acknowledged_at)
       VALUES (?, ?, ?, ?, '1.0.0', ?)`,
    );
  }

  staff(p: SeedStaff): string {
    const id = randomUUID();
    this.insLearner.run(id, p.name, p.workEmail ?? null, p.staffId ?? null, p.school, p.role, p.firstSignInAt, p.firstSignInAt);
    return id;
  }

  attempt(learnerId: string, a: SeedAttempt): string {
    const id = randomUUID();
    const score = a.scorePercent ?? (a.status === 'passed' ? 92 : a.status === 'failed' ? 58 : null);
    this.insAttempt.run(
      id,
      learnerId,
      a.courseId ?? 'staff-induction',
      a.moduleId,
      a.policyVersionLabel ?? '0.1',
      a.startedAt,
      a.finishedAt ?? a.startedAt,
      a.finishedAt,
      a.status,
      score,
      score === null ? 0 : Math.round((score / 100) * 12),
      score === null ? 0 : 12,
    );
    return id;
  }

  acknowledge(learnerId: string, attemptId: string, at: string, label = '0.1', courseId = 'staff-induction'): void {
    this.insAck.run(learnerId, courseId, attemptId, label, at);
  }

  pupil(firstName: string, initial: string, className: string, band: string, at: string): string {
    const id = randomUUID();
    this.db
      .prepare(
        `INSERT INTO learners (id, kind, first_name, initial, class_name, band, first_sign_in_at, last_seen_at) VALUES (?, 'pupil', ?, ?, ?, ?, ?, ?)`,
      )
      .run(id, firstName, initial, className, band, at, at);
    return id;
  }

  classCount(row: { academicYear: string; className: string; band: string; courseId: string; moduleId: string; itemId: string; outcome: string; misconception?: string; count: number }): void {
    this.db
      .prepare(
        `INSERT INTO class_counts (academic_year, class_name, band, course_id, module_id, item_id, outcome, misconception, count) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(row.academicYear, row.className, row.band, row.courseId, row.moduleId, row.itemId, row.outcome, row.misconception ?? '', row.count);
  }

  transaction(work: () => void): void {
    this.db.exec('BEGIN IMMEDIATE');
    try {
      work();
      this.db.exec('COMMIT');
    } catch (err) {
      this.db.exec('ROLLBACK');
      throw err;
    }
  }
}

const SCHOOLS = ['Mounts Bay Academy', 'Hayle Academy', 'Humphry Davy School', 'Cape Cornwall School', 'Penryn Academy', 'Looe Community Academy', 'Callington Community College', 'Saltash Primary'];
const FIRST = ['Alex', 'Sam', 'Jo', 'Priya', 'Tom', 'Aisha', 'Ben', 'Chloe', 'Dan', 'Ella', 'Femi', 'Grace', 'Harry', 'Isla', 'Jack', 'Kemi'];
const LAST = ['Smith', 'Jones', 'Taylor', 'Brown', 'Williams', 'Wilson', 'Johnson', 'Davies', 'Patel', 'Khan', 'Evans', 'Thomas', 'Roberts', 'Walker'];

const iso = (ms: number): string => new Date(ms).toISOString();
const DAY = 86_400_000;

/**
 * A Trust's worth of staff records ending at `now`: about `targetAttempts` attempts over the
 * staff induction, with every state present (complete, expiring, expired, overdue, in progress).
 * Returns how many attempts it wrote.
 */
export function seedTrust(db: DatabaseSync, bundle: Bundle, now: Date, targetAttempts: number, seed = 7): { attempts: number; staff: number } {
  const course = bundle.courses.find((c) => c.id === 'staff-induction');
  if (!course?.roles) throw new Error('the bundle has no staff-induction course with roles');
  const rnd = prng(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)]!;
  const s = new Seeder(db);
  let attempts = 0;
  let staff = 0;
  s.transaction(() => {
    while (attempts < targetAttempts) {
      staff++;
      const role = pick(ROLE_IDS);
      const modules = course.roles![role]!.modules;
      const first = now.getTime() - Math.floor(rnd() * 720 + 1) * DAY;
      const learner = s.staff({
        name: `${pick(FIRST)} ${pick(LAST)} ${staff}`,
        ...(rnd() < 0.8 ? { workEmail: `staff${staff}@leap.example` } : { staffId: `S${100000 + staff}` }),
        school: pick(SCHOOLS),
        role,
        firstSignInAt: iso(first),
      });
      let t = first + 3_600_000;
      const engagement = rnd();
      for (const moduleId of modules) {
        const kind = course.modules.find((m) => m.id === moduleId)?.kind;
        if (engagement < 0.12) break; // signed in, never started
        if (kind === 'lesson') {
          const done = engagement > 0.25 || rnd() < 0.5;
          s.attempt(learner, { moduleId, status: done ? 'completed' : 'in-progress', startedAt: iso(t), finishedAt: done ? iso(t + 600_000) : null });
          attempts++;
          t += 700_000 + Math.floor(rnd() * 2 * DAY);
          if (!done) break;
          continue;
        }
        // The assessment: a failed try or two, then usually a pass and its acknowledgement.
        const fails = Math.floor(rnd() * 3);
        for (let i = 0; i < fails; i++) {
          s.attempt(learner, { moduleId, status: 'failed', startedAt: iso(t), finishedAt: iso(t + 900_000) });
          attempts++;
          t += DAY;
        }
        if (engagement > 0.3) {
          const passAt = Math.min(t, now.getTime() - DAY);
          const pass = s.attempt(learner, { moduleId, status: 'passed', startedAt: iso(passAt - 900_000), finishedAt: iso(passAt) });
          attempts++;
          if (rnd() < 0.95) s.acknowledge(learner, pass, iso(passAt + 60_000));
        }
      }
    }
  });
  return { attempts, staff };
}

/** A few staff in known states, and one class's pupil counts, written as the records store keeps them. */
export function seedSmallTrust(db: DatabaseSync): void {
  const s = new Seeder(db);
  s.transaction(() => {
    const pass = (id: string, at: string): void => s.acknowledge(id, s.attempt(id, { moduleId: 'assessment', status: 'passed', startedAt: at, finishedAt: at }), at);
    const ada = s.staff({ name: 'Ada Complete', workEmail: 'ada@leap.example', school: 'Hayle Academy', role: 'teaching', firstSignInAt: '2026-01-05T09:00:00Z' });
    pass(ada, '2026-01-10T10:00:00Z');
    const dan = s.staff({ name: 'Dan Expiring', workEmail: 'dan@leap.example', school: 'Hayle Academy', role: 'leader', firstSignInAt: '2025-12-01T09:00:00Z' });
    s.attempt(dan, { moduleId: 'assessment', status: 'failed', startedAt: '2025-12-19T10:00:00Z', finishedAt: '2025-12-19T10:20:00Z', scorePercent: 58 });
    pass(dan, '2025-12-20T10:00:00Z');
    s.staff({ name: 'Bea Overdue', staffId: 'S-2041', school: 'Mounts Bay Academy', role: 'support', firstSignInAt: '2026-10-01T09:00:00Z' });
    const fin = s.staff({ name: 'Finn Started', workEmail: 'finn@leap.example', school: 'Mounts Bay Academy', role: 'volunteer', firstSignInAt: '2026-11-25T09:00:00Z' });
    s.attempt(fin, { moduleId: 'introduction-scope', status: 'in-progress', startedAt: '2026-11-25T09:05:00Z', finishedAt: null });
    for (const [itemId, outcome, misconception, count] of [
      ['q1', 'secure', '', 18],
      ['q1', 'developing', '', 4],
      ['q1', 'misconception', 'Online friends are the same as real friends', 3],
    ] as const) {
      s.classCount({ academicYear: '2026-27', className: 'Oak 4', band: 'ks2', courseId: 'pupils-ks2', moduleId: 'sharing-and-passwords', itemId, outcome, misconception, count });
    }
  });
}
