import { copyFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { IdleCheckpoint, openDatabase } from '@services/storage';
import { removeDir, tempDir } from '../records/helpers';
import { openRawDb } from '@tests/helpers/records-db';

/**
 * Issue 19 item 2 (commit p99): the WAL is copied into the database when writes pause, never by
 * the commit that happens to cross SQLite's page count. Seen from the database file alone (what a
 * copy without its WAL holds): the writes reach it after a pause, not during a burst.
 */
const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach(removeDir));

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Rows the database file holds without its WAL. */
function rowsInFileAlone(file: string, dir: string): number {
  const copy = path.join(dir, `alone-${Date.now()}-${Math.random()}.sqlite`);
  copyFileSync(file, copy);
  const db = openRawDb(copy, { readOnly: true });
  try {
    return (db.prepare('SELECT count(*) AS n FROM note').get() as { n: number }).n;
  } finally {
    db.close();
  }
}

describe('the idle checkpoint', () => {
  it('copies the WAL into the database once writes pause, and not while they keep coming', async () => {
    const dir = tempDir('checkpoint-');
    dirs.push(dir);
    const file = path.join(dir, 'records.sqlite');
    const db = openDatabase(file, { migrate: false });
    db.exec('CREATE TABLE note (id INTEGER PRIMARY KEY, body TEXT NOT NULL)');
    db.exec('PRAGMA wal_checkpoint(TRUNCATE)');
    const checkpoint = new IdleCheckpoint(db, 200);
    const insert = db.prepare('INSERT INTO note (body) VALUES (?)');
    try {
      // A burst: a write every 50 ms for about half a second, each committed on its own.
      for (let i = 0; i < 10; i++) {
        insert.run('x'.repeat(2000));
        checkpoint.written();
        await sleep(50);
      }
      expect(rowsInFileAlone(file, dir), 'no checkpoint in the middle of a burst').toBe(0);
      await sleep(400);
      expect(rowsInFileAlone(file, dir), 'all copied after the pause').toBe(10);
      insert.run('late');
      checkpoint.written();
      checkpoint.close();
      await sleep(400);
      expect(rowsInFileAlone(file, dir), 'closed: nothing runs after close').toBe(10);
    } finally {
      checkpoint.close();
      db.close();
    }
  });

  it('leaves a commit to SQLite only past its fallback limit (no checkpoint at 1,000 pages)', () => {
    const dir = tempDir('checkpoint-');
    dirs.push(dir);
    const file = path.join(dir, 'records.sqlite');
    const db = openDatabase(file, { migrate: false });
    try {
      db.exec('CREATE TABLE note (id INTEGER PRIMARY KEY, body TEXT NOT NULL)');
      db.exec('PRAGMA wal_checkpoint(TRUNCATE)');
      const insert = db.prepare('INSERT INTO note (body) VALUES (?)');
      // Single commits until the WAL is past SQLite's default 1,000 pages.
      let rows = 0;
      while (statSync(`${file}-wal`).size < 1100 * 4096) {
        insert.run('y'.repeat(3000));
        rows++;
      }
      expect(rows).toBeGreaterThan(0);
      expect(rowsInFileAlone(file, dir)).toBe(0);
    } finally {
      db.close();
    }
  });
});
