import type { Services } from '../services';
import type { HandlerTable } from '../dispatch';
import { appInfo } from '../app-info';
import { adminMaySeePaths } from './paths';

export const appHandlers = (s: Services): Pick<HandlerTable, 'app.info' | 'app.closeReady'> => ({
  'app.info': () =>
    appInfo({
      appVersion: s.appVersion,
      dataDir: adminMaySeePaths(s) ? s.dataDir : null,
      contentVersion: s.bundle.contentVersion,
      meta: s.bundle.policy,
      settings: s.settings.get(),
      now: s.clock(),
    }),
  'app.closeReady': () => {
    s.onCloseReady();
    return { closing: true };
  },
});
