import { appendFileSync, readdirSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { RecordsService } from '@services/records';
import { listBackups } from '@services/storage/backup';
import { DEFAULT_SETTINGS } from '@services/settings/service';
import { testBundle } from '@tests/helpers/bundle';
import { recordFiles } from '@services/storage/files';
import { parseJournal } from '@services/storage/journal';
import { verify } from '@services/storage/verify';
import { answeredCmi, assessmentOf, course, harness, playHonestly, removeDir, STAFF, tempDir } from './helpers';
import { openRawDb, withRawRecordsDb } from '@tests/helpers/records-db';

const dirs: string[] = [];
afterEach(() => {
  dirs.splice(0).forEach(removeDir);
});

/**
 * A data folder as a day of use leaves it: a daily backup taken part-way, then more learners and
 * attempts that only the database and the journal hold. Returns the attempt ids on record.
 */
async function dayOfRecords(withBackup = true): Promise<{ dataDir: string; attemptIds: string[]; afterBackup: string[]; commits: number }> {
  const dataDir = tempDir('records-recovery-');
  dirs.push(dataDir);
  const h = harness({ dataDir });
  const ids: string[] = [];
  const afterBackup: string[] = [];
  const c = course(h.bundle, 'staff-induction');
  const m = assessmentOf(c);
  for (let i = 0; i < 6; i++) {
    if (i === 3 && withBackup) h.services.records.runMaintenance(); // the daily backup, half-way through the day
    const { learnerId } = await h.call('learners.signIn', { ...STAFF, name: `Learner ${i}`, workEmail: `l${i}@example.sch.uk` });
    const start = await h.call('attempts.start', { learnerId, courseId: c.id, moduleId: m.id });
    const part = await playHonestly(h, start.attemptId, 1, answeredCmi(h.bundle, c, m, start.drawnItemIds, { right: () => true, finished: false, count: 5 }), { finish: false });
    await playHonestly(h, start.attemptId, part.nextSeq, answeredCmi(h.bundle, c, m, start.drawnItemIds, { right: (k) => k < 11 - i }), { already: 5 });
    ids.push(start.attemptId);
    if (i >= 3) afterBackup.push(start.attemptId);
  }
  const commits = (h.services.records.db.prepare('SELECT COUNT(*) AS n FROM commits').get() as { n: number }).n;
  h.close(); // closing checkpoints the WAL into the database file, so the damage below hits the data
  return { dataDir, attemptIds: ids, afterBackup, commits };
}

function pageOf(file: string, table: string): { pageSize: number; root: number } {
  const db = openRawDb(file, { readOnly: true });
  try {
    const pageSize = (db.prepare('PRAGMA page_size').get() as { page_size: number }).page_size;
    const root = (db.prepare('SELECT rootpage FROM sqlite_master WHERE name = ?').get(table) as { rootpage: number }).rootpage;
    return { pageSize, root };
  } finally {
    db.close();
  }
}

const damage = {
  /** Garbage over several pages in the middle of the file (a bad sector, a half-written copy). */
  damaged(file: string): void {
    const bytes = readFileSync(file);
    const { pageSize, root } = pageOf(file, 'attempts');
    for (let i = (root - 1) * pageSize; i < Math.min(bytes.length, (root + 2) * pageSize); i++) bytes[i] = (i * 7919) & 0xff;
    writeFileSync(file, bytes);
  },
  /** The file cut short (a copy interrupted, a disk full). */
  truncated(file: string): void {
    const { pageSize, root } = pageOf(file, 'attempts');
    truncateSync(file, (root - 1) * pageSize + 512);
  },
  /** One bit flipped in a b-tree page header (the attempts table's root page type). */
  flipped(file: string): void {
    const bytes = readFileSync(file);
    const { pageSize, root } = pageOf(file, 'attempts');
    const at = (root - 1) * pageSize + (root === 1 ? 100 : 0);
    bytes[at] = (bytes[at] ?? 0) ^ 0x01;
    writeFileSync(file, bytes);
  },
};

describe('start-up recovery of a damaged database', () => {
  for (const kind of ['damaged', 'truncated', 'flipped'] as const) {
    it(`recovers a ${kind} database: quarantine, last good backup, journal replayed, administrator told`, async () => {
      const { dataDir, attemptIds, afterBackup, commits } = await dayOfRecords();
      const files = recordFiles(dataDir);
      expect(listBackups(files.backups)).toHaveLength(1);
      damage[kind](files.database);
      expect(verify(dataDir).ok).toBe(false); // what `npm run records -- verify` says before the app repairs it

      const h = harness({ dataDir });
      try {
        const health = h.services.records.health();
        expect(health.integrity).toBe('ok');
        expect(health.recovery).not.toBeNull();
        expect(health.recovery?.restoredFrom).toBe(listBackups(files.backups)[0]?.file);
        expect(health.recovery?.journalEntriesReplayed).toBeGreaterThan(0);
        expect(health.recovery?.mayBeMissing).toMatch(/^Nothing/);
        expect(health.events.map((e) => e.message).join('\n')).toMatch(/failed its check at start-up/);
        const held = (h.services.records.db.prepare('SELECT id, status, correct FROM attempts ORDER BY started_at').all() as { id: string; status: string; correct: number }[]);
        expect(held.map((r) => r.id).sort()).toEqual([...attemptIds].sort());
        // The attempts after the backup came back from the journal with main's verdicts intact.
        expect(afterBackup.map((id) => held.find((r) => r.id === id)?.correct)).toEqual([8, 7, 6]);
        expect((h.services.records.db.prepare('SELECT COUNT(*) AS n FROM commits').get() as { n: number }).n).toBe(commits);
        const audit = h.services.records.db.prepare("SELECT detail FROM audit_log WHERE action = 'records.recovered'").all();
        expect(audit).toHaveLength(1);
        const quarantined = health.recovery?.quarantinedAs ?? '';
        expect(readdirSync(quarantined)).toEqual(expect.arrayContaining(['records.sqlite', 'what-happened.json']));
        // Still a working store: sign in and carry on.
        expect((await h.call('learners.signIn', { ...STAFF, workEmail: 'l0@example.sch.uk', name: 'Learner 0' })).firstSignIn).toBe(false);
      } finally {
        h.close();
      }
      expect(verify(dataDir).ok).toBe(true);
    });
  }

  it('rebuilds from the journal alone when there is no backup yet', async () => {
    const { dataDir, attemptIds } = await dayOfRecords(false);
    const files = recordFiles(dataDir);
    expect(listBackups(files.backups)).toHaveLength(0);
    damage.damaged(files.database);
    const h = harness({ dataDir });
    try {
      const health = h.services.records.health();
      expect(health.recovery?.restoredFrom).toBeNull();
      expect(health.recovery?.mayBeMissing).toMatch(/^Nothing/);
      expect((h.services.records.db.prepare('SELECT id FROM attempts ORDER BY started_at').all() as { id: string }[]).map((r) => r.id).sort()).toEqual([...attemptIds].sort());
    } finally {
      h.close();
    }
  });

  it('says exactly which changes are lost when every backup is unreadable too', async () => {
    const { dataDir, afterBackup } = await dayOfRecords();
    const files = recordFiles(dataDir);
    const [backup] = listBackups(files.backups);
    for (const b of listBackups(files.backups)) writeFileSync(b.file, 'not a database');
    damage.damaged(files.database);
    const h = harness({ dataDir });
    try {
      const health = h.services.records.health();
      expect(health.ok).toBe(false);
      expect(health.recovery?.restoredFrom).toBeNull();
      // The journal was compacted at the backup: what came before it lived only in the backup.
      expect(health.recovery?.mayBeMissing).toBe(
        `Some records may be missing: changes 1 to ${backup?.journalSeq} were in neither a readable backup nor the journal; no readable backup was found. The damaged file is kept in ${health.recovery?.quarantinedAs}.`,
      );
      expect(health.events.some((e) => /Backup .* is damaged too/.test(e.message))).toBe(true);
      // What came after the backup is all there.
      const ids = (h.services.records.db.prepare('SELECT id FROM attempts ORDER BY started_at').all() as { id: string }[]).map((r) => r.id);
      expect(ids.filter((id) => afterBackup.includes(id)).sort()).toEqual([...afterBackup].sort());
    } finally {
      h.close();
    }
  });

  it('says what may be missing when the journal is damaged too', async () => {
    const { dataDir } = await dayOfRecords();
    const files = recordFiles(dataDir);
    const lines = readFileSync(files.journal, 'utf8').split('\n');
    const last = lines.length - 3; // a line well after the backup
    lines[last] = (lines[last] ?? '').replace('"k"', '"K"'); // checksum no longer matches
    writeFileSync(files.journal, lines.join('\n'));
    damage.truncated(files.database);
    const h = harness({ dataDir });
    try {
      const health = h.services.records.health();
      expect(health.ok).toBe(false);
      expect(health.recovery?.mayBeMissing).toMatch(/1 journal entry is unreadable/);
      expect(health.recovery?.mayBeMissing).toContain(health.recovery?.quarantinedAs ?? '?');
    } finally {
      h.close();
    }
  });

  it('treats a missing database file as damage when a journal and backups exist', async () => {
    const { dataDir, attemptIds } = await dayOfRecords();
    rmSync(recordFiles(dataDir).database);
    const h = harness({ dataDir });
    try {
      expect(h.services.records.health().recovery?.quarantinedAs).toBe('(no file)');
      expect(h.services.records.db.prepare('SELECT COUNT(*) AS n FROM attempts').get()).toMatchObject({ n: attemptIds.length });
    } finally {
      h.close();
    }
  });
});

describe('large databases', () => {
  it('start with quick_check (still catching a damaged page) and get the full integrity_check in the daily round', async () => {
    const { dataDir, attemptIds } = await dayOfRecords();
    const open = () => RecordsService.open({ dataDir, bundle: testBundle(), clock: () => new Date('2026-11-28T12:00:00Z'), settings: () => DEFAULT_SETTINGS, schedule: false, fullCheckMaxBytes: 1 });
    const fine = open();
    try {
      expect(fine.health().events.some((e) => /ran quick_check/.test(e.message))).toBe(true);
      fine.runMaintenance();
      expect(fine.health().ok).toBe(true);
      expect(listBackups(recordFiles(dataDir).backups)).toHaveLength(2); // the full check passed, so the backup was taken
    } finally {
      fine.close();
    }
    damage.flipped(recordFiles(dataDir).database);
    const recovered = open();
    try {
      expect(recovered.health().recovery?.mayBeMissing).toMatch(/^Nothing/);
      expect(recovered.db.prepare('SELECT COUNT(*) AS n FROM attempts').get()).toMatchObject({ n: attemptIds.length });
    } finally {
      recovered.close();
    }
  });
});

describe('the journal at an ordinary start-up', () => {
  it('drops a torn last line (a crash mid-append was never acknowledged) and starts clean', async () => {
    const { dataDir, attemptIds } = await dayOfRecords();
    const files = recordFiles(dataDir);
    appendFileSync(files.journal, '{"j":999,"k":"audit","at":"2026-11-2');
    expect(parseJournal(readFileSync(files.journal, 'utf8'))).toMatchObject({ damaged: 1, tornTailOnly: true });
    const h = harness({ dataDir });
    try {
      expect(h.services.records.health()).toMatchObject({ ok: true, recovery: null });
      expect(parseJournal(readFileSync(files.journal, 'utf8')).damaged).toBe(0);
      expect(h.services.records.db.prepare('SELECT COUNT(*) AS n FROM attempts').get()).toMatchObject({ n: attemptIds.length });
    } finally {
      h.close();
    }
  });

  it('applies entries the journal holds but the database lacks (killed between fsync and COMMIT)', async () => {
    const { dataDir } = await dayOfRecords();
    const files = recordFiles(dataDir);
    const { entries } = parseJournal(readFileSync(files.journal, 'utf8'));
    const lastJ = Math.max(...entries.map((e) => e.j));
    // Write the next entry exactly as the store would, without its transaction.
    const h0 = harness({ dataDir });
    h0.services.records.store.journal.append({ j: lastJ + 1, k: 'audit', at: '2026-11-27T10:00:00.000Z', actor: 'admin', action: 'export.csv', detail: { rows: 3 } });
    withRawRecordsDb(dataDir, (db) => db.exec("UPDATE records_meta SET value = value WHERE key = 'journal_seq'"));
    h0.close();
    const h = harness({ dataDir });
    try {
      const row = h.services.records.db.prepare("SELECT journal_seq, action FROM audit_log WHERE action = 'export.csv'").get();
      expect(row).toMatchObject({ journal_seq: lastJ + 1, action: 'export.csv' });
      expect(h.services.records.health().events.some((e) => /written just before the app stopped/.test(e.message))).toBe(true);
    } finally {
      h.close();
    }
  });
});
