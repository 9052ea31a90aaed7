import { protocol, type Session } from 'electron';
import { serveAppFile } from '../host/app-files';
import { APP_HOST, APP_SCHEME } from './origin';

/** Must run before `ready`: a standard, secure scheme gets an origin, fetch and storage. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    {
      scheme: APP_SCHEME,
      privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true, codeCache: true },
    },
  ]);
}

/** Answers app://app/<path> from the renderer output only, through the shared file handler. */
export async function appProtocolResponse(rendererRoot: string, url: string): Promise<Response> {
  const parsed = new URL(url);
  if (parsed.host !== APP_HOST) return new Response('Not found', { status: 404 });
  const rawPath = url.slice(`${APP_SCHEME}://${APP_HOST}`.length).split(/[?#]/)[0] ?? '/';
  const file = await serveAppFile(rendererRoot, rawPath);
  return new Response(new Uint8Array(file.body), { status: file.status, headers: file.headers });
}

export function handleAppProtocol(session: Session, rendererRoot: string): void {
  session.protocol.handle(APP_SCHEME, (request) => appProtocolResponse(rendererRoot, request.url));
}
