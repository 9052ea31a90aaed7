import { assessableBank, type Bundle, type BundleCourse, type Clause, type Item, type RoleId } from '@content/schema';

/** One rule that is new or reworded in an edition, as a member of staff is shown it. */
export interface ChangedRule {
  clauseId: string;
  change: 'reworded' | 'added';
  sectionId: string;
  sectionTitle: string;
}

export interface PolicyUpdate {
  edition: string;
  rules: ChangedRule[];
  /** At most one question per rule, at most MAX_UPDATE_ITEMS in all. */
  items: Item[];
}

/** The update stays short: a handful of questions, never the assessment again. */
export const MAX_UPDATE_ITEMS = 5;

// Quick kinds first: the update checks a rule was read, it does not test judgement at length.
const KIND_ORDER: Record<Item['kind'], number> = { single: 0, trueFalse: 1, sort: 2, branching: 3 };

/**
 * What changed for staff in `edition`: the staff rules content:policy-adopt marked as reworded or
 * added in it (content/FORMAT.md `changedIn`), in the policy's order, and a question on each where
 * the course bank has one. A question may also cite rules the learner's role was taught, never
 * rules it was not: the update teaches only the changed rules.
 */
export function policyUpdate(bundle: Bundle, course: BundleCourse, role: RoleId | null, edition: string): PolicyUpdate {
  const sections = new Map(bundle.sections.map((s) => [s.id, s.title]));
  const changed = bundle.clauses.filter((c): c is Clause & { changedIn: NonNullable<Clause['changedIn']> } => c.changedIn?.edition === edition && c.audiences.includes('staff'));
  const rules = changed.map((c) => ({ clauseId: c.id, change: c.changedIn.change, sectionId: c.section, sectionTitle: sections.get(c.section) ?? c.section }));
  const ruleIds = new Set(rules.map((r) => r.clauseId));
  const fair = new Set(assessableBank(course, role).flatMap((i) => i.clauses));
  const askable = (item: Item) => item.clauses.every((id) => ruleIds.has(id) || fair.has(id));
  const items: Item[] = [];
  for (const rule of rules) {
    if (items.length >= MAX_UPDATE_ITEMS) break;
    const best = course.bank
      .filter((i) => i.clauses.includes(rule.clauseId) && askable(i) && !items.includes(i))
      .sort((a, b) => KIND_ORDER[a.kind] - KIND_ORDER[b.kind] || a.clauses.length - b.clauses.length || a.id.localeCompare(b.id))[0];
    if (best) items.push(best);
  }
  return { edition, rules, items };
}
