import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { channelNames, type Channel, type Result } from '@contract';
import { ADMIN_PASSWORD, SETUP, expectOk, startHarness, type Harness } from '@tests/services/admin/harness';

// Hostile input on every channel, in every role, all at once: whatever a compromised renderer sends,
// main answers with a clear refusal (never `internal`, never its data folder or a stack), keeps
// running, and what was already recorded is still there and still works.

/**
 * Payloads no channel's schema accepts, sent as a compromised renderer could send them. (No null:
 * the dispatcher reads a missing request as `{}`, as an invoke with no argument sends.)
 */
const deep = (): unknown => {
  let o: unknown = { end: true };
  for (let i = 0; i < 5_000; i++) o = { o };
  return o;
};
const HOSTILE: Array<[string, () => unknown]> = [
  ['a number', () => 7],
  ['a string', () => '../../../etc/passwd'],
  ['an array', () => [{}, null]],
  ['a polluted prototype', () => JSON.parse('{"__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}}}')],
  ['an unknown key', () => ({ zzUnknown: '\u0000\u202e' })],
  ['2 MB of text', () => ({ text: 'x'.repeat(2_000_000) })],
  ['5,000 levels deep', deep],
];
const ROLES = ['nobody', 'staff', 'admin'] as const;
const PIN = '246813';
const STAFF = { name: 'Hana Hostile', workEmail: 'hana@example.sch.uk', school: 'Mounts Bay Academy', role: 'teaching', pin: PIN } as const;

let h: Harness;
let learnerId = '';
let attemptId = '';

/** What a learner and HR rely on: the learner's record and attempt, as main reports them. */
const recordOf = async () => {
  const signedIn = await h.call('learners.signIn', STAFF);
  expectOk(signedIn);
  const progress = await h.call('catalogue.forLearner', { learnerId });
  await h.call('learners.signOut', {});
  return { signedIn: signedIn.ok, progress };
};

beforeAll(async () => {
  h = startHarness();
  expectOk(await h.call('setup.complete', SETUP));
  learnerId = (expectOk(await h.call('learners.signIn', STAFF)) as { learnerId: string }).learnerId;
  attemptId = (expectOk(await h.call('attempts.start', { learnerId, courseId: 'staff-induction', moduleId: 'personal-use' })) as { attemptId: string }).attemptId;
  await h.call('learners.signOut', {});
});
afterAll(() => h?.stop());

describe('hostile input on every channel', () => {
  it('is refused with a clear error in every role, with nothing recorded lost', async () => {
    const before = await recordOf();
    const problems: string[] = [];
    for (const role of ROLES) {
      if (role === 'staff') expectOk(await h.call('learners.signIn', STAFF));
      if (role === 'admin') expectOk(await h.call('admin.unlock', { password: ADMIN_PASSWORD }));
      // Every channel and payload at once, as a flood from a compromised renderer.
      const calls = channelNames.flatMap((channel) =>
        HOSTILE.map(async ([what, payload]) => {
          let reply: Result<unknown>;
          try {
            reply = (await h.started.dispatch(channel as Channel, payload(), { transport: 'ipc' })) as Result<unknown>;
          } catch (e) {
            problems.push(`${role} ${channel} ${what}: threw ${String(e)}`);
            return;
          }
          if (reply.ok) problems.push(`${role} ${channel} ${what}: accepted`);
          else if (reply.error.code === 'internal') problems.push(`${role} ${channel} ${what}: internal: ${reply.error.message}`);
          else if (!reply.error.message.trim()) problems.push(`${role} ${channel} ${what}: no message`);
          else if (reply.error.message.includes(h.dataDir) || /\n\s+at /.test(reply.error.message)) problems.push(`${role} ${channel} ${what}: leaks ${reply.error.message.slice(0, 120)}`);
          else if (reply.error.message.length > 2_000) problems.push(`${role} ${channel} ${what}: echoes ${reply.error.message.length} characters`);
        }),
      );
      await Promise.all(calls);
      if (role === 'staff') await h.call('learners.signOut', {});
      if (role === 'admin') await h.call('admin.lock', {});
    }
    expect(problems).toEqual([]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    // The learner still signs in with the same PIN (no guess was counted), and the attempt is as it was.
    expect(await recordOf()).toEqual(before);
    expect(attemptId).not.toBe('');
  });
});
