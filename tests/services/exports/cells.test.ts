import { describe, expect, it } from 'vitest';
import { csvField, csvLine, neutralise } from '../../../electron/services/exports/formats/cells';
import { isoDuration, parseIsoDuration, parseTimespan12, timespan12 } from '../../../electron/services/exports/formats/time';

describe('the formula guard', () => {
  it.each([
    ['=1+1', "'=1+1"],
    ['+44 1736 000000', "'+44 1736 000000"],
    ['-5', "'-5"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\tTabbed', "'\tTabbed"],
    ['\rReturn', "'\rReturn"],
    ['Ada', 'Ada'],
    ['a=b', 'a=b'],
    ['', ''],
  ])('%j becomes %j', (input, output) => {
    expect(neutralise(input)).toBe(output);
  });

  it('quotes after neutralising, doubles quotes, leaves numbers alone', () => {
    expect(csvField('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('line\nbreak')).toBe('"line\nbreak"');
    expect(csvField(-3)).toBe('-3');
    expect(csvField(null)).toBe('');
    expect(csvLine(['x', 1, null, '-y'])).toBe("x,1,,'-y\r\n");
    expect(() => csvField(Number.NaN)).toThrow(/finite/);
  });
});

describe('durations', () => {
  it('round-trips SCORM 1.2 timespans and ISO 8601 durations', () => {
    expect(timespan12(21 * 60_000 + 30_000)).toBe('0000:21:30');
    expect(timespan12(3_723_450)).toBe('0001:02:03.45');
    expect(parseTimespan12('0001:02:03.45')).toBe(3_723_450);
    expect(isoDuration(3_723_450)).toBe('PT1H2M3.45S');
    expect(isoDuration(0)).toBe('PT0S');
    expect(parseIsoDuration('PT1H2M3.45S')).toBe(3_723_450);
    expect(parseIsoDuration('P1D')).toBe(86_400_000);
    expect(parseIsoDuration('PT')).toBeNull();
    expect(parseIsoDuration('nonsense')).toBeNull();
  });
});
