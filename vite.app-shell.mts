import { resolve } from 'node:path';
import { createServer, type Plugin } from 'vite';
import vue from '@vitejs/plugin-vue';
import { pathAliases } from './vite.aliases.mts';

/** The element the app mounts on; the shell goes inside it, hidden until boot.js shows it. */
const MOUNT = '<div id="app"></div>';

/**
 * The home screen's markup, rendered at build time by Vue's server renderer from the real
 * components (renderer/src/app/shell/render.ts), as production compiles them (no template
 * comments), so the app can hydrate it node for node.
 */
async function renderShell(root: string): Promise<string> {
  const server = await createServer({
    configFile: false,
    root: resolve(root, 'renderer'),
    mode: 'production',
    resolve: { alias: pathAliases(root) },
    plugins: [vue({ isProduction: true, features: { optionsAPI: false } })],
    server: { middlewareMode: true, hmr: false, ws: false },
    appType: 'custom',
    logLevel: 'error',
    optimizeDeps: { noDiscovery: true, include: [] },
  });
  try {
    const shell = (await server.ssrLoadModule('/src/app/shell/render.ts')) as { renderShell(): Promise<string> };
    return await shell.renderShell();
  } finally {
    await server.close();
  }
}

/**
 * The app shell (issue 19 item 6, docs/architecture.md): index.html carries the home screen's
 * markup inside #app, hidden; public/boot.js shows it as soon as main says the PC is set up, and
 * the app hydrates it (renderer/src/app/shell/start.ts) instead of drawing it again.
 */
export function appShell(root: string): Plugin {
  let markup: Promise<string> | null = null;
  return {
    name: 'app-shell',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      async handler(html, ctx) {
        if (!ctx.filename.endsWith('index.html')) return html;
        if (!html.includes(MOUNT)) throw new Error(`app-shell: ${ctx.filename} has no ${MOUNT} to fill`);
        markup ??= renderShell(root);
        return html.replace(MOUNT, `<div id="app" data-app-shell hidden>${await markup}</div>`);
      },
    },
  };
}
