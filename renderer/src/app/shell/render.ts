// Build time only (electron.vite.config.ts, appShell): the home screen as the app first draws it on a
// PC that is set up, rendered to HTML by Vue's server renderer.
import { createSSRApp } from 'vue';
import { createPinia } from 'pinia';
import { renderToString } from 'vue/server-renderer';
import App from '../App.vue';
import { useAdminStore } from '@renderer/stores/admin';
import { useAppInfoStore } from '@renderer/stores/app-info';
import { SHELL_INFO } from './tokens';

export async function renderShell(): Promise<string> {
  const pinia = createPinia();
  const app = createSSRApp(App).use(pinia);
  useAdminStore(pinia).setUp = true;
  useAppInfoStore(pinia).info = SHELL_INFO;
  return renderToString(app);
}
