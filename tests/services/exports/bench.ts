// The exports at scale (not a test): `npx tsx tests/services/exports/bench.ts [attempts]`.
// Seeds a Trust's worth of records, then runs each export in its own process and reports its
// time, output size, the process's peak RSS and its largest live heap after GC during the export
// (flat as attempts grow: rows are streamed, never held).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { openApp } from '@host/compose';
import { testBundle } from '@tests/helpers/bundle';
import { seedTrust } from '../dashboard/seed';
import { PASS_CMI } from './seed';
import { withRawRecordsDb } from '@tests/helpers/records-db';

const NOW = new Date('2026-11-27T12:00:00Z');
const FORMATS = ['csv', 'totara', 'xapi', 'cmi12', 'cmi2004', 'scorm2004'] as const;

async function runOne(format: (typeof FORMATS)[number], dataDir: string): Promise<void> {
  const services = openApp({ defaultDataDir: dataDir, appVersion: 'bench', bundle: testBundle(), clock: () => NOW, recordsMaintenance: false }).services;
  const outDir = mkdtempSync(path.join(os.tmpdir(), 'export-bench-out-')); // never inside the data folder
  const out = path.join(outDir, `bench.${format}`);
  // Live heap after a full GC at each progress event: flat when rows are streamed, not held.
  const gc = (globalThis as { gc?: () => void }).gc;
  let liveHeapMb = 0;
  services.emit = (e) => {
    if (e.type !== 'export.progress' || !gc) return;
    gc();
    liveHeapMb = Math.max(liveHeapMb, process.memoryUsage().heapUsed / 1048576);
  };
  const t = performance.now();
  const o = await services.exports.run({ format }, out, 'bench');
  const seconds = (performance.now() - t) / 1000;
  services.close();
  const rssMb = process.resourceUsage().maxRSS / 1024;
  console.log(JSON.stringify({ format, rows: o.rows, seconds: Number(seconds.toFixed(2)), mb: Number((statSync(out).size / 1048576).toFixed(1)), peakRssMb: Math.round(rssMb), maxLiveHeapMb: Math.round(liveHeapMb) }));
  rmSync(outDir, { recursive: true, force: true });
}

async function main(): Promise<void> {
  if (process.argv[2] === '--run') return runOne(process.argv[3] as (typeof FORMATS)[number], process.argv[4]!);
  const target = Number(process.argv[2] ?? 100_000);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'exports-bench-'));
  try {
    const services = openApp({ defaultDataDir: dir, appVersion: 'bench', bundle: testBundle(), clock: () => NOW, recordsMaintenance: false }).services;
    const seeded = withRawRecordsDb(services.dataDir, (db) => seedTrust(db, services.bundle, NOW, target));
    // Finished attempts carry a realistic cmi, as the player leaves it (xAPI and cmi read it).
    withRawRecordsDb(services.dataDir, (db) => db.prepare("UPDATE attempts SET cmi = ? WHERE status <> 'in-progress'").run(JSON.stringify(PASS_CMI)));
    const course = services.bundle.courses.find((c) => c.id === 'staff-induction')!;
    const courses = Object.fromEntries(course.modules.map((m) => [m.id, { shortName: `SMP-${m.id}`, idNumber: `SMP-${m.id}` }]));
    services.settings.set({ lms: { usernameField: 'workEmail', homePage: 'https://lms.leap.example', courses } });
    services.close();
    console.log(`seeded ${seeded.attempts} attempts for ${seeded.staff} staff`);
    for (const format of FORMATS) {
      const r = spawnSync(process.execPath, [...process.execArgv, '--expose-gc', __filename, '--run', format, dir], { encoding: 'utf8' });
      process.stdout.write(r.stdout);
      if (r.status !== 0) process.stderr.write(r.stderr);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

void main();
