// After content:policy-adopt: nothing ships until every clause, screen and item the new edition
// touches has been checked against the new wording. An author records that with
// `reviewed: "<edition>"` on the clause, screen or item (content/FORMAT.md, "A new edition").
import { screenClauses, type Clause } from '../schema/index';
import type { Compiled } from './compiled';
import type { Diagnostic } from './diagnostics';

/** The paraphrase content:policy-adopt gives a new clause, which the author must replace. */
export const PARAPHRASE_TO_WRITE = 'TO WRITE: this clause is new; say what it asks in plain words.';

/** Clauses, screens and items that still need `reviewed: "<current edition>"`. */
export function reviewRules(compiled: Compiled, out: Diagnostic[]): void {
  const reg = compiled.registry;
  if (!reg) return;
  const edition = reg.policy.edition;
  const pending = new Map<string, Clause>(reg.clauses.filter((c) => c.changedIn?.edition === edition).map((c) => [c.id, c]));
  const src = compiled.registrySource;
  const how = (c: Clause) => (c.changedIn?.change === 'added' ? 'new' : 'reworded');

  reg.clauses.forEach((c, i) => {
    if (c.paraphrase === PARAPHRASE_TO_WRITE) {
      out.push(src.diagnostic('review', ['clauses', i, 'paraphrase'], `clause "${c.id}" has no paraphrase yet: write what it asks in plain words`));
    } else if (pending.has(c.id) && c.reviewed !== edition) {
      out.push(src.diagnostic('review', ['clauses', i, 'id'], `clause "${c.id}" is ${how(c)} in edition ${edition}: check its paraphrase against the new wording, then add reviewed: "${edition}"`));
    }
  });
  if (pending.size === 0) return;

  const needs = (cited: string[], reviewed: string | undefined): Clause[] => (reviewed === edition ? [] : cited.flatMap((id) => pending.get(id) ?? []));
  const list = (cs: Clause[]) => cs.map((c) => `"${c.id}" (${how(c)})`).join(', ');
  for (const course of compiled.courses) {
    for (const { module, source, screenIndex } of course.modules) {
      module.screens.forEach((screen, kept) => {
        const due = needs(screenClauses(screen), screen.reviewed);
        if (due.length === 0) return;
        out.push(
          source.diagnostic('review', ['screens', screenIndex?.[kept] ?? kept, 'id'], `screen "${screen.id}" cites ${list(due)} in edition ${edition}: check it against the new wording, then add reviewed: "${edition}"`),
        );
      });
    }
    for (const { item, source, path } of course.items) {
      const due = needs(item.clauses, item.reviewed);
      if (due.length === 0) continue;
      out.push(source.diagnostic('review', [...path, 'id'], `item "${item.id}" cites ${list(due)} in edition ${edition}: check it against the new wording, then add reviewed: "${edition}"`));
    }
  }
}
