import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { recordFiles } from '@services/storage/files';
import { testBundle } from '@tests/helpers/bundle';
import { answeredCmi } from './answers';
import { sendHonestly } from '@tests/helpers/honest';
import { setUp, signInStaff, startHarness, type Harness } from './harness';

const bundle = testBundle();
const COURSE = 'staff-induction';
const AIM = 'Share fixtures and results for the under-14 netball team.';
const day = (iso: string): Date => new Date(`${iso}T09:00:00Z`);

const open: Harness[] = [];
afterEach(() => {
  for (const h of open.splice(0)) h.stop();
});

/** A day of lifecycle records: a new-account request and an answered retrieval check. */
async function dayOfLifecycle(): Promise<{ h: Harness; learnerId: string; requestId: string; counts: unknown }> {
  const h = startHarness(day('2026-10-01'));
  await setUp(h);
  const learnerId = await signInStaff(h, 'account-runner', 'Pat Evans', 'pat@leap.example');
  const { requestId } = await h.ok('requests.create', { learnerId, aim: AIM, audience: 'Families of players.', promotion: 'Newsletter.', runners: 'Mrs Hill; Mr Cole checks.' });
  const start = await h.ok('attempts.start', { learnerId, courseId: COURSE, moduleId: 'assessment' });
  h.now.value = new Date(h.now.value.getTime() + 15 * 60_000);
  await sendHonestly((channel, request) => h.ok(channel, request), h.now, start.attemptId, 1, answeredCmi(bundle, start.drawnItemIds, start.drawnItemIds.length - 1));
  h.now.value = day('2026-10-15');
  const check = await h.ok('compliance.retrievalStart', { learnerId, courseId: COURSE });
  await h.ok('compliance.retrievalAnswer', { learnerId, checkId: check.checkId, answers: check.items.map((i) => ({ itemId: i.itemId, response: i.options[0]?.id ?? 'a' })) });
  const counts = h.started.services.db.prepare('SELECT clause_id, right, wrong FROM retrieval_clause_counts ORDER BY clause_id').all();
  return { h, learnerId, requestId, counts };
}

describe('lifecycle records go through the records journal', () => {
  it('come back after the database is destroyed: request, check offer and per-clause counts, counted once', async () => {
    const { h, requestId, counts } = await dayOfLifecycle();
    expect((counts as unknown[]).length).toBeGreaterThan(0);
    h.close();
    const files = recordFiles(h.dataDir);
    writeFileSync(files.database, 'not a database any more');
    rmSync(`${files.database}-wal`, { force: true });
    rmSync(`${files.database}-shm`, { force: true });

    const again = startHarness(day('2026-10-15'), h.dataDir);
    open.push(again);
    expect(again.started.services.records.health().recovery).not.toBeNull();
    const db = again.started.services.db;
    expect((db.prepare('SELECT aim FROM account_requests WHERE id = ?').get(requestId) as { aim: string } | undefined)?.aim).toBe(AIM);
    expect(db.prepare('SELECT clause_id, right, wrong FROM retrieval_clause_counts ORDER BY clause_id').all()).toEqual(counts);
    expect(db.prepare('SELECT state FROM retrieval_offers').all()).toEqual([{ state: 'answered' }]);
  });

  it('an erased person leaves no request and no check offer, in the database or the journal; the counts stay', async () => {
    const { h, learnerId, counts } = await dayOfLifecycle();
    open.push(h);
    const access = h.started.services.records.subjectAccess(learnerId) as { newAccountRequests: { aim: string }[] };
    expect(access.newAccountRequests.map((r) => r.aim)).toEqual([AIM]);

    h.started.services.records.erase(learnerId, 'admin');
    const db = h.started.services.db;
    expect(db.prepare('SELECT COUNT(*) AS n FROM account_requests').get()).toEqual({ n: 0 });
    expect(db.prepare('SELECT COUNT(*) AS n FROM retrieval_offers').get()).toEqual({ n: 0 });
    expect(db.prepare('SELECT clause_id, right, wrong FROM retrieval_clause_counts ORDER BY clause_id').all()).toEqual(counts);
    const journal = readFileSync(recordFiles(h.dataDir).journal, 'utf8');
    expect(journal).not.toContain(AIM);
    // Not even the erase entry names them: it holds a digest of the id.
    expect(journal).not.toContain(learnerId);
    expect(journal.split('\n').filter((line) => line.includes('"k":"erase"'))).toHaveLength(1);
  });
});
