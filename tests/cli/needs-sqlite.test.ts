import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(__dirname, '../..');
// Every command that opens a data folder (its records are node:sqlite databases).
const COMMANDS = ['setup', 'export', 'demo', 'records', 'sync', 'web'];

/** A command as npm starts it (tsx on this Node), optionally on a Node without node:sqlite. */
const run = (command: string, nodeOptions: string[] = []) =>
  spawnSync(process.execPath, [...nodeOptions, '--import', 'tsx', path.join(ROOT, `electron/cli/${command}.ts`)], { cwd: ROOT, encoding: 'utf8', timeout: 120_000 });

describe('a command started on a Node without node:sqlite (a system Node older than 22.13)', () => {
  // Node 24 without its SQLite module stands in for the older system Node an IT technician may have.
  it.each(COMMANDS)('npm run %s says in one line which Node it needs and how to run it, and exits 1', (command) => {
    const r = run(command, ['--no-experimental-sqlite']);
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('');
    const lines = r.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(`npm run ${command}: needs Node 22.13 or newer`);
    expect(lines[0]).toContain(`this is Node ${process.version}`);
    expect(lines[0]).toContain(`Run it as "npm run ${command} -- …"`);
  });

  it('says nothing of the kind on the Node npm scripts use', () => {
    const r = run('records'); // no arguments: the usage, exit 2
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('Usage: npm run records');
    expect(r.stderr).not.toContain('needs Node');
  }, 180_000);
});
