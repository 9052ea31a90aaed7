import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { channelNames, type Channel, type RequestOf } from '@contract';
import { testBundle } from '@tests/helpers/bundle';
import { ADMIN_PASSWORD, SETUP, becomeRole, expectOk, startHarness, type Harness } from '@tests/services/admin/harness';

// Every channel called by everyone who can be at the keyboard, through the real dispatcher on real
// records. The expected answers are written out by hand per channel, not read from the contract.

const ROLES = ['nobody', 'learner A', 'learner B', 'admin', 'pupil', 'before set-up'] as const;
type Role = (typeof ROLES)[number];
/** 'ok', or the error code the caller gets. */
type Answer = string;
type Expected = Record<Role, Answer>;

/** Learner A's records, named in every request (what learner B, a pupil, nobody and the admin try to reach). */
interface Ids {
  learnerId: string;
  attemptId: string;
  nextSeq: number;
  requestId: string;
}

const COURSE = 'staff-induction';
const MODULE = 'personal-use';
const F = 'forbidden';
const NS = 'not-set-up';
/** Every caller answered `base`, except those named. */
const answers = (base: Answer, except: Partial<Expected> = {}): Expected => ({ ...Object.fromEntries(ROLES.map((r) => [r, base])), ...except }) as Expected;
const PUBLIC = answers('ok');
/** Learner A's own records: A alone. */
const A_ONLY = (a: Answer = 'ok'): Expected => answers(F, { 'learner A': a, 'before set-up': NS });
const ADMIN = answers(F, { admin: 'ok', 'before set-up': NS });
const STAFF = (answer: Answer = 'ok'): Expected => answers(F, { 'learner A': answer, 'learner B': answer, 'before set-up': NS });
const A_NAME = 'Alex Able';
const A_PIN = '246813';
const B_PIN = '135792';
const ks1 = () => testBundle().courses.find((c) => c.band === 'ks1')!;

interface Case<C extends Channel = Channel> {
  channel: C;
  note?: string;
  request: (ids: Ids) => RequestOf<C>;
  expected: Expected;
}
const call = <C extends Channel>(channel: C, request: (ids: Ids) => RequestOf<C>, expected: Expected, note?: string): Case =>
  ({ channel, request, expected, ...(note ? { note } : {}) }) as unknown as Case;
const cmi = { version: 'scorm2004', data: {} } as const;

const CASES: Case[] = [
  call('app.info', () => ({}), PUBLIC),
  call('app.closeReady', () => ({}), PUBLIC),
  call('settings.get', () => ({}), PUBLIC),
  call('settings.set', () => ({ adminIdleMinutes: 15 }), ADMIN, 'before set-up the first-run screen sends its choices through setup.complete'),
  call('admin.status', () => ({}), PUBLIC),
  call('admin.unlock', () => ({ password: ADMIN_PASSWORD }), answers(F, { nobody: 'ok', admin: 'ok', 'before set-up': NS })),
  call('admin.lock', () => ({}), PUBLIC),
  call('admin.changePassword', () => ({ currentPassword: ADMIN_PASSWORD, newPassword: 'a different long password' }), ADMIN),
  call('admin.setupFile', () => ({}), ADMIN),
  call('setup.status', () => ({}), PUBLIC),
  call('dashboard.summary', () => ({}), ADMIN),
  call('dashboard.people', () => ({}), ADMIN),
  call('dashboard.peopleList', () => ({}), ADMIN),
  call('dashboard.person', (ids) => ({ learnerId: ids.learnerId }), ADMIN),
  call('dashboard.classCounts', () => ({}), ADMIN),
  call('people.resetPin', (ids) => ({ learnerId: ids.learnerId, pin: A_PIN, pinAgain: A_PIN }), ADMIN, 'A’s PIN reset to the one A already has'),
  call('people.erase', (ids) => ({ learnerId: ids.learnerId, confirmName: 'Not Alex' }), answers(F, { admin: 'invalid-request', 'before set-up': NS }), 'the wrong name typed: nothing erased'),
  call('learners.signIn', () => ({ name: A_NAME, workEmail: 'alex@leap.example', school: SETUP.schools[0]!, role: 'teaching', pin: A_PIN }), answers('ok', { 'before set-up': NS })),
  call(
    'learners.startPupilSession',
    () => ({ firstName: 'Mia', initial: 'R', className: 'Ash 2', band: 'ks1' }),
    answers(F, { 'learner A': 'ok', 'learner B': 'ok', pupil: 'ok', 'before set-up': NS }),
    'a teacher signed in, or supervising',
  ),
  call('learners.signOut', () => ({}), PUBLIC),
  call('learners.stillHere', () => ({}), answers(F, { 'learner A': 'ok', 'learner B': 'ok', pupil: 'ok', 'before set-up': NS })),
  call('learners.endPupilSession', () => ({}), answers(F, { pupil: 'ok', 'before set-up': NS })),
  call('learners.resumeStaff', () => ({ pin: B_PIN }), answers(F, { pupil: 'ok', 'before set-up': NS }), 'B supervises the pupil'),
  call('attempts.start', (ids) => ({ learnerId: ids.learnerId, courseId: COURSE, moduleId: MODULE }), A_ONLY()),
  call('attempts.commit', (ids) => ({ attemptId: ids.attemptId, seq: ids.nextSeq, cmi }), A_ONLY()),
  call('attempts.finish', (ids) => ({ attemptId: ids.attemptId, seq: ids.nextSeq, cmi }), A_ONLY()),
  call('acknowledgements.record', (ids) => ({ learnerId: ids.learnerId, courseId: COURSE, attemptId: ids.attemptId }), A_ONLY('conflict'), 'A may only acknowledge a pass'),
  call('catalogue.forLearner', (ids) => ({ learnerId: ids.learnerId }), A_ONLY()),
  call('records.health', () => ({}), PUBLIC),
  call('content.module', () => ({ courseId: COURSE, moduleId: MODULE }), PUBLIC, 'no attempt named: the lesson as it is'),
  call('content.module', (ids) => ({ courseId: COURSE, moduleId: MODULE, attemptId: ids.attemptId }), A_ONLY(), 'an attempt named: its owner only'),
  call('content.policy', () => ({}), answers('ok', { pupil: F })),
  call('content.helpRoutes', () => ({ band: 'ks1' }), PUBLIC),
  call('classes.lessons', () => ({}), STAFF()),
  call('classes.start', () => ({ band: 'ks1', courseId: ks1().id, moduleId: ks1().modules[0]!.id, className: 'Ash 2' }), STAFF()),
  call('classes.answer', () => ({ classSessionId: classOfA, itemId: 'no-such-item', answer: { kind: 'class', tries: ['a'] } }), answers(F, { 'learner A': 'not-found', 'before set-up': NS }), 'A’s class: B is refused by class mode, bound to its teacher'),
  call('classes.finish', () => ({ classSessionId: classOfA }), answers(F, { 'learner A': 'ok', 'before set-up': NS }), 'A’s class'),
  call('classes.counts', () => ({}), STAFF(), 'each teacher’s own classes'),
  call('exports.options', () => ({}), ADMIN),
  call('exports.run', () => ({ format: 'csv' }), ADMIN),
  call('exports.certificate', (ids) => ({ learnerId: ids.learnerId, courseId: COURSE }), answers(F, { admin: 'conflict', 'before set-up': NS }), 'A has no pass to certify'),
  call('exports.certificateLookup', () => ({ number: '0A1B2-C3D4E-F' }), ADMIN),
  call('exports.rationale', (ids) => ({ requestId: ids.requestId, learnerId: ids.learnerId }), A_ONLY(), 'the author’s own document'),
  call('exports.rationale', (ids) => ({ requestId: ids.requestId }), ADMIN, 'no learner named: the administrator’s'),
  call('compliance.forLearner', (ids) => ({ learnerId: ids.learnerId }), A_ONLY()),
  call('compliance.retrievalStart', (ids) => ({ learnerId: ids.learnerId, courseId: COURSE }), A_ONLY('conflict'), 'no check is due for A'),
  call('compliance.retrievalAnswer', (ids) => ({ learnerId: ids.learnerId, checkId: '00000000-0000-4000-8000-0000000c4ec7', answers: [{ itemId: 'x', response: 'a' }] }), A_ONLY('not-found')),
  call('compliance.retrievalDecline', (ids) => ({ learnerId: ids.learnerId, courseId: COURSE }), A_ONLY()),
  call('compliance.whatChanged', (ids) => ({ learnerId: ids.learnerId, courseId: COURSE }), A_ONLY('conflict'), 'A has no completion to compare'),
  call('compliance.clauseCounts', () => ({}), ADMIN),
  call('requests.create', (ids) => ({ learnerId: ids.learnerId, aim: 'Share match results', audience: 'Parents', promotion: 'Newsletter', runners: 'PE department' }), A_ONLY()),
  call('requests.mine', (ids) => ({ learnerId: ids.learnerId }), A_ONLY()),
  call('requests.get', (ids) => ({ requestId: ids.requestId, learnerId: ids.learnerId }), A_ONLY(), 'the author’s own request'),
  call('requests.get', (ids) => ({ requestId: ids.requestId }), ADMIN, 'no learner named: the administrator’s'),
  call('requests.list', () => ({}), ADMIN),
  call('requests.rules', () => ({}), PUBLIC),
  call('lrs.status', () => ({}), ADMIN),
  call('lrs.configure', () => ({ on: false }), ADMIN),
  call('lrs.sendNow', () => ({}), ADMIN),
  call('lrs.retrySetAside', () => ({}), ADMIN),
  call('recordsFile.options', () => ({}), ADMIN),
  call('recordsFile.import', () => ({ uploads: [{ fileName: 'not-records.json', base64: Buffer.from('{}').toString('base64') }] }), ADMIN),
  call('recordsFile.origins', (ids) => ({ learnerId: ids.learnerId }), ADMIN),
  // The set-up flow last: it sets up the fresh PC.
  call('setup.complete', () => SETUP, answers('conflict', { 'before set-up': 'ok' })),
];

let pc: Harness;
let fresh: Harness;
let a: string;
let b: string;
let pupil: string;
let classOfA: string;

beforeAll(async () => {
  pc = startHarness();
  fresh = startHarness();
  expectOk(await pc.call('setup.complete', SETUP));
  b = (expectOk(await pc.call('learners.signIn', { name: 'Bea Baker', workEmail: 'bea@leap.example', school: SETUP.schools[1]!, role: 'support', pin: B_PIN })) as { learnerId: string }).learnerId;
  a = (expectOk(await pc.call('learners.signIn', { name: A_NAME, workEmail: 'alex@leap.example', school: SETUP.schools[0]!, role: 'teaching', pin: A_PIN })) as { learnerId: string }).learnerId;
  const start = { band: 'ks1', courseId: ks1().id, moduleId: ks1().modules[0]!.id, className: 'Oak 1' } as const;
  classOfA = (expectOk(await pc.call('classes.start', start)) as { classSessionId: string }).classSessionId;
  // A pupil, started from A's sign-in; in the 'pupil' role B supervises them.
  pupil = (expectOk(await pc.call('learners.startPupilSession', { firstName: 'Mia', initial: 'R', className: 'Ash 2', band: 'ks1' })) as { learnerId: string }).learnerId;
  expectOk(await pc.call('learners.signOut', {}));
});
afterAll(() => {
  pc?.stop();
  fresh?.stop();
});

/** Learner A's records as they stand now: an open attempt, a new-account request. */
function idsOfA(): Ids {
  const s = pc.started.services;
  const attempt = s.records.store.startAttempt(a, COURSE, MODULE);
  const requestId = s.requests.list(a)[0]?.requestId ?? s.requests.create(a, { aim: 'Aim', audience: 'Parents', promotion: 'Posters', runners: 'Office', platform: '', accountName: '' }).requestId;
  return { learnerId: a, attemptId: attempt.attemptId, nextSeq: attempt.nextSeq, requestId };
}

/** Who is at the keyboard, set in main's own state (no password typed: the guard alone is tested). */
function become(role: Role): Harness {
  if (role === 'before set-up') {
    fresh.started.services.session.clear();
    return fresh;
  }
  becomeRole(pc, role, { a, b, pupil });
  return pc;
}

describe('access declared in the contract, enforced once in the dispatcher', () => {
  it('has a case for every channel of the contract', () => {
    expect([...new Set(CASES.map((c) => c.channel))].sort()).toEqual([...channelNames].sort());
  });

  it.each(CASES.map((c) => [`${c.channel}${c.note ? ` (${c.note})` : ''}`, c] as const))('%s answers each caller as declared', async (_name, c) => {
    const got: string[] = [];
    for (const role of ROLES) {
      const ids = idsOfA();
      const h = become(role);
      const r = await h.call(c.channel, c.request(ids) as never);
      got.push(`${role}: ${r.ok ? 'ok' : r.error.code}`);
    }
    expect(got.join('\n')).toBe(ROLES.map((role) => `${role}: ${c.expected[role]}`).join('\n'));
  });
});

describe('what the access rules protect', () => {
  it('never hands learner B the drawn items of learner A’s attempt, nor anyone not signed in', async () => {
    const ids = idsOfA();
    for (const role of ['learner B', 'nobody'] as const) {
      const r = await become(role).call('content.module', { courseId: COURSE, moduleId: MODULE, attemptId: ids.attemptId });
      expect(r.ok ? 'ok' : r.error.message).toMatch(role === 'nobody' ? /sign in/i : /belongs to someone else/);
    }
  });

  it('keeps the computer the pupils’ between two pupil sessions: with no one signed in, the policy is still not shown until the teacher takes it back', async () => {
    become('pupil');
    pc.started.services.session.endPupil(); // the pupil is done; their teacher is still signed in underneath
    const between = await pc.call('content.policy', {});
    expect(between.ok ? 'ok' : between.error.message).toBe('This is not shown while pupils have this computer.');
    expect((await become('nobody').call('content.policy', {})).ok).toBe(true);
  });

  it('locks the admin area in main when a learner signs in', async () => {
    become('admin');
    expect(expectOk(await pc.call('admin.status', {}))).toMatchObject({ unlocked: true });
    expectOk(await pc.call('learners.signIn', { name: A_NAME, workEmail: 'alex@leap.example', school: SETUP.schools[0]!, role: 'teaching', pin: A_PIN }));
    expect(expectOk(await pc.call('admin.status', {}))).toMatchObject({ unlocked: false });
    expectOk(await pc.call('learners.signOut', {}));
    expect(expectOk(await pc.call('admin.status', {}))).toMatchObject({ unlocked: false });
  });

  it('tells each caller the admin area refuses why, in words they can act on', async () => {
    const says = async (role: Role) => {
      const r = await become(role).call('dashboard.summary', {});
      return r.ok ? 'ok' : r.error.message;
    };
    // A PC never set up (the table above set up `fresh`).
    const blank = startHarness();
    try {
      const r = await blank.call('dashboard.summary', {});
      expect(r.ok ? 'ok' : r.error.message).toBe('This computer is not set up yet: an administrator sets it up first.');
    } finally {
      blank.stop();
    }
    expect(await says('nobody')).toBe('The admin area is locked: sign in with the administrator password.');
    expect(await says('learner A')).toBe('A learner is signed in on this computer: the admin area is closed until they sign out.');
    expect(await says('pupil')).toMatch(/^A learner is signed in on this computer/);
    // Between two pupils the teacher is still signed in underneath: someone is at the keyboard.
    become('pupil');
    pc.started.services.session.endPupil();
    const between = await pc.call('dashboard.summary', {});
    expect(between.ok ? 'ok' : between.error.message).toMatch(/^A learner is signed in on this computer/);
  });

  it('says, on every other refusal, what is wrong and what to do', async () => {
    const NONE = '00000000-0000-4000-8000-00000000abcd';
    const cases: [Role, string, (ids: Ids) => Record<string, unknown>, string][] = [
      ['pupil', 'content.policy', () => ({}), 'This is not shown while pupils have this computer.'],
      ['learner A', 'learners.endPupilSession', () => ({}), 'No pupil session is running.'],
      ['nobody', 'learners.startPupilSession', () => ({ firstName: 'Mia', initial: 'R', className: 'Ash 2', band: 'ks1' }), 'A member of staff signs in first, then starts the pupil session.'],
      ['learner A', 'learners.resumeStaff', () => ({ pin: A_PIN }), 'No teacher is waiting to take this computer back: sign in.'],
      ['admin', 'setup.complete', () => SETUP, 'This computer is already set up; sign in to the admin area to change settings.'],
      ['learner B', 'attempts.commit', (ids) => ({ attemptId: ids.attemptId, seq: ids.nextSeq, cmi }), 'attemptId: that attempt belongs to someone else; only its owner can use it.'],
      ['learner B', 'requests.get', (ids) => ({ requestId: ids.requestId, learnerId: b }), 'requestId: that new-account request belongs to someone else; only its owner can use it.'],
      ['learner A', 'requests.get', (ids) => ({ requestId: NONE, learnerId: ids.learnerId }), `requestId: no new-account request ${NONE} on record`],
    ];
    for (const [role, channel, request, message] of cases) {
      const ids = idsOfA();
      const r = await become(role).call(channel as Channel, request(ids) as never);
      expect(r.ok ? 'ok' : r.error.message, `${role} calling ${channel}`).toBe(message);
    }
  });

  it('tells whoever is at a PC not set up that an administrator sets it up first, and lets nothing in before that', async () => {
    // A PC never set up (the table above set up `fresh`).
    const blank = startHarness();
    try {
      const says = async (channel: Channel, request: Record<string, unknown>): Promise<string> => {
        const r = await blank.call(channel, request as never);
        return r.ok ? 'ok' : `${r.error.code}: ${r.error.message}`;
      };
      const refused = 'not-set-up: This computer is not set up yet: an administrator sets it up first.';
      const staff = { name: A_NAME, workEmail: 'alex@leap.example', school: SETUP.schools[0]!, role: 'teaching', pin: A_PIN, pinAgain: A_PIN };
      expect(await says('learners.signIn', staff)).toBe(refused);
      expect(await says('learners.startPupilSession', { firstName: 'Mia', initial: 'R', className: 'Ash 2', band: 'ks1' })).toBe(refused);
      expect(await says('settings.set', { trustName: 'Not Yet Chosen Trust' })).toBe(refused);
      expect(await says('content.module', { courseId: COURSE, moduleId: MODULE, attemptId: '00000000-0000-4000-8000-000000000001' })).toBe(refused);
      // Twenty sign-ins at once: every one refused, no learner on record, and the settings untouched.
      const many = await Promise.all(Array.from({ length: 20 }, (_, n) => says('learners.signIn', { ...staff, workEmail: `p${n}@leap.example` })));
      expect(new Set(many)).toEqual(new Set([refused]));
      expect(blank.started.services.db.prepare('SELECT COUNT(*) AS n FROM learners').get()).toEqual({ n: 0 });
      expect(expectOk(await blank.call('settings.get', {}))).toMatchObject({ trustName: 'Leading Edge Academies Partnership', schools: [] });
      // The set-up flow itself is open, and afterwards the same sign-in is let in.
      expectOk(await blank.call('setup.complete', SETUP));
      expectOk(await blank.call('admin.lock', {}));
      expect(await says('learners.signIn', staff)).toBe('ok');
    } finally {
      blank.stop();
    }
  });

  it('refuses an attempt that does not exist as not found, before any handler runs', async () => {
    become('learner A');
    const r = await pc.call('attempts.commit', { attemptId: '00000000-0000-4000-8000-000000000000', seq: 1, cmi });
    expect(r.ok ? 'ok' : `${r.error.code}: ${r.error.message}`).toMatch(/^not-found: attemptId/);
  });
});
