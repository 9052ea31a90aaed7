import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import http from 'node:http';
import { startPreview, type Preview } from '@tests/helpers/preview';
import { RECORDS_UPLOAD_MAX_BYTES } from '@contract';

/**
 * The preview's HTTP transport answers a request over 1,000,000 bytes with 413 and a plain
 * message (it used to drop the connection without a word), and the largest requests the contract
 * accepts fit under that limit, so the preview and the app's IPC refuse the same things.
 */

let preview: Preview;
beforeAll(async () => {
  preview = await startPreview();
});
afterAll(() => preview.stop());

const headers = (extra: Record<string, string> = {}) => ({
  Host: `127.0.0.1:${preview.server.port}`,
  Origin: `http://127.0.0.1:${preview.server.port}`,
  'Content-Type': 'application/json',
  'X-Preview-Token': preview.server.token,
  ...extra,
});

/** POSTs `chunks` one after another (chunked when no length is given); resolves with the reply. */
function post(channel: string, chunks: string[], extra: Record<string, string> = {}) {
  return new Promise<{ status: number; body: string }>((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port: preview.server.port, path: `/__api/${channel}`, method: 'POST', headers: headers(extra) }, (res) => {
      let body = '';
      res.on('data', (c) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    // The server may close once it has answered: a write after that is not the test's concern.
    req.on('error', (err) => ((err as NodeJS.ErrnoException).code === 'EPIPE' || (err as NodeJS.ErrnoException).code === 'ECONNRESET' ? undefined : reject(err)));
    for (const c of chunks) req.write(c);
    req.end();
  });
}

describe('the preview: requests over 1,000,000 bytes', () => {
  it('answers 413 with a message saying the limit, for a declared length and for a chunked body', async () => {
    const big = JSON.stringify({ trustName: 'x'.repeat(1_000_001) });
    for (const reply of [await post('settings.set', [big], { 'Content-Length': String(Buffer.byteLength(big)) }), await post('settings.set', big.match(/.{1,65536}/gs) ?? [])]) {
      expect(reply.status).toBe(413);
      expect(JSON.parse(reply.body)).toEqual({
        ok: false,
        error: { code: 'invalid-request', message: 'The request is larger than 1,000,000 bytes, the most the app takes in one call; nothing was done' },
      });
    }
    // The server is still there for the next call.
    expect((await post('app.info', ['{}'])).status).toBe(200);
  });

  it('takes a request of just under the limit to the contract, which answers for itself', async () => {
    const body = JSON.stringify({ trustName: 'x'.repeat(999_970) });
    expect(Buffer.byteLength(body)).toBeLessThanOrEqual(1_000_000);
    const reply = await post('settings.set', [body]);
    expect(reply.status).toBe(200);
    expect(JSON.parse(reply.body)).toMatchObject({ ok: false, error: { code: 'invalid-request', message: expect.stringMatching(/trustName: must be at most 120 characters/) } });
  });

  it('the largest requests the contract accepts fit under it: an upload at its limit, a commit with the most elements and more than its 256,000 bytes', () => {
    const upload = JSON.stringify({ uploads: [{ fileName: 'pc-07.records', base64: Buffer.alloc(RECORDS_UPLOAD_MAX_BYTES, 7).toString('base64') }] });
    expect(Buffer.byteLength(upload)).toBeLessThan(1_000_000);
    // 4,000 elements (the most a cmi holds), over 256,000 bytes of names and values, written as JSON.
    const data = Object.fromEntries(Array.from({ length: 4000 }, (_, i) => [`cmi.interactions.${i % 250}.correct_responses.${Math.floor(i / 250)}.pattern`, 'p'.repeat(30)]));
    expect(Object.entries(data).reduce((n, [k, v]) => n + k.length + v.length, 0)).toBeGreaterThan(256_000);
    const commit = JSON.stringify({ attemptId: '3f1c7a52-8d0e-4b1a-9c55-0a6e2f1d9b77', seq: 1, cmi: { version: 'scorm2004', data } });
    expect(Buffer.byteLength(commit)).toBeLessThan(1_000_000);
  });
});
