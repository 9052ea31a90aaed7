// Loaded with `node --import` into a child process the benchmark starts: at exit, writes the
// process's peak resident set (VmHWM from /proc/self/status; maxRSS where there is no /proc) to
// the file named by BENCH_RSS_FILE. Nothing else changes in the process it measures.
import { readFileSync, writeFileSync } from 'node:fs';

const target = process.env.BENCH_RSS_FILE;
if (target) {
  process.on('exit', () => {
    let kb = process.resourceUsage().maxRSS;
    let source = 'process.resourceUsage().maxRSS';
    try {
      const m = /^VmHWM:\s+(\d+)\s+kB/m.exec(readFileSync('/proc/self/status', 'utf8'));
      if (m?.[1]) {
        kb = Number(m[1]);
        source = '/proc/self/status VmHWM';
      }
    } catch {
      // no /proc (macOS, Windows): maxRSS is the same figure
    }
    writeFileSync(target, JSON.stringify({ peakRssKB: kb, source }));
  });
}
