import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import type { Channel, RequestOf, Result } from '@contract';
import type { DocumentReply } from '@contract/channels/exports';
import { attemptPrefixOf, certificateNumber } from '@services/exports/documents/certificate-number';
import { certificateFacts } from '@services/exports/documents/certificate';
import { RecordsExportSource } from '@services/exports/plumbing/source';
import { pdfTextOf } from '@tests/helpers/pdf';
import { IDS, NOW, seedStore, type Seeded } from './seed';

describe('certificate numbers', () => {
  it('stand for the pass they were issued for, and type back with the usual slips forgiven', () => {
    for (let i = 0; i < 200; i++) {
      const id = randomUUID();
      const n = certificateNumber(id);
      expect(n).toMatch(/^[0-9A-HJKMNP-TV-Z]{5}-[0-9A-HJKMNP-TV-Z]{5}-[0-9A-HJKMNP-TV-Z]$/);
      expect(attemptPrefixOf(n)).toBe(id.slice(0, 13));
      expect(attemptPrefixOf(` ${n.toLowerCase().replace(/-/g, ' ')} `)).toBe(id.slice(0, 13));
    }
    expect(certificateNumber(IDS.adaPass)).toBe(certificateNumber(IDS.adaPass)); // always the same for one pass
  });

  it('catch a mistyped character or two swapped neighbours, and refuse what is not a number', () => {
    const n = certificateNumber(IDS.adaPass).replace(/-/g, '');
    const alphabet = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
    for (let i = 0; i < 11; i++) {
      for (const c of alphabet) {
        if (c === n[i]) continue;
        expect(attemptPrefixOf(n.slice(0, i) + c + n.slice(i + 1)), `${i}:${c}`).toBeNull();
      }
    }
    for (let i = 0; i < 10; i++) {
      if (n[i] === n[i + 1]) continue;
      expect(attemptPrefixOf(n.slice(0, i) + n[i + 1] + n[i] + n.slice(i + 2)), `swap ${i}`).toBeNull();
    }
    for (const bad of ['', 'hello', '12345', `${n}0`, '<script>', 'U'.repeat(11)]) expect(attemptPrefixOf(bad), bad).toBeNull();
  });
});

describe('a certificate the administrator can look up on the PC', () => {
  let s: Seeded;
  let dispatch: <C extends Channel>(channel: C, request: RequestOf<C>) => Promise<Result<unknown>>;
  beforeEach(async () => {
    s = seedStore();
    const { dispatchFor } = await import('@host/compose');
    const d = dispatchFor(s.services);
    dispatch = (channel, request) => d(channel, request, { transport: 'ipc' });
    expect((await dispatch('setup.complete', { trustName: 'Leading Edge Academies Partnership', schools: ['Hayle Academy'], policyVersionLabel: '2.0', adminPassword: 'correct horse battery staple' })).ok).toBe(true);
  });
  afterEach(() => s.stop());

  it('prints the number, the school and role, the course in plain words, never an id', async () => {
    const r = await dispatch('exports.certificate', { learnerId: IDS.ada, courseId: 'staff-induction' });
    const cert = (r as { value: DocumentReply }).value;
    const text = await pdfTextOf(cert.download!.base64);
    const number = certificateNumber(IDS.adaPass);
    expect(text).toContain(`CERTIFICATE NUMBER ${number}`);
    expect(text).toContain('Ada Lovelace');
    expect(text).toContain('Teaching staff at Hayle Academy');
    expect(text).toContain('has completed the staff induction on the Leading Edge Academies Partnership');
    expect(text).toContain('passing its assessment with 92% on 1 October 2026, and acknowledged version 2.0 of the policy on 1 October 2026');
    expect(text).toContain('VALID UNTIL 1 October 2027');
    for (const id of [IDS.adaPass, IDS.ada, 'staff-induction', 'content version', '1.0.0']) expect(text, id).not.toContain(id);
    expect(cert.fileName).toBe(`certificate-Ada-Lovelace-${number}.pdf`);
    expect(cert.html).toContain(number);
  });

  it('looks the number up: who, what and whether it still stands; a slip or an unknown number says so plainly', async () => {
    const number = certificateNumber(IDS.adaPass);
    const found = (await dispatch('exports.certificateLookup', { number: number.toLowerCase() })) as { ok: true; value: { certificate: Record<string, unknown> | null; problem: string | null } };
    expect(found.value.problem).toBeNull();
    expect(found.value.certificate).toMatchObject({ number, name: 'Ada Lovelace', school: 'Hayle Academy', role: 'Teaching staff', standing: 'valid', validUntil: '1 October 2027', score: 92 });
    const slip = (await dispatch('exports.certificateLookup', { number: number.replace(/.$/, (c) => (c === '0' ? '1' : '0')) })) as { ok: true; value: { certificate: null; problem: string } };
    expect(slip.value.problem).toContain('is not a certificate number');
    const other = (await dispatch('exports.certificateLookup', { number: certificateNumber(randomUUID()) })) as { ok: true; value: { certificate: null; problem: string } };
    expect(other.value.problem).toContain('No certificate with this number');
    // Ben failed: his attempt's number finds nothing. Locked: refused.
    const ben = (await dispatch('exports.certificateLookup', { number: certificateNumber(IDS.benFail) })) as { ok: true; value: { certificate: null } };
    expect(ben.value.certificate).toBeNull();
    expect((await dispatch('admin.lock', {})).ok).toBe(true);
    const locked = await dispatch('exports.certificateLookup', { number });
    expect(locked.ok ? 'answered' : locked.error.code).toBe('forbidden');
  });

  it('says when a certificate has expired', () => {
    const source = RecordsExportSource.inDataDir(s.dataDir, { withCmi: false });
    try {
      const ada = source.staffMember(IDS.ada)!;
      const later = new Date(NOW.getTime() + 400 * 86_400_000);
      const f = certificateFacts(ada, 'staff-induction', s.services.bundle, s.services.settings.get(), later, IDS.adaPass);
      expect(f.standing).toBe('expired');
      expect(f.standingText).toContain('Expired on 1 October 2027');
    } finally {
      source.close();
    }
  });
});
