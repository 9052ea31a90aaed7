import type { BrowserWindowConstructorOptions } from 'electron';

/**
 * The one window's options: every web preference the security checklist names is set
 * explicitly, so a change of Electron default can never loosen it.
 */
export function windowOptions(preloadPath: string, devTools: boolean): BrowserWindowConstructorOptions {
  return {
    width: 1200,
    height: 840,
    minWidth: 480,
    minHeight: 480,
    show: false,
    title: 'Social Media Policy training',
    backgroundColor: '#ffffff',
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      spellcheck: false, // the spellchecker downloads dictionaries from the network
      devTools,
      navigateOnDragDrop: false,
      safeDialogs: true,
    },
  };
}
