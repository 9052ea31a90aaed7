import { readFileSync } from 'node:fs';
import path from 'node:path';
import { app, BrowserWindow, dialog, session } from 'electron';
import { Bundle } from '@content/schema/bundle';
import { registerAppScheme, handleAppProtocol } from './protocol';
import { lockDownContents, lockDownSession } from './guards';
import { registerIpc } from './ipc';
import { windowOptions } from './window';
import { APP_ENTRY } from './origin';
import { openApp, type App } from '../host/compose';
import { IPC_EVENT } from '../contract/ipc';
import { guardDownloads, headlessExportRequested, runHeadlessExport, wireExportDialogs } from './export-hook';
import { forbiddenSwitch, forbiddenSwitchMessage } from './switches';
import { lrsShell } from './lrs-shell';
import { wireRecordsFileDialog } from './records-file-dialog';

const devTools = !app.isPackaged && process.env.NODE_ENV === 'development';
let mainWindow: BrowserWindow | null = null;

// A packaged app started with a debugging or inspector switch stops here: no window, no records.
const refused = app.isPackaged ? forbiddenSwitch(process.argv) : null;
if (refused) refuseToStart(refused);
else start();

function refuseToStart(arg: string): void {
  const message = forbiddenSwitchMessage(arg);
  console.error(message);
  dialog.showErrorBox('The training app cannot start', message); // safe before ready
  app.exit(2);
}

function start(): void {
  // Privileged schemes must be registered before `ready`, or app:// gets no origin.
  registerAppScheme();
  if (headlessExportRequested()) {
    // `<app> --export …` for IT scripts: no window and no instance lock; the records store itself
    // refuses a second process on the same data folder with a clear message.
    void app.whenReady().then(() => {
      const opened = startOrExplain();
      if (opened) void runHeadlessExport(opened.services);
    });
  } else if (!app.requestSingleInstanceLock()) {
    // A second copy would fight the first over the records database: hand over and leave.
    app.quit();
  } else {
    app.on('second-instance', () => {
      if (mainWindow) {
        if (mainWindow.isMinimized()) mainWindow.restore();
        mainWindow.focus();
      }
    });
    app.on('web-contents-created', (_event, contents) => lockDownContents(contents));
    app.on('window-all-closed', () => app.quit());
    void app.whenReady().then(openWindow);
  }
}

/** Starts the services, or tells the user plainly why not (no node:sqlite, a bad data folder…). */
function startOrExplain(): App | null {
  try {
    // The course bundle is compiled at build time and shipped beside the main bundle.
    const bundle = Bundle.parse(JSON.parse(readFileSync(path.join(__dirname, 'bundle.json'), 'utf8')));
    return openApp({
      argv: process.argv,
      env: process.env,
      defaultDataDir: app.getPath('userData'),
      appVersion: app.getVersion(),
      bundle,
      log: (msg, err) => console.error(msg, err),
      lrs: lrsShell(),
      warmDashboard: true,
      warmCommitPath: true,
    });
  } catch (err) {
    dialog.showErrorBox('The training app cannot start', (err as Error).message);
    app.exit(1);
    return null;
  }
}

function openWindow(): void {
  const started = startOrExplain();
  if (!started) return;
  const rendererRoot = path.join(__dirname, '../renderer');
  lockDownSession(session.defaultSession);
  handleAppProtocol(session.defaultSession, rendererRoot);
  registerIpc(started.dispatch);
  started.services.lrs.start(); // off until IT sets an LRS; never in the way of a learner

  const win = new BrowserWindow(windowOptions(path.join(__dirname, '../preload/index.cjs'), devTools));
  mainWindow = win;
  started.services.emit = (event) => {
    if (!win.isDestroyed()) win.webContents.send(IPC_EVENT, event);
  };
  wireExportDialogs(started.services, win);
  wireRecordsFileDialog(started.services, win);
  guardDownloads(session.defaultSession, started.services, win);
  win.removeMenu();
  win.once('ready-to-show', () => win.show());
  closeHandshake(win, started);
  void win.loadURL(APP_ENTRY);
}

/**
 * Closing the window asks the player for its final commit first; the window closes when the
 * renderer confirms (app.closeReady) or after a few seconds, so a stuck page cannot trap the user.
 */
function closeHandshake(win: BrowserWindow, started: App): void {
  let ready = false;
  started.services.onCloseReady = () => {
    ready = true;
    if (!win.isDestroyed()) win.close();
  };
  win.on('close', (event) => {
    if (ready) return;
    event.preventDefault();
    win.webContents.send(IPC_EVENT, { type: 'app.closing' });
    setTimeout(() => {
      ready = true;
      if (!win.isDestroyed()) win.close();
    }, 4000);
  });
  app.on('will-quit', () => started.services.close());
}
