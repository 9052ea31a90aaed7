import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { openRawDb } from '@tests/helpers/records-db';

const ROOT = path.resolve(__dirname, '../..');
const DAY = 86_400_000;
// Real npm commands, 100 demo learners through the real commit path: slow on a busy 2-core machine.
vi.setConfig({ testTimeout: 300_000 });

let tmp: string;
beforeAll(() => {
  tmp = mkdtempSync(path.join(os.tmpdir(), 'demo-'));
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function npm(script: string, args: string[]): ChildProcessWithoutNullStreams {
  return spawn('npm', ['run', '--silent', script, '--', ...args], { cwd: ROOT, env: { ...process.env, SKIP_BUILD: '1', FORCE_COLOR: '0' } });
}

describe('npm run demo -- --spread-days', () => {
  it("places each learner's activity at a moment of the past N days, evenly, never in the future", async () => {
    const data = path.join(tmp, 'spread');
    const child = npm('demo', ['--data', data, '--staff', '6', '--pupils', '4', '--spread-days', '300', '--bundle', path.join(ROOT, 'out/main/bundle.json')]);
    let out = '';
    let err = '';
    child.stdout.on('data', (b: Buffer) => (out += b.toString()));
    child.stderr.on('data', (b: Buffer) => (err += b.toString()));
    const code = await new Promise((resolve) => child.on('close', resolve));
    expect(code).toBe(0);
    // Main refuses learners on a PC not set up: the fresh folder was set up as the demo Trust first, and said so.
    expect(err).toMatch(/^demo: .*spread was not set up; set up as the demo Trust\. Administrator password: demo-[A-Za-z0-9_-]{12}$/m);
    const db = openRawDb(path.join(data, 'records.sqlite'), { readOnly: true });
    try {
      expect(db.prepare('SELECT set_up_by FROM admin_auth').all()).toEqual([{ set_up_by: 'npm run demo' }]);
      const started = (db.prepare('SELECT started_at FROM attempts').all() as { started_at: string }[]).map((r) => Date.parse(r.started_at));
      expect(started.length).toBe(out.trim().split('\n').length); // every attempt id printed is on record
      const now = Date.now();
      expect(Math.max(...started)).toBeLessThanOrEqual(now);
      expect(Math.min(...started)).toBeGreaterThanOrEqual(now - 301 * DAY);
      // Spread, not bunched: the oldest and newest are most of the 300 days apart.
      expect(Math.max(...started) - Math.min(...started)).toBeGreaterThan(150 * DAY);
    } finally {
      db.close();
    }
  });
});

describe('npm run web -- --demo', () => {
  it('serves a set-up throwaway folder whose dashboard shows overdue, expiring and expired staff and class counts, and prints the admin password', async () => {
    const child = npm('web', ['--demo']);
    let out = '';
    let err = '';
    child.stderr.on('data', (b: Buffer) => (err += b.toString()));
    const closed = new Promise<number | null>((resolve) => child.on('close', resolve));
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (b: Buffer) => {
        out += b.toString();
        if (/Demo administrator password: \S+\n/.test(out)) resolve();
      });
      child.on('close', (c) => reject(new Error(`exited ${c}: ${out}${err}`)));
    });
    const url = /^Preview: (http:\/\/127\.0\.0\.1:\d+\/) {2}\(data: (.+)\)$/m.exec(out);
    const password = /Demo administrator password: (\S+)/.exec(out)?.[1] ?? '';
    expect(url, out).not.toBeNull();
    const [, base = '', dataDir = ''] = url ?? [];
    expect(existsSync(path.join(dataDir, 'records.sqlite'))).toBe(true);

    // Call the API as the page does: its origin and the per-run token the page carries.
    const html = await (await fetch(base)).text();
    const token = /name="preview-token" content="([^"]+)"/.exec(html)?.[1] ?? '';
    const api = async (channel: string, request: unknown): Promise<Record<string, unknown>> => {
      const r = await fetch(`${base}__api/${channel}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: base.replace(/\/$/, ''), 'x-preview-token': token },
        body: JSON.stringify(request),
      });
      const body = (await r.json()) as { ok: boolean; value?: Record<string, unknown>; error?: unknown };
      if (!body.ok) throw new Error(`${channel}: ${JSON.stringify(body.error)}`);
      return body.value ?? {};
    };
    expect(await api('setup.status', {})).toEqual({ setUp: true });
    await api('admin.unlock', { password });
    const totals = (await api('dashboard.summary', {})).totals as Record<string, number>;
    expect(totals.staff).toBeGreaterThanOrEqual(30);
    expect(totals.overdue, 'overdue').toBeGreaterThan(0);
    expect(totals.expiring, 'expiring').toBeGreaterThan(0);
    expect(totals.expired, 'expired').toBeGreaterThan(0);
    expect(totals.complete, 'complete').toBeGreaterThan(0);
    const classes = await api('dashboard.classCounts', {});
    expect((classes.completions as unknown[]).length, 'class counts').toBeGreaterThan(0);

    child.kill('SIGTERM');
    expect(await closed).toBe(0);
    expect(existsSync(dataDir), 'the throwaway folder is removed').toBe(false);
  });
});
