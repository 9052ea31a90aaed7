import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { CONTENT_FILE } from './payload';

/** Where the built renderer is: beside out/main in the app, out/renderer from source. */
export function findRendererRoot(explicit?: string): string {
  const candidates = explicit ? [explicit] : [path.resolve(__dirname, '../renderer'), path.resolve(__dirname, '../../../../out/renderer'), path.resolve(process.cwd(), 'out/renderer')];
  const found = candidates.find((c) => existsSync(path.join(c, 'player.html')));
  if (!found) throw new Error(`The built player is missing (no player.html in ${candidates.join(', ')}): run \`npm run build\` first.`);
  return found;
}

// Relative references in HTML (src/href), CSS (url()) and JS (import specifiers, Vite's asset URLs).
const REF_RE = /(?:src|href)\s*=\s*["']([^"'#?]+)["']|url\(\s*["']?([^"')#?]+)["']?\s*\)|["'`](\.{0,2}\/?(?:assets\/)?[\w@.-]+\.(?:js|mjs|css|woff2?|ttf|png|svg|jpe?g|gif|webp|mp3|ogg|json))["'`]/g;

/**
 * player.html and every file it reaches (scripts, their chunks, styles, fonts, images), found by
 * following relative references from the entry: what index.html alone needs stays out.
 */
export function playerFiles(rendererRoot: string): { name: string; data: Uint8Array }[] {
  const seen = new Map<string, Uint8Array>();
  const queue = ['player.html'];
  while (queue.length) {
    const rel = queue.shift()!;
    if (seen.has(rel)) continue;
    const abs = path.join(rendererRoot, rel);
    if (!abs.startsWith(rendererRoot) || !existsSync(abs)) continue;
    const data = readFileSync(abs);
    seen.set(rel, data);
    if (!/\.(html|js|mjs|css)$/.test(rel)) continue;
    const text = data.toString('utf8');
    for (const m of text.matchAll(REF_RE)) {
      const ref = m[1] ?? m[2] ?? m[3];
      if (!ref || /^[a-z]+:/i.test(ref) || ref.startsWith('//') || ref.startsWith('data:')) continue;
      if (ref.startsWith('/')) throw new Error(`The built player refers to ${ref} with an absolute path; build with base './' so it runs from any LMS sub-path.`);
      // Vite's asset URLs in JS are relative to the page (player.html), imports to the chunk itself.
      for (const base of [path.posix.dirname(rel), '.']) {
        const resolved = path.posix.normalize(path.posix.join(base, ref));
        if (!resolved.startsWith('..') && existsSync(path.join(rendererRoot, resolved))) queue.push(resolved);
      }
    }
  }
  return [...seen.entries()].filter(([name]) => name !== CONTENT_FILE).map(([name, data]) => ({ name, data }));
}

/** The packaged player.html loads content.js first, as a classic script (before any module). */
export function withContentScript(html: string): string {
  const tag = `<script src="${CONTENT_FILE}"></script>`;
  if (html.includes(tag)) return html;
  const at = html.search(/<script\b/i);
  if (at < 0) return html.replace(/<\/head>/i, `${tag}</head>`);
  return `${html.slice(0, at)}${tag}\n    ${html.slice(at)}`;
}
