import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Scorm12API, Scorm2004API } from 'scorm-again';
import { checkCmiElement, parseCmiTimespan, parseIsoDuration } from '@content/scorm';
import { RESULTS_HEADER } from '@services/exports/formats/results-csv';
import { IDS, seedStore, type Seeded } from './seed';

let s: Seeded;
beforeEach(() => {
  s = seedStore();
});
afterEach(() => s.stop());

const run = async (format: 'csv' | 'totara' | 'xapi' | 'cmi12' | 'cmi2004', name = format) => {
  const out = path.join(s.outDir, name);
  const outcome = await s.services.exports.run({ format }, out, 'admin');
  return { outcome, bytes: readFileSync(out), text: readFileSync(out, 'utf8') };
};

describe('results CSV', () => {
  it('has a BOM for Excel, the exact header, CRLF records and one row per staff member and assigned module', async () => {
    const { bytes, text, outcome } = await run('csv');
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = text.slice(1).split('\r\n');
    expect(lines[0]).toBe(RESULTS_HEADER.join(','));
    expect(lines.at(-1)).toBe('');
    const rows = lines.slice(1, -1);
    const bundle = s.services.bundle.courses.find((c) => c.id === 'staff-induction')!;
    const expected = (['teaching', 'support', 'volunteer'] as const).reduce((n, role) => n + bundle.roles![role]!.modules.length, 0);
    expect(rows).toHaveLength(expected);
    expect(outcome.rows).toBe(expected);
  });

  it('writes the pass with London dates, score, acknowledged version and expiry exactly', async () => {
    const { text } = await run('csv');
    const title = s.services.bundle.courses.find((c) => c.id === 'staff-induction')!.modules.find((m) => m.id === 'assessment')!.title;
    expect(text).toContain(
      `\r\n${IDS.ada},Ada Lovelace,ada@leap.example,,Hayle Academy,teaching,staff-induction,assessment,${title},passed,91.67,1,2026-10-01,2026-10-01,2026-10-01,2.0,,2027-10-01\r\n`,
    );
  });

  it('neutralises every text cell that starts with = + - @ and quotes commas and quotes', async () => {
    const { text } = await run('csv');
    const ben = text.split('\r\n').find((l) => l.startsWith(IDS.ben) && l.includes(',assessment,'));
    expect(ben).toBe(
      `${IDS.ben},"'=HYPERLINK(""http://x"",""y"")",,S-100,"'+Mounts Bay, ""Penzance""",support,staff-induction,assessment,Assessment,failed,50,1,2026-10-03,2026-10-03,,,2026-10-16,`,
    );
    const cy = text.split('\r\n').find((l) => l.startsWith(IDS.cy) && l.includes(',introduction-scope,'));
    expect(cy).toContain(`,'@Cy Tab,cy@leap.example,,'-Minus School,volunteer,`);
    // No cell anywhere begins with a formula character.
    for (const line of text.slice(1).split('\r\n')) {
      for (const cell of line.split(',')) expect(cell).not.toMatch(/^"?[=+\-@\t]/);
    }
  });

  it('never contains a pupil', async () => {
    const { text } = await run('csv');
    expect(text).not.toContain(IDS.pupil);
    expect(text).not.toContain('Pip');
    expect(text).not.toContain('pupils-ks2');
  });
});

describe('Totara completion upload', () => {
  it('is UTF-8 without a BOM, the exact header, only completed-and-acknowledged modules with YYYY-MM-DD and a 0–100 grade', async () => {
    const { bytes, text } = await run('totara');
    expect(bytes[0]).toBe(0x75); // 'u' of username: no BOM
    expect(text).toBe(
      'username,courseshortname,courseidnumber,completiondate,grade\r\n' +
        'ada@leap.example,SMP-INTRO,SMP00,2026-09-30,100\r\n' +
        'ada@leap.example,SMP-ASSESS,SMP01,2026-10-01,91.67\r\n',
    );
  });

  it('uses the staff id when that is the username field, and names what it left out', async () => {
    s.services.settings.set({ lms: { ...s.services.settings.get().lms, usernameField: 'staffId' } });
    const { text, outcome } = await run('totara');
    expect(text).toBe('username,courseshortname,courseidnumber,completiondate,grade\r\n');
    expect(outcome.skipped).toEqual({ 'no-username': 2 });
  });
});

describe('one audit entry and progress per export', () => {
  it('logs each export once, with its format and row count, and reports progress to the end', async () => {
    const before = (s.rawDb.prepare("SELECT COUNT(*) AS n FROM audit_log WHERE action = 'export'").get() as { n: number }).n;
    const { outcome } = await run('csv');
    const rows = s.rawDb.prepare("SELECT actor, detail FROM audit_log WHERE action = 'export'").all() as { actor: string; detail: string }[];
    expect(rows).toHaveLength(before + 1);
    const detail = JSON.parse(rows.at(-1)!.detail) as { format: string; rows: number; exportId: string };
    expect(rows.at(-1)!.actor).toBe('admin');
    expect(detail).toMatchObject({ format: 'csv', rows: outcome.rows, exportId: outcome.exportId });
    const progress = s.events.filter((e) => e.type === 'export.progress' && e.exportId === outcome.exportId);
    expect(progress.at(-1)).toMatchObject({ done: 3, total: 3 });
  });
});

describe('cmi JSON per attempt', () => {
  it.each([
    ['cmi2004', 'scorm2004'],
    ['cmi12', 'scorm12'],
  ] as const)('%s: every attempt loads into real scorm-again and reads back the same values', async (format, version) => {
    const { text } = await run(format);
    const doc = JSON.parse(text) as { scormVersion: string; attempts: { attemptId: string; json: Record<string, unknown>; omitted: string[] }[] };
    expect(doc.scormVersion).toBe(version);
    expect(doc.attempts.map((a) => a.attemptId).sort()).toEqual([IDS.adaIntro, IDS.adaPass, IDS.benFail, IDS.cyIntro].sort());
    for (const a of doc.attempts) {
      const mine = flattened(a.json);
      for (const [k, v] of Object.entries(mine)) expect(checkCmiElement(version, k, v), k).toBeNull();
      if (version === 'scorm2004') {
        const api = new Scorm2004API({ logLevel: 5 });
        api.loadFromJSON(a.json);
        expect(api.lastErrorCode).toBe('0');
        expect(api.Initialize('')).toBe('true');
        for (const [k, v] of Object.entries(mine)) {
          // session_time and exit are write-only: read them from the data model itself.
          const got = WRITE_ONLY.has(k) ? (api.getFlattenedCMI() as Record<string, string>)[k] : api.GetValue(k);
          expect(same(k, String(got), v), `${k}: ${String(got)} vs ${v}`).toBe(true);
        }
      } else {
        const api = new Scorm12API({ logLevel: 5, mastery_override: false });
        api.loadFromJSON(a.json);
        expect(api.lastErrorCode).toBe('0');
        expect(api.lmsInitialize()).toBe('true');
        for (const [k, v] of Object.entries(mine)) {
          // SCORM 1.2 interactions are write-only too.
          const got = WRITE_ONLY.has(k) || k.startsWith('cmi.interactions.') ? (api.getFlattenedCMI() as Record<string, string>)[k] : api.lmsGetValue(k);
          expect(same(k, String(got), v), `${k}: ${String(got)} vs ${v}`).toBe(true);
        }
      }
    }
    const pass = doc.attempts.find((a) => a.attemptId === IDS.adaPass)!;
    const flat = flattened(pass.json);
    if (version === 'scorm12') {
      expect(flat).toMatchObject({
        'cmi.core.lesson_status': 'passed',
        'cmi.core.score.raw': '91.67',
        'cmi.core.total_time': '0000:21:30',
        'cmi.interactions.1.student_response': 'f',
        'cmi.interactions.1.result': 'wrong',
        'cmi.interactions.0.time': '09:05:00',
      });
    } else {
      expect(flat).toMatchObject({ 'cmi.success_status': 'passed', 'cmi.score.scaled': '0.9167', 'cmi.interactions.1.result': 'incorrect' });
      const ben = flattened(doc.attempts.find((a) => a.attemptId === IDS.benFail)!.json);
      // Recorded in 1.2: converted, with the time of day placed on the attempt's own date (the
      // learner's clock, so no zone is claimed).
      expect(ben).toMatchObject({ 'cmi.success_status': 'failed', 'cmi.score.scaled': '0.5', 'cmi.interactions.0.result': 'incorrect', 'cmi.interactions.0.timestamp': '2026-10-03T10:05:00' });
    }
  });
});

const WRITE_ONLY = new Set(['cmi.session_time', 'cmi.exit', 'cmi.core.session_time', 'cmi.core.exit']);

/** Equal values; times compared as durations (scorm-again writes 0000:20:00 back as 00:20:00). */
function same(key: string, got: string, want: string): boolean {
  if (/(time|latency)$/.test(key) && !/interactions\.\d+\.time$/.test(key)) {
    const ms = (t: string): number | null => parseCmiTimespan(t) ?? parseIsoDuration(t);
    return ms(got) !== null && ms(got) === ms(want);
  }
  return got === want;
}

/** Nested loadFromJSON input back to flattened SCORM names. */
function flattened(node: unknown, prefix = ''): Record<string, string> {
  const out: Record<string, string> = {};
  if (typeof node === 'string') {
    out[prefix] = node;
    return out;
  }
  const entries = Array.isArray(node) ? node.map((v, i) => [String(i), v] as const) : Object.entries(node as Record<string, unknown>);
  for (const [k, v] of entries) Object.assign(out, flattened(v, prefix ? `${prefix}.${k}` : k));
  return out;
}
