import http from 'node:http';
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { MAX_REQUEST_BYTES, type AppEvent } from '@contract';
import { serveAppFile } from '../app-files';
import { SECURITY_HEADERS } from '../csp';
import type { Dispatch } from '../dispatch';
import { checkApiCall, checkHost } from './guards';
import { API_PREFIX, BRIDGE_PATH, EVENTS_PATH, bridgeScript } from './bridge';

export interface PreviewOptions {
  rendererRoot: string;
  dispatch: Dispatch;
  port?: number;
  /** Fixed only in tests; otherwise a fresh random token each run. */
  token?: string;
}

export interface PreviewServer {
  url: string;
  port: number;
  token: string;
  emit(event: AppEvent): void;
  close(): Promise<void>;
}


const send = (res: http.ServerResponse, status: number, headers: Record<string, string>, body: string | Buffer): void => {
  res.writeHead(status, { ...SECURITY_HEADERS, 'Cache-Control': 'no-store', ...headers });
  res.end(body);
};

const sendJson = (res: http.ServerResponse, status: number, value: unknown): void =>
  send(res, status, { 'Content-Type': 'application/json; charset=utf-8' }, JSON.stringify(value));

const refuse = (res: http.ServerResponse, status: number, message: string): void =>
  sendJson(res, status, { ok: false, error: { code: 'forbidden', message } });

/** A body over MAX_REQUEST_BYTES: answered 413, never buffered. */
class TooLarge extends Error {}

const tooLargeMessage = `The request is larger than ${MAX_REQUEST_BYTES.toLocaleString('en-GB')} bytes, the most the app takes in one call; nothing was done`;

/**
 * The body as text, or TooLarge as soon as it passes MAX_REQUEST_BYTES (by its Content-Length
 * before a byte is read, or by counting). What follows is not kept: the reply goes at once and the
 * connection closes after it (handle), so a client streaming without end cannot hold the server.
 */
function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    if (Number(req.headers['content-length'] ?? 0) > MAX_REQUEST_BYTES) {
      reject(new TooLarge());
      return;
    }
    let size = 0;
    const chunks: Buffer[] = [];
    const onData = (c: Buffer): void => {
      size += c.length;
      if (size <= MAX_REQUEST_BYTES) {
        chunks.push(c);
        return;
      }
      req.off('data', onData);
      chunks.length = 0;
      reject(new TooLarge());
    };
    req.on('data', onData);
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** Puts the per-run token and the bridge in front of the app's own scripts. */
const injectBridge = (html: string, token: string): string =>
  html.replace(
    /<head>/i,
    `<head><meta name="preview-token" content="${token}"><script src="${BRIDGE_PATH}"></script>`,
  );

/**
 * Serves the built renderer and the same handler table as the Electron app, on 127.0.0.1 only.
 * Files go through serveAppFile, the very code behind app://, so tests run under the real CSP.
 */
export function startPreviewServer(options: PreviewOptions): Promise<PreviewServer> {
  const token = options.token ?? randomBytes(24).toString('base64url');
  const streams = new Set<http.ServerResponse>();
  let port = 0;

  const server = http.createServer((req, res) => {
    void handle(req, res).catch(() => {
      if (!res.headersSent) sendJson(res, 500, { ok: false, error: { code: 'internal', message: 'Preview server error' } });
    });
  });

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    // A refused request's body is drained so the client reads the refusal, not a reset.
    const deny = (status: number, message: string): void => {
      req.resume();
      refuse(res, status, message);
    };
    const host = checkHost(req.headers, port);
    if (!host.ok) return deny(host.status, host.message);
    const url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`);
    const rawPath = (req.url ?? '/').split('?')[0] ?? '/';

    if (url.pathname.startsWith(API_PREFIX)) {
      if (req.method !== 'POST') return deny(405, 'API calls must be POST');
      const verdict = checkApiCall(req.headers, port, token);
      if (!verdict.ok) return deny(verdict.status, verdict.message);
      let payload: unknown;
      try {
        payload = JSON.parse(await readBody(req));
      } catch (err) {
        if (err instanceof TooLarge) {
          // Said in full, then the connection closes: the rest of the body is never read.
          res.writeHead(413, { ...SECURITY_HEADERS, 'Cache-Control': 'no-store', 'Content-Type': 'application/json; charset=utf-8', Connection: 'close' });
          res.end(JSON.stringify({ ok: false, error: { code: 'invalid-request', message: tooLargeMessage } }), () => req.destroy());
          return;
        }
        return sendJson(res, 400, { ok: false, error: { code: 'invalid-request', message: `Body is not JSON: ${(err as Error).message}` } });
      }
      const channel = decodeURIComponent(url.pathname.slice(API_PREFIX.length));
      return sendJson(res, 200, await options.dispatch(channel, payload, { transport: 'http' }));
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') return deny(405, 'Only GET for files');
    if (url.pathname === EVENTS_PATH) {
      if (url.searchParams.get('token') !== token) return deny(403, 'Missing or wrong preview token');
      res.writeHead(200, { ...SECURITY_HEADERS, 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-store' });
      res.write(': connected\n\n');
      streams.add(res);
      req.on('close', () => streams.delete(res));
      return;
    }
    if (url.pathname === BRIDGE_PATH) {
      return send(res, 200, { 'Content-Type': 'text/javascript; charset=utf-8' }, bridgeScript());
    }
    const file = await serveAppFile(options.rendererRoot, rawPath);
    if (file.status === 200 && file.headers['Content-Type']?.startsWith('text/html')) {
      return send(res, 200, file.headers, injectBridge(file.body.toString('utf8'), token));
    }
    return send(res, file.status, file.headers, file.body);
  }

  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      port = (server.address() as AddressInfo).port;
      resolve({
        url: `http://127.0.0.1:${port}/`,
        port,
        token,
        emit(event) {
          for (const s of streams) s.write(`data: ${JSON.stringify(event)}\n\n`);
        },
        close: () =>
          new Promise<void>((done) => {
            for (const s of streams) s.end();
            server.closeAllConnections();
            server.close(() => done());
          }),
      });
    });
  });
}
