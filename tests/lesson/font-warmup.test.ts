import { describe, expect, it } from 'vitest';
import { lessonCharacters } from '@renderer/app/player/font-warmup';
import { buildPlan } from '@renderer/lesson/plan';
import { testBundle } from '../helpers/bundle';

const staff = testBundle().courses.find((c) => c.id === 'staff-induction');

describe("the characters whose fonts the player sets up while idle (a lesson's glyphs and emoji before its steps show)", () => {
  it('finds the emoji a lesson quotes and its plain letters, each character once, no spaces', () => {
    expect(staff).toBeDefined();
    // The tone lesson quotes a post that ends in an emoji (content/courses/staff-induction/modules/tone.yaml).
    const chars = [...lessonCharacters(buildPlan(staff!, 'tone'))];
    expect(chars).toEqual(expect.arrayContaining(['🙄', 'a', 'T', '.']));
    expect(new Set(chars).size).toBe(chars.length);
    expect(chars).not.toContain(' ');
  });

  it('reads the questions as well as the screens', () => {
    const plan = { steps: [{ kind: 'item', id: 'q', item: { id: 'q', stem: 'Who posted “Guess whose this is 😢”?' } }] };
    expect(lessonCharacters(plan as never)).toEqual(expect.stringContaining('😢'));
    expect([...lessonCharacters(plan as never)]).toEqual(expect.arrayContaining(['“', '”', 'G', '?']));
  });
});
