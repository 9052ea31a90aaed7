import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { PolicyReply } from '@contract';
import { call } from '../api';

/** The policy as the clause registry holds it, for "Read the policy" and its clause anchors. */
export const usePolicyStore = defineStore('policy', () => {
  const policy = ref<PolicyReply | null>(null);
  const error = ref<string | null>(null);
  /** force: read again (the "Who do I tell?" guide shows contacts the administrator may just have changed). */
  async function load(force = false): Promise<void> {
    if (policy.value && !force) return;
    try {
      policy.value = await call('content.policy', {});
    } catch (err) {
      error.value = (err as Error).message;
    }
  }
  return { policy, error, load };
});
