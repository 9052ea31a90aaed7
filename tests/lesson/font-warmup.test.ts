import { describe, expect, it } from 'vitest';
import { charactersBeyondAscii } from '@renderer/app/player/font-warmup';
import { buildPlan } from '@renderer/lesson/plan';
import { testBundle } from '../helpers/bundle';

const staff = testBundle().courses.find((c) => c.id === 'staff-induction');

describe("the characters whose fonts the player loads while idle (a lesson's emoji before its screen shows)", () => {
  it('finds the emoji a lesson quotes, each character once, and no ASCII', () => {
    expect(staff).toBeDefined();
    // The tone lesson quotes a post that ends in an emoji (content/courses/staff-induction/modules/tone.yaml).
    const chars = [...charactersBeyondAscii(buildPlan(staff!, 'tone'))];
    expect(chars).toContain('🙄');
    expect(new Set(chars).size).toBe(chars.length);
    expect(chars.filter((c) => (c.codePointAt(0) ?? 0) <= 0x7e)).toEqual([]);
  });

  it('reads the questions as well as the screens', () => {
    const plan = { steps: [{ kind: 'item', id: 'q', item: { id: 'q', stem: 'Who posted “Guess whose this is 😢”?' } }] };
    expect([...charactersBeyondAscii(plan as never)].sort()).toEqual(['“', '”', '😢'].sort());
  });

  it('has nothing to load for text in ASCII', () => {
    expect(charactersBeyondAscii({ steps: [{ kind: 'screen', id: 's', screen: { kind: 'text', body: 'Plain words only.' } }] } as never)).toBe('');
  });
});
