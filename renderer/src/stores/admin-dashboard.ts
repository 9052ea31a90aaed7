import { defineStore } from 'pinia';
import { reactive, ref } from 'vue';
import type { ClassCounts, DashboardFilters, DashboardSummary, PeopleSort, PersonDetail, PersonRow } from '@contract';
import { call } from '../api';
import { useAdminStore } from './admin';

export const PAGE_SIZE = 25;

/** HR's dashboard: the filters, the figures, a page of people and the person drilled into. */
export const useAdminDashboardStore = defineStore('admin-dashboard', () => {
  const admin = useAdminStore();
  const filters = reactive<DashboardFilters>({});
  const summary = ref<DashboardSummary | null>(null);
  const people = ref<{ total: number; rows: PersonRow[] }>({ total: 0, rows: [] });
  const offset = ref(0);
  const sort = ref<PeopleSort>('attention');
  const person = ref<PersonDetail | null>(null);
  const classCounts = ref<ClassCounts | null>(null);
  const loading = ref(false);
  const error = ref<string | null>(null);

  /** Only the filters that are set: the contract takes absent keys, not empty strings. */
  function activeFilters(): DashboardFilters {
    const out: DashboardFilters = {};
    for (const [k, v] of Object.entries(filters) as [keyof DashboardFilters, string | undefined][]) {
      if (v !== undefined && v !== '') (out as Record<string, string>)[k] = v;
    }
    return out;
  }

  async function guarded(task: () => Promise<void>): Promise<void> {
    loading.value = true;
    error.value = null;
    try {
      await task();
    } catch (err) {
      error.value = (err as Error).message;
      admin.followRefusal(err);
    } finally {
      loading.value = false;
    }
  }

  const load = (): Promise<void> =>
    guarded(async () => {
      const f = activeFilters();
      // The figures stay those of the school, role and module chosen; the standing picks the list.
      const { state: _state, ...figures } = f;
      const [s, p] = await Promise.all([call('dashboard.summary', figures), call('dashboard.people', { ...f, sort: sort.value, offset: offset.value, limit: PAGE_SIZE })]);
      summary.value = s;
      people.value = p;
    });

  async function applyFilters(): Promise<void> {
    offset.value = 0;
    await load();
  }

  const page = (to: number): Promise<void> =>
    guarded(async () => {
      offset.value = Math.max(0, to);
      people.value = await call('dashboard.people', { ...activeFilters(), sort: sort.value, offset: offset.value, limit: PAGE_SIZE });
    });

  /** The list in another order, from its first page. */
  async function sortBy(order: PeopleSort): Promise<void> {
    sort.value = order;
    await page(0);
  }

  /** Everyone the filters match, in the list's order: the CSV to save and the emails to copy. */
  const wholeList = (): Promise<{ count: number; csv: string; emails: string[] }> => call('dashboard.peopleList', { ...activeFilters(), sort: sort.value });

  const openPerson = (learnerId: string): Promise<void> =>
    guarded(async () => {
      person.value = await call('dashboard.person', { learnerId });
    });

  const loadClassCounts = (request: { academicYear?: string; className?: string } = {}): Promise<void> =>
    guarded(async () => {
      classCounts.value = await call('dashboard.classCounts', request);
    });

  return { filters, summary, people, offset, sort, sortBy, wholeList, person, classCounts, loading, error, load, applyFilters, page, openPerson, loadClassCounts };
});
