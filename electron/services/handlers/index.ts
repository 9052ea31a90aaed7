import type { Services } from '../index';
import type { HandlerTable } from '../dispatch';
import { appHandlers } from './app';
import { settingsHandlers } from './settings';
import { recordsHandlers } from './records';

/** The handler table shared by IPC (electron/main) and the preview server (electron/cli/web). */
export function createHandlers(s: Services): HandlerTable {
  return {
    ...appHandlers(s),
    ...settingsHandlers(s),
    ...recordsHandlers(s),
  };
}
