import { describe, expect, it } from 'vitest';
import type { BundleCourse, Item, Screen } from '@content/schema';
import { compileContent } from '@content/tools/compile';
import { agePoint } from '@content/tools/age-limits';

// The safety corrections of issue 15 item 7, held on every string a pupil can read: lesson
// screens, check questions (stems, options, feedback, hints) and the band's help routes.

const compiled = compileContent();
const bundle = compiled.bundle;
const pupilCourses = (bundle?.courses ?? []).filter((c) => c.audience === 'pupil');

interface Line {
  where: string;
  text: string;
}

function screenTexts(s: Screen): string[] {
  const out = [s.title ?? '', 'body' in s ? (s.body ?? '') : ''];
  if (s.kind === 'keyPoints') out.push(...s.points);
  if (s.kind === 'workedExample') out.push(s.situation, ...s.steps);
  if (s.kind === 'reflection') out.push(...s.choices);
  if (s.kind === 'whoToTell') out.push(...s.routes.flatMap((r) => [r.situation ?? '', r.how ?? '']));
  return out;
}

/** What an item teaches: not the wrong options, which show pupils a mistake to judge. */
function itemTexts(q: Item): string[] {
  const out = [q.stem, q.hint ?? ''];
  if (q.kind === 'single') out.push(...q.options.flatMap((o) => (o.correct === true ? [o.text, o.feedback] : [o.feedback])));
  if (q.kind === 'trueFalse') out.push(q.feedback.true, q.feedback.false);
  if (q.kind === 'sort') out.push(...q.cards.flatMap((c) => [c.text, c.feedback]));
  return out;
}

/** Every sentence of the course, with where it is. */
function lines(c: BundleCourse): Line[] {
  const out: Line[] = [];
  const add = (where: string, texts: string[]) => {
    for (const t of texts) for (const sentence of t.split(/(?<=[.!?])\s+|\n/)) if (sentence.trim()) out.push({ where, text: sentence.trim() });
  };
  add(`${c.id} help routes`, (c.helpRoutes ?? []).flatMap((r) => [r.situation ?? '', r.how ?? '']));
  for (const m of c.modules) {
    for (const s of m.screens) add(`${c.id}/${s.id}`, screenTexts(s));
    for (const q of m.questions ?? []) {
      // A false statement put to pupils to judge is not something the course teaches.
      const texts = itemTexts(q).filter((t) => !(q.kind === 'trueFalse' && q.answer === false && t === q.stem));
      add(`${c.id}/${q.id}`, texts);
    }
  }
  return out;
}

const all = pupilCourses.flatMap(lines);
const find = (re: RegExp) => all.filter((l) => re.test(l.text));
const show = (ls: Line[]) => ls.map((l) => `${l.where}: ${l.text}`);

describe('pupil lessons are safe and say one thing', () => {
  it('has all four bands to check', () => {
    expect(pupilCourses.map((c) => c.band).sort()).toEqual(['ks1', 'ks2', 'ks3', 'ks4']);
    expect(all.length).toBeGreaterThan(500);
  });

  it('makes no promise the school may not keep about trouble or being told off', () => {
    const promises = find(/\b(not|never) be (in trouble|told off)|won't be in trouble|will not get in trouble/i);
    expect(show(promises)).toEqual([]);
  });

  it('puts screenshot, block and report in one order wherever a sentence names two of them', () => {
    const disorder = all.filter((l) => {
      const at = (re: RegExp) => l.text.search(re);
      const [shot, block, report] = [at(/screenshot/i), at(/\bblock/i), at(/\breport/i)];
      const before = (a: number, b: number) => a < 0 || b < 0 || a < b;
      return !(before(shot, block) && before(block, report) && before(shot, report));
    });
    expect(show(disorder)).toEqual([]);
  });

  it('teaches the exception to "screenshot first" in every band that teaches screenshots', () => {
    for (const c of pupilCourses) {
      const text = lines(c).map((l) => l.text).join('\n');
      if (!/screenshot/i.test(text)) continue;
      const exception = c.band === 'ks2' ? /(screenshot|save)[^.\n]*no clothes|no clothes[^\n]*(screenshot|save)/i : /never screenshot[^.\n]*nude or sexual image of anyone under 18/i;
      expect(text, `${c.id} should teach the exception`).toMatch(exception);
    }
  });

  it('never says a private profile on its own stops strangers messaging', () => {
    const claims = all
      .map((l) => ({ ...l, text: l.text.replace(/private messages?/gi, 'DMs') }))
      .filter((l) => /private/i.test(l.text) && /messag|talk to you|\bDMs?\b/i.test(l.text))
      .filter((l) => !/separate|different setting|set who can message|messages set to|message setting/i.test(l.text));
    expect(show(claims)).toEqual([]);
  });

  it('gives Report Harmful Content its age (13 and over) wherever a route or screen names it', () => {
    const routes = pupilCourses.flatMap((c) => c.helpRoutes ?? []).filter((r) => /Report Harmful Content/.test(r.contact));
    expect(routes.length).toBeGreaterThan(0);
    for (const r of routes) expect(`${r.situation ?? ''} ${r.how ?? ''}`).toMatch(/13 (and|or) over/);
    const screens = pupilCourses.flatMap((c) => c.modules.flatMap((m) => m.screens.filter((s) => s.kind === 'text')));
    for (const s of screens) for (const t of screenTexts(s)) for (const sentence of t.split('\n')) if (/Report Harmful Content can help/.test(sentence)) expect(sentence).toMatch(/13/);
  });

  it('offers Report Remove for nude or sexual images only', () => {
    const route = pupilCourses.flatMap((c) => c.helpRoutes ?? []).filter((r) => /Report Remove/.test(r.contact));
    expect(route.length).toBe(2);
    for (const r of route) expect(r.situation).toMatch(/nude or sexual image/);
    // Screens and questions: each text that names it says what it is for.
    const texts = pupilCourses.flatMap((c) => c.modules.flatMap((m) => [...m.screens.filter((s) => s.kind !== 'whoToTell').flatMap(screenTexts), ...(m.questions ?? []).flatMap(itemTexts)]));
    const named = texts.filter((t) => /Report Remove/.test(t));
    expect(named.length).toBeGreaterThan(2);
    expect(named.filter((t) => !/nude or sexual image/i.test(t))).toEqual([]);
  });

  it("teaches every band to tell a trusted adult when asked where they live or go to school, even if they feel fine", () => {
    for (const c of pupilCourses) {
      const text = lines(c).map((l) => l.text).join('\n');
      expect(text, c.id).toMatch(/(where you live|which school|your school|go to school)[^\n]*/i);
      expect(text, c.id).toMatch(/even if (you|he|I) (feel|felt) fine|even if it seems harmless/i);
    }
  });

  it('states platform ages in one dated list, flagged for a DSL, shown in KS3 and KS4', () => {
    const limits = compiled.ageLimits;
    expect(limits?.checked).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(typeof limits?.dslSignedOff).toBe('boolean');
    const list = (limits?.platforms ?? []).map(agePoint);
    expect(list.length).toBeGreaterThan(4);
    for (const band of ['ks3', 'ks4']) {
      const screens = pupilCourses.filter((c) => c.band === band).flatMap((c) => c.modules.flatMap((m) => m.screens));
      expect(screens.some((s) => s.kind === 'keyPoints' && JSON.stringify(s.points) === JSON.stringify(list)), band).toBe(true);
    }
  });
});
