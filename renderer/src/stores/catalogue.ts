import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { CatalogueItem, LearnerSummary } from '@contract';
import { call } from '../api';

/** The modules assigned to the signed-in learner, with progress, due and expiry dates (main's). */
export const useCatalogueStore = defineStore('catalogue', () => {
  const items = ref<CatalogueItem[]>([]);
  const learner = ref<LearnerSummary | null>(null);
  const loading = ref(false);
  const error = ref<string | null>(null);

  async function load(learnerId: string): Promise<void> {
    loading.value = true;
    try {
      const reply = await call('catalogue.forLearner', { learnerId });
      items.value = reply.items;
      learner.value = reply.learner;
      error.value = null;
    } catch (err) {
      error.value = (err as Error).message;
    } finally {
      loading.value = false;
    }
  }

  return { items, learner, loading, error, load };
});
