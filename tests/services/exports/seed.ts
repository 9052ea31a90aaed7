import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { DatabaseSync } from 'node:sqlite';
import { openApp } from '@host/compose';
import type { Services } from '@host/services';
import { testBundle } from '@tests/helpers/bundle';
import type { AppEvent } from '@contract';
import { rawRecordsDb, withRawRecordsDb } from '@tests/helpers/records-db';

export const NOW = new Date('2026-11-20T10:00:00Z');

/** Ids fixed so expected rows can be written out in full. */
export const IDS = {
  ada: '11111111-1111-4111-8111-111111111111',
  ben: '22222222-2222-4222-8222-222222222222',
  cy: '33333333-3333-4333-8333-333333333333',
  pupil: '44444444-4444-4444-8444-444444444444',
  adaIntro: 'aaaaaaaa-0000-4000-8000-000000000001',
  adaPass: 'aaaaaaaa-0000-4000-8000-000000000002',
  benFail: 'bbbbbbbb-0000-4000-8000-000000000001',
  cyIntro: 'cccccccc-0000-4000-8000-000000000001',
  pupilLesson: 'dddddddd-0000-4000-8000-000000000001',
} as const;

export interface Seeded {
  services: Services;
  dataDir: string;
  /** A folder outside the data folder for the exports (never written inside it). */
  outDir: string;
  events: AppEvent[];
  /** TEST ONLY: a raw connection of the test's own (tests/helpers/records-db.ts), for rows put in behind the app's back. */
  rawDb: DatabaseSync;
  stop(): void;
}

export function insertLearner(db: DatabaseSync, l: { id: string; name: string; email: string | null; staffId: string | null; school: string; role: string; at: string }): void {
  db.prepare(
    `INSERT INTO learners (id, kind, name, work_email, staff_id, school, role, first_sign_in_at, last_seen_at) VALUES (?, 'staff', ?, ?, ?, ?, ?, ?, ?)`,
  ).run(l.id, l.name, l.email, l.staffId, l.school, l.role, l.at, l.at);
}

export function insertAttempt(
  db: DatabaseSync,
  a: { id: string; learner: string; course?: string; module: string; status: string; score: number | null; started: string; finished: string | null; cmi: object | null; version?: string },
): void {
  db.prepare(
    `INSERT INTO attempts (id, learner_id, course_id, module_id, content_version, policy_version_label, scorm_version, drawn_item_ids,
       started_at, updated_at, finished_at, status, score_percent, correct, total, cmi)
     VALUES (?, ?, ?, ?, '1.0.0', '2.0', ?, '[]', ?, ?, ?, ?, ?, 0, 0, ?)`,
  ).run(a.id, a.learner, a.course ?? 'staff-induction', a.module, a.version ?? 'scorm2004', a.started, a.finished ?? a.started, a.finished, a.status, a.score, a.cmi ? JSON.stringify(a.cmi) : null);
}

/** A passed SCORM 2004 assessment as the player reports it (two of its interactions). */
export const PASS_CMI = {
  version: 'scorm2004',
  data: {
    'cmi.completion_status': 'completed',
    'cmi.success_status': 'passed',
    'cmi.score.scaled': '0.9167',
    'cmi.score.raw': '11',
    'cmi.score.min': '0',
    'cmi.score.max': '12',
    'cmi.session_time': 'PT14M5S',
    'cmi.total_time': 'PT21M30S',
    'cmi.exit': 'normal',
    'cmi.location': 'q12',
    'cmi.suspend_data': 'v1|d:a,b|p:12',
    'cmi.learner_id': IDS.ada,
    'cmi.learner_name': 'Lovelace, Ada',
    'cmi.interactions.0.id': 'item-one__staff.1',
    'cmi.interactions.0.type': 'choice',
    'cmi.interactions.0.learner_response': 'b',
    'cmi.interactions.0.correct_responses.0.pattern': 'b',
    'cmi.interactions.0.result': 'correct',
    'cmi.interactions.0.timestamp': '2026-10-01T09:05:00Z',
    'cmi.interactions.0.latency': 'PT35S',
    'cmi.interactions.0.description': 'A parent sends a friend request',
    'cmi.interactions.1.id': 'item-two__staff.2',
    'cmi.interactions.1.type': 'true-false',
    'cmi.interactions.1.learner_response': 'false',
    'cmi.interactions.1.correct_responses.0.pattern': 'true',
    'cmi.interactions.1.result': 'incorrect',
    'cmi.interactions.1.timestamp': '2026-10-01T09:06:10Z',
    'cmi.interactions.1.latency': 'PT1M2.5S',
  },
};

/**
 * A real records store (openApp: migrations, the records service) with three staff members
 * and a pupil, written in the records schema's own rows:
 * - Ada: intro lesson completed, assessment passed 91.67 % and acknowledged (policy "2.0");
 * - Ben: staff id only, a name and school that look like formulas, assessment failed;
 * - Cy: intro lesson in progress;
 * - a pupil with a finished KS2 lesson (must never reach an HR export).
 */
export function seedStore(): Seeded {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'exports-test-'));
  const outDir = mkdtempSync(path.join(os.tmpdir(), 'exports-out-'));
  const services = openApp({ defaultDataDir: dataDir, appVersion: '9.9.9-test', bundle: testBundle(), clock: () => new Date(NOW), recordsMaintenance: false }).services;
  const events: AppEvent[] = [];
  services.emit = (e) => events.push(e);
  seedRows(services);
  const rawDb = rawRecordsDb(dataDir);
  return {
    services,
    dataDir,
    outDir,
    events,
    rawDb,
    stop: () => {
      rawDb.close();
      services.close();
      rmSync(dataDir, { recursive: true, force: true });
      rmSync(outDir, { recursive: true, force: true });
    },
  };
}

/** The settings and rows above, into any services' store. */
export function seedRows(services: Services): void {
  services.settings.set({
    policyVersionLabel: '2.0',
    lms: {
      usernameField: 'workEmail',
      homePage: 'https://lms.leap.example',
      courses: {
        assessment: { shortName: 'SMP-ASSESS', idNumber: 'SMP01' },
        'introduction-scope': { shortName: 'SMP-INTRO', idNumber: 'SMP00' },
      },
    },
  });
  withRawRecordsDb(services.dataDir, (db) => insertRows(db));
}

function insertRows(db: DatabaseSync): void {
  db.exec('BEGIN');
  insertLearner(db, { id: IDS.ada, name: 'Ada Lovelace', email: 'ada@leap.example', staffId: null, school: 'Hayle Academy', role: 'teaching', at: '2026-09-30T08:00:00Z' });
  insertLearner(db, { id: IDS.ben, name: '=HYPERLINK("http://x","y")', email: null, staffId: 'S-100', school: '+Mounts Bay, "Penzance"', role: 'support', at: '2026-10-02T08:00:00Z' });
  insertLearner(db, { id: IDS.cy, name: '@Cy Tab', email: 'cy@leap.example', staffId: null, school: '-Minus School', role: 'volunteer', at: '2026-11-01T08:00:00Z' });
  db.prepare(
    `INSERT INTO learners (id, kind, first_name, initial, class_name, band, first_sign_in_at, last_seen_at) VALUES (?, 'pupil', 'Pip', 'Q', '5B', 'ks2', ?, ?)`,
  ).run(IDS.pupil, '2026-10-05T09:00:00Z', '2026-10-05T09:00:00Z');

  insertAttempt(db, { id: IDS.adaIntro, learner: IDS.ada, module: 'introduction-scope', status: 'completed', score: null, started: '2026-09-30T08:10:00Z', finished: '2026-09-30T08:20:00Z', cmi: { version: 'scorm2004', data: { 'cmi.completion_status': 'completed', 'cmi.session_time': 'PT10M' } } });
  // 23:30 UTC on 30 Sep is 00:30 on 1 Oct in London: the completion date must say 1 October.
  insertAttempt(db, { id: IDS.adaPass, learner: IDS.ada, module: 'assessment', status: 'passed', score: 91.67, started: '2026-09-30T23:00:00Z', finished: '2026-09-30T23:30:00Z', cmi: PASS_CMI });
  db.prepare(
    `INSERT INTO acknowledgements (learner_id, course_id, attempt_id, policy_version_label, content_version, acknowledged_at) VALUES (?, 'staff-induction', ?, '2.0', '1.0.0', ?)`,
  ).run(IDS.ada, IDS.adaPass, '2026-09-30T23:31:00Z');
  insertAttempt(db, {
    id: IDS.benFail,
    learner: IDS.ben,
    module: 'assessment',
    status: 'failed',
    score: 50,
    started: '2026-10-03T10:00:00Z',
    finished: '2026-10-03T10:20:00Z',
    version: 'scorm12',
    cmi: { version: 'scorm12', data: { 'cmi.core.lesson_status': 'failed', 'cmi.core.score.raw': '50', 'cmi.core.total_time': '0000:20:00', 'cmi.interactions.0.id': 'item-three__staff.3', 'cmi.interactions.0.type': 'choice', 'cmi.interactions.0.student_response': 'a', 'cmi.interactions.0.result': 'wrong', 'cmi.interactions.0.time': '10:05:00' } },
  });
  insertAttempt(db, { id: IDS.cyIntro, learner: IDS.cy, module: 'introduction-scope', status: 'in-progress', score: null, started: '2026-11-02T08:10:00Z', finished: null, cmi: { version: 'scorm2004', data: { 'cmi.completion_status': 'incomplete', 'cmi.location': 's2' } } });
  insertAttempt(db, { id: IDS.pupilLesson, learner: IDS.pupil, course: 'pupils-ks2', module: 'my-profile', status: 'completed', score: null, started: '2026-10-05T09:05:00Z', finished: '2026-10-05T09:15:00Z', cmi: null });
  db.exec('COMMIT');
}
