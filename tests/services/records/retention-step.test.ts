import { describe, expect, it } from 'vitest';
import { RETENTION_STEP_MAX, RETENTION_STEP_MIN, nextRetentionStep } from '@services/records/retention';

/** The fold's step size (issue 19 item 4): as many pupils as fit in 15 ms of CPU, within bounds. */
describe('the next fold step', () => {
  it('grows when a step was quick, at most twice as large, never above the maximum', () => {
    expect(nextRetentionStep(25, 5)).toBe(50);
    expect(nextRetentionStep(300, 1)).toBe(RETENTION_STEP_MAX);
  });
  it('shrinks when a step took longer than aimed, never below the minimum', () => {
    expect(nextRetentionStep(100, 30)).toBe(50);
    expect(nextRetentionStep(20, 300)).toBe(RETENTION_STEP_MIN);
  });
  it('keeps its size when a step took the time aimed at', () => {
    expect(nextRetentionStep(60, 15)).toBe(60);
  });
});
