import { afterEach, describe, expect, it } from 'vitest';
import type { Channel, RequestOf } from '@contract';
import { expectOk, SETUP, startHarness, type Harness } from '../admin/harness';

/**
 * Issue 11 item 8: no control character in any text a person types, on every channel that takes
 * one, refused as invalid-request naming the field, the character and where it is. Line breaks
 * stay allowed where a person writes paragraphs (the new-account request's answers).
 */

let h: Harness | null = null;
afterEach(() => {
  h?.stop();
  h = null;
});

const STAFF = { name: 'Ann Example', workEmail: 'ann@example.sch.uk', school: 'Mounts Bay Academy', role: 'teaching', pin: '246813', pinAgain: '246813' } as const;

async function refusal<C extends Channel>(x: Harness, channel: C, request: RequestOf<C>): Promise<string> {
  const r = await x.call(channel, request);
  if (r.ok) throw new Error(`${channel} accepted it`);
  expect(r.error.code).toBe('invalid-request');
  return r.error.message;
}

describe('typed text: control characters refused on every channel that takes a person’s words', () => {
  it('settings.set: names, labels, addresses and paths', async () => {
    h = startHarness();
    expectOk(await h.call('setup.complete', SETUP));
    expect(await refusal(h, 'settings.set', { trustName: 'Leading\u0000 Edge' })).toMatch(/trustName: must not contain control characters \(U\+0000 at character 8\)/);
    expect(await refusal(h, 'settings.set', { schools: ['Hayle Academy', 'Mounts\u2028Bay'] })).toMatch(/schools\.1: must not contain control characters \(U\+2028 at character 7\)/);
    expect(await refusal(h, 'settings.set', { policyVersionLabel: '2026\u009b1' })).toMatch(/policyVersionLabel: must not contain control characters \(U\+009B/);
    expect(
      await refusal(h, 'settings.set', { lms: { usernameField: 'staffId', homePage: 'https://lms.leap.example/\u0000', courses: {} } }),
    ).toMatch(/lms\.homePage: must not contain control characters \(U\+0000/);
    expect(await refusal(h, 'settings.set', { lrs: { endpoint: null, keyFile: 'C:\\keys\\lrs\u0007.txt' } })).toMatch(/lrs\.keyFile: must not contain control characters \(U\+0007/);
    // Unknown nested keys are refused here too, not dropped.
    expect(await refusal(h, 'settings.set', { lms: { usernameField: null, homePage: null, courses: {}, extra: 1 } as never })).toMatch(/lms/);
    // Nothing was changed by any of them.
    expect(expectOk(await h.call('settings.get', {}))).toMatchObject({ trustName: SETUP.trustName, schools: SETUP.schools, policyVersionLabel: SETUP.policyVersionLabel });
  });

  it('a learner’s name, school and staff id; a pupil’s first name and class; a class lesson’s class', async () => {
    h = startHarness();
    expectOk(await h.call('setup.complete', SETUP));
    expect(await refusal(h, 'learners.signIn', { ...STAFF, name: 'Ann \u202eelpmaxE' })).toMatch(/name: name must not contain control characters \(U\+202E at character 5\)/);
    expect(await refusal(h, 'learners.signIn', { ...STAFF, school: 'Mounts Bay\u001b Academy' })).toMatch(/school: school must not contain control characters \(U\+001B/);
    expect(await refusal(h, 'learners.startPupilSession', { firstName: 'Sam\u0008', initial: 'T', className: 'Oak 4', band: 'ks2' })).toMatch(/firstName: first name must not contain control characters/);
    expect(await refusal(h, 'learners.startPupilSession', { firstName: 'Sam', initial: 'T', className: 'Oak\u007f4', band: 'ks2' })).toMatch(/className: class must not contain control characters \(U\+007F/);
    expect(await refusal(h, 'classes.start', { band: 'ks2', courseId: 'pupils-ks2', moduleId: 'my-profile', className: 'Oak\u2066 4' })).toMatch(/className: class must not contain control characters \(U\+2066/);
  });

  it('a new-account request keeps its paragraphs but refuses any other control character', async () => {
    h = startHarness();
    expectOk(await h.call('setup.complete', SETUP));
    const signedIn = expectOk(await h.call('learners.signIn', { ...STAFF })) as { learnerId: string };
    const fields = { learnerId: signedIn.learnerId, aim: 'Share news.\nWeekly.', audience: 'Parents', promotion: 'Newsletter', runners: 'Two staff' };
    expect(await refusal(h, 'requests.create', { ...fields, audience: 'Parents\u0000' })).toMatch(/audience: The intended audience must not contain control characters \(U\+0000 at character 8\)/);
    expectOk(await h.call('requests.create', fields));
  });
});
