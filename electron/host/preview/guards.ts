import { timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';

/** The names the preview answers to; anything else is DNS rebinding or a stray client. */
export const allowedHosts = (port: number): string[] => [`127.0.0.1:${port}`, `localhost:${port}`];
export const allowedOrigins = (port: number): string[] => allowedHosts(port).map((h) => `http://${h}`);

export type GuardVerdict = { ok: true } | { ok: false; status: number; message: string };

export function checkHost(headers: IncomingHttpHeaders, port: number): GuardVerdict {
  const host = headers.host ?? '';
  return allowedHosts(port).includes(host)
    ? { ok: true }
    : { ok: false, status: 421, message: `Host ${JSON.stringify(host)} is not served here` };
}

const sameToken = (given: string, expected: string): boolean => {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
};

/** Every API call: the page's own origin, the per-run token from the page, and a JSON body. */
export function checkApiCall(headers: IncomingHttpHeaders, port: number, token: string): GuardVerdict {
  const origin = headers.origin;
  if (!origin || !allowedOrigins(port).includes(origin)) {
    return { ok: false, status: 403, message: `Origin ${JSON.stringify(origin ?? null)} may not call the API` };
  }
  const given = headers['x-preview-token'];
  if (typeof given !== 'string' || !sameToken(given, token)) {
    return { ok: false, status: 403, message: 'Missing or wrong preview token' };
  }
  const type = headers['content-type'] ?? '';
  if (!/^application\/json\b/i.test(type)) {
    return { ok: false, status: 415, message: 'API calls must send a JSON body (Content-Type: application/json)' };
  }
  return { ok: true };
}
