import type { Services } from '../services';
import type { HandlerTable } from '../dispatch';

type DashboardChannel = 'dashboard.summary' | 'dashboard.people' | 'dashboard.peopleList' | 'dashboard.person' | 'dashboard.classCounts';

/** HR's dashboard and the teacher view: all behind the admin area, never reachable by a learner. */
export const dashboardHandlers = (s: Services): Pick<HandlerTable, DashboardChannel> => ({
  'dashboard.summary': (filters) => s.dashboard.summary(filters),
  'dashboard.people': (request) => s.dashboard.people(request),
  'dashboard.peopleList': (request) => s.dashboard.peopleList(request),
  'dashboard.person': ({ learnerId }) => s.dashboard.person(learnerId),
  'dashboard.classCounts': (request) => s.dashboard.classCounts(request),
});
