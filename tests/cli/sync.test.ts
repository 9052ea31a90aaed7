import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedStaffAttempts } from '../bench/seed';
import { harness, removeDir, tempDir } from '../services/records/helpers';
import { withRawRecordsDb } from '@tests/helpers/records-db';

const ROOT = path.resolve(__dirname, '../..');
const NOW = new Date('2026-11-27T10:00:00Z');
let work = '';
let data = '';
let queued = 0;
/** Seeded people without a work email (the LMS username field here): their attempts are set aside, never sent. */
let unsendable = 0;

/** `npm run sync` as npm starts it (tsx on Node 24); async, so a folder held in this process stays held. */
function sync(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'electron/cli/sync.ts'), ...args], { cwd: ROOT });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

beforeAll(() => {
  work = tempDir('sync-cli-');
  data = path.join(work, 'data');
  const h = harness({ dataDir: data, now: NOW });
  withRawRecordsDb(h.services.dataDir, (db) => seedStaffAttempts(db, h.bundle, NOW, 20, 'sync-cli', '0.1'));
  withRawRecordsDb(h.services.dataDir, (db) => db.exec(`INSERT OR IGNORE INTO lrs_outbox (attempt_id, queued_at)
    SELECT a.id, a.finished_at FROM attempts a JOIN learners l ON l.id = a.learner_id WHERE l.kind = 'staff' AND a.finished_at IS NOT NULL`));
  const keyFile = path.join(work, 'lrs.key');
  writeFileSync(keyFile, 'pc-key:pc-secret\n');
  // Port 9 (discard) on loopback: nothing listens, the connection is refused at once.
  h.services.settings.set({ lrs: { endpoint: 'http://127.0.0.1:9/xAPI/', keyFile }, lms: { usernameField: 'workEmail', homePage: 'https://lms.leap.example', courses: {} } });
  unsendable = (
    h.services.db.prepare(`SELECT COUNT(*) AS n FROM lrs_outbox o JOIN attempts a ON a.id = o.attempt_id JOIN learners l ON l.id = a.learner_id WHERE l.work_email IS NULL`).get() as { n: number }
  ).n;
  queued = h.services.lrs.outbox.pendingCount() - unsendable;
  h.close();
});
afterAll(() => removeDir(work));

describe('npm run sync exits with the shared exit codes (electron/cli/exit-codes.ts)', () => {
  it('2 for a bad command line, with the usage; a hostile --endpoint is a bad command line', async () => {
    const none = await sync([]);
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/--data DIR is required[\s\S]*Usage: npm run sync/);
    const unknown = await sync(['--data', data, '--force']);
    expect(unknown.code).toBe(2);
    for (const endpoint of ['file:///etc/passwd', 'javascript:alert(1)', 'http://lrs.trust.example/xapi/', 'https://key:secret@lrs.trust.example/xapi/']) {
      const r = await sync(['--data', data, '--endpoint', endpoint]);
      expect(r.code, endpoint).toBe(2);
      expect(r.stderr, endpoint).toMatch(/--endpoint: .*(https:\/\/|user name or secret|not a web address)/);
    }
  }, 120_000);

  it('1 when the folder holds no records', async () => {
    const r = await sync(['--data', path.join(work, 'nothing-here')]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/holds no records/);
  }, 60_000);

  it('3 when the LRS cannot be reached, everything kept; 3 when the app holds the folder, naming it', async () => {
    const down = await sync(['--data', data, '--json']);
    expect(down.code, down.stderr).toBe(3);
    const report = JSON.parse(down.stdout) as { outcome: string; pending: number; message: string; status: { setAsideCount: number } };
    expect(report).toMatchObject({ outcome: 'unreachable', pending: queued, status: { setAsideCount: unsendable } });
    expect(report.message).toMatch(/could not be reached.*kept and will be sent later/);

    const app = harness({ dataDir: data, now: NOW });
    try {
      const busy = await sync(['--data', data]);
      expect(busy.code).toBe(3);
      expect(busy.stderr).toMatch(/npm run sync: The records in this data folder are already open in another copy of the app/);
      expect(app.services.lrs.outbox.pendingCount()).toBe(queued);
    } finally {
      app.close();
    }
  }, 120_000);
});
