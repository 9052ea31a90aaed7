import './needs-sqlite'; // first: before anything reaches node:sqlite
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { openApp } from '../host/compose';
import { startPreviewServer } from '../host/preview/server';
import { DemoClock, seedDemo } from './demo-run';
import { setUpDemoTrust } from './demo-setup';
import { devBundle } from './dev-bundle';
import { EXIT, UsageError, runCommand } from './exit-codes';
import { onStopRequest } from './lifetime';
import { appVersion, projectRoot } from './project';

/**
 * `npm run web -- [--data DIR] [--port P] [--now ISO] [--demo]`: builds, then serves the built
 * renderer and the app's own handler table over HTTP on 127.0.0.1, for authors, reviewers and the
 * end-to-end tests. SIGTERM or SIGINT sent to npm stops it (see lifetime.ts): the server closes and
 * the data folder's lock is released.
 */
const USAGE = `Usage: npm run web -- [--data DIR] [--port P] [--now ISO-DATE] [--demo]
  --data DIR   the data folder (default .tmp/preview-data)
  --port P     the port on 127.0.0.1 (default: any free port)
  --now ISO    fix the clock, to preview due dates and expiry on another day
  --demo       a throwaway data folder, set up, with demo staff and pupils whose activity is
               spread over the past ${'{DAYS}'} days; prints the administrator password
Set SKIP_BUILD=1 to reuse an existing out/.`;
const DEMO_SPREAD_DAYS = 400; // a little over a year, so some passes have expired
const DEMO = { staff: 60, pupils: 40, seed: 'web-demo' };

function build(): void {
  if (process.env.SKIP_BUILD === '1') return;
  // The build's output goes to stderr: stdout's first line is the preview's address.
  const r = spawnSync(process.execPath, [path.join(projectRoot, 'node_modules/electron-vite/bin/electron-vite.js'), 'build'], { cwd: projectRoot, stdio: ['ignore', 2, 2] });
  if (r.status !== 0) throw new Error('the build failed (see above)');
}

async function main(): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        data: { type: 'string' },
        port: { type: 'string', default: '0' },
        now: { type: 'string' },
        demo: { type: 'boolean', default: false },
      },
      strict: true,
    }));
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
  const port = Number(values.port);
  if (!/^\d+$/.test(values.port) || port > 65535) throw new UsageError(`--port must be a port number, not ${values.port}`);
  // --now fixes the clock (ISO date-time) so lifecycle rules can be previewed on any date.
  const fixed = values.now ? new Date(values.now) : null;
  if (fixed && Number.isNaN(fixed.getTime())) throw new UsageError(`--now must be an ISO date, not ${values.now}`);
  if (values.demo && values.data) throw new UsageError('--demo makes its own throwaway data folder; leave out --data');

  build();
  const rendererRoot = path.join(projectRoot, 'out/renderer');
  if (!existsSync(path.join(rendererRoot, 'index.html'))) throw new Error('The renderer is not built: run `npm run build` (or leave out SKIP_BUILD=1).');

  const demoDir = values.demo ? mkdtempSync(path.join(os.tmpdir(), 'leap-demo-')) : null;
  const dataDir = demoDir ?? values.data;
  const clock = new DemoClock();
  const bundle = devBundle();
  const started = openApp({
    argv: dataDir ? ['--data', dataDir] : [],
    env: process.env,
    defaultDataDir: path.join(projectRoot, '.tmp/preview-data'),
    appVersion,
    bundle,
    clock: fixed ? () => new Date(fixed) : clock.now,
    purpose: 'npm run web',
    log: (msg, err) => console.error(msg, err),
    warmDashboard: true,
    warmCommitPath: true,
  });
  let demoPassword: string | null = null;
  try {
    if (demoDir) {
      demoPassword = await setUpDemoTrust(started, 'npm run web --demo');
      console.error(`Adding ${DEMO.staff} demo staff and ${DEMO.pupils} pupils, spread over the past ${DEMO_SPREAD_DAYS} days…`);
      await seedDemo(started, bundle, { ...DEMO, spreadDays: DEMO_SPREAD_DAYS, clock });
    }
  } catch (err) {
    started.services.close();
    if (demoDir) rmSync(demoDir, { recursive: true, force: true });
    throw err;
  }
  const server = await startPreviewServer({ rendererRoot, dispatch: started.dispatch, port });
  started.services.emit = (event) => server.emit(event);
  // Listening for a stop before the address is printed: whoever reads it may stop us at once.
  const stopped = new Promise<number>((resolve) => {
    onStopRequest(() => {
      void server.close().then(() => {
        started.services.close(); // releases the data folder's lock
        if (demoDir) rmSync(demoDir, { recursive: true, force: true });
        resolve(EXIT.done);
      });
    });
  });
  // The first line on stdout is machine-readable: tests and scripts wait for it to learn the port.
  console.log(`Preview: ${server.url}  (data: ${started.services.dataDir})`);
  if (demoPassword) {
    console.log(`Demo administrator password: ${demoPassword}`);
    console.log('The demo data folder is thrown away when this stops (Ctrl+C).');
  }
  return stopped;
}

runCommand('web', USAGE.replace('{DAYS}', String(DEMO_SPREAD_DAYS)), main);
