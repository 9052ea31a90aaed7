import { afterEach, describe, expect, it } from 'vitest';
import { currentVersion, latestVersion, migrate, migrations } from '@services/storage/migrations';
import { openDatabase } from '@services/storage/database';
import { listBackups } from '@services/storage/backup';
import { recordFiles } from '@services/storage/files';
import { harness, removeDir, tempDir } from '../records/helpers';
import { openRawDb } from '@tests/helpers/records-db';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach(removeDir));

const LEARNER = '8a6f0f6e-9d55-4c7e-9f55-2f7f4d0a1b11';

/** A database left at `version` by an older app, with the rows that version could hold. */
function databaseAt(version: number): string {
  const dir = tempDir('records-migrate-');
  dirs.push(dir);
  const db = openDatabase(recordFiles(dir).database, { migrate: false });
  migrate(db, undefined, version);
  expect(currentVersion(db)).toBe(version);
  if (version >= 1) db.prepare('INSERT INTO settings (key, value) VALUES (?, ?)').run('trustName', JSON.stringify('Older Trust Name'));
  if (version >= 3) {
    db.prepare(
      "INSERT INTO learners (id, kind, name, work_email, school, role, pin_hash, first_sign_in_at, last_seen_at) VALUES (?, 'staff', 'Old Learner', 'old@example.sch.uk', 'Old School', 'support', 'scrypt$1$1$1$a$b', '2025-01-01T00:00:00.000Z', '2025-01-01T00:00:00.000Z')",
    ).run(LEARNER);
  }
  db.close();
  return dir;
}

describe('migrations by user_version', () => {
  it('are numbered 1, 2, 3, … with no gaps', () => {
    expect(migrations.map((m) => m.version)).toEqual(migrations.map((_, i) => i + 1));
  });

  for (let from = 0; from < latestVersion(); from++) {
    it(`upgrade a version-${from} database to the latest, keeping its data, with a backup taken first`, () => {
      const dir = databaseAt(from);
      const h = harness({ dataDir: dir });
      try {
        const db = h.services.records.db;
        expect(currentVersion(db)).toBe(latestVersion());
        expect(db.prepare('PRAGMA integrity_check').get()).toEqual({ integrity_check: 'ok' });
        expect(db.prepare('PRAGMA foreign_key_check').all()).toEqual([]);
        if (from >= 1) expect(h.services.settings.get().trustName).toBe('Older Trust Name');
        if (from >= 3) expect(h.services.records.store.learner(LEARNER)).toMatchObject({ name: 'Old Learner', role: 'support' });
        const backups = listBackups(recordFiles(dir).backups);
        if (from === 0) {
          expect(backups).toEqual([]); // a brand-new, empty database has nothing to back up
        } else {
          expect(backups.map((b) => b.reason)).toEqual([`pre-migration-v${from}`]);
          const copy = openRawDb(backups[0]?.file ?? '', { readOnly: true });
          try {
            expect(currentVersion(copy)).toBe(from);
            // The copy holds the records as the older app left them, not an empty file.
            if (from >= 1) expect(copy.prepare("SELECT value FROM settings WHERE key = 'trustName'").get()).toEqual({ value: JSON.stringify('Older Trust Name') });
            if (from >= 3) expect(copy.prepare('SELECT name FROM learners WHERE id = ?').get(LEARNER)).toEqual({ name: 'Old Learner' });
          } finally {
            copy.close();
          }
          expect(h.services.records.health().events.some((e) => e.message.includes(`from version ${from} to ${latestVersion()}`))).toBe(true);
        }
      } finally {
        h.close();
      }
    });
  }

  it('refuses a database from a newer app with a plain message', () => {
    const dir = databaseAt(latestVersion());
    const db = openRawDb(recordFiles(dir).database);
    db.exec(`PRAGMA user_version = ${latestVersion() + 1}`);
    db.close();
    expect(() => harness({ dataDir: dir })).toThrow(/newer than this app understands/);
  });
});
