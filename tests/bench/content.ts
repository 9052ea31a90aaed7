import { performance } from 'node:perf_hooks';
import { analyse } from '../../content/tools/analyse';
import { compileContent } from '../../content/tools/compile';
import { median, ms } from './stats';

/**
 * What `npm run content:check` does, in process: compile the whole course from YAML
 * (content/tools compileContent) and run every check (analyse). The first run is untimed
 * (module loading, cold file cache); the figure is the median of the rest.
 */
export function measureContent(runs: number): { ms: number; runs: number; diagnostics: number } {
  analyse(compileContent());
  const times: number[] = [];
  let diagnostics = 0;
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    diagnostics = analyse(compileContent()).diagnostics.length;
    times.push(performance.now() - t);
  }
  return { ms: ms(median(times)), runs, diagnostics };
}
