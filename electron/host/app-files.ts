import { promises as fs } from 'node:fs';
import path from 'node:path';
import { SECURITY_HEADERS } from './csp';

export interface FileReply {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
  '.xsd': 'application/xml',
  '.xml': 'application/xml',
};

const reply = (status: number, text: string): FileReply => ({
  status,
  headers: { ...SECURITY_HEADERS, 'Content-Type': 'text/plain; charset=utf-8' },
  body: Buffer.from(text),
});

/**
 * Maps a request path to a file strictly inside `root`. Refuses, before touching the disk, any
 * path that is not plain: encoded separators or dots, `..` segments, backslashes, drive letters
 * and UNC prefixes; then resolves symlinks and refuses anything whose real path leaves the root.
 */
export async function resolveAppFile(root: string, rawPathname: string): Promise<string | null> {
  let pathname: string;
  try {
    pathname = decodeURIComponent(rawPathname);
  } catch {
    return null;
  }
  if (/%2e|%2f|%5c/i.test(rawPathname)) return null;
  if (pathname.includes('\\') || pathname.includes('\0')) return null;
  const segments = pathname.split('/').filter((s) => s.length > 0);
  if (segments.some((s) => s === '..' || s === '.' || /^[a-zA-Z]:/.test(s))) return null;
  if (pathname.startsWith('//')) return null;
  const relative = segments.length === 0 ? 'index.html' : segments.join('/');

  const realRoot = await fs.realpath(root);
  const candidate = path.resolve(realRoot, relative);
  let real: string;
  try {
    real = await fs.realpath(candidate);
  } catch {
    return null;
  }
  if (real !== realRoot && !real.startsWith(realRoot + path.sep)) return null;
  const stat = await fs.stat(real);
  return stat.isFile() ? real : null;
}

/** The shared file handler behind both app:// (Electron) and the preview server. */
export async function serveAppFile(root: string, rawPathname: string): Promise<FileReply> {
  const file = await resolveAppFile(root, rawPathname);
  if (!file) return reply(404, 'Not found');
  const body = await fs.readFile(file);
  const type = TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
  return { status: 200, headers: { ...SECURITY_HEADERS, 'Content-Type': type }, body };
}
