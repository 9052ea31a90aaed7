import { describe, expect, it } from 'vitest';
import { convertResponse, convertType, resultSays } from '@content/scorm';

// An attempt recorded under one SCORM version is exported in the other's data model (the cmi and
// xAPI exports). When the record does not say which kind of item an interaction was (another
// LMS's record, or an older one), its recorded type is all there is to go on. The expected values
// are written out from the two standards here (RTE 1.2 CMIFeedback, 2004 RTE 4.2.9), not taken from
// content/scorm.

const unknownKind = (type: string) => ({ type, kind: null });

describe('an interaction of unrecorded kind, moved between SCORM versions by its type alone', () => {
  it('a 2004 matching (word ids) becomes a 1.2 performance in the neutral form, since 1.2 matching allows single characters only', () => {
    const i = unknownKind('matching');
    expect(convertType('scorm2004', 'scorm12', i)).toBe('performance');
    expect(convertResponse('scorm2004', 'scorm12', i, 'card-a[.]public[,]card-b[.]private')).toBe('card-a.public,card-b.private');
  });

  it('a 2004 sequencing of scenario decisions becomes a 1.2 performance, each step kept whole', () => {
    const i = unknownKind('sequencing');
    expect(convertType('scorm2004', 'scorm12', i)).toBe('performance');
    expect(convertResponse('scorm2004', 'scorm12', i, 'n1.report[,]n2.block')).toBe('n1.report,n2.block');
  });

  it('true/false crosses as t/f into 1.2 and as true/false into 2004; 1.2’s 1/0 are read as true/false', () => {
    const i = unknownKind('true-false');
    expect(convertType('scorm2004', 'scorm12', i)).toBe('true-false');
    expect(convertType('scorm12', 'scorm2004', i)).toBe('true-false');
    expect(convertResponse('scorm2004', 'scorm12', i, 'true')).toBe('t');
    expect(convertResponse('scorm2004', 'scorm12', i, 'false')).toBe('f');
    expect(['t', '1', 'f', '0', 'x'].map((v) => convertResponse('scorm12', 'scorm2004', i, v))).toEqual(['true', 'true', 'false', 'false', 'x']);
  });

  it('a 1.2 performance could be a sort or a scenario: it keeps its type and its text', () => {
    const i = unknownKind('performance');
    expect(convertType('scorm12', 'scorm2004', i)).toBe('performance');
    expect(convertResponse('scorm12', 'scorm2004', i, 'n1.report,n2.block')).toBe('n1.report,n2.block');
  });

  it('a 1.2 choice whose option is called t, f, 1 or 0 stays that option: only true/false reads them as true and false', () => {
    const i = { type: 'choice', kind: 'single' as const };
    expect(['t', 'f', '1', '0'].map((v) => convertResponse('scorm12', 'scorm2004', i, v))).toEqual(['t', 'f', '1', '0']);
  });

  it('a 1.2 record of a known sort is written as 2004 matching with its reserved delimiters', () => {
    const i = { type: 'performance', kind: 'sort' as const };
    expect(convertType('scorm12', 'scorm2004', i)).toBe('matching');
    expect(convertResponse('scorm12', 'scorm2004', i, 'card-a.public,card-b.private')).toBe('card-a[.]public[,]card-b[.]private');
  });
});

describe('a recorded result, read for the xAPI statement’s success', () => {
  it('is a success for correct, a failure for 2004’s incorrect and 1.2’s wrong, and neither for anything else', () => {
    expect(['correct', 'incorrect', 'wrong', 'unanticipated', 'neutral', '0.5', ''].map(resultSays)).toEqual([true, false, false, null, null, null, null]);
  });
});
