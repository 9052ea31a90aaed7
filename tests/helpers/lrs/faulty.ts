import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** How the faulty front answers the next requests (a test changes it between sends). */
export type Fault =
  | { kind: 'pass' }
  /** Answers this status itself; the LRS never sees the request. */
  | { kind: 'status'; status: number; body?: string; retryAfter?: string }
  /** Waits this long, then passes the request on. */
  | { kind: 'slow'; ms: number }
  /** Passes the request on, lets the LRS store it, then cuts the connection: the answer is lost. */
  | { kind: 'lose-answer' }
  /** Passes the request on and, as soon as the LRS has it, runs `then` (e.g. kills the LRS). */
  | { kind: 'forward-then'; then: () => void };

export interface FaultyFront {
  /** The xAPI base address through the front. */
  endpoint: string;
  fault: Fault;
  /** Every POST seen: how many statements, and the status the sender got (0: cut). */
  posts: { statements: number; ids: string[]; status: number }[];
  close(): Promise<void>;
}

/**
 * A small HTTP front on 127.0.0.1 before the real test LRS, to make it fail as real ones do (down,
 * slow, 500, 401/403, an answer lost after the LRS stored the batch). Everything it passes on is
 * answered by the real LRS.
 */
export async function startFaultyFront(lrsPort: () => number): Promise<FaultyFront> {
  const front: FaultyFront = { endpoint: '', fault: { kind: 'pass' }, posts: [], close: async () => undefined };
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      let ids: string[];
      try {
        const parsed = JSON.parse(body.toString('utf8')) as { id?: string }[] | { id?: string };
        ids = (Array.isArray(parsed) ? parsed : [parsed]).map((s) => String(s.id));
      } catch {
        ids = [];
      }
      const post = req.method === 'POST' ? { statements: ids.length, ids, status: 0 } : null;
      if (post) front.posts.push(post);
      const fault = front.fault;
      if (fault.kind === 'status') {
        if (post) post.status = fault.status;
        res.writeHead(fault.status, { 'Content-Type': 'application/json', ...(fault.retryAfter ? { 'Retry-After': fault.retryAfter } : {}) });
        res.end(fault.body ?? JSON.stringify({ message: `test front answered ${fault.status}` }));
        return;
      }
      const forward = (): void => {
        const upstream = http.request(
          { host: '127.0.0.1', port: lrsPort(), method: req.method, path: req.url, headers: { ...req.headers, host: `127.0.0.1:${lrsPort()}` } },
          (up) => {
            const answer: Buffer[] = [];
            up.on('data', (c: Buffer) => answer.push(c));
            up.on('end', () => {
              if (fault.kind === 'lose-answer') {
                req.socket.destroy();
                return;
              }
              if (post) post.status = up.statusCode ?? 0;
              res.writeHead(up.statusCode ?? 502, up.headers);
              res.end(Buffer.concat(answer));
            });
          },
        );
        upstream.on('error', () => req.socket.destroy());
        upstream.end(body, () => {
          if (fault.kind === 'forward-then') fault.then();
        });
      };
      if (fault.kind === 'slow') setTimeout(forward, fault.ms).unref();
      else forward();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  front.endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}/xAPI/`;
  front.close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return front;
}
