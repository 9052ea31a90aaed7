import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Bundle, interactionId } from '@content/schema/index';
import { ContentError, compileContent, loadBundle } from '@content/tools/index';
import { keyMismatches } from './answer-key-props';
import { FIXTURE_OPTIONS, VALID, brokenRoot } from './fixture';

const ROOT = resolve(__dirname, '../..');
const tsx = (args: string[]) => spawnSync(join(ROOT, 'node_modules/.bin/tsx'), args, { cwd: ROOT, encoding: 'utf8' });

describe('the compiled bundle', () => {
  const compiled = compileContent(VALID);
  const bundle = compiled.bundle;

  it('validates against the Bundle schema and keeps course and module order', () => {
    expect(bundle).not.toBeNull();
    expect(Bundle.parse(bundle)).toEqual(bundle);
    expect(bundle?.courses.map((c) => c.id)).toEqual(['pupils-ks1', 'staff-mini']);
    expect(bundle?.courses[1]?.modules.map((m) => m.id)).toEqual(['basics', 'check']);
    expect(bundle?.policy).toMatchObject({ edition: '0.1', approved: 'March 2023', nextReview: 'Summer 2024' });
    expect(bundle?.builtFrom.files).toBe(8);
  });

  it('carries an answer key that scores every authored answer as the author meant', () => {
    const items = bundle?.courses.flatMap((c) => [...c.bank, ...c.modules.flatMap((m) => m.questions ?? [])]) ?? [];
    expect(items).toHaveLength(7);
    expect(Object.keys(bundle?.answerKey ?? {}).sort()).toEqual(items.map((i) => i.id).sort());
    expect(keyMismatches(items, bundle?.answerKey ?? {})).toEqual([]);
    for (const item of items) expect(interactionId(item)).toMatch(/^[a-z0-9._-]{1,255}$/);
  });

  it('has a content version that changes with the content and nothing else', () => {
    expect(compileContent(VALID).bundle?.contentVersion).toBe(bundle?.contentVersion);
    expect(compileContent(brokenRoot('placeholder')).bundle?.contentVersion).not.toBe(bundle?.contentVersion);
  });

  it('loadBundle compiles and checks, or throws with every problem located', () => {
    expect(loadBundle(undefined, { root: VALID, ...FIXTURE_OPTIONS })).toEqual(bundle);
    const broken = brokenRoot('missing-feedback');
    expect(() => loadBundle(undefined, { root: broken, ...FIXTURE_OPTIONS })).toThrow(ContentError);
    expect(() => loadBundle(undefined, { root: broken, ...FIXTURE_OPTIONS })).toThrow(/items\.yaml:15:7 \[0\]\.options\[2\]\.feedback: option has no feedback/);
  });

  it('loadBundle(file) refuses a file that is not a bundle', () => {
    const dir = mkdtempSync(join(tmpdir(), 'bundle-'));
    expect(() => loadBundle(join(dir, 'missing.json'))).toThrow(/not a readable JSON bundle/);
    expect(() => loadBundle(join(VALID, 'policy', 'policy.txt'))).toThrow(/not a readable JSON bundle/);
  });
});

describe('the command-line tools', () => {
  it('content:check exits non-zero and prints file:line:col for each problem', () => {
    const root = brokenRoot('missing-feedback');
    const run = tsx(['content/tools/check.ts', '--root', root]);
    expect(run.status).toBe(1);
    expect(run.stdout).toContain(`${root}/courses/staff-mini/banks/bank/items.yaml:15:7 [0].options[2].feedback: option has no feedback\n`);
  });

  it('content:build writes nothing when there are problems', () => {
    const out = join(mkdtempSync(join(tmpdir(), 'build-')), 'bundle.json');
    const run = tsx(['content/tools/build.ts', '--root', VALID, '--out', out]);
    expect(run.status).toBe(1); // the small fixture bank is below the brief's 36 items
    expect(run.stderr).toContain('staff bank has 4 items; the brief needs at least 36');
    expect(() => readFileSync(out)).toThrow();
  });

  it('content:report --json prints the report keys the issue lists', () => {
    const run = tsx(['content/tools/report.ts', '--root', VALID, '--json']);
    expect(run.status).toBe(0);
    const r = JSON.parse(run.stdout) as Record<string, unknown>;
    expect(r).toMatchObject({
      clauses: { total: 5, staff: { total: 3, taught: 3, assessed: 3 }, pupil: { total: 2, byBand: { ks1: { taught: 2, assessed: 2 }, ks2: { taught: 0, assessed: 0 } } } },
      staff: { items: 4, branching: 1, escalationShare: 0.5, fineShare: 0.25, sections: 3, sectionsAssessed: 3 },
      pupils: { ks1: { lessons: 1, maxMinutes: 6, questions: 3 }, ks4: { lessons: 0 } },
    });
    expect((r.pupils as { ks1: { readability: unknown[] } }).ks1.readability).toEqual([
      { lesson: 'stay-safe', formula: 'spache', cap: 2, op: 'max', value: 1.97, unfamiliar: ['password', 'someone', 'unkind'] },
      { lesson: 'stay-safe', formula: 'meanSentenceWords', cap: 8, op: 'max', value: 4.86 },
    ]);
    expect(r.errors).toEqual(expect.arrayContaining([expect.stringContaining('staff bank has 4 items')]));
  });
});
