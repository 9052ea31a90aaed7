// eslint-disable-next-line @typescript-eslint/no-explicit-any -- reads the loose JSON report run.ts builds
type Json = any;

const show = (v: unknown, unit = ''): string => (v === null || v === undefined ? '— (not measured)' : `${String(v)}${unit}`);

/** docs/performance.md's figures table from one report (npm run bench -- --markdown). */
export function markdown(r: Json): string {
  const m = r.machine ?? {};
  const b = r.budget ?? {};
  const mark = (key: string): string => {
    const line = b[key];
    return !line || line.met === null ? 'not measured' : line.met ? 'met' : '**missed**';
  };
  const rows: string[][] = [
    ['First-screen JS+CSS, gzip', show(r.bundle?.gzip, ' B'), '≤ 150 KB', mark('bundle.gzip')],
    ['First-screen JS+CSS, raw', show(r.bundle?.raw, ' B'), '', ''],
    ['Player bundle, gzip', show(r.bundle?.playerGzip, ' B'), '≤ 80 KB', mark('bundle.playerGzip')],
    ['First screen (navigation → interactive), median', show(r.firstScreen?.median, ' ms'), '≤ 200 ms', mark('firstScreen.median')],
    ['Lesson step (Next → DOM), p50', show(r.lessonStep?.p50, ' ms'), '', ''],
    ['Lesson step (Next → DOM), p95', show(r.lessonStep?.p95, ' ms'), '≤ 10 ms', mark('lessonStep.p95')],
    ['Lesson step (Next → painted), p95', show(r.lessonStep?.paintP95, ' ms'), '≤ 20 ms', mark('lessonStep.paintP95')],
    ['Lesson step pressed the instant the step before painted (no reader), DOM / painted p95', r.lessonStep?.atOnce?.paintP95 == null ? show(null) : `${r.lessonStep.atOnce.p95} / ${r.lessonStep.atOnce.paintP95} ms`, '', ''],
    ['Class-mode step on the board (Next → DOM), p50 / p95', r.classStep?.p95 == null ? show(null) : `${r.classStep.p50} / ${r.classStep.p95} ms`, '', ''],
    ['Class-mode step (Next → painted), p95', show(r.classStep?.paintP95, ' ms'), '', ''],
  ];
  for (const level of ['at0', 'at10k', 'at100k']) {
    const c = r.commit?.[level];
    rows.push([`attempts.commit ${level}, p50 / p99`, c ? `${c.p50} / ${c.p99} ms` : show(null), level === 'at100k' ? 'p99 ≤ 10 ms' : '', level === 'at100k' ? mark('commit.p99') : '']);
  }
  rows.push(['Commit p50 ÷ bare insert p50', show(r.commit?.ratio, '×'), '≤ 3×', mark('commit.ratio')]);
  rows.push(['Records open at start-up at 100k attempts (integrity check)', show(r.startup?.recordsOpenMs, ' ms'), '', '']);
  rows.push(['Dashboard summary at 100k attempts (just after a new record)', show(r.dashboard?.ms, ' ms'), '≤ 50 ms', mark('dashboard.ms')]);
  rows.push([`Daily round (check, backup, pupil fold) at ${r.mode === 'quick' ? '1k' : '100k'} attempts, longest hold on main`, show(r.maintenance?.maxStallMs, ' ms'), '≤ 50 ms', mark('maintenance.maxStallMs')]);
  for (const [format, f] of Object.entries((r.export ?? {}) as Record<string, Json>)) {
    if (format === 'conditions' || !f) continue;
    rows.push([`Export ${format} at 100k`, `${f.seconds} s, peak RSS ${f.peakRssMB} MB`, 'RSS ≤ 300 MB', f.peakRssMB <= 300 ? 'met' : '**missed**']);
  }
  rows.push([`Records file import at ${r.mode === 'quick' ? '1k' : '100k'} attempts`, r.import ? `${r.import.seconds} s, peak RSS ${r.import.peakRssMB} MB` : show(null), 'RSS ≤ 300 MB', mark('import.peakRssMB')]);
  rows.push(['LRS sync to the local test LRS', show(r.sync?.statementsPerSecond, ' statements/s'), '', '']);
  rows.push(['Content compile + checks', show(r.content?.ms, ' ms'), '', '']);
  const table = ['| Figure | Latest | Budget | |', '|---|---|---|---|', ...rows.map((x) => `| ${x.join(' | ')} |`)].join('\n');
  return `Measured ${r.when} (${r.mode} run, ${r.seconds} s) on: ${m.nproc} cores, ${m.cpuModel}, ${m.memoryGB} GB RAM, Node ${m.node}, ${m.platform}; 1-minute load average ${m.loadAverageAtStart} at the start and ${m.loadAverageAtEnd} at the end (other work was sharing the machine when above ${m.nproc}).\n\n${table}\n`;
}
