import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { channelNames, type Channel, type RequestOf, type Result } from '@contract';
import type { ExportRunReply } from '@contract/channels/exports';
import { IDS, insertAttempt, insertLearner, seedStore, type Seeded, PASS_CMI } from './seed';

/**
 * The exports' promises that a deliberate break used to survive (issue 21), each with data that
 * can show the break: pupils' cmi, passes without an acknowledgement, identifiers a spreadsheet
 * would read as formulas, exports that cannot succeed, and learners reaching exports.
 */
let s: Seeded;
beforeEach(() => {
  s = seedStore();
});
afterEach(() => s.stop());

const run = async (format: 'csv' | 'totara' | 'xapi' | 'cmi12' | 'cmi2004') => {
  const out = path.join(s.outDir, `${format}.out`);
  const outcome = await s.services.exports.run({ format }, out, 'admin');
  return { outcome, text: readFileSync(out, 'utf8') };
};

const PUPIL_IN_PROGRESS = '55555555-5555-4555-8555-555555555555';
const PUPIL_ATTEMPT = 'eeeeeeee-0000-4000-8000-000000000001';
const DEE = '66666666-6666-4666-8666-666666666666';
const DEE_PASS = 'ffffffff-0000-4000-8000-000000000001';

describe('a pupil never reaches an HR export', () => {
  it('an in-progress pupil’s cmi is in no cmi or xAPI export, and the same rows as staff would be', async () => {
    s.rawDb.prepare(
      `INSERT INTO learners (id, kind, first_name, initial, class_name, band, first_sign_in_at, last_seen_at) VALUES (?, 'pupil', 'Zoë', 'K', '9C', 'ks3', ?, ?)`,
    ).run(PUPIL_IN_PROGRESS, '2026-11-19T09:00:00Z', '2026-11-19T09:00:00Z');
    const pupilCmi = { version: 'scorm2004', data: { 'cmi.completion_status': 'incomplete', 'cmi.location': 'pupil-screen-3', 'cmi.suspend_data': 'PUPIL-SECRET' } };
    insertAttempt(s.rawDb, { id: PUPIL_ATTEMPT, learner: PUPIL_IN_PROGRESS, course: 'pupils-ks3', module: 'what-you-share', status: 'in-progress', score: null, started: '2026-11-19T09:05:00Z', finished: null, cmi: pupilCmi });
    for (const format of ['cmi12', 'cmi2004', 'xapi', 'csv'] as const) {
      const { text } = await run(format);
      for (const secret of [PUPIL_ATTEMPT, PUPIL_IN_PROGRESS, 'PUPIL-SECRET', 'pupil-screen-3', 'Zoë']) expect(text, `${format}: ${secret}`).not.toContain(secret);
    }
    // The same attempt held by a member of staff is exported: the data can show a leak.
    s.rawDb.prepare('UPDATE attempts SET learner_id = ? WHERE id = ?').run(IDS.cy, PUPIL_ATTEMPT);
    expect((await run('cmi2004')).text).toContain('PUPIL-SECRET');
  });
});

describe('the cmi exports read every stored cmi they can, and run on past one they cannot', () => {
  it('exports a cmi stored in the older bare form, and leaves out one whose version or values are damaged', async () => {
    const setCmi = (id: string, stored: unknown) => s.rawDb.prepare('UPDATE attempts SET cmi = ? WHERE id = ?').run(JSON.stringify(stored), id);
    setCmi(IDS.adaPass, { 'cmi.completion_status': 'completed', 'cmi.suspend_data': 'BARE-FORM-KEPT' });
    setCmi(IDS.adaIntro, { version: 'scorm2005', data: { 'cmi.suspend_data': 'UNKNOWN-VERSION' } });
    setCmi(IDS.cyIntro, { version: 'scorm2004', data: { 'cmi.suspend_data': 'NOT-ALL-TEXT', 'cmi.score.raw': 7 } });
    setCmi(IDS.benFail, ['cmi.suspend_data', 'AN-ARRAY']);
    for (const format of ['cmi2004', 'cmi12'] as const) {
      const { text, outcome } = await run(format);
      // Ada's pass exported; her lesson, Ben's fail and Cy's lesson counted as having no cmi kept.
      expect(outcome, format).toMatchObject({ rows: 1, skipped: { 'no-cmi-kept': 3 } });
      expect(text, format).toContain('BARE-FORM-KEPT');
      for (const damaged of ['UNKNOWN-VERSION', 'NOT-ALL-TEXT', 'AN-ARRAY']) expect(text, `${format}: ${damaged}`).not.toContain(damaged);
    }
    // Without a cmi, the CSV reads no cmi at all: the same rows whatever the column holds.
    expect((await run('csv')).text).not.toContain('BARE-FORM-KEPT');
  });
});

describe('the Totara upload', () => {
  it('leaves out a pass that was never acknowledged, and includes it once it is', async () => {
    insertLearner(s.rawDb, { id: DEE, name: 'Dee Pass', email: 'dee@leap.example', staffId: null, school: 'Hayle Academy', role: 'teaching', at: '2026-11-01T08:00:00Z' });
    insertAttempt(s.rawDb, { id: DEE_PASS, learner: DEE, module: 'assessment', status: 'passed', score: 100, started: '2026-11-02T09:00:00Z', finished: '2026-11-02T09:20:00Z', cmi: PASS_CMI });
    expect((await run('totara')).text).not.toContain('dee@leap.example');
    s.rawDb.prepare(
      `INSERT INTO acknowledgements (learner_id, course_id, attempt_id, policy_version_label, content_version, acknowledged_at) VALUES (?, 'staff-induction', ?, '2.0', '1.0.0', ?)`,
    ).run(DEE, DEE_PASS, '2026-11-02T09:21:00Z');
    expect((await run('totara')).text).toContain('\r\ndee@leap.example,SMP-ASSESS,SMP01,2026-11-02,100\r\n');
  });

  it('uploads, per module, the latest attempt that completed it: a lesson completed, an assessment passed (a later fail, an unpassed completion or a retake in progress does not count)', async () => {
    insertLearner(s.rawDb, { id: DEE, name: 'Dee Pass', email: 'dee@leap.example', staffId: null, school: 'Hayle Academy', role: 'teaching', at: '2026-11-01T08:00:00Z' });
    const attempt = (n: number, module: string, status: string, score: number | null, started: string, finished: string | null) =>
      insertAttempt(s.rawDb, { id: `ffffffff-0000-4000-8000-00000000001${n}`, learner: DEE, module, status, score, started, finished, cmi: null });
    attempt(1, 'introduction-scope', 'completed', null, '2026-11-02T09:00:00Z', '2026-11-02T09:10:00Z');
    // Begun first, resumed and passed last: the latest pass by when it finished, not when it began.
    attempt(2, 'assessment', 'passed', 95, '2026-11-03T09:00:00Z', '2026-11-05T15:00:00Z');
    attempt(3, 'assessment', 'passed', 80, '2026-11-04T09:00:00Z', '2026-11-04T09:20:00Z');
    attempt(4, 'assessment', 'failed', 40, '2026-11-06T09:00:00Z', '2026-11-06T09:20:00Z');
    attempt(5, 'assessment', 'completed', 50, '2026-11-07T09:00:00Z', '2026-11-07T09:20:00Z');
    attempt(6, 'assessment', 'in-progress', null, '2026-11-08T09:00:00Z', null);
    s.rawDb.prepare(
      `INSERT INTO acknowledgements (learner_id, course_id, attempt_id, policy_version_label, content_version, acknowledged_at) VALUES (?, 'staff-induction', ?, '2.0', '1.0.0', ?)`,
    ).run(DEE, 'ffffffff-0000-4000-8000-000000000012', '2026-11-05T15:01:00Z');
    const rows = (await run('totara')).text.split('\r\n').filter((line) => line.startsWith('dee@'));
    expect(rows).toEqual(['dee@leap.example,SMP-INTRO,SMP00,2026-11-02,100', 'dee@leap.example,SMP-ASSESS,SMP01,2026-11-05,95']);
  });

  it('writes identifiers exactly, and refuses a row whose username or course code starts like a formula, saying why', async () => {
    insertLearner(s.rawDb, { id: DEE, name: 'Dee Pass', email: '-dee@leap.example', staffId: null, school: 'Hayle Academy', role: 'teaching', at: '2026-11-01T08:00:00Z' });
    insertAttempt(s.rawDb, { id: DEE_PASS, learner: DEE, module: 'assessment', status: 'passed', score: 100, started: '2026-11-02T09:00:00Z', finished: '2026-11-02T09:20:00Z', cmi: PASS_CMI });
    s.rawDb.prepare(
      `INSERT INTO acknowledgements (learner_id, course_id, attempt_id, policy_version_label, content_version, acknowledged_at) VALUES (?, 'staff-induction', ?, '2.0', '1.0.0', ?)`,
    ).run(DEE, DEE_PASS, '2026-11-02T09:21:00Z');
    const lms = s.services.settings.get().lms;
    s.services.settings.set({ lms: { ...lms, courses: { ...lms.courses, 'introduction-scope': { shortName: '@SMP-INTRO', idNumber: 'SMP00' } } } });
    const { text, outcome } = await run('totara');
    expect(text).toBe('username,courseshortname,courseidnumber,completiondate,grade\r\nada@leap.example,SMP-ASSESS,SMP01,2026-10-01,91.67\r\n');
    expect(text).not.toContain("'");
    expect(outcome.skipped).toEqual({ 'course-code-starts-like-a-formula': 1, 'username-starts-like-a-formula': 1 });
    for (const id of ['+44 7700', '=1+1', '@home', '\tS-1']) {
      s.rawDb.prepare('UPDATE learners SET work_email = ? WHERE id = ?').run(id, IDS.ada);
      const again = await run('totara');
      expect(again.text.split('\r\n').slice(1).filter(Boolean), id).toEqual([]);
      expect(again.outcome.skipped['username-starts-like-a-formula'], id).toBe(3); // Ada's two rows and Dee's
    }
  });
});

describe('exports that cannot succeed say so first', () => {
  const call = <C extends Channel>(channel: C, request: RequestOf<C>) => s.services.exports && dispatch(channel, request);
  let dispatch: <C extends Channel>(channel: C, request: RequestOf<C>) => Promise<Result<unknown>>;
  beforeEach(async () => {
    const { dispatchFor } = await import('@host/compose');
    const d = dispatchFor(s.services);
    dispatch = (channel, request) => d(channel, request, { transport: 'ipc' });
    expect((await dispatch('setup.complete', { trustName: 'Leading Edge Academies Partnership', schools: ['Hayle Academy'], policyVersionLabel: '2.0', adminPassword: 'correct horse battery staple' })).ok).toBe(true);
  });

  it('Totara with no course codes or no username field, xAPI with no LMS address: refused before any dialog, nothing written or logged as done', async () => {
    const asked: string[] = [];
    s.services.exports.chooseDestination = async (x) => {
      asked.push(x.fileName);
      return path.join(s.outDir, x.fileName);
    };
    const audits = () => (s.rawDb.prepare("SELECT COUNT(*) AS n FROM audit_log WHERE action = 'export'").get() as { n: number }).n;
    const before = audits();
    const cases = [
      { lms: { usernameField: 'workEmail', homePage: 'https://lms.leap.example', courses: {} }, format: 'totara', says: /course codes/ },
      { lms: { usernameField: null, homePage: 'https://lms.leap.example', courses: { assessment: { shortName: 'A', idNumber: 'B' } } }, format: 'totara', says: /LMS username/ },
      { lms: { usernameField: 'workEmail', homePage: null, courses: {} }, format: 'xapi', says: /LMS address/ },
      { lms: { usernameField: null, homePage: 'https://lms.leap.example', courses: {} }, format: 'xapi', says: /LMS username/ },
    ] as const;
    for (const c of cases) {
      s.services.settings.set({ lms: c.lms });
      const options = await call('exports.options', {});
      const blocked = options.ok ? (options.value as { formats: { format: string; blocked: { message: string; fix: string } | null }[] }).formats.find((f) => f.format === c.format)!.blocked : null;
      expect(blocked?.message, c.format).toMatch(c.says);
      expect(blocked?.message).toContain('Settings');
      expect(blocked?.fix).toBe('lms-settings');
      const r = await call('exports.run', { format: c.format });
      expect(r.ok ? 'done' : `${r.error.code}: ${r.error.message}`).toMatch(c.says);
      expect(r.ok ? null : r.error.code).toBe('not-set-up');
    }
    expect(asked).toEqual([]);
    expect(audits()).toBe(before);
    // Set, they run, and the address is the Trust's own, never a made-up one.
    s.services.settings.set({ lms: { usernameField: 'workEmail', homePage: 'https://lms.leap.example', courses: { assessment: { shortName: 'A', idNumber: 'B' } } } });
    const done = await call('exports.run', { format: 'xapi' });
    expect(done.ok).toBe(true);
    const written = readFileSync((done as { value: ExportRunReply }).value.savedTo[0]!, 'utf8');
    expect(written).toContain('"homePage":"https://lms.leap.example"');
    expect(written).not.toContain('example.org');
  });

  it('a PC that was never told its LMS has no address at all, and an old made-up one reads as none', async () => {
    s.rawDb.prepare("DELETE FROM settings WHERE key = 'lms'").run();
    expect(s.services.settings.get().lms).toEqual({ usernameField: null, homePage: null, courses: {} });
    s.rawDb.prepare("INSERT INTO settings (key, value) VALUES ('lms', ?)").run(JSON.stringify({ usernameField: 'workEmail', homePage: 'https://lms.example.org', courses: {} }));
    expect(s.services.settings.get().lms.homePage).toBeNull();
  });
});

describe('a signed-in learner reaches no export', () => {
  /** Every exports.* channel with a well-formed request, so only the access check can refuse. */
  const EXPORT_CALLS: { [C in Channel]?: RequestOf<C> } = {
    'exports.options': {},
    'exports.run': { format: 'csv' },
    'exports.certificate': { learnerId: IDS.ada, courseId: 'staff-induction' },
    'exports.certificateLookup': { number: '00000-00000-0' },
    'exports.rationale': { requestId: '00000000-0000-4000-8000-000000000000' },
  };
  let dispatch: <C extends Channel>(channel: C, request: RequestOf<C>) => Promise<Result<unknown>>;
  beforeEach(async () => {
    const { dispatchFor } = await import('@host/compose');
    const d = dispatchFor(s.services);
    dispatch = (channel, request) => d(channel, request, { transport: 'ipc' });
    expect((await dispatch('setup.complete', { trustName: 'Leading Edge Academies Partnership', schools: ['Hayle Academy'], policyVersionLabel: '2.0', adminPassword: 'correct horse battery staple' })).ok).toBe(true);
  });

  it('lists every exports channel the contract has', () => {
    expect(channelNames.filter((c) => c.startsWith('exports.')).sort()).toEqual(Object.keys(EXPORT_CALLS).sort());
  });

  it('refuses each one to a signed-in member of staff and to a pupil, though the administrator had unlocked the area', async () => {
    const files = () => (s.rawDb.prepare("SELECT COUNT(*) AS n FROM audit_log WHERE action IN ('export', 'certificate')").get() as { n: number }).n;
    const before = files();
    for (const signIn of [
      () => dispatch('learners.signIn', { name: 'Pat Teacher', workEmail: 'pat@leap.example', school: 'Hayle Academy', role: 'teaching', pin: '123456' }),
      async () => {
        // A teacher starts the pupil's session; then the pupil is the one at the keyboard.
        await dispatch('learners.signIn', { name: 'Pat Teacher', workEmail: 'pat@leap.example', school: 'Hayle Academy', role: 'teaching', pin: '123456' });
        return dispatch('learners.startPupilSession', { firstName: 'Mia', initial: 'R', className: 'Ash 2', band: 'ks1' });
      },
    ]) {
      expect((await dispatch('admin.unlock', { password: 'correct horse battery staple' })).ok).toBe(true);
      expect((await dispatch('exports.options', {})).ok).toBe(true); // the administrator could
      const signed = await signIn();
      expect(signed.ok, JSON.stringify(signed)).toBe(true);
      for (const [channel, request] of Object.entries(EXPORT_CALLS)) {
        const r = await dispatch(channel as Channel, request as never);
        expect(r.ok ? `${channel}: allowed` : `${channel}: ${r.error.code}`).toBe(`${channel}: forbidden`);
      }
      expect((await dispatch('learners.signOut', {})).ok).toBe(true);
    }
    expect(files()).toBe(before);
  });

  it('a member of staff cannot print someone else’s new-account request, even with that person named', async () => {
    const FIELDS = { aim: 'Share fixtures.', audience: 'Parents.', promotion: 'Newsletter.', runners: 'Mr Jones posts; Ms Patel checks.', platform: 'Instagram', accountName: 'Hayle Football' };
    const a = await dispatch('learners.signIn', { name: 'Alex Author', workEmail: 'alex@leap.example', school: 'Hayle Academy', role: 'teaching', pin: '123456' });
    const alex = (a as { value: { learnerId: string } }).value.learnerId;
    const made = await dispatch('requests.create', { learnerId: alex, ...FIELDS });
    const requestId = (made as { value: { requestId: string } }).value.requestId;
    expect((await dispatch('exports.rationale', { requestId, learnerId: alex })).ok).toBe(true); // its author can
    expect((await dispatch('learners.signOut', {})).ok).toBe(true);
    const b = await dispatch('learners.signIn', { name: 'Blake Other', workEmail: 'blake@leap.example', school: 'Hayle Academy', role: 'support', pin: '654321' });
    const blake = (b as { value: { learnerId: string } }).value.learnerId;
    for (const request of [{ requestId, learnerId: blake }, { requestId, learnerId: alex }, { requestId }]) {
      const r = await dispatch('exports.rationale', request);
      expect(r.ok ? 'printed' : r.error.code, JSON.stringify(request)).toBe('forbidden');
    }
  });
});

describe('the data folder’s path is for the administrator', () => {
  it('app.info, records.health and settings.get name it to nobody but the unlocked administrator', async () => {
    const { dispatchFor } = await import('@host/compose');
    const d = dispatchFor(s.services);
    const dispatch = <C extends Channel>(channel: C, request: RequestOf<C>) => d(channel, request, { transport: 'ipc' });
    expect((await dispatch('setup.complete', { trustName: 'Leading Edge Academies Partnership', schools: ['Hayle Academy'], policyVersionLabel: '2.0', adminPassword: 'correct horse battery staple' })).ok).toBe(true);
    const publicReplies = async (): Promise<string> =>
      JSON.stringify(await Promise.all([dispatch('app.info', {}), dispatch('records.health', {}), dispatch('settings.get', {})]));
    expect(await publicReplies()).toContain(JSON.stringify(s.dataDir)); // the administrator, right after set-up
    expect((await dispatch('learners.signIn', { name: 'Pat Teacher', workEmail: 'pat@leap.example', school: 'Hayle Academy', role: 'teaching', pin: '123456' })).ok).toBe(true);
    const asLearner = await publicReplies();
    expect(asLearner).not.toContain(s.dataDir);
    expect(asLearner).not.toContain(path.basename(s.dataDir));
    expect((await dispatch('learners.signOut', {})).ok).toBe(true);
    expect((await dispatch('admin.lock', {})).ok).toBe(true);
    expect(await publicReplies()).not.toContain(s.dataDir); // locked: nobody
  });
});

describe('an export reads one snapshot of the records, and lets it go', () => {
  it('a member of staff who signs in while an export runs is wholly out of it, not counted but missing', async () => {
    const { RecordsExportSource } = await import('@services/exports/plumbing/source');
    const source = RecordsExportSource.inDataDir(s.dataDir, { withCmi: false });
    try {
      const counted = source.staffCount();
      insertLearner(s.rawDb, { id: DEE, name: 'Dee Late', email: 'dee@leap.example', staffId: null, school: 'Hayle Academy', role: 'teaching', at: '2026-11-20T09:59:00Z' });
      const listed = [...source.staff()].map((r) => r.staff.name);
      expect(listed).toHaveLength(counted);
      expect(listed).not.toContain('Dee Late');
    } finally {
      source.close();
    }
  });

  it('after an export, what was written since can all be checkpointed into the database file (the write-ahead log does not grow while the app runs)', async () => {
    expect((await run('csv')).outcome.rows).toBeGreaterThan(0);
    insertLearner(s.rawDb, { id: DEE, name: 'Dee Late', email: 'dee@leap.example', staffId: null, school: 'Hayle Academy', role: 'teaching', at: '2026-11-20T09:59:00Z' });
    const checkpoint = s.rawDb.prepare('PRAGMA wal_checkpoint(TRUNCATE)').get() as { busy: number; log: number };
    expect(checkpoint).toMatchObject({ busy: 0, log: 0 });
  });

  it('a data folder with no records database is refused, naming the file it looked for', async () => {
    const { RecordsExportSource } = await import('@services/exports/plumbing/source');
    const expected = path.join(s.outDir, 'records.sqlite');
    expect(() => RecordsExportSource.inDataDir(s.outDir, { withCmi: true })).toThrow(`No records database at ${expected}`);
  });
});
