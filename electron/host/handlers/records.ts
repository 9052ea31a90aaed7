import { ServiceError } from '../../contract/result';
import type { Services } from '../services';
import type { HandlerTable } from '../dispatch';
import { adminMaySeePaths, healthWithoutPaths } from './paths';

type RecordsChannel =
  | 'learners.signIn'
  | 'learners.startPupilSession'
  | 'learners.signOut'
  | 'attempts.start'
  | 'attempts.commit'
  | 'attempts.finish'
  | 'acknowledgements.record'
  | 'catalogue.forLearner'
  | 'records.health';

/** The signed-in learner must own the attempt: a renderer cannot write to someone else's. */
function ownAttempt(s: Services, attemptId: string): void {
  const who = s.session.require();
  const a = s.records.store.attempt(attemptId);
  if (!a) throw new ServiceError('not-found', `attemptId: no attempt ${attemptId} on record`);
  if (a.learner_id !== who.learnerId) throw new ServiceError('forbidden', 'That attempt belongs to another learner.');
}

export const recordsHandlers = (s: Services): Pick<HandlerTable, RecordsChannel> => ({
  'learners.signIn': async (req) => {
    const reply = await s.records.store.signIn(req);
    s.session.set({ learnerId: reply.learnerId, kind: 'staff' });
    return reply;
  },
  'learners.startPupilSession': (req) => {
    const reply = s.records.store.startPupilSession(req);
    s.session.set({ learnerId: reply.learnerId, kind: 'pupil' });
    return reply;
  },
  'learners.signOut': () => {
    s.session.clear();
    return { signedOut: true as const };
  },
  'attempts.start': (req) => {
    s.session.require(req.learnerId);
    return s.records.store.startAttempt(req.learnerId, req.courseId, req.moduleId);
  },
  'attempts.commit': (req) => {
    ownAttempt(s, req.attemptId);
    return s.records.store.commit(req.attemptId, req.seq, req.cmi, false);
  },
  'attempts.finish': (req) => {
    ownAttempt(s, req.attemptId);
    const reply = s.records.store.commit(req.attemptId, req.seq, req.cmi, true);
    s.lrs.kick(); // queued in the commit's transaction; sent soon, beside the learner, never before the reply
    return reply;
  },
  'acknowledgements.record': (req) => {
    s.session.require(req.learnerId);
    return s.records.store.acknowledge(req.learnerId, req.courseId, req.attemptId);
  },
  'catalogue.forLearner': (req) => {
    s.session.require(req.learnerId);
    return s.records.catalogue(req.learnerId);
  },
  // Counts and events only (no names): shown to the administrator and at start-up.
  'records.health': () => (adminMaySeePaths(s) ? s.records.health() : healthWithoutPaths(s.records.health())),
});
