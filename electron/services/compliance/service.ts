import type { ReadableDb } from '../storage';
import { randomUUID } from 'node:crypto';
import { fillPlaceholders, type Bundle, type BundleCourse, type Item, type PlaceholderValues } from '@content/schema';
import { ServiceError } from '@contract/result';
import type { PolicyUpdateReply, RetrievalItem } from '@contract/channels/compliance';
import { staffFacts, type StaffFacts } from '../records';
import { catalogueFor } from './catalogue';
import { refresherDraw } from './refresher-draw';
import type { RefresherDraw } from '../records';
import { remindersFor, type Reminder } from './reminders';
import { chooseRetrievalItems, retrievalCheckDue, scoreRetrieval, type RetrievalDue } from './retrieval';
import { complianceFor } from './status';
import type { LearnerCompliance } from './types';
import type { Settings } from '@contract/channels/settings';
import type { LifecycleWrite } from '../records';
import { policyUpdate } from './what-changed';

export interface ComplianceDeps {
  db: ReadableDb;
  bundle: Bundle;
  clock: () => Date;
  settings: () => Settings;
  /** The records store's journalled write: offers and counts survive a recovery like every record. */
  write: LifecycleWrite;
}

interface OfferRow {
  id: string;
  learner_id: string;
  course_id: string;
  pass_attempt_id: string;
  item_ids: string;
  state: 'open' | 'answered' | 'declined';
}


/**
 * The compliance cycle over the records database: the learner's picture at sign-in, the retrieval
 * check, and the figures HR sees. Every date rule is in the pure functions it calls.
 */
export class ComplianceService {
  constructor(private readonly deps: ComplianceDeps) {}

  private facts(learnerId: string): StaffFacts {
    const f = staffFacts(this.deps.db, learnerId)[0];
    if (!f) throw new ServiceError('not-found', 'learnerId: compliance applies to staff, and no member of staff with this id is on record');
    return f;
  }

  private staffCourse(courseId: string): BundleCourse {
    const course = this.deps.bundle.courses.find((c) => c.id === courseId && c.audience === 'staff');
    if (!course) throw new ServiceError('not-found', `courseId: no staff course "${courseId}"`);
    return course;
  }

  private offeredPasses(learnerId: string): Set<string> {
    const rows = this.deps.db
      .prepare("SELECT pass_attempt_id FROM retrieval_offers WHERE learner_id = ? AND state <> 'open'")
      .all(learnerId) as { pass_attempt_id: string }[];
    return new Set(rows.map((r) => r.pass_attempt_id));
  }

  private due(f: StaffFacts, courseId: string, now: Date): RetrievalDue | null {
    return retrievalCheckDue(f.attempts, this.staffCourse(courseId), this.offeredPasses(f.learnerId), this.deps.settings(), now);
  }

  /** What the learner's home screen lists (`catalogue.forLearner`). */
  catalogue(learnerId: string): ReturnType<typeof catalogueFor> {
    return catalogueFor(this.deps.db, this.deps.bundle, this.deps.settings(), this.deps.clock(), learnerId);
  }

  /** The records store asks this when a refresher attempt starts: refuse it, or draw its items. */
  readonly refresherDraw: RefresherDraw = ({ learnerId, course, module, attemptId, settings, now }) =>
    refresherDraw(this.deps.db, this.deps.bundle, settings, now, learnerId, course, module, attemptId);

  /** The one computation of due / overdue / expiring / expired for a learner. */
  compliance(learnerId: string): LearnerCompliance {
    const f = this.facts(learnerId);
    return complianceFor(f.learner, f.attempts, f.acknowledgements, this.deps.bundle, this.deps.settings(), this.deps.clock());
  }

  forLearner(learnerId: string): {
    compliance: LearnerCompliance;
    reminders: Reminder[];
    retrievalCheck: { courseId: string; passedOn: string } | null;
    acknowledgementTexts: Record<string, string>;
  } {
    const f = this.facts(learnerId);
    const now = this.deps.clock();
    const compliance = complianceFor(f.learner, f.attempts, f.acknowledgements, this.deps.bundle, this.deps.settings(), now);
    let retrievalCheck: { courseId: string; passedOn: string } | null = null;
    for (const c of compliance.courses) {
      const due = this.due(f, c.courseId, now);
      if (due) {
        retrievalCheck = { courseId: c.courseId, passedOn: due.passedOn };
        break;
      }
    }
    const vars = this.placeholders(learnerId);
    const acknowledgementTexts: Record<string, string> = {};
    for (const c of compliance.courses) {
      const text = this.deps.bundle.courses.find((b) => b.id === c.courseId)?.acknowledgement;
      if (text) acknowledgementTexts[c.courseId] = fillPlaceholders(text, vars);
    }
    const updates: Record<string, { reworded: number; added: number }> = {};
    for (const c of compliance.courses) {
      if (!c.needsReacknowledgement) continue;
      const { rules } = policyUpdate(this.deps.bundle, this.staffCourse(c.courseId), f.learner.role, compliance.policy.versionLabel);
      updates[c.courseId] = { reworded: rules.filter((r) => r.change === 'reworded').length, added: rules.filter((r) => r.change === 'added').length };
    }
    return { compliance, reminders: remindersFor(compliance, retrievalCheck ? [retrievalCheck.courseId] : [], updates), retrievalCheck, acknowledgementTexts };
  }

  /**
   * "What changed" for a member of staff holding a completion of an earlier edition: the rules the
   * current edition rewords or adds, in plain words and in the policy's, a question on each where
   * there is one, and the statement to acknowledge. Their pass stands; nothing here is recorded
   * until they acknowledge (acknowledgements.record, against that pass).
   */
  whatChanged(learnerId: string, courseId: string): PolicyUpdateReply {
    const f = this.facts(learnerId);
    const course = this.staffCourse(courseId);
    const compliance = complianceFor(f.learner, f.attempts, f.acknowledgements, this.deps.bundle, this.deps.settings(), this.deps.clock());
    const { versionLabel, approvedIso } = compliance.policy;
    const c = compliance.courses.find((x) => x.courseId === courseId);
    if (!c) throw new ServiceError('not-found', `courseId: "${courseId}" is not one of your courses`);
    if (!c.needsReacknowledgement || !c.passAttemptId || !c.passedOn) {
      throw new ServiceError(
        'conflict',
        c.acknowledged ? `You have acknowledged version ${versionLabel} already.` : `There is no update to take: version ${versionLabel} is acknowledged at the end of the assessment.`,
      );
    }
    const update = policyUpdate(this.deps.bundle, course, f.learner.role, versionLabel);
    if (update.rules.length === 0) throw new ServiceError('not-found', `Version ${versionLabel} changes no rule of the course: acknowledge it from your training page.`);
    const vars = this.placeholders(learnerId);
    const clauses = new Map(this.deps.bundle.clauses.map((x) => [x.id, x]));
    return {
      courseTitle: course.title,
      edition: versionLabel,
      approvedIso,
      acknowledgedVersion: c.acknowledgedVersion,
      passedOn: c.passedOn,
      passAttemptId: c.passAttemptId,
      rules: update.rules.map((r) => ({ ...r, wording: fillPlaceholders(clauses.get(r.clauseId)?.text ?? '', vars), plainWords: fillPlaceholders(clauses.get(r.clauseId)?.paraphrase ?? '', vars) })),
      items: fillPlaceholders(update.items, vars),
      sections: this.deps.bundle.sections,
      acknowledgement: fillPlaceholders(course.acknowledgement ?? '', vars),
    };
  }

  /** Draws the check (or returns the open one for this pass) and shows its questions without answers. */
  retrievalStart(learnerId: string, courseId: string): { checkId: string; items: RetrievalItem[] } {
    const f = this.facts(learnerId);
    const course = this.staffCourse(courseId);
    const now = this.deps.clock();
    const due = this.due(f, courseId, now);
    if (!due) throw new ServiceError('conflict', 'No retrieval check is on offer: it comes once, 14 or more days after a pass.');
    const open = this.deps.db
      .prepare("SELECT * FROM retrieval_offers WHERE learner_id = ? AND pass_attempt_id = ? AND state = 'open'")
      .get(learnerId, due.passAttemptId) as OfferRow | undefined;
    let checkId: string;
    let itemIds: string[];
    if (open) {
      checkId = open.id;
      itemIds = JSON.parse(open.item_ids) as string[];
    } else {
      const pass = f.attempts.find((a) => a.attemptId === due.passAttemptId);
      if (!pass) throw new Error(`pass ${due.passAttemptId} vanished while drawing the check`);
      checkId = randomUUID();
      itemIds = chooseRetrievalItems(pass, course, this.deps.bundle, checkId);
      this.deps.write({ k: 'retrieval.offer', checkId, learnerId, courseId, passAttemptId: due.passAttemptId, at: now.toISOString(), itemIds, state: 'open' });
    }
    const vars = this.placeholders(learnerId);
    return { checkId, items: itemIds.map((id) => present(this.item(course, id), vars)) };
  }

  /** {trust} {school} {policyVersion} as content/FORMAT.md defines them, for this learner. */
  private placeholders(learnerId: string): PlaceholderValues {
    const school = (this.deps.db.prepare('SELECT school FROM learners WHERE id = ?').get(learnerId) as { school: string | null } | undefined)?.school;
    const s = this.deps.settings();
    return { trust: s.trustName, school: school ?? s.trustName, policyVersion: s.policyVersionLabel };
  }

  private item(course: BundleCourse, itemId: string): Item {
    const item = course.bank.find((i) => i.id === itemId);
    if (!item) throw new ServiceError('internal', `item ${itemId} of this check is no longer in the course bank`);
    return item;
  }

  /** Scores the answers for the learner's feedback, adds them to the per-clause counts, and forgets them. */
  retrievalAnswer(learnerId: string, checkId: string, answers: readonly { itemId: string; response: string }[]): { results: { itemId: string; correct: boolean; feedback: string; bestAnswer: string }[] } {
    const offer = this.deps.db.prepare('SELECT * FROM retrieval_offers WHERE id = ? AND learner_id = ?').get(checkId, learnerId) as OfferRow | undefined;
    if (!offer) throw new ServiceError('not-found', `checkId: no retrieval check ${checkId} for this learner`);
    if (offer.state !== 'open') throw new ServiceError('conflict', `checkId: this check was already ${offer.state}`);
    const course = this.staffCourse(offer.course_id);
    let scored: ReturnType<typeof scoreRetrieval>;
    try {
      scored = scoreRetrieval(answers, JSON.parse(offer.item_ids) as string[], this.deps.bundle.answerKey);
    } catch (err) {
      throw new ServiceError('invalid-request', (err as Error).message);
    }
    // Only the per-clause counts are written; the learner's answers go back to them and nowhere else.
    const written = this.deps.write({ k: 'retrieval.answer', checkId, at: this.deps.clock().toISOString(), tallies: scored.tallies });
    if (!written.applied) throw new ServiceError('conflict', 'checkId: this check was answered already');
    const vars = this.placeholders(learnerId);
    return {
      results: scored.results.map((r) => {
        const item = this.item(course, r.itemId);
        const answer = answers.find((a) => a.itemId === r.itemId)?.response ?? '';
        return { itemId: r.itemId, correct: r.correct, ...feedbackFor(item, answer, vars) };
      }),
    };
  }

  /** "Not now": recorded as offered, so the check is not offered again for this pass. */
  retrievalDecline(learnerId: string, courseId: string): { declined: true } {
    const f = this.facts(learnerId);
    const now = this.deps.clock();
    const due = this.due(f, courseId, now);
    if (!due) return { declined: true };
    this.deps.write({ k: 'retrieval.offer', checkId: randomUUID(), learnerId, courseId, passAttemptId: due.passAttemptId, at: now.toISOString(), itemIds: [], state: 'declined' });
    return { declined: true };
  }

  /** Per clause, right and wrong across every check, hardest (most wrong, then highest share) first. */
  clauseCounts(): { clauses: { clauseId: string; sectionTitle: string; paraphrase: string; right: number; wrong: number }[]; checks: number } {
    const rows = this.deps.db.prepare('SELECT clause_id, right, wrong FROM retrieval_clause_counts').all() as { clause_id: string; right: number; wrong: number }[];
    const checks = (this.deps.db.prepare("SELECT count(*) AS n FROM retrieval_offers WHERE state = 'answered'").get() as { n: number }).n;
    const { clauses, sections } = this.deps.bundle;
    return {
      checks,
      clauses: rows
        .map((r) => {
          const clause = clauses.find((c) => c.id === r.clause_id);
          return {
            clauseId: r.clause_id,
            sectionTitle: sections.find((s) => s.id === clause?.section)?.title ?? '',
            paraphrase: clause?.paraphrase ?? '(this clause is no longer in the registry)',
            right: r.right,
            wrong: r.wrong,
          };
        })
        .sort((a, b) => b.wrong - a.wrong || b.wrong / (b.right + b.wrong) - a.wrong / (a.right + a.wrong) || a.clauseId.localeCompare(b.clauseId)),
    };
  }
}

function present(item: Item, vars: PlaceholderValues): RetrievalItem {
  if (item.kind === 'single') {
    return { itemId: item.id, kind: 'single', stem: fillPlaceholders(item.stem, vars), options: item.options.map((o) => ({ id: o.id, text: fillPlaceholders(o.text, vars) })) };
  }
  if (item.kind === 'trueFalse') {
    return {
      itemId: item.id,
      kind: 'trueFalse',
      stem: fillPlaceholders(item.stem, vars),
      options: [
        { id: 'true', text: 'True' },
        { id: 'false', text: 'False' },
      ],
    };
  }
  throw new ServiceError('internal', `item ${item.id} is a ${item.kind} item; the retrieval check uses single and true/false items only`);
}

function feedbackFor(item: Item, response: string, vars: PlaceholderValues): { feedback: string; bestAnswer: string } {
  if (item.kind === 'single') {
    const chosen = item.options.find((o) => o.id === response);
    const best = item.options.find((o) => o.correct === true);
    return { feedback: fillPlaceholders(chosen?.feedback ?? '', vars), bestAnswer: fillPlaceholders(best?.text ?? '', vars) };
  }
  if (item.kind === 'trueFalse') {
    return { feedback: fillPlaceholders(item.feedback[response === 'true' ? 'true' : 'false'], vars), bestAnswer: item.answer ? 'True' : 'False' };
  }
  return { feedback: '', bestAnswer: '' };
}
