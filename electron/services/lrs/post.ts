import { basicAuth, statementsUrl, type LrsTarget } from './target';

/** What one POST of a batch came to, in the terms the sender acts on. */
export type PostOutcome =
  /** 200 or 204: the LRS holds every statement of the batch (a re-sent id is not stored twice). */
  | { kind: 'stored' }
  /** 409: a statement id the LRS already holds with other content (the whole batch is refused). */
  | { kind: 'conflict'; message: string }
  /** 400 or 413: the LRS will never take this batch as it is (a statement it rejects, or too large). */
  | { kind: 'rejected'; status: number; message: string }
  /** 401 or 403: the key and secret are wrong or may not write statements; retrying cannot help. */
  | { kind: 'refused'; status: number; message: string }
  /** Not reached, timed out, or an error on its side (5xx, 429): try again later. */
  | { kind: 'unreachable'; message: string; retryAfterMs: number | null };

/** fetch as Node and Electron's net.fetch both provide it (the shell passes net.fetch: system proxies). */
export type Fetch = (url: string, init: { method: string; headers: Record<string, string>; body: string; signal: AbortSignal }) => Promise<{
  status: number;
  headers: { get(name: string): string | null };
  text(): Promise<string>;
}>;

const MAX_REASON = 300;

/** The LRS's own words, briefly: xAPI LRSs answer errors as JSON with a message, or as text. */
async function reasonOf(res: { text(): Promise<string> }): Promise<string> {
  let body: string;
  try {
    body = await res.text();
  } catch {
    return '';
  }
  try {
    const parsed = JSON.parse(body) as { message?: unknown; warnings?: unknown };
    if (typeof parsed.message === 'string') body = parsed.message;
  } catch {
    // not JSON: the text as it is
  }
  body = body.replace(/\s+/g, ' ').trim();
  return body.length > MAX_REASON ? `${body.slice(0, MAX_REASON)}…` : body;
}

function retryAfter(value: string | null, now: number): number | null {
  if (!value) return null;
  const seconds = Number(value);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const when = Date.parse(value);
  return Number.isNaN(when) ? null : Math.max(0, when - now);
}

/** POSTs statements (each already JSON) as one array, with xAPI 1.0.3 headers and Basic auth. */
export async function postStatements(target: LrsTarget, statements: readonly string[], fetchImpl: Fetch, timeoutMs: number): Promise<PostOutcome> {
  let res;
  try {
    res = await fetchImpl(statementsUrl(target), {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json; charset=utf-8',
        'X-Experience-API-Version': '1.0.3',
        Authorization: basicAuth(target),
      },
      body: `[${statements.join(',')}]`,
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (err) {
    const e = err as Error & { cause?: { code?: string; message?: string } };
    const what =
      e.name === 'TimeoutError' || e.name === 'AbortError'
        ? `did not answer within ${Math.max(1, Math.round(timeoutMs / 1000))} second(s)`
        : `could not be reached (${e.cause?.code ?? e.cause?.message ?? e.message})`;
    return { kind: 'unreachable', message: `The LRS at ${target.endpoint} ${what}.`, retryAfterMs: null };
  }
  const status = res.status;
  if (status === 200 || status === 204) {
    await res.text().catch(() => '');
    return { kind: 'stored' };
  }
  const reason = await reasonOf(res);
  const said = reason ? ` It said: "${reason}".` : '';
  if (status === 409) return { kind: 'conflict', message: `The LRS already holds a statement with this id but different content (409).${said}` };
  if (status === 401 || status === 403) {
    return {
      kind: 'refused',
      status,
      message:
        status === 401
          ? `The LRS did not accept this PC's key and secret (401). Check the LRS key file or the settings.${said}`
          : `The LRS key and secret are recognised but may not send statements (403). Ask the LRS's administrator to allow writing statements.${said}`,
    };
  }
  if (status === 400 || status === 413) {
    return { kind: 'rejected', status, message: `The LRS refused ${statements.length === 1 ? 'a statement' : 'a batch of statements'} (${status}).${said}` };
  }
  return {
    kind: 'unreachable',
    message: `The LRS at ${target.endpoint} answered with an error (${status}); sending will be tried again.${said}`,
    retryAfterMs: retryAfter(res.headers.get('retry-after'), Date.now()),
  };
}
