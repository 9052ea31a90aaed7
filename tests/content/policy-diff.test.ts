import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PolicyInputError, comparePolicy, readPolicyText } from '@content/tools/policy-change';
import { MINI, idLine, policyFixture, policyRoot, readPolicyFixture } from './policy-fixture';

const ROOT = resolve(__dirname, '../..');
const CLAUSES = 88; // clauses in edition 0.1's registry (tests/fixtures/policy/edition-0.1/clauses.yaml)
const tsx = (args: string[]) => spawnSync(join(ROOT, 'node_modules/.bin/tsx'), args, { cwd: ROOT, encoding: 'utf8' });
const root = policyRoot();
const diff = (name: string) => comparePolicy(root, readPolicyFixture(name)).report;
const at = (file: string, id: string) => `${join(root, file)}:${idLine(root, file, id)}`;

describe('content:policy-diff', () => {
  it('finds every clause unchanged in the same text', () => {
    expect(diff('edition-0.1/social-media-policy')).toEqual({ edition: '0.1', changed: [], removed: [], added: [], unchanged: CLAUSES });
  });

  // Matching is by wording: none of these is a change.
  it.each([
    ['renumbered', 'numbered headings ("8. Reputation", capitals) and numbered paragraphs ("8.3 ...")'],
    ['rewrapped', 'lines wrapped at 72 columns, and •, *, –, ◦, (a), 1. and Word\'s private-use bullets'],
    ['curly-quotes', 'typographic quotes and apostrophes'],
  ])('sees no change in %s: %s', (name) => {
    expect(diff(name)).toMatchObject({ changed: [], removed: [], added: [], unchanged: CLAUSES });
  });

  it('reports a reworded clause with its new wording, a word-level diff, and the screens and items that cite it', () => {
    const r = diff('reworded');
    expect(r.unchanged).toBe(CLAUSES - 1);
    expect(r.removed).toEqual([]);
    expect(r.added).toEqual([]);
    expect(r.changed).toHaveLength(1);
    const c = r.changed[0];
    expect(c).toMatchObject({
      id: 'contact.report-pupil-messages',
      section: 'contact',
      newText: 'Any communication from pupils or their parents received on personal social media accounts must be reported to the DSL (or deputies) on the same day.',
      line: 142,
    });
    expect(c?.diff.filter((p) => p.op !== '=')).toEqual([
      { op: '+', text: 'or their parents' },
      { op: '-', text: 'will' },
      { op: '+', text: 'must' },
      { op: '+', text: 'on the same day' },
    ]);
    expect(c?.affected).toEqual({
      screens: [at(MINI.basics, 'basics-messages'), at(MINI.basics, 'basics-who')],
      items: [at(MINI.items, 'mini-pupil-message'), at(MINI.items, 'mini-branch')],
    });
  });

  it('reports a removed clause with what cites it, quotes included', () => {
    const r = diff('removed');
    expect(r).toMatchObject({ changed: [], added: [], unchanged: CLAUSES - 1 });
    expect(r.removed).toEqual([
      {
        id: 'official.second-reader',
        section: 'official',
        text: 'Public communications on behalf of the school will, where appropriate and possible, be read and agreed by at least one other colleague.',
        affected: { screens: [at(MINI.basics, 'basics-second-reader')], items: [at(MINI.items, 'mini-second-reader')] },
      },
    ]);
  });

  it('lists the rules of an added paragraph, with their section and line, and not its description', () => {
    const r = diff('added');
    expect(r).toMatchObject({ changed: [], removed: [], unchanged: CLAUSES });
    expect(r.added).toEqual([
      { section: 'reputation', line: 131, text: "Staff must not post, share or comment on content about a pupil's or colleague's personal life, even in closed or private groups." },
      { section: 'reputation', line: 131, text: 'Screenshots of messages from parents or pupils must never be posted online.' },
    ]);
  });

  it('takes a whole new edition apart: wrapped, renumbered, curly, three rewordings and a new section', () => {
    const r = diff('edition-1.0');
    expect(r.changed.map((c) => [c.id, c.line])).toEqual([
      ['reputation.photo-consent', 200],
      ['contact.report-pupil-messages', 221],
      ['staff-expectations.privacy-settings', 322],
    ]);
    expect(r.changed[0]?.newText).toBe('Consent to use any photos or video recordings should be sought in line with the Trust’s Data Protection policy.');
    expect(r.changed[0]?.diff.filter((p) => p.op !== '=')).toEqual([
      { op: '-', text: "Mounts Bay Academy's" },
      { op: '+', text: "the Trust's" },
    ]);
    // A short clause that grew keeps most of its words: reworded, not removed and added.
    expect(r.changed[2]?.newText).toBe('Check privacy settings at least once a term and after every app update.');
    expect(r.removed).toEqual([]);
    expect(r.added).toEqual([
      { section: 'artificial-intelligence-tools', newSection: 'Artificial intelligence tools', line: 330, text: 'Staff must not upload photos, names or work of pupils to artificial intelligence tools that the Trust has not approved.' },
      { section: 'artificial-intelligence-tools', newSection: 'Artificial intelligence tools', line: 332, text: 'Images of pupils must never be altered or generated with such tools.' },
    ]);
    expect(r.unchanged).toBe(CLAUSES - 3);
  });

  it('prints the JSON shape of the issue with --json and a readable report without', () => {
    const json = tsx(['content/tools/policy-diff.ts', '--root', root, '--new', policyFixture('reworded'), '--json']);
    expect(json.status, json.stderr).toBe(0);
    const parsed = JSON.parse(json.stdout) as Record<string, unknown>;
    expect(Object.keys(parsed).sort()).toEqual(['added', 'changed', 'edition', 'removed', 'unchanged']);
    const changed = (parsed.changed as Record<string, unknown>[])[0];
    expect(Object.keys(changed ?? {})).toEqual(expect.arrayContaining(['id', 'section', 'newText', 'affected']));
    expect(Object.keys((changed?.affected as object) ?? {}).sort()).toEqual(['items', 'screens']);

    const text = tsx(['content/tools/policy-diff.ts', '--root', root, '--new', policyFixture('reworded')]);
    expect(text.status, text.stderr).toBe(0);
    expect(text.stdout).toContain(`${CLAUSES - 1} unchanged, 1 reworded, 0 removed, 0 new rules`);
    expect(text.stdout).toContain('Any communication from pupils {+or their parents+} received on personal social media accounts [-will-] {+must+} be reported');
    expect(text.stdout).toContain(`screens: ${at(MINI.basics, 'basics-messages')}`);
  });
});

describe('content:policy-diff on bad input', () => {
  const dir = mkdtempSync(join(tmpdir(), 'policy-input-'));
  const write = (name: string, data: string | Buffer) => {
    const file = join(dir, name);
    writeFileSync(file, data);
    return file;
  };
  const run = (...args: string[]) => tsx(['content/tools/policy-diff.ts', '--root', root, ...args]);

  it('says what is missing or wrong: exit 2 for the command line, 1 for the file', () => {
    const none = run();
    expect([none.status, none.stderr]).toEqual([2, expect.stringContaining('say which text to compare with --new FILE')]);
    const missing = run('--new', join(dir, 'nope.txt'));
    expect([missing.status, missing.stderr]).toEqual([1, expect.stringContaining(`${join(dir, 'nope.txt')}: cannot read the new policy text (ENOENT)`)]);
    const unknown = run('--new', policyFixture('reworded'), '--force');
    expect([unknown.status, unknown.stderr]).toEqual([2, expect.stringContaining("Unknown option '--force'")]);
  });

  it('refuses a Word file, a PDF, a folder, binary data and anything over 2 MB, naming the file', () => {
    const cases: [string, string][] = [
      [write('policy.docx', Buffer.from('PK\u0003\u0004rest-of-a-zip', 'latin1')), 'save the policy as plain text'],
      [write('policy.pdf', '%PDF-1.7\n...'), 'this is a PDF'],
      [dir, 'not a file'],
      [write('policy.bin', Buffer.from([0x41, 0x00, 0x42, 0x00, 0x43])), 'holds binary data'],
      [write('huge.txt', 'x'.repeat(2 * 1024 * 1024 + 1)), 'is not a policy text'],
    ];
    for (const [file, says] of cases) {
      expect(() => readPolicyText(file)).toThrow(PolicyInputError);
      expect(() => readPolicyText(file)).toThrow(new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: .*${says}`));
    }
  });

  it('refuses a text with far more sentences than any policy, rather than comparing it for minutes', () => {
    const long = Array.from({ length: 5001 }, (_, i) => `Staff must follow rule ${i + 1}.`).join(' ');
    expect(() => comparePolicy(root, long)).toThrow(PolicyInputError);
    expect(() => comparePolicy(root, long)).toThrow(/^the new text has 5001 sentences and list items; a policy has a few hundred \(edition 0\.1: 128\), so this is not one/);
  });

  it('reads a text saved by Word as Windows-1252 or as UTF-16, curly quotes and all', () => {
    const curly = readPolicyFixture('curly-quotes');
    const cp1252: Record<string, number> = { '‘': 0x91, '’': 0x92, '“': 0x93, '”': 0x94, '–': 0x96 };
    const bytes = Buffer.from([...curly].map((ch) => cp1252[ch] ?? (ch.charCodeAt(0) < 0x80 ? ch.charCodeAt(0) : 0x3f)));
    const ansi = readPolicyText(write('ansi.txt', bytes));
    expect(comparePolicy(root, ansi).report).toMatchObject({ changed: [], removed: [], added: [], unchanged: CLAUSES });
    const utf16 = readPolicyText(write('unicode.txt', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(curly, 'utf16le')])));
    expect(utf16).toBe(curly);
  });

  it('says so when the text is not the policy at all', () => {
    const other = run('--new', join(ROOT, 'README.md'));
    expect(other.status).toBe(0);
    expect(other.stdout).toContain(`0 unchanged, 0 reworded, ${CLAUSES} removed`);
    expect(other.stdout).toContain('is it the right document?');
  });
});
