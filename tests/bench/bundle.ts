import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

export interface BundleSize {
  raw: number;
  gzip: number;
  files: string[];
}

const attr = (tag: string, name: string): string | null => new RegExp(`\\b${name}\\s*=\\s*["']([^"']+)["']`, 'i').exec(tag)?.[1] ?? null;

/**
 * Static imports of one built ES module: `import x from "…"`, `import "…"`, `export … from "…"`.
 * Dynamic `import("…")` (lazy chunks) is deliberately not followed: the first screen does not wait for it.
 */
export function staticImports(code: string): string[] {
  const found: string[] = [];
  const re = /(?:^|[;\s}])(?:import|export)\s*(?:[\w$*{}\s,]*?\bfrom\s*)?["']([^"'\n]+)["']/g;
  for (let m = re.exec(code); m; m = re.exec(code)) if (m[1]) found.push(m[1]);
  return found;
}

/**
 * Bytes of JS and CSS an HTML page of the built renderer loads before it can run: its module
 * scripts and everything they import statically, its stylesheets and modulepreloads. Gzip is
 * measured per file at level 9 and summed (what is parsed is the raw size; gzip is the usual
 * yardstick for how heavy the code is).
 */
export function pageBundle(htmlFile: string): BundleSize {
  if (!existsSync(htmlFile)) throw new Error(`${htmlFile} does not exist; run npm run build`);
  const root = path.dirname(htmlFile);
  const html = readFileSync(htmlFile, 'utf8');
  const queue: string[] = [];
  const seen = new Set<string>();
  const add = (ref: string | null, from: string, strict: boolean): void => {
    if (!ref || /^[a-z]+:/i.test(ref) || ref.startsWith('//')) return; // nothing remote is loaded
    const file = path.resolve(ref.startsWith('/') ? root : path.dirname(from), ref.startsWith('/') ? `.${ref}` : ref);
    if (!strict && (!/\.(m?js|css)$/.test(file) || !existsSync(file))) return; // an import-like text in a comment or string
    if (!seen.has(file)) {
      seen.add(file);
      queue.push(file);
    }
  };
  for (const m of html.matchAll(/<script\b[^>]*>/gi)) {
    const tag = m[0];
    if (/type\s*=\s*["']module["']/i.test(tag) || !/type\s*=/i.test(tag)) add(attr(tag, 'src'), htmlFile, true);
  }
  for (const m of html.matchAll(/<link\b[^>]*>/gi)) {
    const rel = (attr(m[0], 'rel') ?? '').toLowerCase();
    if (rel === 'stylesheet' || rel === 'modulepreload') add(attr(m[0], 'href'), htmlFile, true);
  }
  let raw = 0;
  let gzip = 0;
  const files: string[] = [];
  while (queue.length) {
    const file = queue.shift() as string;
    if (!existsSync(file)) throw new Error(`${path.relative(root, file)} is referenced by ${path.basename(htmlFile)} but missing from the build`);
    const bytes = readFileSync(file);
    raw += bytes.length;
    gzip += gzipSync(bytes, { level: 9 }).length;
    files.push(path.relative(root, file));
    if (file.endsWith('.js') || file.endsWith('.mjs')) for (const ref of staticImports(bytes.toString('utf8'))) if (ref.startsWith('.') || ref.startsWith('/')) add(ref, file, false);
    if (file.endsWith('.css')) for (const m of bytes.toString('utf8').matchAll(/@import\s+(?:url\()?["']([^"')]+)["']/g)) add(m[1] ?? null, file, false);
  }
  return { raw, gzip, files };
}
