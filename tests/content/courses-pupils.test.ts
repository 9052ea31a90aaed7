import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { CourseFile } from '@content/schema/course';
import type { Module } from '@content/schema/module';
import { compileContent } from '@content/tools/compile';
import { ClauseRegistry } from '@content/schema/policy';
import type { HelpRoute } from '@content/schema/screens';

// The pupil lessons' own promises from the content brief, checked on the real YAML. The content
// checker owns schema, coverage and readability; this suite holds what is particular to pupils:
// lesson shape, kind feedback, the band's help routes at the end, and no free text.

const root = path.resolve(__dirname, '../../content');
const BANDS = {
  ks1: { course: 'pupils-ks1', maxMinutes: 8 },
  ks2: { course: 'pupils-ks2', maxMinutes: 12 },
  ks3: { course: 'pupils-ks3', maxMinutes: 15 },
  ks4: { course: 'pupils-ks4', maxMinutes: 15 },
} as const;
type BandId = keyof typeof BANDS;

// What each band's help routes must name (CONTENT-BRIEF, product decision 7; issue 13 item 6).
const ROUTES_MUST_NAME: Record<BandId, RegExp[]> = {
  ks1: [/grown-up at home you trust/i, /teacher/i],
  ks2: [/trusted adult/i, /teacher/i, /report button/i, /Childline/, /0800 1111/],
  ks3: [/teacher/i, /report button/i, /Childline/, /0800 1111/, /CEOP/, /Report Harmful Content/, /999/],
  ks4: [/teacher/i, /report button/i, /Childline/, /0800 1111/, /CEOP/, /Report Harmful Content/, /999/],
};

// Words that turn a check question into a test the pupil passes or fails.
const PASS_FAIL = /\b(wrong|incorrect|correct|fail(ed|ing)?|pass(ed)?|score[sd]?|mark(s|ed)?)\b/i;

function readYaml(file: string): unknown {
  return parse(readFileSync(file, 'utf8'));
}

// Modules as the app gets them: a closing whoToTell screen may leave its routes to course.yaml.
const compiled = compileContent();

function loadBand(band: BandId) {
  const dir = path.join(root, 'courses', BANDS[band].course);
  const course = CourseFile.parse(readYaml(path.join(dir, 'course.yaml')));
  const modules: Module[] = compiled.bundle?.courses.find((c) => c.id === BANDS[band].course)?.modules ?? [];
  return { course, modules };
}

function routeText(routes: HelpRoute[]): string {
  return routes.map((r) => [r.situation, r.contact, r.how, r.phone].filter(Boolean).join(' ')).join('\n');
}

const registry = ClauseRegistry.parse(readYaml(path.join(root, 'policy', 'clauses.yaml')));
const pupilClauses = registry.clauses.filter((c) => c.audiences.includes('pupil')).map((c) => c.id);

describe('pupil lessons', () => {
  it('the registry has the seven pupil points these lessons teach', () => {
    expect(pupilClauses.length).toBeGreaterThanOrEqual(7);
  });

  for (const band of Object.keys(BANDS) as BandId[]) {
    describe(band, () => {
      const { course, modules } = loadBand(band);

      it('is a pupil course in its band with 2-5 lessons', () => {
        expect(course.audience).toBe('pupil');
        expect(course.band).toBe(band);
        expect(modules.map((m) => m.id)).toEqual(course.modules);
        expect(modules.length).toBeGreaterThanOrEqual(2);
        expect(modules.length).toBeLessThanOrEqual(5);
      });

      it("names the band's help routes", () => {
        const text = routeText(course.helpRoutes ?? []);
        for (const must of ROUTES_MUST_NAME[band]) expect(text, `${band} help routes should name ${must}`).toMatch(must);
      });

      it('teaches and checks every pupil clause somewhere in the band', () => {
        const taught = new Set(modules.flatMap((m) => m.screens.flatMap((s) => s.clauses ?? [])));
        const checked = new Set(modules.flatMap((m) => (m.questions ?? []).flatMap((q) => q.clauses)));
        for (const id of pupilClauses) {
          expect(taught.has(id), `${band}: ${id} taught`).toBe(true);
          expect(checked.has(id), `${band}: ${id} checked`).toBe(true);
        }
      });

      for (const m of modules) {
        describe(m.id, () => {
          it('fits the band: a lesson within its minutes, with a year tag only in KS2', () => {
            expect(m.kind).toBe('lesson');
            expect(m.minutes).toBeLessThanOrEqual(BANDS[band].maxMinutes);
            if (band === 'ks2') expect(['y3-4', 'y5-6']).toContain(m.yearTag);
            else expect(m.yearTag).toBeUndefined();
          });

          it('ends with a whoToTell screen built from the course help routes', () => {
            const last = m.screens.at(-1);
            expect(last?.kind).toBe('whoToTell');
            if (last?.kind === 'whoToTell') expect(last.routes).toEqual(course.helpRoutes);
          });

          it('has 3-5 check questions of pupil kinds, each with a kind hint and named misconceptions', () => {
            const qs = m.questions ?? [];
            expect(qs.length).toBeGreaterThanOrEqual(3);
            expect(qs.length).toBeLessThanOrEqual(5);
            for (const q of qs) {
              expect(['single', 'trueFalse', 'sort'], q.id).toContain(q.kind);
              expect(q.hint, `${q.id} hint`).toBeTruthy();
              expect(q.hint ?? '', `${q.id} hint`).not.toMatch(PASS_FAIL);
              const feedback: string[] = [];
              if (q.kind === 'single') {
                for (const o of q.options) {
                  feedback.push(o.feedback);
                  if (o.correct !== true) expect(o.misconception, `${q.id} option ${o.id} misconception`).toBeTruthy();
                }
              } else if (q.kind === 'trueFalse') {
                feedback.push(q.feedback.true, q.feedback.false);
                expect(q.misconception, `${q.id} misconception`).toBeTruthy();
              } else if (q.kind === 'sort') {
                for (const c of q.cards) {
                  feedback.push(c.feedback);
                  expect(c.misconception, `${q.id} card ${c.id} misconception`).toBeTruthy();
                }
              }
              for (const f of feedback) expect(f, `${q.id} feedback`).not.toMatch(PASS_FAIL);
            }
          });

          it('offers reflection only as choices to tick, never free text', () => {
            for (const s of m.screens) if (s.kind === 'reflection') expect(s.choices.length).toBeGreaterThanOrEqual(2);
          });
        });
      }
    });
  }
});
