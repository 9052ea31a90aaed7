// `npm run content:build -- --out FILE`: check everything, then write the bundle as JSON.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { analyse } from './analyse';
import { compileContent } from './compile';
import { rootArg } from './paths';
import { formatDiagnostic } from './diagnostics';

const at = process.argv.indexOf('--out');
const out = at >= 0 ? process.argv[at + 1] : undefined;
if (!out) {
  console.error('usage: npm run content:build -- --out FILE');
  process.exit(2);
}
const compiled = compileContent(rootArg());
const { diagnostics } = analyse(compiled);
if (diagnostics.length > 0 || !compiled.bundle) {
  for (const d of diagnostics) console.error(formatDiagnostic(d));
  console.error(`content:build: not written; ${diagnostics.length} problem(s)`);
  process.exit(1);
}
const file = resolve(out);
mkdirSync(dirname(file), { recursive: true });
writeFileSync(file, `${JSON.stringify(compiled.bundle)}\n`);
const b = compiled.bundle;
console.log(`content:build: wrote ${file} (${b.courses.length} courses, ${Object.keys(b.answerKey).length} items, version ${b.contentVersion})`);
