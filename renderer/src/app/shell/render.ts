// Build time only (electron.vite.config.ts, appShell): the home screen as the app first draws it on a
// PC that is set up, rendered to HTML by Vue's server renderer.
import { renderToString } from 'vue/server-renderer';
import { shellApp } from './start';
import { SHELL_INFO } from './tokens';

export function renderShell(): Promise<string> {
  return renderToString(shellApp(SHELL_INFO));
}
