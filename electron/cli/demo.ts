import { readFileSync, writeSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { Bundle, type BundleCourse } from '../../content/schema';
import type { Channel, ReplyOf, RequestOf } from '../contract';
import { openApp, type App } from '../host/compose';
import { addInteraction, demoAnswers, demoPupil, demoStaff, itemsOf, pick, rng, setProgress, type Rng } from '../services/records/demo';
import { appVersion, projectRoot } from './project';

/**
 * `npm run demo -- --data DIR --staff N --pupils M [--seed S] [--continuous] [--bundle FILE]`
 * Writes realistic attempts through the app's own dispatcher (the same validation, re-scoring,
 * journal and commit path a learner's data takes) and prints each attempt id on its own line the
 * moment its finish is durable. `--continuous` keeps going until the process is killed.
 */
const USAGE = 'usage: npm run demo -- --data DIR [--staff N] [--pupils M] [--seed S] [--continuous] [--bundle out/main/bundle.json]';

type Call = <C extends Channel>(channel: C, request: RequestOf<C>) => Promise<ReplyOf<C>>;

function caller(started: App): Call {
  return async (channel, request) => {
    const r = await started.dispatch(channel, request, { transport: 'ipc' });
    if (!r.ok) throw new Error(`${channel} refused: ${r.error.code}: ${r.error.message}`);
    return r.value as ReplyOf<typeof channel>;
  };
}

/** stdout is the machine-readable channel: one acknowledged attempt id per line, written at once. */
const printId = (id: string): void => void writeSync(1, `${id}\n`);

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
  for (const [i, a] of answers.entries()) {
    if (i < already) continue;
    addInteraction(cmi, i, a);
    if (i % 3 === 2 && i < answers.length - 1) {
      setProgress(cmi, i + 1, answers.length, false, null);
      await call('attempts.commit', { attemptId: start.attemptId, seq: ++seq, cmi });
    }
  }
  const graded = module.draw !== undefined && course.audience === 'staff';
  const right = answers.filter((a) => a.right).length;
  const claim = graded ? lie || right / Math.max(1, answers.length) >= 0.8 : null;
  setProgress(cmi, answers.length, answers.length, true, claim);
  const done = await call('attempts.finish', { attemptId: start.attemptId, seq: seq + 1, cmi });
  printId(start.attemptId);
  return { attemptId: start.attemptId, status: done.verdict.status };
}

async function staffLearner(call: Call, bundle: Bundle, r: Rng, tag: string, schools: readonly string[]): Promise<void> {
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
}

async function pupil(call: Call, bundle: Bundle, r: Rng): Promise<void> {
  const bands = [...new Set(bundle.courses.filter((c) => c.audience === 'pupil' && c.band).map((c) => c.band as 'ks1' | 'ks2' | 'ks3' | 'ks4'))];
  if (bands.length === 0) return;
  const who = demoPupil(r, bands);
  const session = await call('learners.startPupilSession', who);
  const course = bundle.courses.find((c) => c.audience === 'pupil' && c.band === who.band);
  if (course && course.modules.length > 0) {
    await runModule(call, bundle, course, session.learnerId, pick(r, course.modules).id, r, 0.5 + r() * 0.4, false, false);
  }
  await call('learners.signOut', {});
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      data: { type: 'string' },
      staff: { type: 'string', default: '5' },
      pupils: { type: 'string', default: '10' },
      seed: { type: 'string', default: 'demo' },
      continuous: { type: 'boolean', default: false },
      bundle: { type: 'string' },
    },
    strict: true,
  });
  if (!values.data) throw new Error(`--data is required\n${USAGE}`);
  const staff = Number(values.staff);
  const pupils = Number(values.pupils);
  if (!Number.isInteger(staff) || staff < 0) throw new Error(`--staff must be a whole number, not ${values.staff}\n${USAGE}`);
  if (!Number.isInteger(pupils) || pupils < 0) throw new Error(`--pupils must be a whole number, not ${values.pupils}\n${USAGE}`);
  // --bundle reads a compiled bundle (fast start, as the crash test needs); otherwise compile the YAML.
  // (The content compiler is loaded only when needed: the crash test starts this CLI 50 times.)
  const bundle = values.bundle ? Bundle.parse(JSON.parse(readFileSync(path.resolve(values.bundle), 'utf8'))) : (await import('./dev-bundle')).devBundle();
  const started = openApp({
    argv: ['--data', values.data],
    env: process.env,
    defaultDataDir: path.join(projectRoot, '.tmp/demo-data'),
    appVersion,
    bundle,
    log: (msg, err) => console.error(msg, err),
  });
  const stop = (): void => {
    started.services.close();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  const call = caller(started);
  const settings = started.services.settings.get();
  const schools = settings.schools.length > 0 ? settings.schools : ['Demo Primary School', 'Demo Academy'];
  const r = rng(values.seed);
  // Email addresses carry the seed, so runs with different seeds never collide on a learner.
  const tag = values.seed.toLowerCase().replace(/[^a-z0-9]+/g, '-').slice(0, 20);
  let n = 0;
  for (let i = 0; i < staff; i++) await staffLearner(call, bundle, r, `${tag}-${n++}`, schools);
  for (let i = 0; i < pupils; i++) await pupil(call, bundle, r);
  while (values.continuous) {
    if (r() < 0.6) await staffLearner(call, bundle, r, `${tag}-${n++}`, schools);
    else await pupil(call, bundle, r);
  }
  const h = started.services.records.health();
  console.error(`demo: ${h.counts.learners} learners, ${h.counts.attempts} attempts, ${h.counts.commits} commits in ${started.services.dataDir}`);
  started.services.close();
}

main().catch((err: unknown) => {
  console.error(`npm run demo: ${(err as Error).message}`);
  process.exit(2);
});
