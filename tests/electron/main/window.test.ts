import { describe, expect, it } from 'vitest';
import { windowOptions } from '@main/window';

describe('the main window', () => {
  it('sets every security preference of the checklist explicitly', () => {
    const prefs = windowOptions('/app/out/preload/index.cjs', false).webPreferences!;
    expect(prefs).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      spellcheck: false,
      devTools: false,
      preload: '/app/out/preload/index.cjs',
    });
    expect(prefs).not.toHaveProperty('enableBlinkFeatures');
  });

  it('allows DevTools only when asked for in development', () => {
    expect(windowOptions('p', true).webPreferences!.devTools).toBe(true);
  });
});
