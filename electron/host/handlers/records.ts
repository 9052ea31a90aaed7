import { ServiceError } from '@contract/result';
import type { Services } from '../services';
import type { HandlerTable } from '../dispatch';
import { adminMaySeePaths, healthWithoutPaths } from './paths';
import { displayName, type CommitOutcome } from '@services/records';
import { noteClassTaught } from '@services/classes';
import { revealed } from './reveal';
import { checkedCommitReply } from '@contract/channels/records';

type RecordsChannel =
  | 'learners.signIn'
  | 'learners.startPupilSession'
  | 'learners.signOut'
  | 'learners.stillHere'
  | 'learners.endPupilSession'
  | 'learners.resumeStaff'
  | 'attempts.start'
  | 'attempts.commit'
  | 'attempts.finish'
  | 'acknowledgements.record'
  | 'catalogue.forLearner'
  | 'records.health';

/**
 * What a commit's caller gets back, made and checked by the reply schema while the journal line is
 * flushed (RecordsStore.commit), not after COMMIT. One that fails the check goes back as made, for
 * the dispatcher's check to refuse.
 */
const replyTo =
  (s: Services) =>
  ({ durable, verdict, judged, attempt }: CommitOutcome) => {
    const reply = { durable, verdict, judged: revealed(s, attempt, judged) };
    return checkedCommitReply(reply) ?? reply;
  };

export const recordsHandlers = (s: Services): Pick<HandlerTable, RecordsChannel> => ({
  'learners.signIn': async (req) => {
    const reply = await s.records.store.signIn(req);
    s.session.set({ learnerId: reply.learnerId, kind: 'staff' });
    return reply;
  },
  // A teacher starts it (CONTENT-BRIEF): the signed-in member of staff, or the one supervising between pupils.
  'learners.startPupilSession': (req) => {
    const who = s.session.get();
    const supervisor = who?.kind === 'staff' ? who.learnerId : s.session.supervisor();
    if (!supervisor) throw new ServiceError('internal', 'no teacher for the pupil session (access teacher-of-pupils admitted the call)');
    const reply = s.records.store.startPupilSession(req);
    // The teacher's own classes: theirs to see the counts of later (classes.counts).
    noteClassTaught(s.records.store.reader, (...a) => s.records.store.audit(...a), supervisor, { className: req.className, band: req.band, mode: 'pupils' });
    s.session.startPupil(reply.learnerId, supervisor);
    return reply;
  },
  'learners.signOut': () => {
    s.session.clear();
    return { signedOut: true as const };
  },
  // The access check has already restarted the session's idle time: nothing more to do.
  'learners.stillHere': () => ({ here: true as const }),
  'learners.endPupilSession': () => {
    s.session.endPupil();
    const id = s.session.supervisor();
    const staff = id ? s.records.store.learner(id) : null;
    return { ended: true as const, supervisor: staff ? { displayName: displayName(staff) } : null };
  },
  'learners.resumeStaff': async ({ pin }) => {
    const id = s.session.supervisor();
    if (!id) throw new ServiceError('internal', 'no supervising teacher (access supervising-teacher admitted the call)');
    const reply = await s.records.store.verifyStaffPin(id, pin);
    // The PIN may have been typed while the records changed hands: only the same teacher resumes.
    if (s.session.supervisor() !== id) throw new ServiceError('conflict', 'This computer changed hands meanwhile: sign in again.');
    s.session.set({ learnerId: id, kind: 'staff' });
    return reply;
  },
  'attempts.start': (req) => s.records.store.startAttempt(req.learnerId, req.courseId, req.moduleId),
  'attempts.commit': (req) => s.records.store.commit(req.attemptId, req.seq, req.cmi, false, replyTo(s)),
  'attempts.finish': (req) => {
    const reply = s.records.store.commit(req.attemptId, req.seq, req.cmi, true, replyTo(s));
    s.lrs.kick(); // queued in the commit's transaction; sent soon, beside the learner, never before the reply
    return reply;
  },
  'acknowledgements.record': (req) => s.records.store.acknowledge(req.learnerId, req.courseId, req.attemptId),
  'catalogue.forLearner': (req) => s.compliance.catalogue(req.learnerId),
  // Counts and events only (no names): shown to the administrator and at start-up.
  'records.health': () => (adminMaySeePaths(s) ? s.records.health() : healthWithoutPaths(s.records.health())),
});
