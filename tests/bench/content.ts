import { performance } from 'node:perf_hooks';
import { analyse } from '@content/tools/analyse';
import { compileContent } from '@content/tools/compile';
import { median, ms } from './stats';

/**
 * What `npm run content:check` does, in process: compile the whole course from YAML
 * (content/tools compileContent) and run every check (analyse). The first run is untimed
 * (module loading, cold file cache); the figure is the median of the rest.
 */
export function measureContent(runs: number): { ms: number; cpuMs: number; runs: number; diagnostics: number } {
  analyse(compileContent());
  const times: number[] = [];
  const cpu: number[] = [];
  let diagnostics = 0;
  for (let i = 0; i < runs; i++) {
    const c = process.cpuUsage();
    const t = performance.now();
    diagnostics = analyse(compileContent()).diagnostics.length;
    times.push(performance.now() - t);
    const used = process.cpuUsage(c);
    cpu.push((used.user + used.system) / 1000);
  }
  return { ms: ms(median(times)), cpuMs: ms(median(cpu)), runs, diagnostics };
}
