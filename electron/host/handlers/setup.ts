import type { Services } from '../services';
import type { HandlerTable } from '../dispatch';
import { completeSetupByScreen } from '@services/setup';

export const setupHandlers = (s: Services): Pick<HandlerTable, 'setup.status' | 'setup.complete'> => ({
  'setup.status': () => ({ setUp: s.admin.isSetUp() }),
  'setup.complete': (request) => completeSetupByScreen(s, request),
});
