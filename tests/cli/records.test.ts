import { spawnSync } from 'node:child_process';
import { copyFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUNDLE_FILE } from '../helpers/bundle';
import { removeDir, tempDir } from '../services/records/helpers';

const ROOT = path.resolve(__dirname, '../..');
let work = '';
let bundle = '';
beforeAll(() => {
  work = tempDir('records-cli-');
  bundle = path.join(work, 'bundle.json');
  copyFileSync(BUNDLE_FILE, bundle); // a private copy: out/ may be rebuilt by another run meanwhile
});
afterAll(() => removeDir(work));

/** The CLIs exactly as `npm run demo` / `npm run records` start them (tsx on Node 24). */
function cli(file: 'demo' | 'records', args: string[]) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', path.join(ROOT, `electron/cli/${file}.ts`), ...args], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe('npm run demo, npm run records', () => {
  it('demo prints one attempt id a line; verify prints one JSON object; list prints every id', () => {
    const data = path.join(work, 'data');
    const demo = cli('demo', ['--data', data, '--staff', '3', '--pupils', '4', '--seed', 'cli', '--bundle', bundle]);
    expect(demo.code, demo.stderr).toBe(0);
    const ids = demo.stdout.trim().split('\n');
    expect(ids.length).toBeGreaterThanOrEqual(7);
    for (const id of ids) expect(id).toMatch(UUID);

    const verify = cli('records', ['verify', '--data', data]);
    expect(verify.code, verify.stderr).toBe(0);
    expect(verify.stdout.trim().split('\n')).toHaveLength(1);
    const report = JSON.parse(verify.stdout) as Record<string, unknown>;
    expect(report).toMatchObject({ ok: true, integrity: 'ok', learners: 7, attempts: ids.length });
    expect(report.commits).toBeGreaterThanOrEqual(ids.length);

    const list = cli('records', ['list', '--data', data]);
    expect(list.code).toBe(0);
    expect(list.stdout.trim().split('\n').sort()).toEqual([...ids].sort());
  }, 120_000);

  it('verify exits non-zero on a damaged database; recover repairs it from backup and journal', () => {
    const data = path.join(work, 'damaged');
    expect(cli('demo', ['--data', data, '--staff', '2', '--pupils', '1', '--seed', 'dmg', '--bundle', bundle]).code).toBe(0);
    writeFileSync(path.join(data, 'records.sqlite'), Buffer.alloc(8192, 0x5a));
    const bad = cli('records', ['verify', '--data', data]);
    expect(bad.code).toBe(1);
    const report = JSON.parse(bad.stdout) as { ok: boolean; problems: string[] };
    expect(report.ok).toBe(false);
    expect(report.problems.join(' ')).toMatch(/cannot be read.*recover/);
    const recover = cli('records', ['recover', '--data', data, '--bundle', bundle]);
    expect(recover.code, recover.stderr).toBe(0);
    expect(JSON.parse(recover.stdout)).toMatchObject({ integrity: 'ok', recovery: { mayBeMissing: expect.stringMatching(/^Nothing/) } });
    expect(cli('records', ['verify', '--data', data]).code).toBe(0);
  }, 120_000);

  it('says what is wrong with bad arguments', () => {
    const none = cli('records', ['verify']);
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/--data DIR is required/);
    // A folder without records is "nothing to do" in the shared exit-code table, not a bad command line.
    const empty = cli('records', ['verify', '--data', path.join(work, 'nothing-here')]);
    expect(empty.code).toBe(1);
    expect(empty.stderr).toMatch(/there are no records in/);
    const demo = cli('demo', ['--data', path.join(work, 'x'), '--staff', 'lots']);
    expect(demo.code).toBe(2);
    expect(demo.stderr).toMatch(/--staff must be a whole number/);
  }, 60_000);
});
