import type { Services } from '../services';
import type { HandlerTable } from '../dispatch';
import { requireAdmin } from '../../services/admin';

type DashboardChannel = 'dashboard.summary' | 'dashboard.people' | 'dashboard.person' | 'dashboard.classCounts';

/** HR's dashboard and the teacher view: all behind the admin area, never reachable by a learner. */
export const dashboardHandlers = (s: Services): Pick<HandlerTable, DashboardChannel> => ({
  'dashboard.summary': (filters) => {
    requireAdmin(s);
    return s.dashboard.summary(filters);
  },
  'dashboard.people': (request) => {
    requireAdmin(s);
    return s.dashboard.people(request);
  },
  'dashboard.person': ({ learnerId }) => {
    requireAdmin(s);
    return s.dashboard.person(learnerId);
  },
  'dashboard.classCounts': (request) => {
    requireAdmin(s);
    return s.dashboard.classCounts(request);
  },
});
