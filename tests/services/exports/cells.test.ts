import { describe, expect, it } from 'vitest';
import { csvField, csvLine, neutralise } from '@services/exports/formats/cells';

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
