import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { PolicyReply } from '../../../electron/contract';
import { call } from '../api';

/** The policy as the clause registry holds it, for "Read the policy" and its clause anchors. */
export const usePolicyStore = defineStore('policy', () => {
  const policy = ref<PolicyReply | null>(null);
  const error = ref<string | null>(null);
  async function load(): Promise<void> {
    if (policy.value) return;
    try {
      policy.value = await call('content.policy', {});
    } catch (err) {
      error.value = (err as Error).message;
    }
  }
  return { policy, error, load };
});
