import { describe, expect, it } from 'vitest';
import { answeredAt, cmiTimeOf, cmiTimespan, duration, durationMs, isoDuration, parseCmiTimespan, parseIsoDuration } from '@content/scorm';

describe('durations in each version’s own type', () => {
  it('SCORM 2004 timeinterval: hours, minutes, seconds to two decimals; zero parts left out', () => {
    expect(isoDuration(3_723_450)).toBe('PT1H2M3.45S');
    expect(isoDuration(60_000)).toBe('PT1M');
    expect(isoDuration(61_500)).toBe('PT1M1.5S');
    expect(isoDuration(0)).toBe('PT0S');
    expect(isoDuration(-5)).toBe('PT0S');
    expect(isoDuration(12_345.6)).toBe('PT12.35S');
  });

  it('SCORM 1.2 CMITimespan: four-digit hours, hundredths only when there are any, at most 9999 hours', () => {
    expect(cmiTimespan(21 * 60_000 + 30_000)).toBe('0000:21:30');
    expect(cmiTimespan(3_723_450)).toBe('0001:02:03.45');
    expect(cmiTimespan(10_000 * 3_600_000)).toBe('9999:00:00');
  });

  it('reads both back, and refuses what is not one', () => {
    expect(parseCmiTimespan('0001:02:03.45')).toBe(3_723_450);
    expect(parseCmiTimespan('01:02:03')).toBe(3_723_000);
    expect(parseCmiTimespan('1:02:03')).toBeNull();
    expect(parseIsoDuration('PT1H2M3.45S')).toBe(3_723_450);
    expect(parseIsoDuration('P1D')).toBe(86_400_000);
    expect(parseIsoDuration('PT')).toBeNull();
    expect(parseIsoDuration('P')).toBeNull();
    expect(parseIsoDuration('nonsense')).toBeNull();
    expect(durationMs('PT1H2M3.5S')).toBe(3_723_500);
    expect(durationMs('0000:00:09.50')).toBe(9_500);
    expect(durationMs(undefined)).toBeNull();
    expect(durationMs('soon')).toBeNull();
  });

  it('writes the version’s type for the version', () => {
    expect(duration('scorm2004', 75_000)).toBe('PT1M15S');
    expect(duration('scorm12', 75_000)).toBe('0000:01:15');
  });
});

describe('times', () => {
  const at = new Date(2026, 10, 27, 9, 5, 7);

  it('an answer’s time: 2004 a local time to the second without a zone, 1.2 a CMITime', () => {
    expect(answeredAt('scorm2004', at)).toBe('2026-11-27T09:05:07');
    expect(answeredAt('scorm12', at)).toBe('09:05:07');
  });

  it('a 2004 time as a 1.2 time of day: the clock reading as written, UTC when a zone is given', () => {
    expect(cmiTimeOf('2026-11-27T09:05:07')).toBe('09:05:07');
    expect(cmiTimeOf('2026-11-27T09:05:07.5')).toBe('09:05:07');
    expect(cmiTimeOf('2026-10-01T09:05:00Z')).toBe('09:05:00');
    expect(cmiTimeOf('2026-10-01T10:05:00+01:00')).toBe('09:05:00');
    expect(cmiTimeOf('yesterday')).toBeNull();
  });
});
