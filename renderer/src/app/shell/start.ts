import { createApp, createSSRApp, type App } from 'vue';
import { createPinia } from 'pinia';
import type { AppInfo } from '@contract';
import AppView from '../App.vue';
import { useAdminStore } from '@renderer/stores/admin';
import { useAppInfoStore } from '@renderer/stores/app-info';

/** What public/boot.js did with the app shell: shown (with the replies it was filled from) or not. */
export interface ShellBoot {
  /** Settles once boot.js has decided: null when the shell stays hidden (not set up, no reply). */
  shell?: Promise<{ setUp: true; info: AppInfo } | null>;
  /** Buttons of the shell pressed before the app took it over, in order. */
  presses?: HTMLElement[];
  /** Set once the app has started (on the shell or afresh): boot.js keeps no more presses. */
  started?: boolean;
}

/**
 * The app in the state the shell shows (a PC that is set up, with these Trust details), created
 * for hydration. The build renders the shell with it (render.ts) and the page takes the shell over
 * with it, so the two cannot drift apart and mismatch.
 */
export function shellApp(info: AppInfo): App {
  const pinia = createPinia();
  useAdminStore(pinia).setUp = true;
  useAppInfoStore(pinia).info = info;
  return createSSRApp(AppView).use(pinia);
}

/**
 * Starts the app on #app. When boot.js showed the app shell, the app starts in the state the shell
 * was rendered in (set up, main's app.info) and hydrates it: the nodes on screen stay (no flash, the
 * focus kept) and get their handlers; then each press made on the shell is carried out, once.
 * Otherwise the shell is dropped and the app mounts afresh (a PC not set up: the set-up screen).
 */
export async function startApp(root: HTMLElement, boot: ShellBoot | undefined): Promise<void> {
  const shown = (await boot?.shell?.catch(() => null)) ?? null;
  if (boot) boot.started = true;
  if (!shown) {
    root.replaceChildren();
    root.hidden = false;
    createApp(AppView).use(createPinia()).mount(root);
    return;
  }
  shellApp(shown.info).mount(root);
  for (const button of (boot?.presses ?? []).splice(0)) if (button.isConnected) button.click();
}
