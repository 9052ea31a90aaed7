import { rmSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { recordFiles } from '@services/storage/files';
import { harness, PUPIL, removeDir, STAFF, tempDir } from './helpers';

// When a learner was last seen decides retention (a pupil's records are folded a set time after
// their last lesson), so it is journalled like every other record: a database rebuilt from its
// backup and journal keeps the later date, never the first sign-in's.

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach(removeDir));

const DAY = 24 * 60 * 60 * 1000;

describe('when a learner was last seen', () => {
  it('survives losing the database: recovery brings back the latest sign-in of staff and pupils', async () => {
    const dataDir = tempDir('records-last-seen-');
    dirs.push(dataDir);
    const h = harness({ dataDir });
    const { learnerId: teacher } = await h.call('learners.signIn', STAFF);
    const { learnerId: pupil } = await h.call('learners.startPupilSession', PUPIL);
    await h.call('learners.endPupilSession', {});
    await h.call('learners.signOut', {});
    h.services.records.runMaintenance(); // the daily backup: it knows only the first sign-ins

    // A month later both come back.
    h.now.value = new Date(h.now.value.getTime() + 30 * DAY);
    const later = h.now.value.toISOString();
    await h.call('learners.signIn', { ...STAFF, returning: true });
    expect((await h.call('learners.startPupilSession', PUPIL)).learnerId).toBe(pupil);
    await h.call('learners.endPupilSession', {});
    await h.call('learners.signOut', {});
    const seen = (db: typeof h.services.db, id: string) => (db.prepare('SELECT last_seen_at FROM learners WHERE id = ?').get(id) as { last_seen_at: string }).last_seen_at;
    expect([seen(h.services.db, teacher), seen(h.services.db, pupil)]).toEqual([later, later]);
    h.close();

    rmSync(recordFiles(dataDir).database);
    const again = harness({ dataDir, setUp: false, now: h.now.value });
    try {
      expect(again.services.records.health().recovery?.mayBeMissing).toMatch(/^Nothing/);
      expect([seen(again.services.db, teacher), seen(again.services.db, pupil)]).toEqual([later, later]);
    } finally {
      again.close();
    }
  });
});
