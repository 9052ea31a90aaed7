import path from 'node:path';
import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { openApp } from '../host/compose';
import { startPreviewServer } from '../host/preview/server';
import { devBundle } from './dev-bundle';
import { appVersion, projectRoot } from './project';

/**
 * `npm run web -- --data DIR --port P`: the built renderer and the app's own handler table over
 * HTTP on 127.0.0.1, for content authors and the end-to-end tests.
 */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      data: { type: 'string' },
      port: { type: 'string', default: '0' },
      now: { type: 'string' },
    },
    strict: true,
  });
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port must be a port number, not ${values.port}`);
  const rendererRoot = path.join(projectRoot, 'out/renderer');
  if (!existsSync(path.join(rendererRoot, 'index.html'))) {
    throw new Error('The renderer is not built: run `npm run build` first (npm run web does it for you).');
  }
  // --now fixes the clock (ISO date-time) so lifecycle rules can be previewed on any date.
  const fixed = values.now ? new Date(values.now) : null;
  if (fixed && Number.isNaN(fixed.getTime())) throw new Error(`--now must be an ISO date, not ${values.now}`);
  const started = openApp({
    argv: values.data ? ['--data', values.data] : [],
    env: process.env,
    defaultDataDir: path.join(projectRoot, '.tmp/preview-data'),
    appVersion,
    bundle: devBundle(),
    ...(fixed ? { clock: () => new Date(fixed) } : {}),
    log: (msg, err) => console.error(msg, err),
  });
  const server = await startPreviewServer({ rendererRoot, dispatch: started.dispatch, port });
  started.services.emit = (event) => server.emit(event);
  // The first line is machine-readable: tests wait for it to learn the port.
  console.log(`Preview: ${server.url}  (data: ${started.services.dataDir})`);
  const stop = (): void => {
    void server.close().then(() => {
      started.services.close();
      process.exit(0);
    });
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((err: unknown) => {
  console.error(`npm run web: ${(err as Error).message}`);
  process.exit(2);
});
