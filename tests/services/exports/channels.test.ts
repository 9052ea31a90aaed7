import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { unzipSync } from 'fflate';
import { openApp, type App } from '@host/compose';
import type { Channel, RequestOf, Result } from '@contract';
import type { DocumentReply, ExportRunReply } from '@contract/channels/exports';
import { testBundle } from '@tests/helpers/bundle';
import { IDS, NOW, seedRows } from './seed';
import { pdfTextOf } from '@tests/helpers/pdf';

const PASSWORD = 'correct horse battery staple';
let dataDir: string;
let outDir: string;
let started: App;
const call = <C extends Channel>(channel: C, request: RequestOf<C>): Promise<Result<unknown>> => started.dispatch(channel, request, { transport: 'http' });
const ok = <T>(r: Result<unknown>): T => {
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value as T;
};
const auditCount = (): number => (started.services.db.prepare("SELECT COUNT(*) AS n FROM audit_log WHERE action IN ('export', 'certificate')").get() as { n: number }).n;

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'exports-channels-'));
  outDir = mkdtempSync(path.join(os.tmpdir(), 'exports-channels-out-'));
  started = openApp({ argv: ['--data', dataDir], env: {}, defaultDataDir: dataDir, appVersion: '0.0.0-test', bundle: testBundle(), clock: () => new Date(NOW) });
  seedRows(started.services);
});
afterAll(() => {
  started.services.close();
  rmSync(dataDir, { recursive: true, force: true });
  rmSync(outDir, { recursive: true, force: true });
});

describe('exports through the contract', () => {
  it('refuses before set-up and while the admin area is locked', async () => {
    const before = await call('exports.run', { format: 'csv' });
    expect(before.ok ? null : before.error.code).toBe('not-set-up');
    ok(await call('setup.complete', { trustName: 'Leading Edge Academies Partnership', schools: ['Hayle Academy'], policyVersionLabel: '2.0', adminPassword: PASSWORD }));
    ok(await call('admin.lock', {}));
    for (const [channel, request] of [
      ['exports.run', { format: 'totara' }],
      ['exports.options', {}],
      ['exports.certificate', { learnerId: IDS.ada, courseId: 'staff-induction' }],
    ] as const) {
      const r = await call(channel, request as never);
      expect(r.ok ? null : r.error.code, channel).toBe('forbidden');
    }
    expect(auditCount()).toBe(0);
  });

  it('hands the preview its files as downloads once unlocked, and refuses options that do not apply', async () => {
    ok(await call('admin.unlock', { password: PASSWORD }));
    const options = ok<{ delivery: string; formats: unknown[] }>(await call('exports.options', {}));
    expect(options.delivery).toBe('download');
    expect(options.formats).toHaveLength(8);
    const r = ok<ExportRunReply>(await call('exports.run', { format: 'totara' }));
    expect(r).toMatchObject({ cancelled: false, savedTo: [], rows: 2, format: 'totara' });
    expect(r.downloads).toHaveLength(1);
    expect(r.downloads[0]!.fileName).toBe('totara-completions-2026-11-20.csv');
    expect(Buffer.from(r.downloads[0]!.base64, 'base64').toString('utf8')).toBe(
      'username,courseshortname,courseidnumber,completiondate,grade\r\nada@leap.example,SMP-INTRO,SMP00,2026-09-30,100\r\nada@leap.example,SMP-ASSESS,SMP01,2026-10-01,91.67\r\n',
    );
    const zip = ok<ExportRunReply>(await call('exports.run', { format: 'scorm2004', courseId: 'pupils-ks1' }));
    expect(Object.keys(unzipSync(Buffer.from(zip.downloads[0]!.base64, 'base64')))).toContain('imsmanifest.xml');
    const wrong = await call('exports.run', { format: 'csv', perModule: true });
    expect(wrong.ok ? null : wrong.error.code).toBe('invalid-request');
    expect(auditCount()).toBe(2);
  });

  it('writes where main’s save dialog says in the app, and nothing when the user cancels', async () => {
    const out = path.join(outDir, 'picked.csv');
    const asked: unknown[] = [];
    started.services.exports.chooseDestination = async (s) => {
      asked.push(s);
      return asked.length === 1 ? out : null;
    };
    try {
      const r = ok<ExportRunReply>(await call('exports.run', { format: 'csv' }));
      expect(r.savedTo).toEqual([out]);
      expect(r.downloads).toEqual([]);
      expect(readFileSync(out, 'utf8')).toContain('Ada Lovelace');
      expect(asked[0]).toEqual({ fileName: 'results-2026-11-20.csv', folder: false, extension: 'csv', label: 'Results (CSV)' });
      const before = auditCount();
      const cancelled = ok<ExportRunReply>(await call('exports.run', { format: 'xapi' }));
      expect(cancelled.cancelled).toBe(true);
      expect(auditCount()).toBe(before);
    } finally {
      started.services.exports.chooseDestination = null;
    }
  });

  it('issues a certificate as PDF only for a current completion, never for a pupil', async () => {
    const cert = ok<DocumentReply>(await call('exports.certificate', { learnerId: IDS.ada, courseId: 'staff-induction' }));
    const pdf = await pdfTextOf(cert.download!.base64);
    expect(pdf).toContain('Ada Lovelace');
    expect(pdf).toContain('1 October 2027'); // valid until: a year after the pass
    expect(cert.html).toContain('Certificate of completion');
    const failed = await call('exports.certificate', { learnerId: IDS.ben, courseId: 'staff-induction' });
    expect(failed.ok ? null : failed.error.code).toBe('conflict');
    const pupil = await call('exports.certificate', { learnerId: IDS.pupil, courseId: 'staff-induction' });
    expect(pupil.ok ? null : pupil.error.code).toBe('not-found');
  });

  it('prints a saved new-account request as the rationale PDF for the administrator', async () => {
    const saved = started.services.requests.create(IDS.ada, {
      aim: 'Share match results of the Year 8 football team',
      audience: 'Parents and pupils of Hayle Academy',
      promotion: 'The school newsletter',
      runners: 'Mr Jones (PE) and the office manager',
      platform: 'X (Twitter)',
      accountName: 'Hayle Football',
    });
    const doc = ok<DocumentReply>(await call('exports.rationale', { requestId: saved.requestId }));
    const pdf = await pdfTextOf(doc.download!.base64);
    expect(pdf).toContain('1. The aim of the account');
    expect(pdf).toContain('Share match results of the Year 8 football team');
    expect(pdf).toContain('PLATFORM X (Twitter)'); // the same facts as the request's own page
    expect(pdf).toContain(`REFERENCE ${saved.requestId}`);
    expect(doc.fileName.endsWith('.pdf')).toBe(true);
    // A learner who is not signed in as the author is refused.
    const other = await call('exports.rationale', { requestId: saved.requestId, learnerId: IDS.cy });
    expect(other.ok).toBe(false);
  });
});
