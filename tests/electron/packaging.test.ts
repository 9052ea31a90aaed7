import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';

const pkg = JSON.parse(readFileSync(path.resolve(__dirname, '../../package.json'), 'utf8'));

describe('packaging', () => {
  it('flips the fuses of the security checklist when electron-builder packages the app', () => {
    expect(pkg.build.electronFuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      grantFileProtocolExtraPrivileges: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
    });
    expect(pkg.build.asar).toBe(true);
  });

  it('builds installers for Windows (NSIS), macOS (dmg) and Linux (AppImage)', () => {
    expect(pkg.build.win.target).toContain('nsis');
    expect(pkg.build.mac.target).toContain('dmg');
    expect(pkg.build.linux.target).toContain('AppImage');
  });

  it('runs its scripts on Node 24 (the Node inside Electron 45) and builds main as CommonJS', () => {
    expect(pkg.devDependencies.node).toMatch(/^24\./);
    expect(pkg.devDependencies.electron).toMatch(/^45\./);
    expect(pkg.type).toBeUndefined(); // a sandboxed preload must be CommonJS
    expect(process.versions.node.split('.')[0]).toBe('24');
    expect(pkg.scripts.postinstall ?? '').not.toMatch(/install-app-deps/);
  });
});
