import { readFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postStatements } from '@services/lrs/post';
import { checkEndpoint, type LrsTarget } from '@services/lrs/target';
import { startLrs, xapiProblems, type TestLrs } from '@tests/helpers/lrs';
import { startFaultyFront, type FaultyFront } from '@tests/helpers/lrs/faulty';
import { seedStore, type Seeded } from '../exports/seed';

type Json = Record<string, unknown>;
let s: Seeded;
let lrs: TestLrs;
let front: FaultyFront;
let exported: Json[];
const target = (endpoint: string): LrsTarget => ({ endpoint, key: 'pc-key', secret: 'pc-secret' });

beforeAll(async () => {
  s = seedStore();
  const out = path.join(s.outDir, 'xapi.json'); // exports are never written in the data folder
  await s.services.exports.run({ format: 'xapi' }, out, 'admin');
  exported = JSON.parse(readFileSync(out, 'utf8')) as Json[];
  lrs = await startLrs();
  front = await startFaultyFront(() => lrs.port);
});
afterAll(async () => {
  await front?.close();
  await lrs?.stop();
  s?.stop();
});

describe('the xAPI export against a real LRS (Learning Locker statements service)', () => {
  it('passes Learning Locker xAPI validation, statement by statement', () => {
    expect(exported.length).toBeGreaterThan(5);
    for (const st of exported) expect(xapiProblems(st), String(st.id)).toEqual([]);
  });

  it('is stored whole in one POST, and stored once when posted again', async () => {
    const body = exported.map((st) => JSON.stringify(st));
    expect(await postStatements(target(lrs.endpoint), body, fetch, 10_000)).toEqual({ kind: 'stored' });
    expect(await postStatements(target(lrs.endpoint), body, fetch, 10_000)).toEqual({ kind: 'stored' });
    const held = await lrs.statements();
    expect(held.map((h) => h.id).sort()).toEqual(exported.map((e) => e.id).sort());
  });

  it('is refused as a conflict (409) when a statement id comes back with other content', async () => {
    const changed = { ...exported[0]!, verb: { id: 'http://adlnet.gov/expapi/verbs/failed', display: { 'en-GB': 'failed' } } };
    const r = await postStatements(target(lrs.endpoint), [JSON.stringify(changed)], fetch, 10_000);
    expect(r.kind).toBe('conflict');
    expect((r as { message: string }).message).toMatch(/already holds a statement with this id but different content/);
    expect(await lrs.statements()).toHaveLength(exported.length);
  });
});

describe('what the sender is told when the LRS fails', () => {
  const one = (): string[] => [JSON.stringify(exported[0])];

  it('401 and 403 are refusals naming the key, not a reason to try again', async () => {
    front.fault = { kind: 'status', status: 401 };
    const r401 = await postStatements(target(front.endpoint), one(), fetch, 5_000);
    expect(r401).toMatchObject({ kind: 'refused', status: 401 });
    expect((r401 as { message: string }).message).toMatch(/did not accept this PC's key and secret/);
    front.fault = { kind: 'status', status: 403 };
    expect(await postStatements(target(front.endpoint), one(), fetch, 5_000)).toMatchObject({ kind: 'refused', status: 403 });
  });

  it('500 and 429 are "try later", with the LRS own Retry-After', async () => {
    front.fault = { kind: 'status', status: 500, body: 'database down' };
    const r = await postStatements(target(front.endpoint), one(), fetch, 5_000);
    expect(r).toMatchObject({ kind: 'unreachable', retryAfterMs: null });
    expect((r as { message: string }).message).toContain('database down');
    front.fault = { kind: 'status', status: 429, retryAfter: '120' };
    expect(await postStatements(target(front.endpoint), one(), fetch, 5_000)).toMatchObject({ kind: 'unreachable', retryAfterMs: 120_000 });
  });

  it('a slow LRS is given up on at the time limit', async () => {
    front.fault = { kind: 'slow', ms: 3_000 };
    const started = Date.now();
    const r = await postStatements(target(front.endpoint), one(), fetch, 500);
    expect(r.kind).toBe('unreachable');
    expect((r as { message: string }).message).toMatch(/did not answer within/);
    expect(Date.now() - started).toBeLessThan(2_500);
  });

  it('an LRS that is not there is "not reached", said plainly', async () => {
    const closed = await freePort();
    const r = await postStatements(target(`http://127.0.0.1:${closed}/xAPI/`), one(), fetch, 5_000);
    expect(r.kind).toBe('unreachable');
    expect((r as { message: string }).message).toMatch(/could not be reached \(ECONNREFUSED\)/);
  });
});

describe('the LRS address IT gives', () => {
  it('must be https, except on this PC itself', () => {
    expect(checkEndpoint('https://lrs.trust.example/xapi')).toEqual({ endpoint: 'https://lrs.trust.example/xapi/' });
    expect(checkEndpoint('http://127.0.0.1:8080/xAPI/statements')).toEqual({ endpoint: 'http://127.0.0.1:8080/xAPI/' });
    expect(checkEndpoint('http://lrs.trust.example/xapi')).toMatchObject({ problem: expect.stringMatching(/must start with https:\/\//) });
    expect(checkEndpoint('https://key:secret@lrs.trust.example/xapi')).toMatchObject({ problem: expect.stringMatching(/must not hold a user name or secret/) });
    expect(checkEndpoint('file:///etc/passwd')).toMatchObject({ problem: expect.stringMatching(/https/) });
    expect(checkEndpoint('lrs')).toMatchObject({ problem: expect.stringMatching(/not a web address/) });
  });
});

/** A port nothing listens on: bound, read, closed. */
function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const srv = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}
