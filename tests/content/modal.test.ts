import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { ClauseRegistry } from '@content/schema/policy';
import { advisoryClauses, strongModal } from '@content/tools/modal';

// Issue 15 item 7: the course keeps the policy's strength. These pin which clauses only advise
// (read from the policy text, with a list item taking its lead-in's word) and which words count.

const root = path.resolve(__dirname, '../../content');
const registry = ClauseRegistry.parse(parse(readFileSync(path.join(root, 'policy', 'clauses.yaml'), 'utf8')));
const policy = readFileSync(path.join(root, 'policy', 'social-media-policy.txt'), 'utf8');
const advisory = advisoryClauses(registry.clauses, policy);

describe('which clauses only advise', () => {
  it('counts "should", "advised", "encouraged" and "recommends", in the clause or its list’s lead-in', () => {
    for (const id of [
      'expectations.report-concerns-dsl', // "should be reported to the DSL"
      'expectations.no-harmful-content', // "advised not to publish"
      'reputation.consider-content', // "encouraged to carefully consider"
      'reputation.photo-consent', // "should be sought"
      'reputation.personal-views', // list under "All members of staff are advised ..."
      'contact.no-friends-two-years', // "advised not to communicate"
      'pupil-use.meeting', // list under "Pupils will be advised:"
      'pupil-use.under-13', // "strongly recommends"
      'tone.appropriate', // "should be appropriate"
    ]) {
      expect(advisory.has(id), id).toBe(true);
    }
  });

  it('does not count firm clauses, even when a "should" sits beside a "will not"', () => {
    for (const id of [
      'contact.no-personal-accounts', // "will not use ... nor should any contact be accepted"
      'reputation.respect-refusal', // "must be respected"
      'expectations.no-personal-use-school-hours', // "is not permitted"
      'staff-expectations.no-private-messaging', // list under "they will:"
      'reputation.no-sharing-work-info', // "will not be shared"
      'new-accounts.rationale', // "must present a rationale"
    ]) {
      expect(advisory.has(id), id).toBe(false);
    }
  });
});

describe('which words are stronger than advice', () => {
  it('finds "must" and an instruction "never"', () => {
    expect(strongModal('Consent must be in place before you post.')).toBe('must');
    expect(strongModal('Never meet someone you only know online.')).toBe('never');
    expect(strongModal('You should never reply from your own account.')).toBe('never');
  });

  it('leaves reported speech and "never" that is not an instruction alone', () => {
    expect(strongModal('Most apps say you must be 13 or over.')).toBeNull();
    expect(strongModal('It is never too late to tell someone.')).toBeNull();
    expect(strongModal('Some followers are people you have never met.')).toBeNull();
    expect(strongModal('Do not reply, and tell the DSL.')).toBeNull();
  });
});
