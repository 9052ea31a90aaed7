import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { exportFormats } from '../bench/exports';
import { markdown } from '../bench/markdown';

const ROOT = path.resolve(__dirname, '../..');
const read = (rel: string): string => readFileSync(path.join(ROOT, rel), 'utf8');
const DOCS = ['README.md', ...readdirSync(path.join(ROOT, 'docs')).filter((f) => f.endsWith('.md')).map((f) => `docs/${f}`)];

/** GitHub's heading anchors: lower case, punctuation dropped, spaces to hyphens. */
const anchor = (heading: string): string =>
  heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\- _]/gu, '')
    .replace(/ /g, '-');
const anchorsOf = (file: string): Set<string> => new Set([...read(file).matchAll(/^#+ (.*)$/gm)].map((m) => anchor(m[1] ?? '')));

describe('the README and docs/', () => {
  it('link only to files and headings that exist', () => {
    const broken: string[] = [];
    for (const file of DOCS) {
      for (const [, target] of read(file).matchAll(/\]\(([^)\s]+)\)/g)) {
        if (!target || /^[a-z]+:/.test(target)) continue; // https:, mailto:
        const [rel = '', hash] = target.split('#');
        const resolved = rel === '' ? file : path.normalize(path.join(path.dirname(file), rel));
        if (!existsSync(path.join(ROOT, resolved))) broken.push(`${file}: ${target} (no such file)`);
        else if (hash && resolved.endsWith('.md') && !anchorsOf(resolved).has(hash)) broken.push(`${file}: ${target} (no such heading)`);
      }
    }
    expect(broken).toEqual([]);
  });

  it('cite no path outside the repository (users and CI have only the repository)', () => {
    const outside = DOCS.flatMap((file) => [...read(file).matchAll(/(\/work\/[\w./-]+|\.\.\/shared\/[\w./-]+)/g)].map((m) => `${file}: ${m[1]}`));
    expect(outside).toEqual([]);
  });
});

describe('docs/commands.md', () => {
  it('documents every npm script in package.json', () => {
    const scripts = Object.keys((JSON.parse(read('package.json')) as { scripts: Record<string, string> }).scripts);
    const doc = read('docs/commands.md');
    const said = (name: string): boolean =>
      name === 'start' || name === 'test' ? doc.includes(`\`npm ${name}`) : new RegExp(`\`npm run (--silent )?${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}[\` ]`).test(doc);
    expect(scripts.filter((s) => !said(s))).toEqual([]);
  });
});

describe("docs/performance.md's figures", () => {
  const doc = read('docs/performance.md');
  const block = /<!-- bench:markdown:start -->\n([\s\S]*?)\n<!-- bench:markdown:end -->/.exec(doc)?.[1];

  it('are one block pasted from a full run of `npm run bench -- --markdown`, in exactly its format', () => {
    expect(block, 'the bench:markdown markers').toBeDefined();
    const lines = (block ?? '').split('\n');
    expect(lines[0]).toMatch(/^Measured \d{4}-\d\d-\d\dT[\d:.]+Z \(full run, \d+ s\) on: \d+ cores, .+, [\d.]+ GB RAM, Node v[\d.]+, [\w-]+; 1-minute load average [\d.]+ at the start and [\d.]+ at the end \(other work was sharing the machine when above \d+\)\.$/);
    // The rows the bench writes, from a report with every group present (numbers are placeholders).
    const sample = markdown({
      mode: 'full',
      bundle: { gzip: 1, raw: 1, playerGzip: 1 },
      firstScreen: { median: 1 },
      lessonStep: { p50: 1, p95: 1, paintP95: 1, atOnce: { p95: 1, paintP95: 1 } },
      classStep: { p50: 1, p95: 1, paintP95: 1 },
      commit: { at0: { p50: 1, p99: 1 }, at10k: { p50: 1, p99: 1 }, at100k: { p50: 1, p99: 1 }, ratio: 1 },
      startup: { recordsOpenMs: 1 },
      dashboard: { ms: 1 },
      maintenance: { maxStallMs: 1 },
      import: { seconds: 1, peakRssMB: 1 },
      sync: { statementsPerSecond: 1 },
      export: Object.fromEntries(exportFormats().map((f) => [f, { seconds: 1, peakRssMB: 1 }])),
      content: { ms: 1 },
      budget: {},
      machine: {},
    })
      .trim()
      .split('\n');
    expect(lines.slice(1, 4), 'the table head').toEqual(sample.slice(1, 4));
    const rows = lines.slice(4);
    const sampleRows = sample.slice(4);
    const label = (row: string): string => row.split(' | ')[0] ?? '';
    // A run older than a newly measured figure lacks its row; otherwise the rows are the bench's,
    // in its order, none renamed or added by hand.
    let at = 0;
    for (const row of rows) {
      const i = sampleRows.findIndex((s, k) => k >= at && label(s) === label(row));
      expect(i, `"${label(row)}" is not a row the bench writes (or is out of order)`).toBeGreaterThanOrEqual(0);
      // Each figure has the bench's shape: its numbers and units, nothing typed by hand around them.
      const shape = (sampleRows[i] ?? '')
        .split(' | ')
        .slice(0, 3)
        .map((cell) => cell.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\b1\b/g, '[\\d.]+'))
        .join(' \\| ');
      expect(row, row).toMatch(new RegExp(`^${shape} \\| (met|\\*\\*missed\\*\\*|not measured|) \\|$`));
      at = i + 1;
    }
    expect(rows.length, 'most of the bench rows are there').toBeGreaterThanOrEqual(sampleRows.length - 3);
  });
});
