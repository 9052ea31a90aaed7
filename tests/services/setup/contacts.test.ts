import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SETUP_FILE_NAME, parseSetupFile, renderSetupFile } from '@services/setup/file';
import { hashPassword } from '@services/admin/password';
import { ADMIN_PASSWORD, errorCode, expectOk, startHarness, type Harness } from '../admin/harness';
import type { Channel, ReplyOf, RequestOf } from '@contract';
import { baseSetupFile, hayleContacts, refusal, tempFolders } from './fixture';

// Issue 14 item 4: each school's safeguarding people, from the set-up file or the admin area, to
// the "Who do I tell?" guide and the staff lessons of that school only.
let h: Harness | null = null;
afterEach(() => {
  h?.stop();
  h = null;
});
const tmp = tempFolders('induction-contacts-');
const hayle = hayleContacts;
const base = { ...baseSetupFile, schools: ['Hayle Academy', 'Mounts Bay Academy'], policyVersionLabel: '1.0' };
/** A call main must answer, with its reply typed by the contract. */
async function ok<C extends Channel>(channel: C, request: RequestOf<C>): Promise<ReplyOf<C>> {
  if (!h) throw new Error('no harness');
  return expectOk(await h.call(channel, request)) as ReplyOf<C>;
}
const problems = (raw: object): string => refusal(JSON.stringify(raw), 'setup.json');

describe('safeguarding contacts in the set-up file', () => {
  it('are read, and refused with the field named when a key is unknown, a number is not one, or a school is not listed', () => {
    expect(parseSetupFile(JSON.stringify({ ...base, safeguardingContacts: [hayle] }), 'f.json').safeguardingContacts).toEqual([hayle]);
    const message = problems({
      ...base,
      safeguardingContacts: [
        { ...hayle, dsl: { ...hayle.dsl, email: 'jo@hayle.example' } },
        { ...hayle, school: 'Mounts Bay Academy', dsl: { name: 'A\u0007B', phone: 'call reception' }, deputies: [] },
        { ...hayle, school: 'Penzance School' },
      ],
    });
    expect(message).toContain('setup.json: safeguardingContacts.0.dsl.email: is not a set-up field');
    expect(message).toContain('setup.json: safeguardingContacts.1.dsl.name: must not contain control characters');
    expect(message).toContain('setup.json: safeguardingContacts.1.dsl.phone: must be a phone number');
    // Unknown keys aside, the file parses, so the stray school is not reported until the rest is right.
    expect(problems({ ...base, safeguardingContacts: [{ ...hayle, school: 'Penzance School' }] })).toContain(
      'setup.json: safeguardingContacts: "Penzance School" is not in schools',
    );
    expect(problems({ ...base, safeguardingContacts: [hayle, { ...hayle, school: 'hayle academy' }] })).toContain('safeguardingContacts: one entry per school');
  });

  it('set up a PC, reach the guide and the lessons of that school only, and go into the set-up file for the next PC', async () => {
    const dataDir = tmp();
    writeFileSync(path.join(dataDir, SETUP_FILE_NAME), renderSetupFile({ ...base, safeguardingContacts: [hayle], adminPasswordHash: await hashPassword(ADMIN_PASSWORD) }));
    h = startHarness({ dataDir });
    expect((await ok('content.policy', {})).contacts).toEqual([hayle]);
    const atHayle = await ok('content.module', { courseId: 'staff-induction', moduleId: 'who-to-tell', school: 'hayle academy' });
    expect(atHayle.contacts).toEqual(hayle);
    const atMountsBay = await ok('content.module', { courseId: 'staff-induction', moduleId: 'who-to-tell', school: 'Mounts Bay Academy' });
    expect(atMountsBay.contacts).toBeNull();
    // Pupils' lessons never carry staff contacts.
    const pupil = await ok('content.module', { courseId: 'pupils-ks2', moduleId: 'sharing-and-passwords', school: 'Hayle Academy' });
    expect(pupil.contacts).toBeNull();

    await ok('admin.unlock', { password: ADMIN_PASSWORD });
    const file = await ok('admin.setupFile', {});
    expect(parseSetupFile(file.text, file.fileName).safeguardingContacts).toEqual([hayle]);
    expect(parseSetupFile(file.text, file.fileName)).not.toHaveProperty('lrs'); // no LRS here: none for the next PC
    // The admin area's save checks the same rules; a refused save changes nothing.
    expect(errorCode(await h.call('settings.set', { safeguardingContacts: [{ ...hayle, school: 'Penzance School' }] }))).toBe('invalid-request');
    expect(errorCode(await h.call('settings.set', { safeguardingContacts: [{ ...hayle, lado: { name: 'LADO', phone: '0'.repeat(31) } }] }))).toBe('invalid-request');
    expect(h.started.services.settings.get().safeguardingContacts).toEqual([hayle]);
    const cleared = await ok('settings.set', { safeguardingContacts: [] });
    expect(cleared.safeguardingContacts).toEqual([]);
    expect((await ok('content.policy', {})).contacts).toEqual([]);
  });
});
