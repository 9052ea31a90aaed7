import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { LrsService } from '@services/lrs';
import { startLrs, xapiProblems, type TestLrs } from '@tests/helpers/lrs';
import { startFaultyFront, type FaultyFront } from '@tests/helpers/lrs/faulty';
import { seedStaffAttempts } from '@tests/bench/seed';
import { answeredCmi, assessmentOf, course, harness, PUPIL, removeDir, STAFF, type Harness } from '../records/helpers';
import { withRawRecordsDb } from '@tests/helpers/records-db';

const NOW = new Date('2026-11-27T10:00:00Z');
let lrs: TestLrs;
let front: FaultyFront;

beforeAll(async () => {
  lrs = await startLrs();
  front = await startFaultyFront(() => lrs.port);
});
afterAll(async () => {
  await front?.close();
  await lrs?.stop();
});

/** A data folder with `n` staff attempts put on record in bulk, queued as the migration queues old ones. */
function withAttempts(h: Harness, n: number): number {
  withRawRecordsDb(h.services.dataDir, (db) => seedStaffAttempts(db, h.bundle, NOW, n, 'sync', '0.1'));
  withRawRecordsDb(h.services.dataDir, (db) => db.exec(`INSERT OR IGNORE INTO lrs_outbox (attempt_id, queued_at)
    SELECT a.id, a.finished_at FROM attempts a JOIN learners l ON l.id = a.learner_id WHERE l.kind = 'staff' AND a.finished_at IS NOT NULL`));
  return h.services.lrs.outbox.pendingCount();
}

function sender(h: Harness, endpoint: string, options: { timeoutMs?: number; batchStatements?: number } = {}): LrsService {
  const keyFile = path.join(h.dataDir, 'lrs.key');
  writeFileSync(keyFile, 'pc-key:pc-secret\n');
  h.services.settings.set({ lrs: { endpoint, keyFile }, lms: { usernameField: 'workEmail', homePage: 'https://lms.leap.example', courses: {} } });
  return new LrsService({
    db: h.services.db,
    dataDir: h.dataDir,
    bundle: h.bundle,
    settings: () => h.services.settings.get(),
    write: (e) => void h.services.records.store.write(e),
    clock: () => new Date(h.now.value),
    batchStatements: options.batchStatements ?? 60,
    timeoutMs: options.timeoutMs ?? 10_000,
  });
}

/** Every statement id the xAPI export of this data folder has. */
async function exportedIds(h: Harness): Promise<string[]> {
  const outDir = mkdtempSync(path.join(os.tmpdir(), 'sync-export-')); // exports are never written in the data folder
  try {
    const out = path.join(outDir, 'export.json');
    await h.services.exports.run({ format: 'xapi' }, out, 'admin');
    return (JSON.parse(readFileSync(out, 'utf8')) as { id: string }[]).map((s) => s.id).sort();
  } finally {
    rmSync(outDir, { recursive: true, force: true });
  }
}

async function lrsIds(): Promise<string[]> {
  return (await lrs.statements()).map((s) => String(s.id)).sort();
}

describe('the outbox', () => {
  let h: Harness;
  beforeEach(() => (h = harness({ now: NOW })));
  afterEach(() => {
    h.close();
    removeDir(h.dataDir);
  });

  it('queues a staff attempt in the transaction that finishes it, and nothing for a commit, a pupil or a refused finish', async () => {
    const c = course(h.bundle, 'staff-induction');
    const m = assessmentOf(c);
    const me = await h.call('learners.signIn', STAFF);
    const start = await h.call('attempts.start', { learnerId: me.learnerId, courseId: c.id, moduleId: m.id });
    await h.call('attempts.commit', { attemptId: start.attemptId, seq: 1, cmi: answeredCmi(h.bundle, c, m, start.drawnItemIds, { right: () => true, finished: false, count: 2 }) });
    expect(h.services.lrs.outbox.pendingCount()).toBe(0);
    const bad = await h.raw('attempts.finish', { attemptId: start.attemptId, seq: 1, cmi: answeredCmi(h.bundle, c, m, start.drawnItemIds, { right: () => true }) });
    expect(bad.ok).toBe(false);
    expect(h.services.lrs.outbox.pendingCount()).toBe(0);
    await h.call('attempts.finish', { attemptId: start.attemptId, seq: 2, cmi: answeredCmi(h.bundle, c, m, start.drawnItemIds, { right: () => true }) });
    expect(h.services.lrs.outbox.pendingCount()).toBe(1);
    const row = h.services.db.prepare('SELECT attempt_id, queued_at FROM lrs_outbox').get() as { attempt_id: string; queued_at: string };
    expect(row).toEqual({ attempt_id: start.attemptId, queued_at: NOW.toISOString() });

    // The teacher (still signed in) starts a pupil's session.
    const pupil = await h.call('learners.startPupilSession', PUPIL);
    const pc = h.bundle.courses.find((x) => x.audience === 'pupil' && x.band === 'ks2')!;
    const lesson = pc.modules[0]!;
    const ps = await h.call('attempts.start', { learnerId: pupil.learnerId, courseId: pc.id, moduleId: lesson.id });
    await h.call('attempts.finish', { attemptId: ps.attemptId, seq: 1, cmi: { version: ps.scormVersion, data: ps.scormVersion === 'scorm12' ? { 'cmi.core.lesson_status': 'completed' } : { 'cmi.completion_status': 'completed' } } });
    expect(h.services.lrs.outbox.pendingCount()).toBe(1);
  });
});

describe('sending to a real LRS', () => {
  let h: Harness;
  beforeEach(() => {
    h = harness({ now: NOW });
    front.fault = { kind: 'pass' };
    front.posts.length = 0;
  });
  afterEach(() => {
    h.close();
    removeDir(h.dataDir);
  });

  it('sends every statement of the xAPI export, valid by Learning Locker, once; a second run sends nothing', async () => {
    const queued = withAttempts(h, 60);
    const s = sender(h, lrs.endpoint);
    const before = await lrsIds();
    const r = await s.sync();
    expect(r).toMatchObject({ outcome: 'done', sentAttempts: queued, pending: 0 });
    const expected = await exportedIds(h);
    const held = (await lrs.statements()).filter((st) => !before.includes(String(st.id)));
    expect(held.map((st) => String(st.id)).sort()).toEqual(expected);
    for (const st of held.slice(0, 50)) expect(xapiProblems(st)).toEqual([]);
    expect(s.status()).toMatchObject({ pending: 0, lastSuccessAt: NOW.toISOString(), lastError: null });
    expect(await s.sync()).toMatchObject({ outcome: 'done', sentAttempts: 0 });
  });

  it('keeps everything while the LRS is down, slow or failing, and sends it all once when it answers', async () => {
    const queued = withAttempts(h, 40);
    const s = sender(h, front.endpoint);
    const impatient = sender(h, front.endpoint, { timeoutMs: 400 });
    const before = new Set(await lrsIds());

    front.fault = { kind: 'status', status: 500, body: 'out of disk' };
    let r = await s.sync();
    expect(r).toMatchObject({ outcome: 'unreachable', pending: queued, sentAttempts: 0 });
    expect(s.status().lastError?.message).toMatch(/answered with an error \(500\).*out of disk/);

    front.fault = { kind: 'slow', ms: 1_500 };
    r = await impatient.sync();
    expect(r).toMatchObject({ outcome: 'unreachable', pending: queued });
    expect(r.message).toMatch(/did not answer within 1 second/);

    front.fault = { kind: 'lose-answer' }; // the LRS stores the first batch; its answer never arrives
    expect((await s.sync()).outcome).toBe('unreachable');
    expect(s.status().pending).toBe(queued);

    front.fault = { kind: 'pass' };
    r = await s.sync();
    expect(r).toMatchObject({ outcome: 'done', sentAttempts: queued, pending: 0 });
    const now = (await lrsIds()).filter((id) => !before.has(id));
    expect(now).toEqual(await exportedIds(h)); // nothing lost, and nothing twice (GET lists each stored statement)
    expect(new Set(now).size).toBe(now.length);
  });

  it('stops at 401/403 and waits for the administrator; a send by hand tries again', async () => {
    withAttempts(h, 10);
    const s = sender(h, front.endpoint);
    front.fault = { kind: 'status', status: 401 };
    const r = await s.sync();
    expect(r.outcome).toBe('refused');
    expect(s.status().stoppedFor).toMatch(/did not accept this PC's key and secret \(401\)/);
    const posts = front.posts.length;
    expect(await s.sender.sync({ byHand: false })).toMatchObject({ outcome: 'refused' });
    expect(front.posts.length).toBe(posts); // automatic sending did not knock again
    front.fault = { kind: 'pass' };
    expect(await s.sync(true)).toMatchObject({ outcome: 'done', pending: 0 });
    expect(s.status().stoppedFor).toBeNull();
  });

  it('sets aside an attempt the LRS holds with other content (409), sends the rest, and does not retry it', async () => {
    const queued = withAttempts(h, 30);
    const s = sender(h, lrs.endpoint, { batchStatements: 400 });
    const first = s.outbox.next(400)!.attempts[0]!;
    const clash = { ...(JSON.parse(first.statements[0]!) as Record<string, unknown>), verb: { id: 'http://adlnet.gov/expapi/verbs/failed', display: { 'en-GB': 'failed' } } };
    const pre = await fetch(`${lrs.endpoint}statements`, { method: 'POST', headers: { 'Content-Type': 'application/json', 'X-Experience-API-Version': '1.0.3', Authorization: 'Basic dDp0' }, body: JSON.stringify([clash]) });
    expect(pre.status).toBe(200);
    const r = await s.sync();
    expect(r).toMatchObject({ outcome: 'done', sentAttempts: queued - 1, setAside: 1, pending: 0 });
    // Listed with whose it is and which module, by name, for the administrator.
    const whose = h.services.db.prepare('SELECT l.name, a.module_id FROM attempts a JOIN learners l ON l.id = a.learner_id WHERE a.id = ?').get(first.attemptId) as { name: string; module_id: string };
    const title = h.bundle.courses.flatMap((c) => c.modules).find((m) => m.id === whose.module_id)!.title;
    expect(s.status().setAside).toEqual([
      { attemptId: first.attemptId, at: NOW.toISOString(), name: whose.name, module: title, reason: expect.stringMatching(/already holds a statement with this id but different content \(409\)/) },
    ]);
    expect(await s.sync()).toMatchObject({ outcome: 'done', sentAttempts: 0, setAside: 0 });
  });

  it('loses nothing and doubles nothing when the LRS is killed mid-batch and comes back', async () => {
    const queued = withAttempts(h, 40);
    const s = sender(h, front.endpoint, { batchStatements: 80 });
    const port = lrs.port;
    let sends = 0;
    front.fault = {
      kind: 'forward-then',
      then: () => {
        if (++sends === 3) void lrs.kill();
      },
    };
    const r = await s.sync();
    expect(r.outcome).toBe('unreachable');
    const storedBefore = new Set(front.posts.filter((p) => p.status === 200).flatMap((p) => p.ids));
    expect(s.status().pending).toBeGreaterThan(0);
    lrs = await startLrs({ port });
    front.fault = { kind: 'pass' };
    expect(await s.sync()).toMatchObject({ outcome: 'done', pending: 0 });
    const afterRestart = await lrsIds();
    expect(new Set(afterRestart).size).toBe(afterRestart.length);
    expect([...new Set([...storedBefore, ...afterRestart])].sort()).toEqual(await exportedIds(h));
    expect(s.status().pending).toBe(0);
    expect(queued).toBeGreaterThan(0);
  });

  it('builds the same statements whatever the app version: an updated app re-sending, or its export uploaded too, is not a conflict', async () => {
    withAttempts(h, 12);
    expect(await sender(h, lrs.endpoint).sync()).toMatchObject({ outcome: 'done', pending: 0 });
    // The same data folder opened by an app two versions on: its xAPI export, posted to the LRS
    // that holds what the older app sent, is taken as already held (200), not as other content (409).
    h.close();
    const updated = harness({ dataDir: h.dataDir, now: NOW, appVersion: '2.0.0' });
    h = updated;
    const outDir = mkdtempSync(path.join(os.tmpdir(), 'sync-export-'));
    try {
      const out = path.join(outDir, 'export.json');
      await updated.services.exports.run({ format: 'xapi' }, out, 'admin');
      const statements = JSON.parse(readFileSync(out, 'utf8')) as Record<string, unknown>[];
      expect(statements.length).toBeGreaterThan(12);
      const res = await fetch(`${lrs.endpoint}statements`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-Experience-API-Version': '1.0.3', Authorization: 'Basic dDp0' },
        body: JSON.stringify(statements),
      });
      expect(res.status, await res.text()).toBe(200);
    } finally {
      rmSync(outDir, { recursive: true, force: true });
    }
  });

  it('gives every caller of parallel sends the same run: each batch is posted once', async () => {
    const queued = withAttempts(h, 20);
    const s = sender(h, front.endpoint, { batchStatements: 50 });
    const runs = await Promise.all([s.sync(), s.sync(), s.sender.sync(), s.sync(), s.sender.sync()]);
    expect(new Set(runs.map((x) => x.sentAttempts))).toEqual(new Set([queued]));
    const ids = front.posts.flatMap((p) => p.ids);
    expect(new Set(ids).size).toBe(ids.length);
  });
});
