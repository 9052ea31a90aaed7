import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { LearnerBlock } from '@services/records-file/format';
import { readRecordsFile, RecordsFileError } from '@services/records-file/read';
import { writeRecordsFile } from '@services/records-file/write';
import { exportTarget } from '@services/output/target';

const dir = mkdtempSync(path.join(os.tmpdir(), 'records-file-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const TRUST = 'Leading Edge Academies Partnership';
const HEADER = { trustName: TRUST, sourcePc: 'STAFFROOM-PC-2', exportedAt: '2026-11-20T10:00:00.000Z', appVersion: '0.1.0' };

const block = (n: number): LearnerBlock => {
  const id = (k: number) => `0000000${n}-0000-4000-8000-00000000000${k}`;
  return {
    learner: { learnerId: id(0), name: `Staff ${n}`, workEmail: `staff${n}@leap.example`, staffId: null, school: 'Oak Primary', role: 'teaching', firstSignInAt: '2026-09-02T08:00:00.000Z' },
    attempts: [
      {
        attemptId: id(1),
        courseId: 'staff-induction',
        moduleId: 'assessment',
        contentVersion: '1.0.0',
        policyVersionLabel: '0.1',
        scormVersion: 'scorm2004',
        drawnItemIds: ['q1', 'q2'],
        startedAt: '2026-09-02T08:05:00.000Z',
        updatedAt: '2026-09-02T08:25:00.000Z',
        finishedAt: '2026-09-02T08:25:00.000Z',
        status: 'passed',
        scorePercent: 100,
        correct: 2,
        total: 2,
        sectionsToReview: [],
        itemResults: [{ itemId: 'q1', correct: true }, { itemId: 'q2', correct: true }],
        flags: [],
        cmi: { version: 'scorm2004', data: { 'cmi.completion_status': 'completed', 'cmi.success_status': 'passed' } },
      },
    ],
    acknowledgements: [{ courseId: 'staff-induction', attemptId: id(1), policyVersionLabel: '0.1', contentVersion: '1.0.0', acknowledgedAt: '2026-09-02T08:26:00.000Z' }],
  };
};

async function written(name: string, blocks: LearnerBlock[] = [block(1), block(2)]): Promise<string> {
  const file = path.join(dir, name);
  await writeRecordsFile(exportTarget(file, null), HEADER, blocks);
  return file;
}

async function refusal(file: string, trustName = TRUST, onBlock?: () => void): Promise<RecordsFileError> {
  try {
    await readRecordsFile(file, { trustName, ...(onBlock ? { onBlock } : {}) });
  } catch (err) {
    if (err instanceof RecordsFileError) return err;
    throw err;
  }
  throw new Error(`${file} was accepted`);
}

/** Rewrites a file's lines and gives it a correct end line again, as a careful forger would. */
function resealed(file: string, edit: (lines: string[]) => string[]): string {
  const lines = readFileSync(file, 'utf8').trimEnd().split('\n').slice(0, -1);
  const body = edit(lines).map((l) => `${l}\n`).join('');
  const end = JSON.parse(readFileSync(file, 'utf8').trimEnd().split('\n').at(-1)!) as { end: Record<string, unknown> };
  const out = `${file}.resealed`;
  writeFileSync(out, `${body}${JSON.stringify({ end: { ...end.end, sha256: createHash('sha256').update(body).digest('hex') } })}\n`);
  return out;
}

describe('the Trust records file', () => {
  it('reads back what was written: header, each staff member, counts', async () => {
    const file = await written('two.records');
    const seen: LearnerBlock[] = [];
    const r = await readRecordsFile(file, { trustName: TRUST.toUpperCase(), onBlock: (b) => void seen.push(b) });
    expect(r.header).toEqual({ kind: 'leap-trust-records', formatVersion: 1, ...HEADER });
    expect(r.end).toMatchObject({ learners: 2, attempts: 2, acknowledgements: 2 });
    expect(seen).toEqual([block(1), block(2)]);
  });

  it('refuses another Trust’s file before reading its records', async () => {
    const file = await written('other.records');
    let blocks = 0;
    const err = await refusal(file, 'Another Academy Trust', () => void blocks++);
    expect(err.reason).toBe('other-trust');
    expect(err.message).toContain(`holds records of "${TRUST}", not of this PC's Trust "Another Academy Trust"`);
    expect(blocks).toBe(0);
  });

  it('refuses a newer format with what to do', async () => {
    const file = await written('newer.records');
    const text = readFileSync(file, 'utf8').replace('"formatVersion":1', '"formatVersion":2');
    writeFileSync(file, text);
    const err = await refusal(file);
    expect(err.reason).toBe('newer-format');
    expect(err.message).toMatch(/newer version of the app \(records format 2\); this app reads format 1\. Update the app/);
  });

  it('refuses a flipped byte (checksum), a cut-short copy and a line of garbage, naming the line', async () => {
    const file = await written('damaged.records');
    const text = readFileSync(file, 'utf8');
    writeFileSync(file, text.replace('Staff 2', 'Staff 3'));
    expect((await refusal(file)).message).toMatch(/checksum does not match its contents/);
    writeFileSync(file, text.slice(0, Math.floor(text.length * 0.7)));
    expect((await refusal(file)).message).toMatch(/line 3 is not complete JSON|ends before its closing line/);
    writeFileSync(file, text.split('\n').slice(0, 3).join('\n') + '\n');
    expect((await refusal(file)).message).toMatch(/ends before its closing line \(the copy was cut short\)/);
    writeFileSync(file, text.replace(/\n/, '\n{"learner": nonsense}\n'));
    expect((await refusal(file)).message).toMatch(/line 2 is not complete JSON/);
  });

  it('refuses a file carrying a PIN hash or a pupil, even with a correct checksum', async () => {
    const file = await written('pin.records');
    const withPin = resealed(file, (lines) => lines.map((l, i) => (i === 1 ? l.replace('"role":"teaching"', '"role":"teaching","pinHash":"$scrypt$x"') : l)));
    expect((await refusal(withPin)).message).toMatch(/line 2: learner: pinHash is not part of a records file/);
    const pupil = resealed(file, (lines) => [...lines, JSON.stringify({ learner: { learnerId: '00000009-0000-4000-8000-000000000000', firstName: 'Ava', initial: 'B', className: '5C', band: 'ks2' }, attempts: [], acknowledgements: [] })]);
    expect((await refusal(pupil)).reason).toBe('damaged');
  });

  it('refuses what is not a records file: a CSV, an empty file, a folder, a link to a device', async () => {
    const csv = path.join(dir, 'results.csv');
    writeFileSync(csv, 'name,email\nAda,ada@leap.example\n');
    expect((await refusal(csv)).message).toMatch(/is not a Trust records file/);
    const empty = path.join(dir, 'empty.records');
    writeFileSync(empty, '');
    expect((await refusal(empty)).message).toMatch(/is empty/);
    expect((await refusal(dir)).message).toMatch(/is not a file/);
    const link = path.join(dir, 'zero.records');
    symlinkSync('/dev/zero', link);
    expect((await refusal(link)).message).toMatch(/is not a file/);
    expect((await refusal(path.join(dir, 'missing.records'))).message).toMatch(/cannot be read \(ENOENT\)/);
  });

  it('refuses a line too long to be genuine without reading it all into memory', async () => {
    const huge = path.join(dir, 'huge.records');
    const header = readFileSync(await written('h.records'), 'utf8').split('\n')[0]!;
    writeFileSync(huge, `${header}\n{"learner":"${'x'.repeat(20 * 1024 * 1024)}`);
    expect((await refusal(huge)).message).toMatch(/line 2 is longer than 16 MB/);
  });

  it('refuses anything after the closing line', async () => {
    const file = await written('tail.records');
    writeFileSync(file, readFileSync(file, 'utf8') + JSON.stringify(block(3)) + '\n');
    expect((await refusal(file)).message).toMatch(/more after its closing line/);
  });
});
