import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { AppInfo } from '@contract';
import { callEarly } from '../api';

/** The Trust, the policy version and the data folder, as main reports them. */
export const useAppInfoStore = defineStore('app-info', () => {
  const info = ref<AppInfo | null>(null);
  const error = ref<string | null>(null);

  async function load(): Promise<void> {
    try {
      info.value = await callEarly('app.info');
      error.value = null;
    } catch (err) {
      error.value = (err as Error).message;
    }
  }

  return { info, error, load };
});
