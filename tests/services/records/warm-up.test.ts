import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { warmCommitPath } from '@services/records';
import { openApp } from '@host/compose';
import { testBundle } from '@tests/helpers/bundle';
import { harnessPerTest, removeDir, tempDir } from './helpers';

// The app warms the commit path at start-up on a made-up attempt (electron/services/records/warm-up.ts).
// Nobody may find that attempt anywhere: not in the records, not in the journal HR's recovery
// replays. And it must really run: a sample the cmi rules refused would warm nothing, silently.

const open = harnessPerTest();

describe("the commit path's start-up warm-up", () => {
  it('goes through every answer of its sample attempt and records nothing', async () => {
    const h = open();
    const journal = h.services.records.store.journal.file;
    const count = (table: string): number => (h.services.db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
    const before = { journal: readFileSync(journal, 'utf8'), attempts: count('attempts'), commits: count('commits'), learners: count('learners') };

    const warmed = await warmCommitPath(h.bundle, 2);
    const staffCourse = h.bundle.courses.find((c) => c.audience === 'staff' && c.modules.some((m) => m.draw));
    const drawn = staffCourse?.modules.find((m) => m.draw)?.draw?.count ?? 0;
    expect(drawn).toBeGreaterThan(0);
    expect(warmed).toBe(2 * drawn);

    expect({ journal: readFileSync(journal, 'utf8'), attempts: count('attempts'), commits: count('commits'), learners: count('learners') }).toEqual(before);
  });

  it('runs in the background as the app starts, and the records are as start-up left them when it is done', async () => {
    const dataDir = tempDir('warm-up-');
    const started = openApp({ defaultDataDir: dataDir, appVersion: '0.0.0-test', bundle: testBundle(), recordsMaintenance: false, warmCommitPath: true });
    try {
      const journal = started.services.records.store.journal.file;
      const atOpen = readFileSync(journal, 'utf8');
      await started.warmedUp;
      expect(readFileSync(journal, 'utf8')).toBe(atOpen);
      expect(started.services.db.prepare('SELECT count(*) AS n FROM attempts').get()).toEqual({ n: 0 });
    } finally {
      started.services.close();
      removeDir(dataDir);
    }
  });
});
