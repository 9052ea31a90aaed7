import { writeSync } from 'node:fs';
import type { Bundle, BundleCourse } from '@content/schema';
import type { Channel, ReplyOf, RequestOf, SignInRequest } from '../contract';
import type { App } from '../host/compose';
import { ELEMENTS } from '@content/scorm';
import { addInteraction, demoAnswers, demoPupil, demoStaff, itemsOf, pick, rng, setProgress, type Rng } from '../services/records';

/**
 * Demo learners through the app's own dispatcher, shared by `npm run demo` and `npm run web --
 * --demo`. With a spread, each learner's activity happens at a moment of the past (the app's clock
 * is set there while they work), so the dashboard has people due, overdue, expiring and expired.
 */

const DAY_MS = 86_400_000;

/** The app's clock during a demo: real time, or set to a learner's moment and ticking on from it. */
export class DemoClock {
  private at: number | null = null;
  now = (): Date => (this.at === null ? new Date() : new Date(this.at));
  /** From now on, time is `when`, moving a couple of seconds per call (answers take time). */
  set(when: Date | null): void {
    this.at = when === null ? null : when.getTime();
  }
  tick(): void {
    if (this.at !== null) this.at += 2_000;
  }
  /** The learner reads the question (main times every answer by this clock). */
  think(ms: number): void {
    if (this.at !== null) this.at += ms;
  }
}

/** A learner acting "now" works on a clock set half an hour back, so their reading time fits before now. */
const RECENT_MS = 30 * 60_000;
const recently = (): Date => new Date(Date.now() - RECENT_MS);

export interface DemoOptions {
  staff: number;
  pupils: number;
  seed: string;
  /** Spread each kind of learner evenly over this many past days (0: everything happens now). */
  spreadDays: number;
  continuous?: boolean;
  clock: DemoClock;
  /** Called with each attempt id the moment its finish is durable. */
  onAttempt?: (attemptId: string) => void;
}

/** One dispatcher call, and where a finished attempt's id is reported once it is durable. */
type Call = (<C extends Channel>(channel: C, request: RequestOf<C>) => Promise<ReplyOf<C>>) & { report: (attemptId: string) => void; clock: DemoClock };

function caller(started: App, clock: DemoClock, report: (attemptId: string) => void): Call {
  const call = async <C extends Channel>(channel: C, request: RequestOf<C>): Promise<ReplyOf<C>> => {
    clock.tick();
    const r = await started.dispatch(channel, request, { transport: 'ipc' });
    if (!r.ok) throw new Error(`${channel} refused: ${r.error.code}: ${r.error.message}`);
    return r.value as ReplyOf<C>;
  };
  return Object.assign(call, { report, clock });
}

/** `npm run demo`'s machine-readable stdout: one acknowledged attempt id per line, written at once. */
export const printAttemptId = (id: string): void => void writeSync(1, `${id}\n`);

async function runModule(
  call: Call,
  bundle: Bundle,
  course: BundleCourse,
  learnerId: string,
  moduleId: string,
  r: Rng,
  skill: number,
  rush: boolean,
  lie: boolean,
): Promise<{ attemptId: string; status: string }> {
  const module = course.modules.find((m) => m.id === moduleId);
  if (!module) throw new Error(`no module ${moduleId}`);
  const start = await call('attempts.start', { learnerId, courseId: course.id, moduleId });
  const items = itemsOf(course, module, start.drawnItemIds);
  const answers = demoAnswers(r, bundle, items, skill, rush);
  const cmi = start.resumeCmi ?? { version: start.scormVersion, data: {} };
  let seq = start.nextSeq - 1;
  const already = Object.keys(cmi.data).filter((k) => /^cmi\.interactions\.\d+\.id$/.test(k)).length;
  const location = ELEMENTS[cmi.version].location;
  const todo = answers.slice(already);
  // As the player does: the question on screen (main notes when), read, answered. The commit that
  // carries an answer also shows the next question, so a module is one commit per answer.
  if (todo[0]) {
    setProgress(cmi, already, answers.length, false, null);
    cmi.data[location] = todo[0].itemId;
    await call('attempts.commit', { attemptId: start.attemptId, seq: ++seq, cmi });
  }
  for (const [k, a] of todo.entries()) {
    const i = already + k;
    call.clock.think(a.latencyMs);
    addInteraction(cmi, i, a);
    const next = todo[k + 1];
    if (!next) break; // the last answer goes with the finish
    setProgress(cmi, i + 1, answers.length, false, null);
    cmi.data[location] = next.itemId;
    await call('attempts.commit', { attemptId: start.attemptId, seq: ++seq, cmi });
  }
  const graded = module.draw !== undefined && course.audience === 'staff';
  const right = answers.filter((a) => a.right).length;
  const claim = graded ? lie || right / Math.max(1, answers.length) >= 0.8 : null;
  setProgress(cmi, answers.length, answers.length, true, claim);
  const done = await call('attempts.finish', { attemptId: start.attemptId, seq: seq + 1, cmi });
  call.report(start.attemptId);
  return { attemptId: start.attemptId, status: done.verdict.status };
}

async function staffLearner(call: Call, bundle: Bundle, r: Rng, tag: string, schools: readonly string[]): Promise<SignInRequest> {
  const who = demoStaff(r, tag, schools);
  const signed = await call('learners.signIn', who);
  const { items } = await call('catalogue.forLearner', { learnerId: signed.learnerId });
  const skill = 0.55 + r() * 0.45;
  const rush = r() < 0.05;
  const lie = r() < 0.1;
  const lessons = items.filter((i) => i.kind === 'lesson');
  for (const lesson of lessons.slice(0, 1 + Math.floor(r() * Math.min(3, lessons.length)))) {
    const course = bundle.courses.find((c) => c.id === lesson.courseId);
    if (course) await runModule(call, bundle, course, signed.learnerId, lesson.moduleId, r, skill, false, false);
  }
  const assessment = items.find((i) => i.kind === 'assessment');
  const course = bundle.courses.find((c) => c.id === assessment?.courseId);
  if (assessment && course) {
    for (let tries = 0; tries < 2; tries++) {
      const done = await runModule(call, bundle, course, signed.learnerId, assessment.moduleId, r, Math.min(1, skill + tries * 0.2), rush, lie);
      if (done.status === 'passed') {
        if (r() < 0.9) await call('acknowledgements.record', { learnerId: signed.learnerId, courseId: course.id, attemptId: done.attemptId });
        break;
      }
    }
  }
  await call('learners.signOut', {});
  return who;
}

async function pupil(call: Call, bundle: Bundle, r: Rng, teacher: SignInRequest | null): Promise<void> {
  const bands = [...new Set(bundle.courses.filter((c) => c.audience === 'pupil' && c.band).map((c) => c.band as 'ks1' | 'ks2' | 'ks3' | 'ks4'))];
  if (bands.length === 0 || !teacher) return;
  const who = demoPupil(r, bands);
  // A teacher starts every pupil's session (main refuses one with nobody to supervise it).
  await call('learners.signIn', teacher);
  const session = await call('learners.startPupilSession', who);
  const course = bundle.courses.find((c) => c.audience === 'pupil' && c.band === who.band);
  if (course && course.modules.length > 0) {
    await runModule(call, bundle, course, session.learnerId, pick(r, course.modules).id, r, 0.5 + r() * 0.4, false, false);
  }
  await call('learners.signOut', {});
}

/** When the i-th of n learners acts: evenly over the spread, jittered within its slot, never in the future. */
const momentFor = (i: number, n: number, spreadDays: number, r: Rng, today: Date): Date | null =>
  spreadDays > 0 ? new Date(today.getTime() - ((spreadDays * (n - i - 1 + r())) / Math.max(1, n)) * DAY_MS) : null;

/** Seeds demo learners into an open app (and, with `continuous`, goes on until the process ends). */
export async function seedDemo(started: App, bundle: Bundle, opts: DemoOptions): Promise<void> {
  const call = caller(started, opts.clock, opts.onAttempt ?? (() => {}));
  const settings = started.services.settings.get();
  const schools = settings.schools.length > 0 ? settings.schools : ['Demo Primary School', 'Demo Academy'];
  const r = rng(opts.seed);
  const today = new Date();
  // Email addresses carry the seed, so runs with different seeds never collide on a learner.
  const tag = opts.seed.toLowerCase().replace(/[^a-z0-9]+/g, '-').slice(0, 20);
  let n = 0;
  // The first member of staff also starts the pupils' sessions (a demo with no staff has no pupils).
  let teacher: SignInRequest | null = null;
  try {
    for (let i = 0; i < opts.staff; i++) {
      opts.clock.set(momentFor(i, opts.staff, opts.spreadDays, r, today) ?? recently());
      const who = await staffLearner(call, bundle, r, `${tag}-${n++}`, schools);
      teacher ??= who;
    }
    for (let i = 0; i < opts.pupils; i++) {
      opts.clock.set(momentFor(i, opts.pupils, opts.spreadDays, r, today) ?? recently());
      await pupil(call, bundle, r, teacher);
    }
    while (opts.continuous) {
      opts.clock.set(recently());
      if (r() < 0.6 || !teacher) {
        const who = await staffLearner(call, bundle, r, `${tag}-${n++}`, schools);
        teacher ??= who;
      } else await pupil(call, bundle, r, teacher);
    }
  } finally {
    opts.clock.set(null);
  }
}
