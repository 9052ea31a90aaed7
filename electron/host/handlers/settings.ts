import type { Services } from '../services';
import type { HandlerTable } from '../dispatch';
import { requireAdmin } from '../../services/admin';

export const settingsHandlers = (s: Services): Pick<HandlerTable, 'settings.get' | 'settings.set'> => ({
  'settings.get': () => s.settings.get(),
  'settings.set': (patch) => {
    if (s.admin.isSetUp()) requireAdmin(s); // before set-up there is no administrator yet
    return s.settings.set(patch);
  },
});
