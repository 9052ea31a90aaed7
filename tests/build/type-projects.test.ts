import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(__dirname, '../..');
const FIXTURE = path.join(ROOT, 'tests/fixtures/typecheck/node-uses.ts');
const WORK = path.join(ROOT, '.tmp/type-projects');
const bin = (name: string): string => path.join(ROOT, 'node_modules/.bin', name);

/** The fixture's lines that use Node (found in its text, not written out here). */
const nodeLines = (): number[] =>
  readFileSync(FIXTURE, 'utf8')
    .split('\n')
    .flatMap((line, i) => (/node:crypto|Buffer\.|process\./.test(line) ? [i + 1] : []));

/** Type-checks the fixture alone under a project's compiler options; returns "line TScode" per error. */
function checkFixtureUnder(project: string): string[] {
  mkdirSync(WORK, { recursive: true });
  const config = path.join(WORK, `${project}.json`);
  // Its own build-info file: the project's own (.tmp/tsc) stays the real program's.
  const compilerOptions = { tsBuildInfoFile: path.join(WORK, `${project}.tsbuildinfo`) };
  writeFileSync(config, JSON.stringify({ extends: path.join(ROOT, project), compilerOptions, include: [], files: [FIXTURE] }));
  const run = spawnSync(bin('tsc'), ['-p', config, '--pretty', 'false'], { cwd: ROOT, encoding: 'utf8' });
  return [...run.stdout.matchAll(/node-uses\.ts\((\d+),\d+\): error (TS\d+)/g)].map((m) => `${m[1]} ${m[2]}`);
}

/** Every file a project's program loads (resolution only, no type-check). */
function filesOf(project: string): string[] {
  const run = spawnSync(bin('vue-tsc'), ['-p', project, '--listFilesOnly'], { cwd: ROOT, encoding: 'utf8' });
  expect(run.status, run.stderr + run.stdout).toBe(0);
  return run.stdout.split('\n').filter(Boolean);
}

// One type project per runtime (docs/architecture.md): a Node import or global in the player, the
// renderer or shared code fails `npm run typecheck`, and passes in main's project. Each case starts
// tsc once (a few seconds alone; the web project's file list takes ~90 s on a 2-core machine under
// load 20), hence the longer timeout.
describe('type projects', { timeout: 240_000 }, () => {
  it.each(['tsconfig.web.json', 'tsconfig.shared.json'])('%s refuses node:crypto, Buffer and process', (project) => {
    const errors = checkFixtureUnder(project);
    const lines = nodeLines();
    expect(lines).toHaveLength(3);
    expect(errors.map((e) => Number(e.split(' ')[0])).sort((a, b) => a - b)).toEqual(lines);
    // 2307: no such module; 2591: no such name (install @types/node).
    expect(new Set(errors.map((e) => e.split(' ')[1]))).toEqual(new Set(['TS2307', 'TS2591']));
  });

  it('tsconfig.node.json accepts the same file (the refusals above come from the project, not the file)', () => {
    expect(checkFixtureUnder('tsconfig.node.json')).toEqual([]);
  });

  it.each(['tsconfig.web.json', 'tsconfig.shared.json'])('%s loads no Node types through any dependency', (project) => {
    const files = filesOf(project);
    expect(files.some((f) => f.includes('/renderer/src/') || f.includes('/content/scorm/'))).toBe(true);
    expect(files.filter((f) => f.includes('/@types/node/'))).toEqual([]);
  });
});
