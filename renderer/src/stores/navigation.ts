import { defineStore } from 'pinia';
import { ref } from 'vue';

/** Screens are named; views register under these names in app/views/registry.ts. */
export const useNavigationStore = defineStore('navigation', () => {
  const view = ref<string>('home');
  const params = ref<Record<string, string>>({});
  function go(name: string, next: Record<string, string> = {}): void {
    view.value = name;
    params.value = next;
  }
  return { view, params, go };
});
