import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { CourseFile } from '@content/schema/course';
import { BankFile, type Item } from '@content/schema/items';
import { Module } from '@content/schema/module';
import { ClauseRegistry } from '@content/schema/policy';
import { SCREEN_KINDS, type Screen } from '@content/schema/screens';
import { analyse, compileContent } from '@content/tools/index';

// The staff induction's own promises from the content brief, checked on the real YAML. The content
// checker owns schema, coverage, readability and the bank's minimum shares; this suite holds what
// is particular to the staff course: role paths and their time, the product decisions written
// into the lessons, the "Who do I tell?" routes, and the fairness of the scenario bank.

const root = path.resolve(__dirname, '../../content');
const dir = path.join(root, 'courses', 'staff-induction');
const readYaml = (file: string): unknown => parse(readFileSync(file, 'utf8'));

const course = CourseFile.parse(readYaml(path.join(dir, 'course.yaml')));
const modules = course.modules.map((id) => Module.parse(readYaml(path.join(dir, 'modules', `${id}.yaml`))));
const moduleById = new Map(modules.map((m) => [m.id, m]));
const lessons = modules.filter((m) => m.kind === 'lesson');
const bankDir = path.join(dir, 'banks', course.bank ?? 'bank');
const bank: Item[] = readdirSync(bankDir)
  .filter((f) => f.endsWith('.yaml'))
  .flatMap((f) => BankFile.parse(readYaml(path.join(bankDir, f))));
const registry = ClauseRegistry.parse(readYaml(path.join(root, 'policy', 'clauses.yaml')));
const sectionOf = new Map(registry.clauses.map((c) => [c.id, c.section]));

function screenText(s: Screen): string {
  const parts: (string | undefined)[] = [s.title, s.body];
  if (s.kind === 'keyPoints') parts.push(...s.points);
  if (s.kind === 'workedExample') parts.push(s.situation, ...s.steps);
  if (s.kind === 'reflection') parts.push(...s.choices);
  if (s.kind === 'whoToTell') parts.push(...s.routes.flatMap((r) => [r.situation, r.contact, r.how, r.phone]));
  return parts.filter(Boolean).join(' ').replace(/\s+/g, ' ');
}
const lessonText = lessons.flatMap((m) => m.screens.map(screenText)).join('\n');

function itemText(item: Item): string {
  const parts: string[] = [item.stem];
  if (item.kind === 'single') parts.push(...item.options.flatMap((o) => [o.text, o.feedback]));
  if (item.kind === 'trueFalse') parts.push(item.feedback.true, item.feedback.false);
  if (item.kind === 'sort') parts.push(...item.groups.map((g) => g.label), ...item.cards.flatMap((c) => [c.text, c.feedback]));
  if (item.kind === 'branching') {
    parts.push(...item.nodes.flatMap((n) => [n.prompt, ...n.options.flatMap((o) => [o.text, o.consequence, o.feedback])]));
    parts.push(...item.endings.map((e) => e.text));
  }
  return parts.join('\n');
}
const allText = [lessonText, course.acknowledgement ?? '', ...bank.map(itemText)].join('\n');

function roleMinutes(role: { modules: string[] }): number {
  return role.modules.reduce((sum, id) => sum + (moduleById.get(id)?.minutes ?? Number.NaN), 0);
}

describe('staff induction: roles', () => {
  const roles = course.roles ?? {};

  it('gives every role a reason and the assessment, naming only modules that exist', () => {
    for (const [id, role] of Object.entries(roles)) {
      expect(role.why.length, id).toBeGreaterThan(40);
      expect(role.modules, id).toContain('assessment');
      for (const m of role.modules) expect(moduleById.has(m), `${id} -> ${m}`).toBe(true);
    }
  });

  it('takes account runners through official use, new accounts and tone in depth', () => {
    expect(roles['account-runner']?.modules).toEqual(expect.arrayContaining(['official-accounts', 'new-accounts', 'tone']));
  });

  it('gives the other roles an overview, and volunteers the personal-use and photo rules', () => {
    for (const id of ['teaching', 'support', 'volunteer'] as const) {
      expect(roles[id]?.modules, id).toContain('official-overview');
      expect(roles[id]?.modules, id).not.toContain('official-accounts');
    }
    expect(roles.volunteer?.modules).toEqual(expect.arrayContaining(['personal-use', 'photos-consent']));
  });

  // The brief asks for a median first completion of 30 minutes, and most staff take one of the core
  // roles. Both what learners are told (the modules' declared minutes) and what the content takes by
  // the estimate content:check holds them to (words read, steps and decisions; docs/content.md) fit.
  it('keeps the core path (teaching, support, volunteer, leader) within 30 minutes, declared and estimated', () => {
    const { report } = analyse(compileContent(root));
    for (const id of ['teaching', 'support', 'volunteer', 'leader'] as const) {
      const role = roles[id];
      expect(role, id).toBeDefined();
      if (role) expect(roleMinutes(role), id).toBeLessThanOrEqual(30);
      expect(report.staff.timing.roles[id]?.estimate, id).toBeLessThanOrEqual(30);
    }
  });

  it('assigns every lesson to at least one role', () => {
    const assigned = new Set(Object.values(roles).flatMap((r) => r.modules));
    for (const m of lessons) expect(assigned.has(m.id), m.id).toBe(true);
  });
});

describe('staff induction: lessons', () => {
  // Each lesson explains and shows a worked case; the routes live in the one "Who do I tell?" guide
  // (also a button on every screen) rather than on a screen in every lesson.
  it('teaches every lesson with explanation and a worked example, and uses every screen kind in the course', () => {
    for (const m of lessons) {
      const kinds = new Set(m.screens.map((s) => s.kind));
      expect(kinds.has('workedExample'), m.id).toBe(true);
      expect(kinds.has('text') || kinds.has('keyPoints') || kinds.has('whoToTell'), m.id).toBe(true);
    }
    const used = new Set(lessons.flatMap((m) => m.screens.map((s) => s.kind)));
    expect([...used].sort()).toEqual([...SCREEN_KINDS].sort());
  });

  it('writes the product decisions into the lessons', () => {
    // Strictest reading of the two-year rule, with the DSL as the tie-breaker.
    expect(lessonText).toMatch(/strictest safe reading/i);
    expect(lessonText).toMatch(/If in doubt, ask the DSL/);
    // Breaks are not settled by the policy; the line manager decides.
    const breaks = lessons.flatMap((m) => m.screens).filter((s) => /\bbreaks?\b/i.test(screenText(s)) && s.clauses?.includes('expectations.no-personal-use-school-hours'));
    expect(breaks.length).toBeGreaterThan(0);
    for (const s of breaks) expect(screenText(s), s.id).toMatch(/line manager/i);
    expect(lessonText).toMatch(/does not (say|settle)/i);
  });

  it('names X (Twitter), and never the school or Trust outside the placeholders', () => {
    expect(allText).toMatch(/X \(Twitter\)/);
    expect(allText.replace(/X \(Twitter\)/g, '')).not.toMatch(/Twitter/);
    expect(allText).not.toMatch(/Mounts Bay|Leading Edge Academies/);
  });

  it('has one "Who do I tell?" guide that names every route the brief lists', () => {
    const guide = moduleById.get('who-to-tell');
    const routes = guide?.screens.filter((s) => s.kind === 'whoToTell') ?? [];
    const text = routes.map(screenText).join('\n');
    for (const must of [/DSL \(or a deputy/, /Leadership Team/, /line manager/, /headteacher/, /Trust central team/, /safeguarding procedure/, /Professionals Online Safety Helpline/]) {
      expect(text).toMatch(must);
    }
    // The school's own procedure comes before the outside helpline.
    expect(text.indexOf('safeguarding procedure')).toBeLessThan(text.indexOf('Professionals Online Safety Helpline'));
  });

  it('teaches the four points of the new-account rationale', () => {
    const text = (moduleById.get('new-accounts')?.screens ?? []).map(screenText).join('\n');
    for (const point of [/Aim:/, /Audience:/, /Promotion:/, /Who runs it:/]) expect(text).toMatch(point);
  });

  it('asks staff to acknowledge the named policy version of the Trust', () => {
    expect(course.acknowledgement).toContain('{policyVersion}');
    expect(course.acknowledgement).toContain('{trust}');
  });
});

describe('staff induction: assessment and refresher', () => {
  it('draws 12 from every section with an 80% pass, and a shorter refresher', () => {
    const assessment = modules.find((m) => m.kind === 'assessment');
    const refresher = modules.find((m) => m.kind === 'refresher');
    expect(assessment?.draw).toEqual({ count: 12, everySection: true, passPercent: 80 });
    expect(refresher?.draw?.count).toBeGreaterThanOrEqual(5);
    expect(refresher?.draw?.count).toBeLessThan(12);
  });

  it('has enough items in every section for a retake to draw a different one', () => {
    const perSection = new Map<string, number>();
    for (const item of bank) perSection.set(item.section ?? '?', (perSection.get(item.section ?? '?') ?? 0) + 1);
    for (const s of registry.sections) expect(perSection.get(s.id) ?? 0, s.id).toBeGreaterThanOrEqual(3);
  });

  it('files each item under a section that one of its clauses belongs to', () => {
    for (const item of bank) expect(item.clauses.map((c) => sectionOf.get(c)), item.id).toContain(item.section);
  });
});

describe('staff induction: a fair scenario bank', () => {
  const singles = bank.filter((i) => i.kind === 'single');

  it('meets the team targets above the brief: 40+ items, 35% escalate, 12% fine, 4+ branching', () => {
    const share = (tag: 'escalate' | 'fine') => bank.filter((i) => i.tags?.includes(tag)).length / bank.length;
    expect(bank.length).toBeGreaterThanOrEqual(40);
    expect(share('escalate')).toBeGreaterThanOrEqual(0.35);
    expect(share('fine')).toBeGreaterThanOrEqual(0.12);
    expect(bank.filter((i) => i.kind === 'branching').length).toBeGreaterThanOrEqual(4);
  });

  it('never offers "all/none of the above"', () => {
    for (const item of singles) for (const o of item.options) expect(o.text, item.id).not.toMatch(/(all|none) of the above/i);
  });

  it('keeps options of similar length, so length gives nothing away', () => {
    for (const item of singles) {
      const lengths = item.options.map((o) => o.text.length);
      expect(Math.max(...lengths) / Math.min(...lengths), item.id).toBeLessThanOrEqual(1.6);
    }
    const correctIsLongest = singles.filter((i) => {
      const correct = i.options.find((o) => o.correct === true)?.text.length ?? 0;
      return i.options.every((o) => o.correct === true || o.text.length < correct);
    }).length;
    expect(correctIsLongest / singles.length).toBeLessThanOrEqual(0.4);
  });

  it('keeps giveaway absolutes out of the wrong options', () => {
    const absolute = /\b(never|always|only|all|none|every|must)\b/i;
    for (const item of singles) for (const o of item.options.filter((x) => x.correct !== true)) expect(o.text, `${item.id}.${o.id}`).not.toMatch(absolute);
  });

  it('spreads the best answer over the option letters', () => {
    const counts = new Map<string, number>();
    for (const item of singles) {
      const id = item.options.find((o) => o.correct === true)?.id ?? '?';
      counts.set(id, (counts.get(id) ?? 0) + 1);
    }
    for (const letter of ['a', 'b', 'c', 'd']) expect(counts.get(letter) ?? 0, letter).toBeGreaterThanOrEqual(Math.floor(singles.length / 6));
  });

  it('gives feedback that says what to do, not only right or wrong', () => {
    for (const item of singles) for (const o of item.options) expect(o.feedback.split(/(?<=[.!?])\s+/).length, `${item.id}.${o.id}`).toBeGreaterThanOrEqual(2);
  });
});
