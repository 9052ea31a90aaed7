import { describe, expect, it } from 'vitest';
import { itemSection, type Item, type Module } from '@content/schema';
import { drawItemIds, drawItems } from '@content/schema/draw';
import { testBundle } from '@tests/helpers/bundle';

const bundle = testBundle();
const staff = bundle.courses.find((c) => c.id === 'staff-induction');
const assessment = staff?.modules.find((m) => m.kind === 'assessment');
if (!staff || !assessment) throw new Error('the staff course has no assessment');

const single = (id: string, section: Item['section']): Item => ({
  id,
  kind: 'single',
  section,
  clauses: [`${section}.x`],
  stem: 'Stem',
  options: [
    { id: 'a', text: 'A', correct: true, feedback: 'f' },
    { id: 'b', text: 'B', feedback: 'f' },
    { id: 'c', text: 'C', feedback: 'f' },
  ],
});

describe('drawItems: the one seeded draw (main and the player in LMS mode)', () => {
  it('is deterministic: same module, bank, seed and exclusions give the same items in the same order', () => {
    const a = drawItemIds(assessment, staff.bank, 'attempt-1');
    expect(drawItemIds(assessment, staff.bank, 'attempt-1')).toEqual(a);
    expect(drawItemIds(assessment, staff.bank, 'attempt-2')).not.toEqual(a);
  });

  it('draws the count with every section of the bank represented', () => {
    const sections = new Set(staff.bank.map((i) => itemSection(i)));
    for (const seed of ['s1', 's2', 's3', 's4', 's5']) {
      const items = drawItems(assessment, staff.bank, seed);
      expect(items).toHaveLength(assessment.draw?.count ?? 0);
      expect(new Set(items.map((i) => i.id)).size).toBe(items.length);
      if (sections.size <= items.length) expect(new Set(items.map((i) => itemSection(i)))).toEqual(sections);
    }
  });

  it('draws items not seen before when the bank allows, and falls back to seen ones when it does not', () => {
    const first = drawItemIds(assessment, staff.bank, 'a1');
    const second = drawItemIds(assessment, staff.bank, 'a2', first);
    expect(second.filter((id) => first.includes(id))).toEqual([]);
    const almostAll = staff.bank.map((i) => i.id).slice(0, staff.bank.length - 3);
    const third = drawItemIds(assessment, staff.bank, 'a3', almostAll);
    expect(third).toHaveLength(12);
    // Every section still comes first; within a section, an item not seen before wins.
    const fresh = staff.bank.slice(-3);
    for (const section of new Set(fresh.map((i) => itemSection(i)))) {
      expect(third.some((id) => fresh.some((f) => f.id === id && itemSection(f) === section))).toBe(true);
    }
  });

  it('gives one item to as many sections as there are places when sections outnumber them', () => {
    const bank = ['scope', 'tone', 'contact', 'official', 'reputation'].flatMap((s, n) => [single(`i${n}a`, s as Item['section']), single(`i${n}b`, s as Item['section'])]);
    const m: Module = { id: 'mini', title: 'Mini', minutes: 5, kind: 'assessment', screens: [], draw: { count: 3, everySection: true, passPercent: 80 } };
    const items = drawItems(m, bank, 'seed');
    expect(items).toHaveLength(3);
    expect(new Set(items.map((i) => itemSection(i))).size).toBe(3);
  });

  it('presents a lesson’s own questions, in the authored order, when it has no draw', () => {
    const pupil = bundle.courses.find((c) => c.audience === 'pupil');
    const lesson = pupil?.modules.find((m) => (m.questions ?? []).length > 0);
    if (!lesson) throw new Error('no pupil lesson with questions');
    expect(drawItemIds(lesson, [], 'any', ['whatever'])).toEqual((lesson.questions ?? []).map((q) => q.id));
  });
});
