import { describe, expect, it } from 'vitest';
import { addDays, addMonths, daysBetween, isIsoDate, localDate } from '@services/compliance';

describe('compliance calendar dates', () => {
  it('reads an instant as its date in Europe/London, in summer and in winter', () => {
    expect(localDate(new Date('2026-06-30T23:30:00Z'))).toBe('2026-07-01'); // 00:30 BST
    expect(localDate('2026-01-15T23:30:00Z')).toBe('2026-01-15'); // GMT
  });
  it('adds months and clamps to the end of a shorter month', () => {
    expect(addMonths('2026-03-14', 12)).toBe('2027-03-14');
    expect(addMonths('2024-02-29', 12)).toBe('2025-02-28');
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
  });
  it('adds days across a year end and counts days between', () => {
    expect(addDays('2026-12-25', 14)).toBe('2027-01-08');
    expect(addDays('2027-01-08', -14)).toBe('2026-12-25');
    expect(daysBetween('2026-01-01', '2027-01-01')).toBe(365);
  });
  it('refuses what is not a date, saying what it got', () => {
    expect(() => localDate('yesterday')).toThrow(/yesterday/);
    expect(() => addDays('2026-13-01x', 1)).toThrow(/2026-13-01x/);
    expect(isIsoDate('2026-02-30')).toBe(false);
    expect(isIsoDate('2026-02-28')).toBe(true);
  });
});
