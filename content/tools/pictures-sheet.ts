// `npm run content:pictures -- --out FILE.html`: every scene of the catalogue on one page, with its
// id and what it shows, for authors choosing a scene and for looking at them at a glance.
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { compileContent } from './compile';
import { formatDiagnostic } from './diagnostics';
import { rootArg } from './paths';

const at = process.argv.indexOf('--out');
const out = at >= 0 ? process.argv[at + 1] : undefined;
if (!out) {
  console.error('usage: npm run content:pictures -- --out FILE.html');
  process.exit(2);
}
const compiled = compileContent(rootArg());
const pictureErrors = compiled.errors.filter((e) => e.kind === 'picture' || e.file.endsWith('scenes.yaml'));
for (const e of pictureErrors) console.error(formatDiagnostic(e));
const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');
const used = new Set(Object.keys(compiled.bundle?.pictures ?? {}));
const cards = [...compiled.scenes.scenes.values()].map(
  (scene) => `<figure>${compiled.scenes.svg.get(scene.id) ?? ''}<figcaption><code>${scene.id}</code>${used.has(scene.id) ? '' : ' (unused)'}<br>${escape(scene.shows)}</figcaption></figure>`,
);
const page = `<!doctype html><html lang="en-GB"><meta charset="utf-8"><title>Scenes</title>
<style>body{font-family:system-ui,sans-serif;margin:1rem}main{display:grid;grid-template-columns:repeat(auto-fill,minmax(300px,1fr));gap:1rem}figure{margin:0}svg{width:100%;height:auto;display:block}figcaption{font-size:.9rem}</style>
<h1>${compiled.scenes.scenes.size} scenes</h1><main>${cards.join('\n')}</main></html>`;
const file = resolve(out);
writeFileSync(file, page);
console.log(`content:pictures: wrote ${file} (${compiled.scenes.scenes.size} scenes)`);
