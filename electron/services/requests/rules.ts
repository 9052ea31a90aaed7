import type { Bundle } from '@content/schema';
import type { RuleSection } from '@contract/channels/requests';

/** The sections whose rules govern an official account, in the policy's order. */
export const OFFICIAL_ACCOUNT_SECTIONS = ['new-accounts', 'official', 'staff-expectations', 'tone'] as const;

/** The policy's rules for official accounts, quoted word for word from the clause registry. */
export function officialAccountRules(bundle: Pick<Bundle, 'sections' | 'clauses'>): RuleSection[] {
  return OFFICIAL_ACCOUNT_SECTIONS.map((id) => {
    const section = bundle.sections.find((s) => s.id === id);
    if (!section) throw new Error(`the clause registry has no section "${id}"; the new-account form quotes it`);
    return {
      sectionId: id,
      title: section.title,
      clauses: bundle.clauses
        .filter((c) => c.section === id)
        .map((c) => ({ clauseId: c.id, text: c.text, paraphrase: c.paraphrase })),
    };
  });
}
