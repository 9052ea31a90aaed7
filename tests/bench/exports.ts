import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { EXPORT_FORMATS } from '@contract/channels/exports';
import { round1 } from './stats';

export interface ExportFigure {
  seconds: number;
  peakRssMB: number;
  outputMB: number;
}

const ROOT = path.resolve(__dirname, '../..');

const sizeOf = (p: string): number => {
  const st = statSync(p);
  if (!st.isDirectory()) return st.size;
  return readdirSync(p).reduce((sum, f) => sum + sizeOf(path.join(p, f)), 0);
};

const ENTRY = 'electron/cli/export.ts';

/**
 * The Node options `npm run export` gives the CLI (package.json: `tsx [options] electron/cli/export.ts`),
 * so the bench's process is the one IT staff get; a script of any other form stops the bench.
 */
export function exportNodeOptions(): string[] {
  const script = (JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts.export ?? '';
  const words = script.trim().split(/\s+/);
  if (words[0] !== 'tsx' || words.at(-1) !== ENTRY || words.slice(1, -1).some((w) => !w.startsWith('--'))) {
    throw new Error(`package.json's export script is not "tsx [--node-options] ${ENTRY}": ${script}`);
  }
  return words.slice(1, -1);
}

/**
 * One export, exactly as IT staff run it: the real CLI (electron/cli/export.ts, what
 * `npm run export` runs, with its Node options) in its own Node process, wall time from spawn to
 * exit; the child's peak RSS is read at its exit from /proc/self/status VmHWM by
 * tests/bench/peak-rss.ts (--import).
 */
export function runExport(dataDir: string, format: string): Promise<ExportFigure> {
  const work = mkdtempSync(path.join(os.tmpdir(), `induction-bench-export-${format}-`));
  const rssFile = path.join(work, 'rss.json');
  const out = path.join(work, 'out');
  const args = [...exportNodeOptions(), '--import', 'tsx', '--import', path.join(__dirname, 'peak-rss.ts'), path.join(ROOT, ENTRY), '--data', dataDir, '--format', format, '--out', out];
  const started = performance.now();
  return new Promise<ExportFigure>((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd: ROOT, env: { ...process.env, BENCH_RSS_FILE: rssFile }, stdio: ['ignore', 'pipe', 'pipe'] });
    let log = '';
    child.stdout.on('data', (d: Buffer) => (log += d.toString()));
    child.stderr.on('data', (d: Buffer) => (log += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      const seconds = (performance.now() - started) / 1000;
      try {
        if (code !== 0) throw new Error(`npm run export --format ${format} exited with ${code}: ${log.trim().slice(-600)}`);
        const rss = JSON.parse(readFileSync(rssFile, 'utf8')) as { peakRssKB: number };
        resolve({ seconds: Math.round(seconds * 100) / 100, peakRssMB: round1(rss.peakRssKB / 1024), outputMB: round1(sizeOf(out) / 2 ** 20) });
      } catch (err) {
        reject(err instanceof Error ? err : new Error(String(err)));
      } finally {
        rmSync(work, { recursive: true, force: true });
      }
    });
  });
}

export const exportFormats = (): readonly string[] => EXPORT_FORMATS;
