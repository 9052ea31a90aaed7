import type { Services } from '../services';
import type { HandlerTable } from '../dispatch';
import { appHandlers } from './app';
import { settingsHandlers } from './settings';
import { adminHandlers } from './admin';
import { setupHandlers } from './setup';
import { dashboardHandlers } from './dashboard';
import { recordsHandlers } from './records';
import { contentHandlers } from './content';
import { exportsHandlers } from './exports';
import { complianceHandlers } from './compliance';
import { requestsHandlers } from './requests';
import { lrsHandlers } from './lrs';
import { recordsFileHandlers } from './records-file';
import { classesHandlers } from './classes';
import { peopleHandlers } from './people';

/** The handler table shared by IPC (electron/main) and the preview server (electron/cli/web). */
export function createHandlers(s: Services): HandlerTable {
  return {
    ...appHandlers(s),
    ...settingsHandlers(s),
    ...adminHandlers(s),
    ...setupHandlers(s),
    ...dashboardHandlers(s),
    ...recordsHandlers(s),
    ...contentHandlers(s),
    ...exportsHandlers(s),
    ...complianceHandlers(s),
    ...requestsHandlers(s),
    ...lrsHandlers(s),
    ...recordsFileHandlers(s),
    ...classesHandlers(s),
    ...peopleHandlers(s),
  };
}
