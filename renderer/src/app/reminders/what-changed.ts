import type { Clause, Screen } from '@content/schema';
import type { ReplyOf } from '@contract';
import type { PlayerContent } from '@renderer/lesson/content';
import type { LessonPlan, Step } from '@renderer/lesson/plan';
import { longDate } from './dates';

export type PolicyUpdate = ReplyOf<'compliance.whatChanged'>;

const WORDS = ['no', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten'];
const number = (n: number): string => WORDS[n] ?? String(n);
const count = (n: number, one: string, many: string): string => `${number(n)} ${n === 1 ? one : many}`;
const capital = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);

/**
 * The "What changed" update as the lesson player plays it: an opening screen, each changed or new
 * rule in plain words with the policy's wording beneath, a question on it where there is one, then
 * the acknowledgement of the new edition. Questions are formative: nothing is scored or recorded.
 */
export function updatePlan(u: PolicyUpdate, courseId: string): { plan: LessonPlan; content: PlayerContent } {
  const reworded = u.rules.filter((r) => r.change === 'reworded').length;
  const added = u.rules.length - reworded;
  const what = [reworded ? `${count(reworded, 'rule', 'rules')} that changed` : '', added ? `${count(added, 'rule', 'rules')} that ${added === 1 ? 'is' : 'are'} new` : ''].filter(Boolean).join(' and ');
  const questions = u.items.length ? ` ${capital(count(u.items.length, 'short question', 'short questions'))} follow${u.items.length === 1 ? 's' : ''}, to check the new wording is clear; your answers are not kept.` : '';
  const intro: Screen = {
    id: 'update-intro',
    kind: 'text',
    title: 'What changed',
    body: `The Trust approved version ${u.edition} of the Social Media Policy on ${longDate(u.approvedIso)}. Your completion of ${longDate(u.passedOn)} stands: there is no need to take the course again.\n\nHere are the ${what}, in plain words and then in the policy's own.${questions} Then you acknowledge version ${u.edition}.`,
    clauses: u.rules.map((r) => r.clauseId),
  };
  const ruleScreens: Screen[] = u.rules.map((r, i) => ({
    id: `update-rule-${i + 1}`,
    kind: 'policyExcerpt',
    title: `${r.change === 'added' ? 'New' : 'Changed'}: ${r.sectionTitle}`,
    body: r.plainWords,
    quote: [r.clauseId],
  }));
  const steps: Step[] = [
    ...[intro, ...ruleScreens].map((screen): Step => ({ kind: 'screen', id: screen.id, screen })),
    ...u.items.map((item): Step => ({ kind: 'item', id: item.id, item })),
  ];
  const clauses: Clause[] = u.rules.map((r) => ({ id: r.clauseId, section: r.sectionId, text: r.wording, paraphrase: r.plainWords, audiences: ['staff'] }));
  const plan: LessonPlan = {
    courseId,
    moduleId: `what-changed-${u.edition}`,
    title: `Social Media Policy, version ${u.edition}`,
    audience: 'staff',
    kind: 'lesson',
    steps,
    pool: u.items,
    passPercent: null,
    acknowledgement: u.acknowledgement,
    skipResult: true,
  };
  const content: PlayerContent = {
    course: { id: courseId, title: u.courseTitle, audience: 'staff', contentVersion: '0.0.0', modules: [], bank: [], helpRoutes: [] },
    sections: u.sections,
    clauses,
    policyVersionLabel: u.edition,
    // Staff screens carry no pictures.
    pictures: {},
  };
  return { plan, content };
}
