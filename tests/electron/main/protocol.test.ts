import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { EXPECTED_APP_CSP } from '@tests/helpers/expected-csp';

const registered: unknown[] = [];
vi.mock('electron', () => ({
  protocol: { registerSchemesAsPrivileged: (schemes: unknown[]) => registered.push(...schemes) },
}));

const { appProtocolResponse, registerAppScheme } = await import('@main/protocol');

let root: string;
beforeAll(() => {
  root = mkdtempSync(path.join(os.tmpdir(), 'protocol-'));
  writeFileSync(path.join(root, 'index.html'), '<!doctype html><p>home</p>');
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('app:// protocol', () => {
  it('registers app as a standard, secure scheme', () => {
    registerAppScheme();
    expect(registered).toEqual([
      expect.objectContaining({ scheme: 'app', privileges: expect.objectContaining({ standard: true, secure: true }) }),
    ]);
  });

  it('answers app files with the CSP header and refuses other hosts and traversal', async () => {
    const home = await appProtocolResponse(root, 'app://app/index.html?x=1');
    expect(home.status).toBe(200);
    expect(home.headers.get('content-security-policy')).toBe(EXPECTED_APP_CSP);
    expect(await home.text()).toContain('home');
    expect((await appProtocolResponse(root, 'app://other/index.html')).status).toBe(404);
    const escape = await appProtocolResponse(root, 'app://app/%2e%2e/%2e%2e/etc/passwd');
    expect(escape.status).toBe(404);
    expect(escape.headers.get('content-security-policy')).toBe(EXPECTED_APP_CSP);
  });
});
