import type { Services } from '../services';
import type { HandlerTable } from '../dispatch';

type RequestsChannel = 'requests.create' | 'requests.mine' | 'requests.get' | 'requests.list' | 'requests.rules';

/** A request belongs to its author; the administrator sees them all; the policy's rules are for anyone (contract access). */
export const requestsHandlers = (s: Services): Pick<HandlerTable, RequestsChannel> => ({
  'requests.create': ({ learnerId, ...fields }) => s.requests.create(learnerId, fields),
  'requests.mine': ({ learnerId }) => ({ requests: s.requests.list(learnerId) }),
  'requests.get': ({ requestId }) => {
    const { learnerId: _author, ...request } = s.requests.get(requestId);
    return request;
  },
  'requests.list': () => ({ requests: s.requests.list() }),
  'requests.rules': () => ({ sections: s.requests.rules() }),
});
