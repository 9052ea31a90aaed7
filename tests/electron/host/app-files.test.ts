import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { resolveAppFile, serveAppFile } from '@host/app-files';
import { CSP } from '@host/csp';
import { EXPECTED_APP_CSP, EXPECTED_APP_CSP_DIRECTIVES, EXPECTED_SECURITY_HEADERS } from '@tests/helpers/expected-csp';

const base = mkdtempSync(path.join(os.tmpdir(), 'app-files-'));
const root = path.join(base, 'renderer');

beforeAll(() => {
  mkdirSync(path.join(root, 'assets'), { recursive: true });
  writeFileSync(path.join(root, 'index.html'), '<!doctype html><title>app</title>');
  writeFileSync(path.join(root, 'player.html'), '<!doctype html><title>player</title>');
  writeFileSync(path.join(root, 'assets', 'app.js'), 'export {}');
  writeFileSync(path.join(base, 'secret.txt'), 'records');
  symlinkSync(path.join(base, 'secret.txt'), path.join(root, 'assets', 'link.txt'));
  symlinkSync(base, path.join(root, 'escape'));
});
afterAll(() => rmSync(base, { recursive: true, force: true }));

describe('app file containment', () => {
  it('serves files under the renderer root', async () => {
    expect(await resolveAppFile(root, '/index.html')).toBe(path.join(root, 'index.html'));
    expect(await resolveAppFile(root, '/')).toBe(path.join(root, 'index.html'));
    expect(await resolveAppFile(root, '/assets/app.js')).toBe(path.join(root, 'assets', 'app.js'));
  });

  it.each([
    ['dot-dot', '/../secret.txt'],
    ['nested dot-dot', '/assets/../../secret.txt'],
    ['encoded dot-dot', '/%2e%2e/secret.txt'],
    ['mixed-case encoding', '/%2E%2e/secret.txt'],
    ['encoded slash', '/assets%2f..%2f..%2fsecret.txt'],
    ['backslash', '/..\\secret.txt'],
    ['encoded backslash', '/..%5csecret.txt'],
    ['absolute path', `//${path.join(base, 'secret.txt')}`],
    ['UNC-style path', '//server/share/secret.txt'],
    ['drive letter', '/C:/Windows/win.ini'],
    ['NUL byte', '/index.html%00.txt'],
    ['symlink to a file outside', '/assets/link.txt'],
    ['symlink to a folder outside', '/escape/secret.txt'],
    ['missing file', '/nope.html'],
    ['a folder', '/assets'],
    ['malformed encoding', '/%E0%A4%A'],
  ])('refuses %s', async (_name, p) => {
    expect(await resolveAppFile(root, p)).toBeNull();
    const reply = await serveAppFile(root, p);
    expect(reply.status).toBe(404);
    expect(reply.body.toString()).not.toContain('records');
  });

  it('sends the CSP header with every file and every refusal', async () => {
    for (const p of ['/index.html', '/player.html', '/assets/app.js', '/../secret.txt']) {
      const reply = await serveAppFile(root, p);
      expect(reply.headers).toMatchObject(EXPECTED_SECURITY_HEADERS);
    }
    expect((await serveAppFile(root, '/index.html')).headers['Content-Type']).toMatch(/^text\/html/);
  });
});

describe('the CSP itself', () => {
  it('is exactly the policy written out in the tests, every directive with exactly its sources', () => {
    expect(CSP).toBe(EXPECTED_APP_CSP);
    const directives = Object.fromEntries(CSP.split(';').map((d) => d.trim().split(/\s+/)).map(([k, ...v]) => [k, v]));
    expect(directives).toEqual(EXPECTED_APP_CSP_DIRECTIVES);
    // base-uri, form-action and frame-ancestors do not fall back to default-src: they must be named.
    for (const named of ['base-uri', 'form-action', 'frame-ancestors']) expect(directives[named], named).toEqual(["'none'"]);
    expect(CSP).not.toMatch(/unsafe-|\*|https?:|ws:|blob:/);
  });
});
