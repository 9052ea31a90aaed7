import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

// npm run test:mutation mutates parts of some files by line range (stryker.config.json). Lines move
// when those files change: this keeps each range on the code it is meant to hold, whole, so the
// mutation score never quietly measures the wrong lines.

const root = path.resolve(__dirname, '../..');
const config = JSON.parse(readFileSync(path.join(root, 'stryker.config.json'), 'utf8')) as { mutate: string[] };

/** What each ranged file's range must hold: the declarations of the commit path, the journal and its replay. */
const HOLDS: Record<string, RegExp[]> = {
  'electron/services/records/store.ts': [/^ {2}write\(entry: NewEntry/m, /^ {2}writeBatch</m],
  'electron/services/storage/journal.ts': [/^export function parseJournal</m, /^export class Journal /m, /^export function readJournal</m],
  'electron/services/storage/recovery.ts': [/^export function replayJournal</m, /^export function journalGaps\(/m],
};

const ranged = config.mutate.flatMap((m) => {
  const found = /^(.+):(\d+)-(\d+)$/.exec(m);
  return found ? [{ file: found[1]!, from: Number(found[2]), to: Number(found[3]) }] : [];
});

describe('the mutation scope’s line ranges', () => {
  it('are the ones this test knows', () => {
    expect(ranged.map((r) => r.file).sort()).toEqual(Object.keys(HOLDS).sort());
  });

  it.each(ranged.map((r) => [`${r.file}:${r.from}-${r.to}`, r] as const))('%s holds its functions whole, and nothing cut in half', (_name, r) => {
    const lines = readFileSync(path.join(root, r.file), 'utf8').split('\n');
    const text = lines.slice(r.from - 1, r.to).join('\n');
    for (const declaration of HOLDS[r.file]!) expect(text, String(declaration)).toMatch(declaration);
    const opened = (text.match(/{/g) ?? []).length;
    const closed = (text.match(/}/g) ?? []).length;
    expect(opened, 'braces balance: the range starts and ends between declarations').toBe(closed);
    // A range that starts on the closing brace before it and stops inside a function balances too.
    let depth = 0;
    const lowest = Math.min(...[...text].map((c) => (depth += c === '{' ? 1 : c === '}' ? -1 : 0)));
    expect(lowest, 'no brace closes what the range did not open').toBeGreaterThanOrEqual(0);
    const after = lines.slice(r.to).find((l) => l.trim() !== '') ?? '';
    expect(after, 'the line after the range starts a new declaration or closes its class').toMatch(/^(\s*\/\*\*|\s*\/\/|export |function |const |}| {2}\w)/);
  });
});
