import { existsSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { listBackups } from '@services/storage/backup';
import { recordFiles } from '@services/storage/files';
import { parseJournal, withoutZeroTail } from '@services/storage/journal';
import { verify } from '@services/storage/verify';
import { SQLITE_SIDE_FILES } from '@services/storage/files';
import { answeredCmi, assessmentOf, course, harness, playHonestly, removeDir, STAFF, tempDir, type Harness } from './helpers';
import { openRawDb, withRawRecordsDb } from '@tests/helpers/records-db';

/**
 * Issue 11 item 5: everything the app acknowledges is journalled, the PC's set-up included, and a
 * journal that was deleted or cut short is a problem `records verify` reports.
 */
const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach(removeDir));

const PASSWORD = 'correct horse battery staple';
const SETUP = { trustName: 'Leading Edge Academies Partnership', schools: ['Mounts Bay Academy', 'Hayle Academy'], policyVersionLabel: '2026.1', adminPassword: PASSWORD };

function newFolder(): string {
  const dir = tempDir('journal-config-');
  dirs.push(dir);
  return dir;
}

/** One member of staff through the assessment, passed. */
async function oneAttempt(h: Harness): Promise<string> {
  const c = course(h.bundle, 'staff-induction');
  const m = assessmentOf(c);
  const { learnerId } = await h.call('learners.signIn', { ...STAFF, school: 'Hayle Academy' });
  const start = await h.call('attempts.start', { learnerId, courseId: c.id, moduleId: m.id });
  await playHonestly(h, start.attemptId, 1, answeredCmi(h.bundle, c, m, start.drawnItemIds, { right: () => true }));
  return start.attemptId;
}

function loseDatabase(dataDir: string): void {
  const { database } = recordFiles(dataDir);
  for (const suffix of ['', ...SQLITE_SIDE_FILES]) rmSync(database + suffix, { force: true });
}

interface Seen {
  settings: unknown;
  admin: unknown;
  attempts: unknown;
  learners: unknown;
}

function whatTheAdministratorSees(h: Harness): Seen {
  const db = h.services.records.db;
  return {
    settings: h.services.settings.get(),
    admin: db.prepare('SELECT password_hash, set_up_at, set_up_by, changed_at, failures, locked_until_ms FROM admin_auth').all(),
    attempts: db.prepare('SELECT id, learner_id, status, score_percent, finished_at FROM attempts ORDER BY id').all(),
    learners: db.prepare('SELECT id, name, school, pin_hash FROM learners ORDER BY id').all(),
  };
}

describe('the PC set-up survives losing the database', () => {
  it('set up, change settings, record, delete the database: recovery brings back the set-up, and says nothing is missing only when nothing is', async () => {
    const dataDir = newFolder();
    let h = harness({ dataDir, setUp: false });
    await h.call('setup.complete', SETUP);
    await h.call('settings.set', { dueDays: 21, adminIdleMinutes: 15, schools: [...SETUP.schools, 'St Ives School'] });
    await h.call('admin.lock', {});
    // Two wrong passwords: the counter is part of what must come back (a lost database must not reset a lock-out).
    expect((await h.raw('admin.unlock', { password: 'not the password' })).ok).toBe(false);
    expect((await h.raw('admin.unlock', { password: 'still not it' })).ok).toBe(false);
    const attemptId = await oneAttempt(h);
    const before = whatTheAdministratorSees(h);
    expect(before.settings).toMatchObject({ dueDays: 21, schools: ['Mounts Bay Academy', 'Hayle Academy', 'St Ives School'] });
    expect(before.admin).toMatchObject([{ failures: 2 }]);
    h.close();

    loseDatabase(dataDir);
    h = harness({ dataDir, setUp: false });
    try {
      const health = h.services.records.health();
      expect(health.recovery?.restoredFrom).toBeNull();
      expect(health.recovery?.mayBeMissing).toMatch(/^Nothing/);
      expect(whatTheAdministratorSees(h)).toEqual(before);
      expect(await h.call('setup.status', {})).toEqual({ setUp: true });
      // The administrator's own password opens the admin area again (and clears the two failures).
      expect(await h.call('admin.unlock', { password: PASSWORD })).toMatchObject({ unlocked: true, failures: 0 });
      expect(h.services.records.db.prepare('SELECT status FROM attempts WHERE id = ?').get(attemptId)).toMatchObject({ status: 'passed' });
    } finally {
      h.close();
    }
    expect(verify(dataDir)).toMatchObject({ ok: true, problems: [] });
  });

  it('a data folder from before settings were journalled: the first start journals its set-up once, so a later loss keeps it', async () => {
    const dataDir = newFolder();
    // What the previous version left: the settings and the administrator row written to the
    // database only (same schema version), then learners' records on that set-up PC; no journal
    // line for the set-up and no mark that it is journalled.
    let h = harness({ dataDir, setUp: false });
    withRawRecordsDb(dataDir, (db) => {
      db.exec(`INSERT INTO settings (key, value) VALUES ('trustName', '"Old Trust"'), ('schools', '["Hayle Academy"]'), ('dueDays', '30')
              ON CONFLICT(key) DO UPDATE SET value = excluded.value`);
      db.exec(`INSERT INTO admin_auth (id, password_hash, set_up_at, set_up_by, changed_at, failures, locked_until_ms)
              VALUES (1, 'scrypt$16384$8$1$c2FsdHNhbHRzYWx0c2FsdA$a2V5a2V5a2V5a2V5a2V5a2V5a2V5a2V5a2V5a2V5a2U', '2026-01-05T09:00:00.000Z', 'set-up screen', '2026-03-01T12:00:00.000Z', 3, NULL)`);
    });
    const attemptId = await oneAttempt(h);
    h.close();
    const old = openRawDb(recordFiles(dataDir).database);
    old.exec("DELETE FROM records_meta WHERE key = 'config_journalled'");
    old.close();
    const journalKinds = (): string[] => parseJournal(readFileSync(recordFiles(dataDir).journal, 'utf8')).entries.map((e) => String(e.k));
    expect(journalKinds()).not.toContain('admin.create');

    h = harness({ dataDir, setUp: false });
    const before = whatTheAdministratorSees(h);
    expect(h.services.records.health().events.some((e) => /written to the journal \(4 entries\)/.test(e.message))).toBe(true);
    h.close();
    expect(journalKinds().slice(-4)).toEqual(['settings.set', 'admin.create', 'admin.password', 'admin.lockout']);
    // Once only: a second start adds nothing.
    const lines = journalKinds().length;
    harness({ dataDir, setUp: false }).close();
    expect(journalKinds()).toHaveLength(lines);

    loseDatabase(dataDir);
    h = harness({ dataDir, setUp: false });
    try {
      expect(h.services.records.health().recovery?.mayBeMissing).toMatch(/^Nothing/);
      expect(whatTheAdministratorSees(h)).toEqual(before);
      expect(h.services.settings.get()).toMatchObject({ trustName: 'Old Trust', schools: ['Hayle Academy'], dueDays: 30 });
      expect(h.services.records.db.prepare('SELECT status FROM attempts WHERE id = ?').get(attemptId)).toMatchObject({ status: 'passed' });
    } finally {
      h.close();
    }
  });
});

describe('records verify and a damaged journal', () => {
  /** A set-up PC with one attempt and no backup yet: the journal alone could rebuild it. */
  async function folder(): Promise<{ dataDir: string; journal: string }> {
    const dataDir = newFolder();
    const h = harness({ dataDir, setUp: false });
    await h.call('setup.complete', SETUP);
    await oneAttempt(h);
    h.close();
    expect(verify(dataDir)).toMatchObject({ ok: true, problems: [] });
    return { dataDir, journal: recordFiles(dataDir).journal };
  }

  const damage: Record<string, (journal: string) => void> = {
    'deleted': (journal) => rmSync(journal),
    'truncated to zero': (journal) => truncateSync(journal, 0),
    // Its lines cut 20 bytes short (the zeros laid out after them, storage/journal-file.ts, go too).
    'truncated mid-line': (journal) => truncateSync(journal, Buffer.byteLength(withoutZeroTail(readFileSync(journal, 'utf8'))) - 20),
    "broken in its last line's checksum": (journal) => {
      const lines = readFileSync(journal, 'utf8').split('\n');
      const last = lines.length - 2; // the text ends with a newline
      lines[last] = (lines[last] ?? '').replace('"k"', '"K"');
      writeFileSync(journal, lines.join('\n'));
    },
    "broken in a middle line's checksum": (journal) => {
      const lines = readFileSync(journal, 'utf8').split('\n');
      const middle = Math.floor(lines.length / 2);
      lines[middle] = (lines[middle] ?? '').replace('"at"', '"At"');
      writeFileSync(journal, lines.join('\n'));
    },
  };

  for (const [how, harm] of Object.entries(damage)) {
    it(`a journal ${how} is a problem, never ok: true; the next start takes a backup that covers it again`, async () => {
      const { dataDir, journal } = await folder();
      harm(journal);
      const report = verify(dataDir);
      expect(report.ok).toBe(false);
      expect(report.problems.join('\n')).toMatch(how === 'deleted' ? /the journal file is missing/ : how === 'truncated to zero' ? /the journal file is empty/ : /journal/);
      expect(report.problems.join('\n')).toMatch(/a recovery from the backups would lose them|fail their checksum/);

      const h = harness({ dataDir, setUp: false });
      try {
        expect(h.services.records.health().events.some((e) => /journal lacks changes .* a backup was taken/.test(e.message))).toBe(true);
        expect(listBackups(recordFiles(dataDir).backups).map((b) => b.reason)).toContain('journal-gap');
      } finally {
        h.close();
      }
      // With that backup, losing the database now loses nothing the app acknowledged.
      if (how !== "broken in a middle line's checksum") expect(verify(dataDir)).toMatchObject({ ok: true });
      loseDatabase(dataDir);
      const after = harness({ dataDir, setUp: false });
      try {
        expect(await after.call('setup.status', {})).toEqual({ setUp: true });
        expect(after.services.records.db.prepare('SELECT COUNT(*) AS n FROM attempts').get()).toMatchObject({ n: 1 });
      } finally {
        after.close();
      }
    });
  }

  it('a torn last line the database never committed (a power cut mid-append) is not a problem', async () => {
    const { dataDir, journal } = await folder();
    writeFileSync(journal, `${readFileSync(journal, 'utf8')}{"j":99999,"k":"audit","at":"2026-11-2`);
    expect(existsSync(journal)).toBe(true);
    const report = verify(dataDir);
    expect(report).toMatchObject({ ok: true, problems: [], journal: { tornTail: true } });
  });
});
