import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApp, type App } from '@host/compose';
import type { Channel, RequestOf, Result } from '@contract';
import { SEALED_FILE, type SecretBox } from '@services/lrs';
import { SETUP_FILE_NAME, parseSetupFile } from '@services/setup/file';
import { testBundle } from '@tests/helpers/bundle';
import { startLrs, type TestLrs } from '@tests/helpers/lrs';
import { seedStaffAttempts } from '@tests/bench/seed';
import { harness, removeDir, tempDir } from '../records/helpers';
import { ADMIN_PASSWORD } from '../admin/harness';
import { withRawRecordsDb } from '@tests/helpers/records-db';

const NOW = new Date('2026-11-27T10:00:00Z');
const TRUST = 'Leading Edge Academies Partnership';
const KEY = 'hr-pc-key';
const SECRET = 'Very-Secret-LRS-Password-9f3a';

/** Stands in for Electron's safeStorage (the one part mocked): sealed text is not the text. */
const box: SecretBox = {
  seal: (text) => Buffer.from([...Buffer.from(text, 'utf8')].map((b) => b ^ 0xa5)),
  open: (sealed) => Buffer.from([...sealed].map((b) => b ^ 0xa5)).toString('utf8'),
};

let lrs: TestLrs;
let work: string;
let recordsFile: Buffer;
/** People in the school PC's file with a work email (the LMS username here) and without one. */
let withEmail = 0;
let withoutEmail = 0;

interface Pc {
  dataDir: string;
  app: App;
  call<C extends Channel>(channel: C, request: RequestOf<C>): Promise<Result<unknown>>;
  ok<C extends Channel>(channel: C, request: RequestOf<C>): Promise<Record<string, unknown>>;
  close(): void;
}

/** The HR PC: the real services and dispatcher, set up, the admin area unlocked, with an OS box (or none). */
async function hrPc(dataDir: string, options: { box?: SecretBox | null; setUp?: boolean } = {}): Promise<Pc> {
  const app = openApp({ argv: ['--data', dataDir], env: {}, defaultDataDir: dataDir, appVersion: '0.0.0-test', bundle: testBundle(), clock: () => new Date(NOW), lrs: { box: options.box === undefined ? box : options.box } });
  const pc: Pc = {
    dataDir,
    app,
    call: (channel, request) => app.dispatch(channel, request, { transport: 'ipc' }),
    ok: async (channel, request) => {
      const r = await pc.call(channel, request);
      if (!r.ok) throw new Error(`${channel}: ${r.error.code}: ${r.error.message}`);
      return r.value as Record<string, unknown>;
    },
    close: () => app.services.close(),
  };
  if (options.setUp !== false) await pc.ok('setup.complete', { trustName: TRUST, schools: ['Hayle Academy'], policyVersionLabel: '0.1', adminPassword: ADMIN_PASSWORD });
  else await pc.ok('admin.unlock', { password: ADMIN_PASSWORD });
  return pc;
}

const upload = (bytes: Buffer, fileName = 'staffroom.records') => ({ uploads: [{ fileName, base64: bytes.toString('base64') }] });
const status = async (pc: Pc) => (await pc.ok('lrs.status', {})) as { on: boolean; pending: number; setAsideCount: number; credentials: string; lastSuccessAt: string | null; lastError: { message: string } | null; problem: string | null };

beforeAll(async () => {
  lrs = await startLrs();
  work = tempDir('lrs-admin-');
  // A school PC with 40 staff attempts on record, written as a Trust records file.
  const school = harness({ now: NOW });
  try {
    withRawRecordsDb(school.services.dataDir, (db) => seedStaffAttempts(db, school.bundle, NOW, 40, 'lrs-admin', '0.1'));
    const file = path.join(work, 'school.records');
    await school.services.exports.run({ format: 'records' }, file, 'admin');
    recordsFile = readFileSync(file);
    const count = (sql: string) => (school.services.db.prepare(sql).get() as { n: number }).n;
    withEmail = count("SELECT COUNT(*) AS n FROM attempts a JOIN learners l ON l.id = a.learner_id WHERE l.kind = 'staff' AND a.finished_at IS NOT NULL AND l.work_email IS NOT NULL");
    withoutEmail = count("SELECT COUNT(*) AS n FROM attempts a JOIN learners l ON l.id = a.learner_id WHERE l.kind = 'staff' AND a.finished_at IS NOT NULL AND l.work_email IS NULL");
  } finally {
    school.close();
    removeDir(school.dataDir);
  }
  expect(withEmail).toBeGreaterThan(0);
  expect(withoutEmail).toBeGreaterThan(0);
}, 120_000);
afterAll(async () => {
  await lrs?.stop();
  if (work) removeDir(work);
});

describe('the LRS settings and status panel, through the contract', () => {
  let pc: Pc;
  beforeAll(async () => {
    pc = await hrPc(path.join(work, 'hr'));
  });
  afterAll(() => pc?.close());

  it('is off by default, with nothing waiting and nothing kept', async () => {
    expect(await status(pc)).toMatchObject({ on: false, credentials: 'missing', pending: 0, lastSuccessAt: null, lastError: null, problem: null });
  });

  it('refuses hostile addresses and keys in plain words, and saves nothing', async () => {
    const refusals: [RequestOf<'lrs.configure'>, RegExp][] = [
      [{ on: true, endpoint: 'file:///etc/passwd', key: KEY, secret: SECRET }, /endpoint: .*https:\/\//],
      [{ on: true, endpoint: 'javascript:alert(1)', key: KEY, secret: SECRET }, /endpoint: .*https:\/\//],
      [{ on: true, endpoint: 'http://lrs.trust.example/xapi/', key: KEY, secret: SECRET }, /endpoint: .*must start with https:\/\//],
      [{ on: true, endpoint: 'https://user:pw@lrs.trust.example/xapi/', key: KEY, secret: SECRET }, /endpoint: .*user name or secret/],
      [{ on: true, endpoint: 'https://lrs.trust.example/xapi/?token=1', key: KEY, secret: SECRET }, /endpoint: .*query/],
      [{ on: true, endpoint: 'lrs.trust.example', key: KEY, secret: SECRET }, /endpoint: .*not a web address/],
      // Loopback only in name: a host that starts like one, a user name that looks like one, a trailing dot.
      [{ on: true, endpoint: 'http://127.0.0.1.evil.example/xapi/', key: KEY, secret: SECRET }, /endpoint: .*must start with https:\/\//],
      [{ on: true, endpoint: 'http://localhost@evil.example/xapi/', key: KEY, secret: SECRET }, /endpoint: .*(user name or secret|https:\/\/)/],
      [{ on: true, endpoint: 'http://localhost./xapi/', key: KEY, secret: SECRET }, /endpoint: .*must start with https:\/\//],
      [{ on: true, endpoint: 'data:text/plain,hello', key: KEY, secret: SECRET }, /endpoint: .*https:\/\//],
      [{ on: true, endpoint: 'https://lrs.trust.example/xapi/#statements', key: KEY, secret: SECRET }, /endpoint: .*# part/],
      [{ on: true, endpoint: lrs.endpoint, key: KEY }, /secret: give both/],
      [{ on: true, endpoint: lrs.endpoint }, /key: give the LRS key and secret/],
      [{ on: true, endpoint: lrs.endpoint, key: 'has:colon', secret: SECRET }, /key: must not contain a colon/],
      [{ on: true, endpoint: lrs.endpoint, key: KEY, secret: 'has a space' }, /secret: must have no spaces/],
      [{ on: true, endpoint: lrs.endpoint, key: KEY, secret: 'x'.repeat(5_000_000) }, /secret: must be at most 512 characters/],
      [{ on: true, endpoint: `https://lrs.trust.example/${'a'.repeat(3000)}/`, key: KEY, secret: SECRET }, /endpoint: must be at most 2000/],
    ];
    for (const [request, problem] of refusals) {
      const r = await pc.call('lrs.configure', request);
      expect(r.ok, JSON.stringify(request).slice(0, 120)).toBe(false);
      if (r.ok) continue;
      expect(r.error.code).toBe('invalid-request');
      expect(r.error.message).toMatch(problem);
      // Never echoed back: not the secret, whatever was wrong.
      expect(r.error.message).not.toContain(SECRET);
    }
    expect(await status(pc)).toMatchObject({ on: false, credentials: 'missing' });
    expect(existsSync(path.join(pc.dataDir, SEALED_FILE))).toBe(false);
    expect((await pc.ok('settings.get', {})).lrs).toEqual({ endpoint: null, keyFile: null });
  });

  it('seals the key and secret (never kept or shown in the clear) and waits, saying why, for the LMS settings', async () => {
    const reply = await pc.ok('lrs.configure', { on: true, endpoint: `${lrs.endpoint}statements`, key: KEY, secret: SECRET });
    expect(reply).toMatchObject({ on: true, endpoint: lrs.endpoint, credentials: 'sealed' });
    expect(reply.problem).toMatch(/waits for the Trust's LMS settings/);
    expect(JSON.stringify(reply)).not.toContain(SECRET);
    const sealed = readFileSync(path.join(pc.dataDir, SEALED_FILE));
    expect(sealed.toString('utf8')).not.toContain(SECRET);
    expect(box.open(sealed)).toBe(`${KEY}:${SECRET}`);
    // Nowhere else in the data folder: not the settings, not the journal, not the audit.
    for (const f of readdirSync(pc.dataDir, { withFileTypes: true })) {
      if (f.isFile() && f.name !== SEALED_FILE) expect(readFileSync(path.join(pc.dataDir, f.name)).includes(Buffer.from(SECRET)), f.name).toBe(false);
    }
  });

  it('goes into the set-up file for other PCs as its address alone: the key and secret sealed here stay on this PC', async () => {
    const file = (await pc.ok('admin.setupFile', {})) as { fileName: string; text: string };
    expect(parseSetupFile(file.text, file.fileName).lrs).toEqual({ endpoint: lrs.endpoint, keyFile: null });
    for (const secret of [KEY, SECRET, readFileSync(path.join(pc.dataDir, SEALED_FILE)).toString('base64')]) expect(file.text).not.toContain(secret);
    // The next PC, set up from the file, sends to the same LRS once it has a key of its own.
    const next = path.join(work, 'next-pc');
    mkdirSync(next);
    writeFileSync(path.join(next, SETUP_FILE_NAME), file.text);
    const app = openApp({ argv: ['--data', next], env: {}, defaultDataDir: next, appVersion: '0.0.0-test', bundle: testBundle(), clock: () => new Date(NOW), lrs: { box } });
    try {
      expect(app.services.lrs.status()).toMatchObject({ on: true, endpoint: lrs.endpoint, credentials: 'missing' });
    } finally {
      app.services.close();
    }
  });

  it('sends what an import brought, on "Send now", and shows the last success; parallel sends share one run', async () => {
    const imported = (await pc.ok('recordsFile.import', upload(recordsFile))) as { files: { problem: string | null; report: { attemptsAdded: number } }[] };
    expect(imported.files[0]).toMatchObject({ problem: null, report: { attemptsAdded: expect.any(Number) } });
    expect(await status(pc)).toMatchObject({ pending: withEmail + withoutEmail });
    await pc.ok('settings.set', { lms: { usernameField: 'workEmail', homePage: 'https://lms.leap.example', courses: {} } });
    // The daily backup, taken before anything is sent (the rebuild below starts from it).
    pc.app.services.records.runMaintenance();
    const [a, b, c] = await Promise.all([pc.ok('lrs.sendNow', {}), pc.ok('lrs.sendNow', {}), pc.ok('lrs.sendNow', {})]);
    expect(b.report).toEqual(a.report);
    expect(c.report).toEqual(a.report);
    expect(a.report).toMatchObject({ outcome: 'done', sentAttempts: withEmail, setAside: withoutEmail, pending: 0 });
    const after = await status(pc);
    expect(after).toMatchObject({ pending: 0, setAsideCount: withoutEmail, lastSuccessAt: NOW.toISOString() });
    // Each attempt's statements name it in their grouping (…?attemptId=…): one per attempt sent.
    const attemptOf = (s: Record<string, unknown>) => (s.context as { contextActivities: { grouping: { id: string }[] } }).contextActivities.grouping.find((g) => g.id.includes('?attemptId='))?.id;
    const held = new Set((await lrs.statements()).map(attemptOf));
    expect(held.size).toBe(withEmail);
  });

  it('tries attempts set aside again once the administrator has corrected what was wrong', async () => {
    await pc.ok('settings.set', { lms: { usernameField: 'staffId', homePage: 'https://lms.leap.example', courses: {} } });
    const retry = (await pc.ok('lrs.retrySetAside', {})) as { retried: number; status: { pending: number; setAsideCount: number } };
    expect(retry).toMatchObject({ retried: withoutEmail, status: { pending: withoutEmail, setAsideCount: 0 } });
    expect(((await pc.ok('lrs.sendNow', {})).report as { sentAttempts: number }).sentAttempts).toBe(withoutEmail);
    // A second retry finds nothing set aside, and changes nothing.
    expect(await pc.ok('lrs.retrySetAside', {})).toMatchObject({ retried: 0 });
  });

  it('keeps what was sent and set aside through a rebuild from the backup and the journal: nothing is sent twice', async () => {
    pc.close();
    for (const f of ['records.sqlite', 'records.sqlite-wal', 'records.sqlite-shm']) rmSync(path.join(pc.dataDir, f), { force: true });
    pc = await hrPc(pc.dataDir, { setUp: false });
    // The backup held every attempt as waiting; the journal's sent marks and retry are applied again.
    expect(pc.app.services.records.health().recovery?.quarantinedAs).toBe('(no file)');
    expect(await status(pc)).toMatchObject({ pending: 0, setAsideCount: 0, lastSuccessAt: NOW.toISOString(), lastError: null });
    const before = (await lrs.statements()).length;
    expect((await pc.ok('lrs.sendNow', {})).report).toMatchObject({ outcome: 'done', sentAttempts: 0 });
    expect((await lrs.statements()).length).toBe(before);
  });

  it('turned off, forgets the sealed key and sends nothing', async () => {
    expect(await pc.ok('lrs.configure', { on: false })).toMatchObject({ on: false, endpoint: null, credentials: 'missing' });
    expect(existsSync(path.join(pc.dataDir, SEALED_FILE))).toBe(false);
    expect((await pc.ok('lrs.sendNow', {})).report).toMatchObject({ outcome: 'off' });
  });
});

describe('a copy of the app that cannot seal a secret (the preview)', () => {
  it('says so, keeps nothing, and points to a key file', async () => {
    const pc = await hrPc(path.join(work, 'no-box'), { box: null });
    try {
      expect(await status(pc)).toMatchObject({ canSeal: false });
      const r = await pc.call('lrs.configure', { on: true, endpoint: lrs.endpoint, key: KEY, secret: SECRET });
      expect(r.ok ? 'saved' : r.error.code).toBe('unavailable');
      if (!r.ok) expect(r.error.message).toMatch(/cannot keep a secret safely.*key file/);
      expect(readdirSync(pc.dataDir).filter((f) => f.includes('sealed') || f.endsWith('.tmp'))).toEqual([]);
      expect(await status(pc)).toMatchObject({ on: false });
    } finally {
      pc.close();
    }
  });
});

describe('records files imported from the admin area', () => {
  let pc: Pc;
  beforeAll(async () => {
    pc = await hrPc(path.join(work, 'hr-import'));
  });
  afterAll(() => pc?.close());

  it('says what was added, then on a replay that it was all already here; parallel imports are refused, not run twice', async () => {
    const first = (await pc.ok('recordsFile.import', upload(recordsFile))) as { files: { report: { attemptsAdded: number; attemptsAlreadyHeld: number; sourcePc: string } }[] };
    const added = first.files[0]!.report.attemptsAdded;
    expect(added).toBeGreaterThanOrEqual(withEmail + withoutEmail);
    expect(first.files[0]!.report.attemptsAlreadyHeld).toBe(0);
    const [x, y] = await Promise.all([pc.call('recordsFile.import', upload(recordsFile)), pc.call('recordsFile.import', upload(recordsFile))]);
    const outcomes = [x, y].map((r) => (r.ok ? 'ok' : r.error.code)).sort();
    expect(outcomes).toEqual(['conflict', 'ok']);
    const replay = ([x, y].find((r) => r.ok) as { value: { files: { report: { attemptsAdded: number; attemptsAlreadyHeld: number } }[] } }).value;
    expect(replay.files[0]!.report).toMatchObject({ attemptsAdded: 0, attemptsAlreadyHeld: added });
    const refused = [x, y].find((r) => !r.ok);
    if (refused && !refused.ok) expect(refused.error.message).toMatch(/An import is already running/);
  });

  it('shows on the dashboard which PC people’s records came from and when', async () => {
    const origins = (await pc.ok('recordsFile.origins', {})) as { pcs: { sourcePc: string; people: number; exportedAt: string; importedAt: string }[] };
    expect(origins.pcs).toHaveLength(1);
    expect(origins.pcs[0]).toMatchObject({ importedAt: NOW.toISOString() });
    expect(origins.pcs[0]!.people).toBeGreaterThan(0);
    const someone = pc.app.services.db.prepare('SELECT learner_id FROM learner_origins LIMIT 1').get() as { learner_id: string };
    const person = (await pc.ok('recordsFile.origins', { learnerId: someone.learner_id })) as { person: { sourcePc: string }[] };
    expect(person.person).toEqual([expect.objectContaining({ sourcePc: origins.pcs[0]!.sourcePc })]);
  });

  it('refuses hostile files one by one, in plain words naming the file, and adds nothing from them', async () => {
    const before = pc.app.services.db.prepare('SELECT COUNT(*) AS n FROM attempts').get();
    const text = recordsFile.toString('utf8');
    const hostile: [string, Buffer, RegExp][] = [
      ['empty.records', Buffer.alloc(0), /empty.records: is empty/],
      ['photo.records', Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46]), /photo.records: .*not a Trust records file/],
      ['changed.records', Buffer.from(text.replace(/"name":"[^"]+"/, '"name":"Someone Else"')), /changed.records: .*checksum does not match/],
      ['other-trust.records', Buffer.from(text.replace(TRUST, 'Another Trust')), /other-trust.records: .*(another Trust|Another Trust)/],
      ['cut.records', recordsFile.subarray(0, Math.floor(recordsFile.length / 2)), /cut.records: /],
    ];
    const r = (await pc.ok('recordsFile.import', { uploads: hostile.map(([fileName, bytes]) => ({ fileName, base64: bytes.toString('base64') })) })) as {
      files: { fileName: string; problem: string | null; report: unknown }[];
    };
    expect(r.files.map((f) => f.fileName)).toEqual(hostile.map(([n]) => n));
    r.files.forEach((f, i) => {
      expect(f.report, f.fileName).toBeNull();
      expect(f.problem, f.fileName).toMatch(hostile[i]![2]);
      expect(f.problem).not.toMatch(/\.upload-/); // the private copy is never named
    });
    expect(pc.app.services.db.prepare('SELECT COUNT(*) AS n FROM attempts').get()).toEqual(before);
    expect(readdirSync(pc.dataDir).filter((f) => f.startsWith('.upload-') || f.startsWith('.import-'))).toEqual([]);
  });

  it('refuses a request the contract does not allow: no files, too many, too large, not base64, a path as a name', async () => {
    const bad: [unknown, RegExp][] = [
      [{}, /uploads: choose the records files/],
      [{ uploads: [] }, /uploads/],
      [{ uploads: Array.from({ length: 11 }, (_, i) => ({ fileName: `f${i}.records`, base64: 'AA==' })) }, /at most 10 files/],
      [{ uploads: [{ fileName: 'big.records', base64: 'A'.repeat(1_000_000) }] }, /too large to upload here/],
      [{ uploads: [{ fileName: 'x.records', base64: 'not base64!' }] }, /base64/],
      [{ uploads: [{ fileName: 'a\u0000b', base64: 'AA==' }] }, /control characters/],
      [{ uploads: [{ fileName: 'x', base64: 'AA==', path: '/etc/passwd' }] }, /path/],
    ];
    for (const [request, problem] of bad) {
      const r = await pc.app.dispatch('recordsFile.import', request, { transport: 'ipc' });
      expect(r.ok).toBe(false);
      if (!r.ok) {
        expect(r.error.code).toBe('invalid-request');
        expect(r.error.message).toMatch(problem);
      }
    }
    // A file name is only shown: one that looks like a path writes nowhere but the private copy.
    const r = (await pc.ok('recordsFile.import', upload(recordsFile, '../../../etc/passwd'))) as { files: { fileName: string; problem: string | null }[] };
    expect(r.files[0]).toMatchObject({ fileName: '../../../etc/passwd', problem: null });
  });
});
