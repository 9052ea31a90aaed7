import type { Services } from '../services';
import type { HandlerTable } from '../dispatch';

type ComplianceChannel =
  | 'compliance.forLearner'
  | 'compliance.retrievalStart'
  | 'compliance.retrievalAnswer'
  | 'compliance.retrievalDecline'
  | 'compliance.whatChanged'
  | 'compliance.clauseCounts';

/** Learner channels answer only for the signed-in learner; the counts and figures are the administrator's. */
export const complianceHandlers = (s: Services): Pick<HandlerTable, ComplianceChannel> => ({
  'compliance.forLearner': ({ learnerId }) => s.compliance.forLearner(learnerId),
  'compliance.retrievalStart': ({ learnerId, courseId }) => s.compliance.retrievalStart(learnerId, courseId),
  'compliance.retrievalAnswer': ({ learnerId, checkId, answers }) => s.compliance.retrievalAnswer(learnerId, checkId, answers),
  'compliance.retrievalDecline': ({ learnerId, courseId }) => s.compliance.retrievalDecline(learnerId, courseId),
  'compliance.whatChanged': ({ learnerId, courseId }) => s.compliance.whatChanged(learnerId, courseId),
  'compliance.clauseCounts': () => s.compliance.clauseCounts(),
});
