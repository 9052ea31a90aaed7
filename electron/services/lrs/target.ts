import { z } from 'zod';

/** Where the Trust's LRS is and the key and secret this PC sends with (HTTP Basic). */
export interface LrsTarget {
  /** The xAPI base address, ending in "/"; statements go to `${endpoint}statements`. */
  endpoint: string;
  key: string;
  secret: string;
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

/**
 * The LRS address as IT gives it. HTTPS only (records and the LRS secret cross the school's
 * network), except on this PC's own loopback (a local LRS, and the tests); no credentials, query or
 * fragment in the address. Returns the base with one trailing slash, or a plain-words problem.
 */
export function checkEndpoint(raw: string): { endpoint: string } | { problem: string } {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    return { problem: `"${raw}" is not a web address; give the LRS's xAPI address, such as https://lrs.example.org/xapi/` };
  }
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && LOOPBACK.has(url.hostname))) {
    return { problem: `the LRS address must start with https:// (records and the LRS secret must not cross the network unencrypted), not ${url.protocol}//` };
  }
  if (url.username || url.password) return { problem: 'the LRS address must not hold a user name or secret; give them in the LRS key file' };
  if (url.search || url.hash) return { problem: 'the LRS address must not have a ? query or # part' };
  let base = url.origin + url.pathname;
  // Someone may paste the statements resource itself; its parent is the xAPI base.
  base = base.replace(/\/statements\/?$/, '/');
  if (!base.endsWith('/')) base += '/';
  return { endpoint: base };
}

const Credential = z
  .string()
  .min(1)
  .max(512)
  .refine((s) => [...s].every((c) => c.charCodeAt(0) > 0x20 && c.charCodeAt(0) !== 0x7f), 'no spaces or control characters');

/**
 * The LRS key file: one line `key:secret`, as LRSs issue them (Learning Locker calls them client
 * key and secret). Only the first line is read. Problems name the file and never echo the secret.
 */
export function parseKeyFile(text: string, where: string): { key: string; secret: string } {
  const line = text.replace(/^\uFEFF/, '').split(/\r?\n/)[0] ?? '';
  const colon = line.indexOf(':');
  if (colon <= 0 || colon === line.length - 1) {
    throw new Error(`${where}: the first line must be the LRS key and secret as key:secret`);
  }
  const key = line.slice(0, colon);
  const secret = line.slice(colon + 1);
  if (!Credential.safeParse(key).success) throw new Error(`${where}: the key (before the colon) must be 1 to 512 characters with no spaces`);
  if (!Credential.safeParse(secret).success) throw new Error(`${where}: the secret (after the colon) must be 1 to 512 characters with no spaces`);
  return { key, secret };
}

export const statementsUrl = (t: LrsTarget): string => `${t.endpoint}statements`;
export const basicAuth = (t: LrsTarget): string => `Basic ${Buffer.from(`${t.key}:${t.secret}`, 'utf8').toString('base64')}`;
