import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import http from 'node:http';
import { startPreview, type Preview } from '@tests/helpers/preview';
import { EXPECTED_APP_CSP } from '@tests/helpers/expected-csp';

let preview: Preview;
beforeAll(async () => {
  preview = await startPreview();
});
afterAll(() => preview.stop());

/** Raw HTTP, so the test can forge the headers a browser would not let a page set. */
function request(pathname: string, options: { method?: string; headers?: Record<string, string>; body?: string }) {
  return new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }>((resolve, reject) => {
    const req = http.request(
      { host: '127.0.0.1', port: preview.server.port, path: pathname, method: options.method ?? 'GET', headers: options.headers },
      (res) => {
        let body = '';
        res.on('data', (c) => (body += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

const goodHeaders = () => ({
  Host: `127.0.0.1:${preview.server.port}`,
  Origin: `http://127.0.0.1:${preview.server.port}`,
  'Content-Type': 'application/json',
  'X-Preview-Token': preview.server.token,
});

describe('the preview server guards', () => {
  it('answers a well-formed call with the app info envelope', async () => {
    const res = await request('/__api/app.info', { method: 'POST', headers: goodHeaders(), body: '{}' });
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body)).toMatchObject({ ok: true, value: { trustName: 'Leading Edge Academies Partnership' } });
  });

  it('refuses a wrong Host (DNS rebinding) for files and calls', async () => {
    for (const p of ['/index.html', '/__api/app.info']) {
      const api = p.startsWith('/__api');
      const res = await request(p, { method: api ? 'POST' : 'GET', headers: { ...goodHeaders(), Host: `evil.example:${preview.server.port}` }, ...(api ? { body: '{}' } : {}) });
      expect(res.status, p).toBe(421);
    }
  });

  it('refuses a foreign or missing Origin', async () => {
    const foreign = await request('/__api/app.info', { method: 'POST', headers: { ...goodHeaders(), Origin: 'https://evil.example' }, body: '{}' });
    expect(foreign.status).toBe(403);
    const { Origin: _omit, ...noOrigin } = goodHeaders();
    expect((await request('/__api/app.info', { method: 'POST', headers: noOrigin, body: '{}' })).status).toBe(403);
  });

  it('refuses a missing or wrong token', async () => {
    const { 'X-Preview-Token': _omit, ...noToken } = goodHeaders();
    expect((await request('/__api/app.info', { method: 'POST', headers: noToken, body: '{}' })).status).toBe(403);
    const wrong = await request('/__api/app.info', { method: 'POST', headers: { ...goodHeaders(), 'X-Preview-Token': 'x'.repeat(32) }, body: '{}' });
    expect(wrong.status).toBe(403);
  });

  it('requires a JSON body and a POST', async () => {
    expect((await request('/__api/app.info', { method: 'POST', headers: { ...goodHeaders(), 'Content-Type': 'text/plain' }, body: '{}' })).status).toBe(415);
    const notJson = await request('/__api/app.info', { method: 'POST', headers: goodHeaders(), body: '{oops' });
    expect(notJson.status).toBe(400);
    expect(JSON.parse(notJson.body).error.code).toBe('invalid-request');
    expect((await request('/__api/app.info', { method: 'GET', headers: goodHeaders() })).status).toBe(405);
  });

  it('serves pages with the production CSP and the token only inside the page', async () => {
    const page = await request('/index.html', { headers: { Host: `127.0.0.1:${preview.server.port}` } });
    expect(page.status).toBe(200);
    expect(page.headers['content-security-policy']).toBe(EXPECTED_APP_CSP);
    expect(page.body).toContain(`content="${preview.server.token}"`);
    const bridge = await request('/__preview/bridge.js', { headers: { Host: `127.0.0.1:${preview.server.port}` } });
    expect(bridge.body).not.toContain(preview.server.token);
  });
});
