import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BANDS } from '@content/schema/index';
import { LESSON_MAX_MINUTES, STAFF_BANK, analyse, compileContent, formatDiagnostic, loadBundle } from '@content/tools/index';
import { keyMismatches } from './answer-key-props';

// The done-when of issue 3: the real content passes every check, and the figures meet the brief.
const ROOT = resolve(__dirname, '../..');
const compiled = compileContent();
const { report, diagnostics } = analyse(compiled);

describe('the real content', () => {
  it('passes content:check', () => {
    expect(diagnostics.map((d) => formatDiagnostic(d, ROOT))).toEqual([]);
  });

  it('records the policy exactly as its document-control table says', () => {
    expect(compiled.registry?.policy).toMatchObject({ edition: '0.1', approved: 'March 2023', nextReview: 'Summer 2024', lastReview: 'N/A New Policy' });
    const pupil = compiled.registry?.clauses.filter((c) => c.audiences.includes('pupil')).map((c) => c.id);
    expect(pupil).toEqual([
      'pupil-use.personal-details',
      'pupil-use.known-friends',
      'pupil-use.meeting',
      'pupil-use.passwords',
      'pupil-use.age-appropriate',
      'pupil-use.block-report',
      'pupil-use.report-concerns',
    ]);
  });

  it('teaches and assesses every staff clause', () => {
    const s = report.clauses.staff;
    expect(s.total).toBeGreaterThan(70);
    expect([s.taught, s.assessed]).toEqual([s.total, s.total]);
  });

  it('teaches and checks every pupil clause in every band', () => {
    for (const band of BANDS) expect(report.clauses.pupil.byBand[band], band).toMatchObject({ taught: 7, assessed: 7 });
  });

  it('meets the staff bank figures of the brief', () => {
    const s = report.staff;
    expect(s.items).toBeGreaterThanOrEqual(STAFF_BANK.minItems);
    expect(s.branching).toBeGreaterThanOrEqual(STAFF_BANK.minBranching);
    expect(s.escalationShare).toBeGreaterThanOrEqual(STAFF_BANK.minEscalateShare);
    expect(s.fineShare).toBeGreaterThanOrEqual(STAFF_BANK.minFineShare);
    expect(s.sectionsAssessed).toBe(s.sections);
    expect(s.sections).toBe(12);
  });

  it('keeps every pupil lesson within its minutes and readability caps', () => {
    for (const band of BANDS) {
      const b = report.pupils[band];
      expect(b.lessons, band).toBeGreaterThan(0);
      expect(b.maxMinutes, band).toBeLessThanOrEqual(LESSON_MAX_MINUTES[band]);
      expect(b.readability.length, band).toBeGreaterThanOrEqual(b.lessons);
      for (const r of b.readability) expect(r.op === 'max' ? r.value <= r.cap : r.value >= r.cap, `${band} ${r.lesson} ${r.formula} ${r.value}`).toBe(true);
    }
    for (const r of report.staff.readability) expect(r.value, r.lesson).toBeLessThanOrEqual(r.cap);
  });

  it('has an answer key that scores every authored answer as the author meant', () => {
    const bundle = compiled.bundle;
    const items = bundle?.courses.flatMap((c) => [...c.bank, ...c.modules.flatMap((m) => m.questions ?? [])]) ?? [];
    expect(items.length).toBe(Object.keys(bundle?.answerKey ?? {}).length);
    expect(keyMismatches(items, bundle?.answerKey ?? {})).toEqual([]);
  });

  it('builds with npm run content:build and loads back as the same bundle', () => {
    const out = join(mkdtempSync(join(tmpdir(), 'content-build-')), 'bundle.json');
    const run = spawnSync(join(ROOT, 'node_modules/.bin/tsx'), ['content/tools/build.ts', '--out', out], { cwd: ROOT, encoding: 'utf8' });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(loadBundle(out)).toEqual(compiled.bundle);
  });
});
