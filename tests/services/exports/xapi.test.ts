import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SCORM_PROFILE } from '@services/exports/formats/xapi';
import { uuidv5 } from '@services/exports/formats/uuid';
import { IDS, seedStore, type Seeded } from './seed';

type Json = Record<string, unknown>;
let s: Seeded;
let first: Json[];
let second: Json[];

beforeAll(async () => {
  s = seedStore();
  const read = async (name: string): Promise<Json[]> => {
    const out = path.join(s.outDir, name);
    await s.services.exports.run({ format: 'xapi' }, out, 'admin');
    return JSON.parse(readFileSync(out, 'utf8')) as Json[];
  };
  first = await read('one.json');
  second = await read('two.json');
});
afterAll(() => s.stop());

// xAPI 1.0.3 formats (Data 2.4 and 4.5–4.6).
const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-5][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const IRI_RE = /^[a-z][a-z0-9+.-]*:[^\s]+$/i;
const TIMESTAMP_RE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;
const DURATION_RE = /^P(?!$)(\d+Y)?(\d+M)?(\d+W)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+(\.\d+)?S)?)?$/;
const LANG_RE = /^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/;
const INTERACTION_TYPES = ['true-false', 'choice', 'fill-in', 'long-fill-in', 'matching', 'performance', 'sequencing', 'likert', 'numeric', 'other'];
const STATEMENT_KEYS = ['id', 'actor', 'verb', 'object', 'result', 'context', 'timestamp', 'stored', 'authority', 'version', 'attachments'];

const languageMap = (m: unknown): void => {
  expect(m).toBeTypeOf('object');
  for (const [k, v] of Object.entries(m as Json)) {
    expect(k).toMatch(LANG_RE);
    expect(v).toBeTypeOf('string');
  }
};
const activity = (a: Json): void => {
  expect(a.objectType ?? 'Activity').toBe('Activity');
  expect(a.id).toMatch(IRI_RE);
  const d = a.definition as Json | undefined;
  if (!d) return;
  if (d.name) languageMap(d.name);
  if (d.description) languageMap(d.description);
  if (d.type) expect(d.type).toMatch(IRI_RE);
  if (d.interactionType !== undefined) expect(INTERACTION_TYPES).toContain(d.interactionType);
  if (d.correctResponsesPattern !== undefined) {
    expect(Array.isArray(d.correctResponsesPattern)).toBe(true);
    for (const p of d.correctResponsesPattern as unknown[]) expect(p).toBeTypeOf('string');
  }
};

describe('xAPI statements (xAPI 1.0.3, ADL SCORM profile)', () => {
  it('is one JSON array of statements with every required property in its format', () => {
    expect(Array.isArray(first)).toBe(true);
    expect(first.length).toBeGreaterThan(0);
    for (const st of first) {
      for (const k of Object.keys(st)) expect(STATEMENT_KEYS).toContain(k);
      expect(st.id).toMatch(UUID_RE);
      const actor = st.actor as Json;
      expect(actor.objectType).toBe('Agent');
      // Exactly one inverse functional identifier: the account.
      expect(['mbox', 'mbox_sha1sum', 'openid', 'account'].filter((k) => k in actor)).toEqual(['account']);
      expect(actor.account).toEqual({ homePage: 'https://lms.leap.example', name: expect.any(String) });
      const verb = st.verb as Json;
      expect(verb.id).toMatch(/^http:\/\/adlnet\.gov\/expapi\/verbs\/(initialized|responded|completed|passed|failed|terminated)$/);
      languageMap(verb.display);
      activity(st.object as Json);
      expect(st.timestamp).toMatch(TIMESTAMP_RE);
      const ctx = st.context as Json;
      expect(ctx.language).toMatch(LANG_RE);
      const ca = ctx.contextActivities as Record<string, Json[]>;
      for (const list of Object.values(ca)) {
        expect(Array.isArray(list)).toBe(true);
        list.forEach(activity);
      }
      expect(ca.category!.map((c) => c.id)).toContain(SCORM_PROFILE);
      const types = ca.grouping!.map((g) => (g.definition as Json).type);
      expect(types).toEqual(['http://adlnet.gov/expapi/activities/course', 'http://adlnet.gov/expapi/activities/attempt']);
      expect(ca.grouping![1]!.id).toMatch(/\?attemptId=[0-9a-f-]{36}$/);
      const result = st.result as Json | undefined;
      if (result) {
        if ('duration' in result) expect(result.duration).toMatch(DURATION_RE);
        if ('success' in result) expect(result.success).toBeTypeOf('boolean');
        if ('completion' in result) expect(result.completion).toBeTypeOf('boolean');
        const score = result.score as Json | undefined;
        if (score) {
          expect(score.scaled as number).toBeGreaterThanOrEqual(-1);
          expect(score.scaled as number).toBeLessThanOrEqual(1);
          expect(score.raw as number).toBeGreaterThanOrEqual(score.min as number);
          expect(score.raw as number).toBeLessThanOrEqual(score.max as number);
        }
      }
    }
  });

  it('tells an attempt as initialized, responded…, completed, passed/failed, terminated with result and duration', () => {
    const ofAttempt = (attemptId: string) =>
      first.filter((st) => ((st.context as Json).contextActivities as Record<string, Json[]>).grouping![1]!.id!.toString().endsWith(attemptId));
    const ada = ofAttempt(IDS.adaPass);
    expect(ada.map((st) => (st.verb as Json).id!.toString().split('/').at(-1))).toEqual(['initialized', 'responded', 'responded', 'completed', 'passed', 'terminated']);
    const passed = ada[4]!;
    expect(passed.result).toEqual({ success: true, completion: true, score: { scaled: 0.9167, raw: 91.67, min: 0, max: 100 }, duration: 'PT21M30S' });
    expect(ada[5]!.result).toEqual({ duration: 'PT21M30S' });
    expect(ada[2]!.result).toEqual({ response: 'false', success: false });
    expect((ada[1]!.object as Json).id).toBe('https://lms.leap.example/xapi/courses/staff-induction/modules/assessment/interactions/item-one__staff.1');
    expect(ada[1]!.timestamp).toBe('2026-10-01T09:05:00.000Z');
    const ben = ofAttempt(IDS.benFail);
    expect(ben).toEqual([]); // no work email, and the username field is the work email: left out, counted
    const cy = ofAttempt(IDS.cyIntro);
    expect(cy.map((st) => (st.verb as Json).id!.toString().split('/').at(-1))).toEqual(['initialized']);
  });

  it('gives the same ids on a second export, unique within one, and UUIDv5 of attempt and sequence', () => {
    expect(second.map((st) => st.id)).toEqual(first.map((st) => st.id));
    expect(new Set(first.map((st) => st.id)).size).toBe(first.length);
    // The RFC 9562 test vector for v5 (DNS namespace, "www.example.com").
    expect(uuidv5('www.example.com', '6ba7b810-9dad-11d1-80b4-00c04fd430c8')).toBe('2ed6657d-e927-568b-95e1-2665a8aea6a2');
  });

  it('never names a pupil', () => {
    const text = JSON.stringify(first);
    expect(text).not.toContain(IDS.pupil);
    expect(text).not.toContain('pupils-ks2');
  });
});
