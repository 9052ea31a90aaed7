import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { OFFICIAL_ACCOUNT_SECTIONS } from '@services/requests';
import { testBundle } from '@tests/helpers/bundle';
import { asAdmin, setUp, signInStaff, startHarness, type Harness } from '../compliance/harness';

const FIELDS = {
  aim: 'Share match results and fixtures for the Year 9 football team.',
  audience: 'Parents and carers of players, and the wider school community.',
  promotion: 'A note in the weekly newsletter and a link from the school website.',
  runners: 'Mr Jones (PE) posts; Ms Patel (Head of PE) reads every post before it goes out.',
  platform: 'Instagram',
  accountName: 'Hayle Football',
};

let h: Harness;
beforeEach(async () => {
  h = startHarness();
  await setUp(h);
});
afterEach(() => h.stop());

describe('the new-account request', () => {
  it('refuses empty or blank fields, naming each one and only those', async () => {
    const learnerId = await signInStaff(h, 'account-runner');
    const r = await h.call('requests.create', { learnerId, ...FIELDS, aim: '', audience: '   \n ' });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('invalid-request');
    expect(r.error.message).toMatch(/aim: The aim of the account must be filled in/);
    expect(r.error.message).toMatch(/audience: The intended audience must be filled in/);
    expect(r.error.message).not.toMatch(/promotion|runners/);

    const all = await h.call('requests.create', { learnerId, aim: '', audience: '', promotion: '', runners: '' });
    expect(all.ok ? '' : all.error.message).toMatch(/aim: .*audience: .*promotion: .*runners: /);
    expect((await h.ok('requests.mine', { learnerId })).requests).toEqual([]);
  });

  it('saves the rationale and produces its document as HTML and text, with the policy wording quoted', async () => {
    const learnerId = await signInStaff(h, 'account-runner', 'Sam <Taylor>');
    const made = await h.ok('requests.create', { learnerId, ...FIELDS, aim: `${FIELDS.aim}\n\nAlso <script>alert(1)</script> & "more".` });
    const bundle = testBundle();
    const wording = bundle.clauses.find((c) => c.id === 'new-accounts.rationale')?.text ?? 'missing';

    expect(made.requester).toMatchObject({ name: 'Sam <Taylor>', role: 'account-runner', school: 'Hayle Academy' });
    expect(made.policyVersionLabel).toBe('1');
    const { html, text, fileName } = made.document;
    expect(html).toMatch(/^<!doctype html>/);
    // Its own CSP, right after the charset: the saved page can never run a script or load anything.
    expect(html).toContain(`<head>\n<meta charset="utf-8">\n<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'">\n<title>`);
    expect(html).not.toMatch(/<script/i);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;more&quot;');
    expect(html).toContain('Sam &lt;Taylor&gt;');
    expect(html).toContain(wording.replace(/'/g, '&#39;'));
    for (const label of ['The aim of the account', 'The intended audience', 'How the account will be promoted', 'Who will run the account']) {
      expect(html).toContain(`<h2>${label}</h2>`);
      expect(text).toContain(label.toUpperCase());
    }
    for (const value of [FIELDS.audience, FIELDS.promotion, FIELDS.runners, 'Instagram', 'Hayle Football', 'Leading Edge Academies Partnership']) {
      expect(text).toContain(value);
      expect(html).toContain(value);
    }
    expect(text).toContain('Also <script>alert(1)</script>'); // plain text keeps what was typed
    expect(fileName).toBe(`new-account-request-${made.createdAt.slice(0, 10)}-hayle-football`);

    const again = await h.ok('requests.get', { requestId: made.requestId, learnerId });
    expect(again.document.html).toBe(html);
    expect((await h.ok('requests.mine', { learnerId })).requests.map((r) => r.requestId)).toEqual([made.requestId]);
  });

  it('is listed for the administrator only, and another learner cannot open it', async () => {
    const author = await signInStaff(h, 'leader', 'Jo Evans', 'jo@leap.example');
    const made = await h.ok('requests.create', { learnerId: author, ...FIELDS });
    const whileLearner = await h.call('requests.list', {});
    expect(whileLearner.ok ? 'ok' : whileLearner.error.code).toBe('forbidden');

    await asAdmin(h);
    const listed = await h.ok('requests.list', {});
    expect(listed.requests.map((r) => [r.requestId, r.requester.name, r.aim])).toEqual([[made.requestId, 'Jo Evans', FIELDS.aim]]);
    expect((await h.ok('requests.get', { requestId: made.requestId })).document.text).toContain(FIELDS.runners);

    await h.ok('admin.lock', {});
    const locked = await h.call('requests.list', {});
    expect(locked.ok ? 'ok' : locked.error.code).toBe('forbidden');
    const noAdminGet = await h.call('requests.get', { requestId: made.requestId });
    expect(noAdminGet.ok ? 'ok' : noAdminGet.error.code).toBe('forbidden');

    const other = await signInStaff(h, 'teaching', 'Ali Khan');
    const theirs = await h.call('requests.get', { requestId: made.requestId, learnerId: other });
    expect(theirs.ok ? 'ok' : theirs.error.code).toBe('forbidden');
    const asAuthor = await h.call('requests.create', { learnerId: author, ...FIELDS }); // not the one signed in
    expect(asAuthor.ok ? 'ok' : asAuthor.error.code).toBe('forbidden');
  });

  it('shows the rules for official accounts quoted word for word from the clause registry', async () => {
    const { sections } = await h.ok('requests.rules', {});
    const bundle = testBundle();
    expect(sections.map((s) => s.sectionId)).toEqual([...OFFICIAL_ACCOUNT_SECTIONS]);
    for (const s of sections) {
      const expected = bundle.clauses.filter((c) => c.section === s.sectionId);
      expect(expected.length).toBeGreaterThan(0);
      expect(s.clauses).toEqual(expected.map((c) => ({ clauseId: c.id, text: c.text, paraphrase: c.paraphrase })));
    }
  });
});
