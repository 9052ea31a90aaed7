import { Scorm12API, Scorm2004API } from 'scorm-again';
import { describe, expect, it } from 'vitest';
import { Cmi } from '@contract/channels/records';
import { checkCmiElement, durationMs, interactionsOf } from '@content/scorm';

/** scorm-again's flattened JSON as the host sends it: strings kept, empty values and `{}` left out. */
const toContract = (version: Cmi['version'], flat: Record<string, unknown>): Cmi => ({
  version,
  data: Object.fromEntries(Object.entries(flat).filter((e): e is [string, string] => typeof e[1] === 'string' && e[1] !== '')),
});

const problems = (cmi: unknown): string[] => {
  const r = Cmi.safeParse(cmi);
  return r.success ? [] : r.error.issues.map((i) => i.message);
};

describe('Cmi: what real scorm-again produces passes', () => {
  it('SCORM 2004', () => {
    const api = new Scorm2004API({ lmsCommitUrl: false, logLevel: 5 });
    api.Initialize('');
    api.SetValue('cmi.location', 'screen-4');
    api.SetValue('cmi.suspend_data', 'x'.repeat(64000));
    api.SetValue('cmi.interactions.0.id', 'tone-sort__tone.professional');
    api.SetValue('cmi.interactions.0.type', 'matching');
    api.SetValue('cmi.interactions.0.learner_response', 'c1[.]g1[,]c2[.]g2');
    api.SetValue('cmi.interactions.0.result', 'correct');
    api.SetValue('cmi.interactions.0.latency', 'PT12.5S');
    api.SetValue('cmi.interactions.0.timestamp', '2026-11-27T09:30:00');
    api.SetValue('cmi.score.scaled', '0.83');
    api.SetValue('cmi.success_status', 'passed');
    api.SetValue('cmi.completion_status', 'completed');
    const cmi = toContract('scorm2004', api.getFlattenedCMI() as Record<string, unknown>);
    expect(problems(cmi)).toEqual([]);
    expect(interactionsOf(cmi)).toEqual([
      {
        index: 0,
        id: 'tone-sort__tone.professional',
        type: 'matching',
        response: 'c1[.]g1[,]c2[.]g2',
        result: 'correct',
        latencyMs: 12500,
        answeredAt: '2026-11-27T09:30:00',
        correctPatterns: [],
        description: '',
      },
    ]);
  });

  it('SCORM 1.2', () => {
    const api = new Scorm12API({ lmsCommitUrl: false, logLevel: 5, mastery_override: false });
    api.LMSInitialize('');
    api.LMSSetValue('cmi.core.lesson_location', 'q3');
    api.LMSSetValue('cmi.core.lesson_status', 'incomplete');
    api.LMSSetValue('cmi.core.score.raw', '75');
    api.LMSSetValue('cmi.suspend_data', 'y'.repeat(4096));
    api.LMSSetValue('cmi.interactions.0.id', 'st-risks-tf__staff-personal.risks');
    api.LMSSetValue('cmi.interactions.0.type', 'true-false');
    api.LMSSetValue('cmi.interactions.0.student_response', 't');
    api.LMSSetValue('cmi.interactions.0.result', 'wrong');
    api.LMSSetValue('cmi.interactions.0.latency', '0000:00:09.50');
    const cmi = toContract('scorm12', api.getFlattenedCMI() as Record<string, unknown>);
    expect(problems(cmi)).toEqual([]);
    expect(interactionsOf(cmi)[0]).toMatchObject({ response: 't', result: 'wrong', latencyMs: 9500 });
  });
});

describe('Cmi: the standards’ limits that scorm-again does not enforce', () => {
  it('suspend_data: 4,096 characters in 1.2, 64,000 in 2004', () => {
    expect(problems({ version: 'scorm12', data: { 'cmi.suspend_data': 'x'.repeat(4096) } })).toEqual([]);
    expect(problems({ version: 'scorm12', data: { 'cmi.suspend_data': 'x'.repeat(4097) } })).toEqual(['cmi.suspend_data is 4097 characters; the limit is 4096']);
    expect(problems({ version: 'scorm2004', data: { 'cmi.suspend_data': 'x'.repeat(64000) } })).toEqual([]);
    expect(problems({ version: 'scorm2004', data: { 'cmi.suspend_data': 'x'.repeat(64001) } })).not.toEqual([]);
  });

  it('identifiers: no spaces; 1.2 at most 255 characters', () => {
    expect(checkCmiElement('scorm12', 'cmi.interactions.0.id', 'item 1')).toMatch(/CMIIdentifier/);
    expect(checkCmiElement('scorm12', 'cmi.interactions.0.id', 'a'.repeat(256))).toMatch(/CMIIdentifier/);
    expect(checkCmiElement('scorm2004', 'cmi.interactions.0.id', 'item 1')).toMatch(/spaces/);
    expect(checkCmiElement('scorm2004', 'cmi.interactions.0.id', 'urn:x:' + 'a'.repeat(3000))).toBeNull();
  });

  it('vocabularies per version', () => {
    expect(checkCmiElement('scorm12', 'cmi.core.lesson_status', 'browsed')).toBeNull();
    expect(checkCmiElement('scorm2004', 'cmi.completion_status', 'browsed')).toMatch(/must be one of/);
    expect(checkCmiElement('scorm12', 'cmi.interactions.0.result', 'incorrect')).toMatch(/must be one of/);
    expect(checkCmiElement('scorm2004', 'cmi.interactions.0.result', 'wrong')).toMatch(/must be one of/);
    expect(checkCmiElement('scorm2004', 'cmi.interactions.0.result', '0.5')).toBeNull();
    expect(checkCmiElement('scorm2004', 'cmi.exit', 'normal')).toBeNull();
    expect(checkCmiElement('scorm12', 'cmi.core.exit', 'normal')).toMatch(/must be one of/);
  });

  it('numbers, times and durations', () => {
    expect(checkCmiElement('scorm2004', 'cmi.score.scaled', '1.01')).toMatch(/between -1 and 1/);
    expect(checkCmiElement('scorm12', 'cmi.core.score.raw', '101')).toMatch(/between 0 and 100/);
    expect(checkCmiElement('scorm12', 'cmi.core.score.raw', 'ten')).toMatch(/decimal/);
    expect(checkCmiElement('scorm2004', 'cmi.session_time', 'PT1H2M3.5S')).toBeNull();
    expect(checkCmiElement('scorm2004', 'cmi.session_time', 'P')).toMatch(/ISO 8601 duration/);
    expect(checkCmiElement('scorm2004', 'cmi.session_time', 'PT')).toMatch(/ISO 8601 duration/);
    expect(checkCmiElement('scorm12', 'cmi.core.session_time', '0001:02:03.50')).toBeNull();
    expect(checkCmiElement('scorm12', 'cmi.core.session_time', 'PT1M')).toMatch(/CMITimespan/);
    expect(durationMs('PT1H2M3.5S')).toBe(3_723_500);
    expect(durationMs('0001:02:03.50')).toBe(3_723_500);
  });

  it('collections: at most 250 interactions; unknown elements and the other version’s elements are named', () => {
    expect(checkCmiElement('scorm2004', 'cmi.interactions.249.id', 'x')).toBeNull();
    expect(checkCmiElement('scorm2004', 'cmi.interactions.250.id', 'x')).toMatch(/beyond the 250 interactions/);
    expect(checkCmiElement('scorm2004', 'cmi.favourite_colour', 'blue')).toBe('is not an element of the SCORM data model');
    expect(checkCmiElement('scorm12', 'cmi.location', 'x')).toBe('is a SCORM 2004 element, not one of SCORM 1.2');
    expect(problems({ version: 'scorm2004', data: { a: 'b' }, extra: true })).not.toEqual([]);
  });
});

describe('Cmi: the shape of data from outside main', () => {
  const cmi2004 = (data: unknown) => ({ version: 'scorm2004', data });

  it('refuses data that is not a record of strings, saying where', () => {
    expect(problems(cmi2004(null))).toEqual(['Invalid input: expected record, received null']);
    expect(problems(cmi2004(['cmi.location']))).toEqual(['Invalid input: expected record, received array']);
    expect(problems(cmi2004({ 'cmi.location': 5 }))).toEqual(['Invalid input: expected string, received number']);
    expect(problems(cmi2004({ ['cmi.' + 'x'.repeat(260)]: 'a' }))).toEqual(['Invalid key in record']);
  });

  it('says both that a value is too long and which rule it breaks', () => {
    expect(problems(cmi2004({ 'cmi.suspend_data': 'x'.repeat(64001) }))).toEqual([
      'Too big: expected string to have <=64000 characters',
      'cmi.suspend_data is 64001 characters; the limit is 64000',
    ]);
  });

  it('keeps no __proto__ key and gives back a plain object of its own', () => {
    const sent = JSON.parse('{"__proto__": {"polluted": "yes"}, "cmi.location": "screen-1"}') as Record<string, string>;
    const r = Cmi.safeParse(cmi2004(sent));
    expect(r.success).toBe(true);
    const data = r.success ? r.data.data : {};
    expect(Object.keys(data)).toEqual(['cmi.location']);
    expect(Object.getPrototypeOf(data)).toBe(Object.prototype);
    expect((data as Record<string, unknown>).polluted).toBeUndefined();
    expect(data, 'a copy, not the object sent').not.toBe(sent);
  });
});
