import { execFileSync } from 'node:child_process';
import path from 'node:path';

/**
 * Builds out/ once per test run (main, preload, renderer and the course bundle), exactly as
 * `npm run build` does, so the shell and end-to-end tests exercise the production output.
 * Set SKIP_BUILD=1 to reuse an existing out/ while iterating on one suite.
 */
export default function setup(): void {
  if (process.env.SKIP_BUILD === '1') return;
  const root = path.resolve(__dirname, '..');
  execFileSync(process.execPath, [path.join(root, 'node_modules/electron-vite/bin/electron-vite.js'), 'build'], {
    cwd: root,
    stdio: 'inherit',
  });
}
