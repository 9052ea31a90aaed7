import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importRecordsFile, RecordsFileError } from '@services/records-file';
import { seedStaffAttempts } from '@tests/bench/seed';
import { harness, PUPIL, removeDir, STAFF, tempDir, type Harness } from '../records/helpers';
import { rawRecordsDb, withRawRecordsDb } from '@tests/helpers/records-db';

const NOW = new Date('2026-11-27T10:00:00Z');
const ROOT = path.resolve(__dirname, '../../..');
let school: Harness; // a school PC with staff and a pupil
let hr: Harness; // the HR PC that merges files
let file: string;
const outDir = tempDir('records-files-'); // exports never go into a data folder

const counts = (h: Harness) =>
  h.services.db
    .prepare(
      `SELECT (SELECT COUNT(*) FROM learners) AS learners, (SELECT COUNT(*) FROM attempts) AS attempts,
              (SELECT COUNT(*) FROM acknowledgements) AS acknowledgements, (SELECT COUNT(*) FROM learner_origins) AS origins`,
    )
    .get() as { learners: number; attempts: number; acknowledgements: number; origins: number };

const importInto = (h: Harness, f: string) => importRecordsFile(h.services.records.store, f, { trustName: h.services.settings.get().trustName, dataDir: h.dataDir });

async function xapiIds(h: Harness): Promise<string[]> {
  const out = path.join(outDir, `xapi-${Date.now()}.json`);
  h.services.settings.set({ lms: { usernameField: 'workEmail', homePage: 'https://lms.leap.example', courses: {} } });
  await h.services.exports.run({ format: 'xapi' }, out, 'admin');
  return (JSON.parse(readFileSync(out, 'utf8')) as { id: string }[]).map((s) => s.id).sort();
}

beforeAll(async () => {
  school = harness({ now: NOW });
  withRawRecordsDb(school.services.dataDir, (db) => seedStaffAttempts(db, school.bundle, NOW, 300, 'school', '0.1'));
  await school.call('learners.signIn', STAFF);
  await school.call('learners.startPupilSession', PUPIL);
  await school.call('learners.signIn', STAFF);
  file = path.join(outDir, 'school.records');
  await school.services.exports.run({ format: 'records' }, file, 'admin');
  hr = harness({ now: NOW });
});
afterAll(() => {
  removeDir(outDir);
  for (const h of [school, hr]) {
    h?.close();
    if (h) removeDir(h.dataDir);
  }
});

describe('a Trust records file from a school PC, merged on the HR PC', () => {
  it('carries staff only: no pupil, no PIN hash', () => {
    const text = readFileSync(file, 'utf8');
    expect(text).not.toContain(PUPIL.className);
    expect(text.match(/pin_?hash|\$scrypt|bench-no-pin/gi) ?? []).toEqual([]);
    const staff = (school.services.db.prepare("SELECT COUNT(*) AS n FROM learners WHERE kind = 'staff'").get() as { n: number }).n;
    expect(text.trimEnd().split('\n')).toHaveLength(staff + 2);
  });

  it('brings every staff attempt and acknowledgement across, with the same xAPI statement ids, and says which PC they came from', async () => {
    const r = await importInto(hr, file);
    const schoolCounts = school.services.db.prepare("SELECT (SELECT COUNT(*) FROM learners WHERE kind='staff') AS staff, (SELECT COUNT(*) FROM attempts a JOIN learners l ON l.id = a.learner_id WHERE l.kind = 'staff') AS attempts, (SELECT COUNT(*) FROM acknowledgements) AS acks").get() as { staff: number; attempts: number; acks: number };
    expect(r).toMatchObject({ learnersAdded: schoolCounts.staff, learnersMatched: 0, attemptsAdded: schoolCounts.attempts, attemptsAlreadyHeld: 0, acknowledgementsAdded: schoolCounts.acks, conflicts: [] });
    expect(counts(hr)).toMatchObject({ learners: schoolCounts.staff, attempts: schoolCounts.attempts, acknowledgements: schoolCounts.acks, origins: schoolCounts.staff });
    const origin = hr.services.db.prepare('SELECT DISTINCT source_pc, exported_at FROM learner_origins').all();
    expect(origin).toEqual([{ source_pc: r.sourcePc, exported_at: r.exportedAt }]);
    expect(await xapiIds(hr)).toEqual(await xapiIds(school));
  });

  it('adds nothing the second time', async () => {
    const before = counts(hr);
    const r = await importInto(hr, file);
    expect(r).toMatchObject({ learnersAdded: 0, attemptsAdded: 0, acknowledgementsAdded: 0, conflicts: [] });
    expect(r.attemptsAlreadyHeld).toBe(before.attempts);
    expect(counts(hr)).toEqual(before);
  });

  it('tells someone whose records came from another PC that no PIN is set here, not that their PIN is wrong, and never locks them out', async () => {
    const sourcePc = (hr.services.db.prepare('SELECT source_pc FROM learner_origins LIMIT 1').get() as { source_pc: string }).source_pc;
    for (let i = 0; i < 6; i++) {
      const r = await hr.raw('learners.signIn', STAFF);
      expect(r.ok).toBe(false);
      if (r.ok) return;
      expect(r.error.code).toBe('forbidden');
      expect(r.error.message).toBe(
        `Your training records were brought to this PC from another PC (${sourcePc}), and no PIN has been set for you here yet. ` +
          'Ask the administrator to set a PIN for you on this PC, or sign in on the PC where you first signed in.',
      );
    }
    expect(hr.services.db.prepare('SELECT pin_failures, pin_locked_until FROM learners WHERE work_email = ?').get(STAFF.workEmail)).toEqual({ pin_failures: 0, pin_locked_until: null });
  });

  it('refuses a damaged file, a newer format and another Trust’s file, changing nothing', async () => {
    const before = counts(hr);
    const text = readFileSync(file, 'utf8');
    const bad = path.join(outDir, 'bad.records');
    const cases: [string, RegExp][] = [
      [text.replace(/"name":"[^"]+"/, '"name":"Someone Else"'), /checksum does not match/],
      [text.slice(0, Math.floor(text.length / 2)), /not complete JSON|cut short/],
      [text.replace('"formatVersion":1', '"formatVersion":7'), /newer version of the app \(records format 7\)/],
      [text.replace(/"trustName":"[^"]+"/, '"trustName":"Another Trust"'), /holds records of "Another Trust", not of this PC's Trust/],
    ];
    for (const [content, message] of cases) {
      writeFileSync(bad, content);
      const err = await importInto(hr, bad).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(RecordsFileError);
      expect((err as Error).message).toMatch(message);
      expect((err as Error).message).toContain(bad);
      expect(counts(hr)).toEqual(before);
    }
  });
});

describe('matching people by work email or staff ID', () => {
  it('attaches records to the person already here, and lists a conflict instead of guessing', async () => {
    const pc = harness({ now: NOW });
    try {
      // The school's people: one is already on this PC under the same email; for another, this PC has
      // the email on one person and the staff ID on someone else.
      const people = school.services.db.prepare("SELECT id, name, work_email, staff_id FROM learners WHERE kind = 'staff' AND work_email IS NOT NULL ORDER BY id LIMIT 2").all() as { id: string; name: string; work_email: string }[];
      const [same, clash] = people as [{ id: string; name: string; work_email: string }, { id: string; name: string; work_email: string }];
      withRawRecordsDb(school.services.dataDir, (db) => db.prepare('UPDATE learners SET staff_id = ? WHERE id = ?').run('S-777', clash.id));
      const f = path.join(outDir, 'again.records');
      await school.services.exports.run({ format: 'records' }, f, 'admin');
      const raw = rawRecordsDb(pc.services.dataDir);
      const add = raw.prepare(
        "INSERT INTO learners (id, kind, name, work_email, staff_id, school, role, pin_hash, first_sign_in_at, last_seen_at) VALUES (?, 'staff', ?, ?, ?, 'Here', 'support', 'x', ?, ?)",
      );
      add.run('00000000-0000-4000-8000-0000000000a1', 'Same Person', same.work_email.toUpperCase(), null, NOW.toISOString(), NOW.toISOString());
      add.run('00000000-0000-4000-8000-0000000000a2', 'Email Holder', clash.work_email, null, NOW.toISOString(), NOW.toISOString());
      add.run('00000000-0000-4000-8000-0000000000a3', 'Staff ID Holder', 'other@leap.example', 'S-777', NOW.toISOString(), NOW.toISOString());
      raw.close();

      const r = await importInto(pc, f);
      expect(r.conflicts).toEqual([
        expect.objectContaining({ name: clash.name, workEmail: clash.work_email, staffId: 'S-777', why: expect.stringMatching(/belong to different people on this PC: Email Holder .* and Staff ID Holder/) }),
      ]);
      const sameAttempts = (school.services.db.prepare('SELECT COUNT(*) AS n FROM attempts WHERE learner_id = ?').get(same.id) as { n: number }).n;
      expect((pc.services.db.prepare('SELECT COUNT(*) AS n FROM attempts WHERE learner_id = ?').get('00000000-0000-4000-8000-0000000000a1') as { n: number }).n).toBe(sameAttempts);
      expect(pc.services.db.prepare('SELECT COUNT(*) AS n FROM attempts WHERE learner_id IN (?, ?)').get('00000000-0000-4000-8000-0000000000a2', '00000000-0000-4000-8000-0000000000a3')).toEqual({ n: 0 });
      expect(pc.services.db.prepare('SELECT COUNT(*) AS n FROM learners WHERE id = ?').get(clash.id)).toEqual({ n: 0 });
      expect(r.learnersMatched).toBe(1);
    } finally {
      pc.close();
      removeDir(pc.dataDir);
    }
  });
});

describe('npm run export -- --format records and npm run records -- import', () => {
  it('export, import, a refused file: exit codes and plain words', () => {
    const target = harness({ now: NOW });
    target.close();
    const tsx = path.join(ROOT, 'node_modules/.bin/tsx');
    school.close();
    try {
      const out = path.join(outDir, 'cli.records');
      const exp = spawnSync(tsx, ['electron/cli/export.ts', '--data', school.dataDir, '--format', 'records', '--out', out], { cwd: ROOT, encoding: 'utf8' });
      expect(exp.status, exp.stderr).toBe(0);
      const ok = spawnSync(tsx, ['electron/cli/records.ts', 'import', '--data', target.dataDir, '--from', out], { cwd: ROOT, encoding: 'utf8' });
      expect(ok.status, ok.stderr).toBe(0);
      expect(ok.stdout).toMatch(/attempt\(s\) added \(0 already held\)/);
      writeFileSync(out, readFileSync(out, 'utf8').replace('"formatVersion":1', '"formatVersion":2'));
      const refused = spawnSync(tsx, ['electron/cli/records.ts', 'import', '--data', target.dataDir, '--from', out], { cwd: ROOT, encoding: 'utf8' });
      expect(refused.status).toBe(1);
      expect(refused.stderr).toMatch(/Refused, nothing imported: .*newer version of the app/);
      expect(execFileSync(tsx, ['electron/cli/records.ts', 'verify', '--data', target.dataDir], { cwd: ROOT, encoding: 'utf8' })).toMatch(/"ok":true/);
    } finally {
      school = harness({ dataDir: school.dataDir, now: NOW });
      removeDir(target.dataDir);
    }
  });
});
