import { describe, expect, it } from 'vitest';
import { itemSection } from '@content/schema';
import { chooseRefresherItems, complianceFor, lastSeenItemIds, refresherRefusal } from '@services/compliance';
import { testBundle } from '@tests/helpers/bundle';
import { SETTINGS, ack, attempt } from './facts';

const bundle = testBundle();
const course = bundle.courses.find((c) => c.id === 'staff-induction');
const refresher = course?.modules.find((m) => m.kind === 'refresher');
if (!course || !refresher?.draw) throw new Error('the staff course needs a refresher module with a draw');
const count = refresher.draw.count;

describe('refresher item choice', () => {
  const lastTime = course.bank.slice(0, 12).map((i) => i.id);

  it('draws the module count, none of them seen last time while the bank allows, spread across sections', () => {
    const ids = chooseRefresherItems(refresher, course.bank, lastTime, 'attempt-a');
    expect(ids).toHaveLength(count);
    expect(new Set(ids).size).toBe(count);
    expect(ids.filter((id) => lastTime.includes(id))).toEqual([]);
    const sections = new Set(ids.map((id) => itemSection(course.bank.find((i) => i.id === id) ?? course.bank[0]!)));
    expect(sections.size).toBe(Math.min(count, new Set(course.bank.filter((i) => !lastTime.includes(i.id)).map(itemSection)).size));
  });

  it('is the same for the same seed and differs between seeds', () => {
    expect(chooseRefresherItems(refresher, course.bank, lastTime, 'attempt-a')).toEqual(chooseRefresherItems(refresher, course.bank, lastTime, 'attempt-a'));
    expect(chooseRefresherItems(refresher, course.bank, lastTime, 'attempt-a')).not.toEqual(chooseRefresherItems(refresher, course.bank, lastTime, 'attempt-b'));
  });

  it('tops up with seen items only when the unseen ones run out', () => {
    const allButTwo = course.bank.slice(2).map((i) => i.id);
    const ids = chooseRefresherItems(refresher, course.bank, allButTwo, 'attempt-c');
    expect(ids).toHaveLength(count);
    expect(ids.slice(0, 2).sort()).toEqual(course.bank.slice(0, 2).map((i) => i.id).sort());
  });

  it('takes "last time" from the latest finished graded attempt', () => {
    const first = attempt('assessment', 'failed', '2026-01-10T10:00:00Z', { drawnItemIds: ['x1'] });
    const second = attempt('assessment', 'passed', '2026-01-12T10:00:00Z', { drawnItemIds: ['x2'] });
    const open = attempt('refresher', 'in-progress', null, { drawnItemIds: ['x3'] });
    expect(lastSeenItemIds([second, open, first], 'staff-induction', new Set(['assessment', 'refresher']))).toEqual(['x2']);
  });
});

describe('refresher eligibility', () => {
  const l = { role: 'support' as const, firstSignInAt: '2026-01-05T09:00:00Z' };
  const pass = attempt('assessment', 'passed', '2026-01-10T10:00:00Z');
  const acks = [ack(pass, '2026-01-10T10:01:00Z', '1')];
  const refusal = (now: string, attempts = [pass]): string | null =>
    refresherRefusal(complianceFor(l, attempts, acks, bundle, SETTINGS, new Date(now)).courses.find((c) => c.courseId === 'staff-induction'));

  it('is refused before a pass and while the pass is far from expiry, with the reason', () => {
    expect(refusal('2026-02-01T10:00:00Z', [])).toMatch(/take the assessment first/);
    expect(refusal('2026-06-01T10:00:00Z')).toMatch(/2027-01-10/);
    expect(refresherRefusal(undefined)).toMatch(/not assigned/);
  });
  it('is open while expiring and once expired', () => {
    expect(refusal('2026-12-11T10:00:00Z')).toBeNull();
    expect(refusal('2027-06-01T10:00:00Z')).toBeNull();
  });
});
