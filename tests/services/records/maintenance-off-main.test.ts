import { afterAll, describe, expect, it } from 'vitest';
import { RecordsService } from '@services/records';
import { RETENTION_STEP, RETENTION_STEP_MAX, RETENTION_STEP_MIN } from '@services/records/retention';
import { SettingsService } from '@services/settings/service';
import { backupIsGood, listBackups, readJournal } from '@services/storage';
import { testBundle } from '@tests/helpers/bundle';
import { removeDir, tempDir } from './helpers';
import { openRawDb, withRawRecordsDb } from '@tests/helpers/records-db';

/**
 * Issue 19 item 4: the app's daily round (RecordsService.runMaintenanceOffMain) checks and copies
 * the database in a worker and folds old pupils in short journalled steps, so main keeps taking
 * learners' writes meanwhile. What must still hold: the check runs, the backup is whole and says
 * which journal entry it holds, a write made during the round is never lost, and the fold counts
 * every completed lesson once.
 */
const NOW = new Date('2026-11-27T10:00:00Z');
const dirs: string[] = [];
afterAll(() => dirs.forEach(removeDir));

function open(dataDir: string): RecordsService {
  let settings: SettingsService | null = null;
  const service = RecordsService.open({ dataDir, bundle: testBundle(), clock: () => new Date(NOW), settings: () => (settings as SettingsService).get(), schedule: false, fullCheckMaxBytes: 0 });
  settings = new SettingsService(service.db, (e) => void service.store.write(e));
  return service;
}

describe('the daily round off main', () => {
  it('backs up and checks in a worker while a learner writes, and folds old pupils in steps', async () => {
    const dir = tempDir('maintenance-');
    dirs.push(dir);
    const service = open(dir);
    const store = service.store;
    // Pupils last seen two years ago, each with one completed lesson and one unfinished.
    const pupils = RETENTION_STEP * 3 + 7; // more than a first step holds
    for (let i = 0; i < pupils; i++) {
      const { learnerId } = store.startPupilSession({ firstName: `P${i}`, initial: 'Q', className: `Oak ${i % 3}`, band: 'ks2' });
      const done = store.startAttempt(learnerId, 'pupils-ks2', 'sharing-and-passwords');
      withRawRecordsDb(dir, (db) => {
        db.prepare(`UPDATE attempts SET status = 'completed', finished_at = '2024-10-01T10:00:00.000Z', updated_at = '2024-10-01T10:00:00.000Z', started_at = '2024-10-01T09:00:00.000Z' WHERE id = ?`).run(done.attemptId);
        db.prepare(`UPDATE learners SET last_seen_at = '2024-10-01T10:00:00.000Z', first_sign_in_at = '2024-10-01T09:00:00.000Z' WHERE id = ?`).run(learnerId);
      });
    }
    const round = service.runMaintenanceOffMain(NOW);
    // The round is now waiting on its worker: a member of staff signs in meanwhile.
    const during = await store.signIn({ name: 'Dee During', workEmail: 'dee@example.sch.uk', school: 'Example Academy', role: 'teaching', pin: '246802' });
    await round;
    expect(service.events.filter((e) => e.level === 'error')).toEqual([]);

    const [backup] = listBackups(service.files.backups);
    expect(backup, 'a daily backup was taken').toBeDefined();
    expect(backupIsGood(backup!.file)).toBe(true);
    const copy = openRawDb(backup!.file, { readOnly: true });
    const inCopy = (copy.prepare("SELECT count(*) AS n FROM learners WHERE kind = 'pupil'").get() as { n: number }).n;
    const seqInCopy = Number((copy.prepare("SELECT value FROM records_meta WHERE key = 'journal_seq'").get() as { value: string }).value);
    copy.close();
    expect(inCopy, 'the backup holds the pupils as they were before the fold').toBe(pupils);
    expect(backup!.journalSeq, 'the name never claims more than the copy holds').toBeLessThanOrEqual(seqInCopy);

    // The fold: every pupil gone, each completed lesson counted once, in journalled steps.
    expect((service.db.prepare("SELECT count(*) AS n FROM learners WHERE kind = 'pupil'").get() as { n: number }).n).toBe(0);
    expect((service.db.prepare('SELECT sum(completed) AS n FROM pupil_completions_retained').get() as { n: number }).n).toBe(pupils);
    const steps = readJournal<{ j: number; k: string; limit?: number }>(service.files.journal).entries.filter((e) => e.k === 'retention');
    // The first step of RETENTION_STEP, the next sized from its CPU time; only the last is short.
    const limits = steps.map((e) => e.limit ?? -1);
    expect(steps.length).toBeGreaterThanOrEqual(2);
    expect(limits[0]).toBe(RETENTION_STEP);
    for (const limit of limits) {
      expect(limit).toBeGreaterThanOrEqual(RETENTION_STEP_MIN);
      expect(limit).toBeLessThanOrEqual(RETENTION_STEP_MAX);
    }
    expect(limits.slice(0, -1).reduce((a, b) => a + b, 0)).toBeLessThan(pupils);
    expect(limits.reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(pupils);
    service.close();

    // The database lost: the backup and the journal bring back the write made during the round,
    // and the fold replays to the same counts.
    removeDir(`${dir}/records.sqlite`);
    const restored = open(dir);
    try {
      expect(restored.store.learner(during.learnerId)?.name).toBe('Dee During');
      expect((restored.db.prepare("SELECT count(*) AS n FROM learners WHERE kind = 'pupil'").get() as { n: number }).n).toBe(0);
      expect((restored.db.prepare('SELECT sum(completed) AS n FROM pupil_completions_retained').get() as { n: number }).n).toBe(pupils);
    } finally {
      restored.close();
    }
  }, 300_000);
});
