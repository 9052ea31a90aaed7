import { readFileSync } from 'node:fs';
import path from 'node:path';
import semver from 'semver';
import { describe, expect, it } from 'vitest';

/**
 * Two Nodes are in play (docs/it-operations.md#install-and-first-start): the one that runs
 * `npm install`/`npm ci` (package.json `engines`; CI's is Debian's Node 20), which runs only npm
 * and the install scripts `allowScripts` approves; and the Node 24 pinned as the `node`
 * devDependency, which npm puts first on every script's path, so every tool and CLI runs on it.
 * These checks fail the day a dependency's update makes either statement untrue.
 */
const ROOT = path.resolve(__dirname, '../..');
const readJson = <T>(file: string): T => JSON.parse(readFileSync(path.join(ROOT, file), 'utf8')) as T;

interface Manifest {
  engines: { node: string };
  devDependencies: Record<string, string>;
  allowScripts: Record<string, boolean>;
}
interface LockEntry {
  version?: string;
  engines?: { node?: string } | string[];
}
const manifest = readJson<Manifest>('package.json');
const lock = readJson<{ packages: Record<string, LockEntry> }>('package-lock.json');
const nodeRange = (entry: LockEntry | undefined): string | undefined => (entry?.engines && !Array.isArray(entry.engines) ? entry.engines.node : undefined);

/**
 * xapi-statements (Learning Locker's LRS, the tests' real LRS) still declares "6 - 8", a range
 * written in 2017; it runs in its own child process on the pinned Node and the LRS tests show it works.
 */
const STALE_DECLARATION = new Set(['node_modules/xapi-statements']);

describe('the Node versions package.json and the docs state', () => {
  it('the pinned Node that runs every script is one every installed package says it supports', () => {
    const pinned = manifest.devDependencies.node!;
    expect(semver.valid(pinned), 'the node devDependency is an exact version').toBe(pinned);
    const refusing = Object.entries(lock.packages)
      .filter(([where]) => where !== '' && !STALE_DECLARATION.has(where))
      .filter(([, entry]) => {
        const range = nodeRange(entry);
        return range !== undefined && !semver.satisfies(pinned, range);
      })
      .map(([where, entry]) => `${where} wants ${nodeRange(entry)}`);
    expect(refusing).toEqual([]);
  });

  it('the installing Node that engines admits can run every install script the project allows', () => {
    const installing = manifest.engines.node;
    const allowed = Object.entries(manifest.allowScripts).filter(([, yes]) => yes).map(([name]) => name);
    expect(allowed.length).toBeGreaterThan(0);
    for (const name of allowed) {
      const entry = lock.packages[`node_modules/${name}`];
      expect(entry, `${name} is installed`).toBeDefined();
      const range = nodeRange(entry);
      if (range === undefined) continue;
      expect(semver.subset(installing, range), `engines "${installing}" admits a Node ${name}@${entry!.version} (wants ${range}) cannot run`).toBe(true);
    }
  });

});
