import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describeSeconds, downloadSource, electronVersion, fetchElectron, fetchFailedMessage } from './electron-binary';
import { projectRoot } from './project';

/**
 * `npm start`: Electron's binary (fetched on first use), then the build, then the app.
 * LEAP_ELECTRON_FETCH_TIMEOUT_S bounds the fetch (default 15 minutes: about 100 MB on a slow line).
 */
const DEFAULT_TIMEOUT_S = 900;

async function main(): Promise<number> {
  const raw = process.env.LEAP_ELECTRON_FETCH_TIMEOUT_S;
  const timeoutS = raw === undefined || raw === '' ? DEFAULT_TIMEOUT_S : Number(raw);
  if (!Number.isFinite(timeoutS) || timeoutS <= 0) {
    console.error(`npm start: LEAP_ELECTRON_FETCH_TIMEOUT_S must be a number of seconds, not "${raw}"`);
    return 2;
  }
  const version = electronVersion(projectRoot);
  const fetched = await fetchElectron({
    root: projectRoot,
    timeoutMs: timeoutS * 1000,
    env: process.env,
    onSlow: () => console.error(`Fetching Electron ${version} (first start only; giving up after ${describeSeconds(timeoutS)})…`),
  });
  if (!fetched.ok) {
    console.error(fetchFailedMessage(version, fetched.reason, downloadSource(process.env)));
    return 1;
  }
  const electronVite = path.join(projectRoot, 'node_modules/electron-vite/bin/electron-vite.js');
  const run = (args: string[]): number => spawnSync(process.execPath, [electronVite, ...args], { cwd: projectRoot, stdio: 'inherit' }).status ?? 1;
  const built = run(['build']);
  if (built !== 0) return built;
  return run(['preview', '--skipBuild']);
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(`npm start: ${(err as Error).message}`);
    process.exit(1);
  },
);
