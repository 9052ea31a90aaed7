import { rmSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { recordFiles } from '@services/storage/files';
import { harness, removeDir, STAFF, type Harness } from './helpers';
import { withRawRecordsDb } from '@tests/helpers/records-db';

const open: Harness[] = [];
const start = (dataDir?: string, now?: Date): Harness => {
  const h = harness({ ...(dataDir ? { dataDir } : {}), ...(now ? { now } : {}) });
  open.push(h);
  return h;
};
afterEach(() => {
  const dirs = new Set(open.map((h) => h.dataDir));
  for (const h of open.splice(0)) h.close();
  for (const d of dirs) removeDir(d);
});

/** Wrong 6-digit PINs, none of them Ann's. */
const guess = (i: number): string => String(100000 + i * 7);
const failureCount = (h: Harness): number => (h.services.records.db.prepare('SELECT pin_failures AS n FROM learners WHERE work_email = ?').get(STAFF.workEmail) as { n: number }).n;
const journalled = (h: Harness, k: string): number => h.services.records.store.journal.read().entries.filter((e) => e.k === k).length;
const signInAs = (h: Harness, pin: string) => h.raw('learners.signIn', { ...STAFF, pin, returning: true });

describe('PIN guessing through the dispatcher', () => {
  it('280 guesses sent 40 at a time: five are checked against the hash, then the PIN is locked and the rest are refused unchecked', async () => {
    const h = start();
    await h.call('learners.signIn', { ...STAFF, pinAgain: STAFF.pin });
    await h.call('learners.signOut', {});
    const replies: { code: string; message: string }[] = [];
    for (let wave = 0; wave < 7; wave++) {
      const sent = Array.from({ length: 40 }, (_, i) => signInAs(h, guess(wave * 40 + i)));
      for (const r of await Promise.all(sent)) {
        if (r.ok) throw new Error('a wrong PIN signed in');
        replies.push({ code: r.error.code, message: r.error.message });
      }
    }
    // A guess that reached the hash is told its PIN does not match; one refused by the lock is told only that the PIN is locked.
    const checked = replies.filter((r) => /does not match/.test(r.message));
    const refusedUnchecked = replies.filter((r) => r.code === 'locked' && !/does not match/.test(r.message));
    expect(checked).toHaveLength(5);
    expect(refusedUnchecked).toHaveLength(275);
    expect(checked.map((r) => r.code)).toEqual(['forbidden', 'forbidden', 'forbidden', 'forbidden', 'locked']);
    // Every check that failed was counted, on disk and in the journal: the count is the number of hashes computed.
    expect(failureCount(h)).toBe(5);
    expect(journalled(h, 'pin.failed')).toBe(5);
    // The lock holds against the right PIN too.
    expect(await signInAs(h, STAFF.pin)).toMatchObject({ ok: false, error: { code: 'locked' } });
    // Taking the PC back from pupils is the same PIN behind the same lock.
    expect(h.services.session.get()).toBeNull();
  });

  it('the lock grows with each further failure (5, 10, 20 minutes … at most an hour) and a right PIN starts the count again', async () => {
    const h = start();
    await h.call('learners.signIn', { ...STAFF, pinAgain: STAFF.pin });
    for (let i = 0; i < 4; i++) expect(await signInAs(h, guess(i))).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    const fifth = await signInAs(h, guess(4));
    expect(!fifth.ok && fifth.error.message).toMatch(/locked for 5 minutes/);
    h.now.value = new Date(h.now.value.getTime() + 5 * 60_000 + 1000);
    const sixth = await signInAs(h, guess(5));
    expect(!sixth.ok && sixth.error.message).toMatch(/locked for 10 minutes/);
    h.now.value = new Date(h.now.value.getTime() + 9 * 60_000);
    expect(await signInAs(h, STAFF.pin)).toMatchObject({ ok: false, error: { code: 'locked' } }); // a minute still to go
    h.now.value = new Date(h.now.value.getTime() + 60_000 + 1000);
    const seventh = await signInAs(h, guess(6));
    expect(!seventh.ok && seventh.error.message).toMatch(/locked for 20 minutes/);
    for (const wait of [20, 40]) {
      h.now.value = new Date(h.now.value.getTime() + wait * 60_000 + 1000);
      await signInAs(h, guess(wait));
    }
    h.now.value = new Date(h.now.value.getTime() + 80 * 60_000 + 1000);
    const tenth = await signInAs(h, guess(99));
    expect(!tenth.ok && tenth.error.message).toMatch(/locked for 60 minutes/);
    h.now.value = new Date(h.now.value.getTime() + 60 * 60_000 + 1000);
    expect(await signInAs(h, STAFF.pin)).toMatchObject({ ok: true });
    expect(failureCount(h)).toBe(0);
    const after = await signInAs(h, guess(1));
    expect(!after.ok && after.error.message).toMatch(/4 more wrong tries lock it/);
  });

  it('the lock survives quitting the app, and losing the database (it comes back from the journal)', async () => {
    const first = start();
    const dataDir = first.dataDir;
    await first.call('learners.signIn', { ...STAFF, pinAgain: STAFF.pin });
    first.services.records.runMaintenance(); // a backup from before the guessing
    for (let i = 0; i < 5; i++) await signInAs(first, guess(i));
    first.close();
    open.splice(open.indexOf(first), 1);

    const restarted = start(dataDir, new Date(first.now.value.getTime() + 60_000));
    expect(await signInAs(restarted, STAFF.pin)).toMatchObject({ ok: false, error: { code: 'locked' } });
    restarted.close();
    open.splice(open.indexOf(restarted), 1);

    rmSync(recordFiles(dataDir).database);
    const recovered = start(dataDir, new Date(first.now.value.getTime() + 2 * 60_000));
    expect(recovered.services.records.health().recovery).not.toBeNull();
    expect(failureCount(recovered)).toBe(5);
    expect(await signInAs(recovered, STAFF.pin)).toMatchObject({ ok: false, error: { code: 'locked' } });
    recovered.now.value = new Date(first.now.value.getTime() + 6 * 60_000);
    expect(await signInAs(recovered, STAFF.pin)).toMatchObject({ ok: true });
  });
});

describe('new PINs', () => {
  it('a PIN chosen now has at least 6 digits, in the contract and in main; a 4-digit PIN chosen before still signs in', async () => {
    const h = start();
    const typedTwice = await h.raw('learners.signIn', { ...STAFF, pin: '2468', pinAgain: '2468' });
    expect(typedTwice).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
    expect(!typedTwice.ok && typedTwice.error.message).toMatch(/pin: a new PIN must be 6 to 8 digits/);
    // Without the second typing the contract cannot tell a new PIN from an old one: main refuses to create the account.
    const once = await h.raw('learners.signIn', { ...STAFF, pin: '24681' });
    expect(!once.ok && once.error.message).toMatch(/pin: a new PIN must be 6 to 8 digits/);
    expect(h.services.records.db.prepare('SELECT COUNT(*) AS n FROM learners').get()).toMatchObject({ n: 0 });

    // Someone who chose 2468 before the rule: their hash is on record (as an older version wrote it).
    await h.call('learners.signIn', { ...STAFF, pinAgain: STAFF.pin });
    await h.call('learners.signOut', {});
    const { hashPin } = await import('@services/records/pin');
    const oldHash = await hashPin('2468');
    withRawRecordsDb(h.services.dataDir, (db) => db.prepare('UPDATE learners SET pin_hash = ? WHERE work_email = ?').run(oldHash, STAFF.workEmail));
    expect(await signInAs(h, '2468')).toMatchObject({ ok: true });
  });
});
