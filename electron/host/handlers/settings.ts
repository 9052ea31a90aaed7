import type { Services } from '../services';
import type { HandlerTable } from '../dispatch';

export const settingsHandlers = (s: Services): Pick<HandlerTable, 'settings.get' | 'settings.set'> => ({
  'settings.get': () => s.settings.get(),
  'settings.set': (patch) => s.settings.set(patch),
});
