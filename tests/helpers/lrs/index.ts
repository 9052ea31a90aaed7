import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import validateStatement from '@learninglocker/xapi-validation';

/**
 * A real xAPI LRS for tests: Learning Locker's statements service (npm `xapi-statements`, GPL-3.0,
 * a devDependency only, never shipped) in a child process with in-memory models, in a temporary
 * working directory of its own (it writes `storage/`), bound to 127.0.0.1 (server.cjs).
 * With AUTH_REPO=test it accepts any Basic credentials.
 */
export interface TestLrs {
  /** The xAPI base address, e.g. http://127.0.0.1:40123/xAPI/ (statements at `statements`). */
  endpoint: string;
  port: number;
  /** Every statement the LRS holds (follows `more` links), as it returns them. */
  statements(): Promise<Record<string, unknown>[]>;
  /** SIGKILL, as a crash or a pulled plug would: no goodbye to open connections. */
  kill(): Promise<void>;
  /** A clean stop, and the working directory removed. */
  stop(): Promise<void>;
}

const SERVER = path.join(__dirname, 'server.cjs');
const READY_WITHIN_MS = 30_000;

/** Starts a fresh LRS; `port` reuses a port (a restart after kill), 0 picks a free one. */
export async function startLrs(options: { port?: number } = {}): Promise<TestLrs> {
  const cwd = mkdtempSync(path.join(os.tmpdir(), 'test-lrs-'));
  const child = spawn(process.execPath, [SERVER], {
    cwd,
    env: {
      PATH: process.env.PATH ?? '',
      NODE_PATH: path.resolve(__dirname, '../../../node_modules'),
      EXPRESS_PORT: String(options.port ?? 0),
      MODELS_REPO: 'memory',
      STORAGE_REPO: 'local',
      AUTH_REPO: 'test',
      EVENTS_REPO: 'test',
      WINSTON_CONSOLE_LEVEL: 'error',
      // The service's SDK prints an end-of-support notice at every start.
      NODE_NO_WARNINGS: '1',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let errors = '';
  child.stderr!.on('data', (d: Buffer) => (errors = (errors + d.toString()).slice(-4000)));
  const port = await new Promise<number>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`the test LRS did not start within ${READY_WITHIN_MS} ms: ${errors}`)), READY_WITHIN_MS);
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /LRS_READY (\d+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(Number(m[1]));
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the test LRS exited (${code}) before it was ready: ${errors}`));
    });
  });
  const endpoint = `http://127.0.0.1:${port}/xAPI/`;
  const exited = (c: ChildProcess) => new Promise<void>((resolve) => (c.exitCode !== null || c.signalCode !== null ? resolve() : c.once('exit', () => resolve())));
  return {
    endpoint,
    port,
    statements: () => readAll(`http://127.0.0.1:${port}`, `/xAPI/statements?limit=500`),
    kill: async () => {
      child.kill('SIGKILL');
      await exited(child);
      rmSync(cwd, { recursive: true, force: true });
    },
    stop: async () => {
      child.kill('SIGTERM');
      await exited(child);
      rmSync(cwd, { recursive: true, force: true });
    },
  };
}

const HEADERS = { 'X-Experience-API-Version': '1.0.3', Authorization: `Basic ${Buffer.from('test:test').toString('base64')}` };

async function readAll(origin: string, first: string): Promise<Record<string, unknown>[]> {
  const out: Record<string, unknown>[] = [];
  let next: string = first;
  for (let page = 0; next && page < 10_000; page++) {
    const res = await fetch(origin + next, { headers: HEADERS });
    if (res.status !== 200) throw new Error(`GET ${next}: ${res.status} ${await res.text()}`);
    const body = (await res.json()) as { statements: Record<string, unknown>[]; more?: string };
    out.push(...body.statements);
    next = body.more ?? '';
  }
  return out;
}

/** Learning Locker's own xAPI validation: the problems it finds in one statement (none: []). */
export function xapiProblems(statement: unknown): string[] {
  const out: string[] = [];
  // rulr's warnings nest (a Warnings holds more); its classes are not imported (a transitive package).
  type Found = { path: string[]; warnings?: Found[]; keys?: string[]; constructor: { name: string } };
  const walk = (ws: readonly Found[]): void => {
    for (const w of ws) {
      if (w.warnings) walk(w.warnings);
      else out.push(`${w.path.join('.')}: ${w.constructor.name}${w.keys ? ` (${w.keys.join(', ')})` : ''}`);
    }
  };
  walk(validateStatement(statement) as unknown as Found[]);
  return out;
}
