import type { Services } from '../index';
import type { HandlerTable } from '../dispatch';
import { requireAdmin } from '../admin';

export const settingsHandlers = (s: Services): Pick<HandlerTable, 'settings.get' | 'settings.set'> => ({
  'settings.get': () => s.settings.get(),
  'settings.set': (patch) => {
    if (s.admin.isSetUp()) requireAdmin(s); // before set-up there is no administrator yet
    return s.settings.set(patch);
  },
});
