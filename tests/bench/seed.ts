import { randomUUID } from 'node:crypto';
import type { DatabaseSync } from 'node:sqlite';
import { drawItemIds, seededRandom } from '@content/schema/draw';
import type { Bundle, Item, RoleId } from '@content/schema';
import { assessmentCmi, lessonCmi } from './cmi';

const SCHOOLS = ['Mounts Bay Academy', 'Hayle Academy', 'Humphry Davy School', 'Cape Cornwall School', 'Penryn Academy', 'Looe Community Academy', 'Saltash Primary', 'Bodmin College'];
const FIRST = ['Amira', 'Ben', 'Chloe', 'Dev', 'Ella', 'Finn', 'Grace', 'Harry', 'Isla', 'Jack', 'Kai', 'Leah', 'Mo', 'Nia', 'Oscar', 'Priya'];
const LAST = ['Ahmed', 'Brown', 'Clarke', 'Davies', 'Evans', 'Fisher', 'Green', 'Hughes', 'Iqbal', 'Jones', 'Khan', 'Lewis', 'Moore', 'Owen', 'Patel'];
const DAY = 86_400_000;

export interface SeedResult {
  attempts: number;
  staff: number;
  ms: number;
}

/**
 * Puts `target` staff attempts on record with direct SQL in ONE transaction (not through the
 * commit path: 100,000 journalled, fsync'd commits would take the whole time budget). Rows follow
 * the records schema (migration v3): staff learners of every role; per person the role's lessons,
 * the assessment (12 drawn items, a full SCORM 2004 cmi with interactions, main's verdict, item
 * results), some failed first tries, acknowledgements after a pass; some people part-way or not
 * started; one commit-log row per attempt. Deterministic for a given `tag`.
 */
export function seedStaffAttempts(db: DatabaseSync, bundle: Bundle, now: Date, target: number, tag: string, policyVersionLabel: string): SeedResult {
  const started = performance.now();
  const course = bundle.courses.find((c) => c.id === 'staff-induction');
  if (!course?.roles) throw new Error('the bundle has no staff-induction course with roles');
  const assessment = course.modules.find((m) => m.kind === 'assessment');
  if (!assessment) throw new Error('the staff course has no assessment module');
  const byId = new Map<string, Item>(course.bank.map((i) => [i.id, i]));
  const roles = Object.keys(course.roles) as RoleId[];
  const r = seededRandom(`bench-${tag}`);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(r() * list.length)] as T;
  const iso = (t: number): string => new Date(t).toISOString();

  const insLearner = db.prepare(
    `INSERT INTO learners (id, kind, name, work_email, staff_id, school, role, pin_hash, first_sign_in_at, last_seen_at)
     VALUES (?, 'staff', ?, ?, ?, ?, ?, 'bench-no-pin', ?, ?)`,
  );
  const insAttempt = db.prepare(
    `INSERT INTO attempts (id, learner_id, course_id, module_id, content_version, policy_version_label, scorm_version, drawn_item_ids,
       started_at, updated_at, finished_at, status, score_percent, correct, total, sections_to_review, item_results, reported_status,
       flags, last_seq, suspended, cmi)
     VALUES (?, ?, ?, ?, ?, ?, 'scorm2004', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, '[]', ?, ?, ?)`,
  );
  const insCommit = db.prepare(
    `INSERT INTO commits (attempt_id, seq, kind, at, digest, changes, status, verdict) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insAck = db.prepare(
    `INSERT INTO acknowledgements (learner_id, course_id, attempt_id, policy_version_label, content_version, acknowledged_at)
     VALUES (?, ?, ?, ?, ?, ?)`,
  );

  let attempts = 0;
  let staff = 0;
  const lessonDone = JSON.stringify(lessonCmi(8, 8, true));
  const lessonHalf = JSON.stringify(lessonCmi(4, 8, false));

  const addAttempt = (learnerId: string, moduleId: string, at: number, outcome: 'completed' | 'in-progress' | 'passed' | 'failed'): string => {
    const id = randomUUID();
    const finished = outcome !== 'in-progress';
    let drawn: string[] = [];
    let cmi = finished ? lessonDone : lessonHalf;
    let score: number | null = null;
    let correct = 0;
    let total = 0;
    let itemResults: string | null = null;
    let review = '[]';
    if (moduleId === assessment.id) {
      drawn = drawItemIds(assessment, course.bank, id, []);
      const items = drawn.map((d) => byId.get(d)).filter((i): i is Item => i !== undefined);
      const wrongEvery = outcome === 'failed' ? 2 : outcome === 'passed' ? (r() < 0.5 ? 0 : 7) : 0;
      const answered = finished ? items.length : Math.floor(items.length / 2);
      cmi = JSON.stringify(assessmentCmi(items, answered, finished, wrongEvery));
      const results = items.map((item, n) => ({ itemId: item.id, correct: n < answered && (wrongEvery === 0 || (n + 1) % wrongEvery !== 0) }));
      total = items.length;
      correct = results.filter((x) => x.correct).length;
      score = finished ? Math.round((correct / Math.max(1, total)) * 1000) / 10 : null;
      itemResults = JSON.stringify(results);
      if (outcome === 'failed') review = JSON.stringify([...new Set(items.filter((_, n) => !results[n]?.correct).map((i) => i.section ?? (i.clauses[0] ?? '').split('.')[0]))]);
    }
    const end = at + (5 + Math.floor(r() * 30)) * 60_000;
    const verdict = JSON.stringify({ status: outcome, scorePercent: score, correct, total, sectionsToReview: JSON.parse(review) as string[] });
    const seq = 3 + Math.floor(r() * 10);
    insAttempt.run(
      id, learnerId, course.id, moduleId, course.contentVersion, policyVersionLabel, JSON.stringify(drawn),
      iso(at), iso(end), finished ? iso(end) : null, outcome, score, correct, total, review, itemResults,
      finished ? (outcome === 'completed' ? 'completed' : outcome) : 'incomplete', seq, finished ? 0 : 1, cmi,
    );
    insCommit.run(id, seq, finished ? 'finish' : 'commit', iso(end), `bench-${id}`, '{"set":{},"removed":[]}', outcome, verdict);
    attempts++;
    return id;
  };

  db.exec('BEGIN IMMEDIATE');
  try {
    while (attempts < target) {
      staff++;
      const learnerId = randomUUID();
      const role = pick(roles);
      const modules = course.roles[role]?.modules ?? [];
      const firstAt = now.getTime() - Math.floor(r() * 880 + 20) * DAY;
      const name = `${pick(FIRST)} ${pick(LAST)}`;
      const email = r() < 0.8;
      insLearner.run(learnerId, name, email ? `staff-${tag}-${staff}@bench.school.uk` : null, email ? null : `B${tag}-${staff}`, pick(SCHOOLS), role, iso(firstAt), iso(firstAt));
      const kind = r();
      if (kind < 0.08) continue; // signed in, nothing started yet
      const reach = kind < 0.25 ? Math.floor(r() * modules.length) : modules.length;
      let t = firstAt + 3_600_000;
      for (let i = 0; i < reach && attempts < target; i++) {
        const moduleId = modules[i] as string;
        const last = i === reach - 1 && reach < modules.length;
        if (moduleId === assessment.id) {
          if (r() < 0.15) {
            addAttempt(learnerId, moduleId, t, 'failed');
            t += DAY;
          }
          const pass = addAttempt(learnerId, moduleId, t, 'passed');
          if (r() < 0.9) insAck.run(learnerId, course.id, pass, policyVersionLabel, course.contentVersion, iso(t + 40 * 60_000));
        } else {
          addAttempt(learnerId, moduleId, t, last ? 'in-progress' : 'completed');
        }
        t += Math.floor(r() * 3 * DAY) + 600_000;
      }
    }
    db.exec('COMMIT');
  } catch (err) {
    if (db.isTransaction) db.exec('ROLLBACK');
    throw err;
  }
  return { attempts, staff, ms: performance.now() - started };
}

/**
 * Pupils last seen two academic years ago, each with one completed lesson, by direct SQL in one
 * transaction: what the daily round's retention folds into class counts and deletes.
 */
export function seedOldPupils(db: DatabaseSync, bundle: Bundle, count: number, tag: string): number {
  const course = bundle.courses.find((c) => c.audience === 'pupil' && c.band === 'ks2');
  const module = course?.modules[0];
  if (!course || !module) throw new Error('the bundle has no KS2 pupil lesson');
  const at = '2024-10-01T10:00:00.000Z';
  const insLearner = db.prepare(
    `INSERT INTO learners (id, kind, first_name, initial, class_name, band, first_sign_in_at, last_seen_at) VALUES (?, 'pupil', ?, 'Q', ?, 'ks2', ?, ?)`,
  );
  const insAttempt = db.prepare(
    `INSERT INTO attempts (id, learner_id, course_id, module_id, content_version, policy_version_label, scorm_version, drawn_item_ids,
       started_at, updated_at, finished_at, status) VALUES (?, ?, ?, ?, ?, '0.1', 'scorm2004', '[]', ?, ?, ?, 'completed')`,
  );
  db.exec('BEGIN IMMEDIATE');
  try {
    for (let i = 0; i < count; i++) {
      const id = randomUUID();
      insLearner.run(id, `Pupil${tag}${i}`, `Oak ${i % 30}`, at, at);
      insAttempt.run(randomUUID(), id, course.id, module.id, course.contentVersion, at, at, at);
    }
    db.exec('COMMIT');
  } catch (err) {
    if (db.isTransaction) db.exec('ROLLBACK');
    throw err;
  }
  return count;
}
