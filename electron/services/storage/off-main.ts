import { Worker } from 'node:worker_threads';

/**
 * The daily round's long reads, off main's thread (issue 19 item 4: a VACUUM INTO or an
 * integrity_check of 100,000 attempts takes seconds, and main must keep answering the learner).
 * The worker opens its own read-only connection (WAL lets it read while main writes) and does one
 * thing. Its code is a plain string, so the same file works under tsx, vitest and the built app
 * without a second bundle entry; it needs only Node's own modules.
 */
const WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const { DatabaseSync } = process.getBuiltinModule('node:sqlite');
let db;
try {
  db = new DatabaseSync(workerData.file, { readOnly: true });
  db.exec('PRAGMA busy_timeout = 5000');
  if (workerData.task === 'integrity') {
    const rows = db.prepare('PRAGMA integrity_check').all();
    parentPort.postMessage({ ok: true, value: rows.map((r) => r.integrity_check).join('; ') || 'no answer' });
  } else if (workerData.task === 'backup') {
    db.prepare('VACUUM INTO ?').run(workerData.to);
    parentPort.postMessage({ ok: true, value: workerData.to });
  } else {
    parentPort.postMessage({ ok: false, error: 'unknown task ' + workerData.task });
  }
} catch (err) {
  parentPort.postMessage({ ok: false, error: String(err && err.message || err) });
} finally {
  try { if (db) db.close(); } catch {}
}
`;

type Task = { task: 'integrity'; file: string } | { task: 'backup'; file: string; to: string };

function run(task: Task): Promise<string> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(WORKER, { eval: true, workerData: task });
    let settled = false;
    worker.once('message', (m: { ok: boolean; value?: string; error?: string }) => {
      settled = true;
      if (m.ok) resolve(m.value ?? '');
      else reject(new Error(m.error ?? 'the worker failed'));
    });
    worker.once('error', (err) => {
      settled = true;
      reject(err);
    });
    worker.once('exit', (code) => {
      if (!settled) reject(new Error(`the worker stopped (${code}) before answering`));
    });
  });
}

/** `PRAGMA integrity_check` of the database file, in a worker: "ok", the damage found, or the error that stopped it. */
export async function integrityOffMain(file: string): Promise<string> {
  try {
    return await run({ task: 'integrity', file });
  } catch (err) {
    return (err as Error).message;
  }
}

/** `VACUUM INTO to` from a read-only connection in a worker: a whole, consistent copy as of its start. */
export async function vacuumIntoOffMain(file: string, to: string): Promise<void> {
  await run({ task: 'backup', file, to });
}
