import type { Clause } from '../schema/index';
import { SECTION_CITATIONS } from './brief';
import type { CompiledCourse } from './compiled';
import type { Diagnostic } from './diagnostics';
import { itemStrings, screenUnits } from './lesson-text';

const BY_NAME = new Map(Object.entries(SECTION_CITATIONS).map(([id, name]) => [name.toLowerCase(), id]));

/** Section ids named in "(Section)" or "(Section; Section)" citations of one string. */
export function citedSections(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(/\(([^()]*)\)/g)) {
    for (const part of (m[1] ?? '').split(';')) {
      const id = BY_NAME.get(part.trim().toLowerCase());
      if (id && !out.includes(id)) out.push(id);
    }
  }
  return out;
}

/**
 * Rules taught in feedback are rules the item cites: a section named in an item's text must be the
 * section of one of its clauses. With the role-aware draw (every clause an item cites is taught to
 * every learner who may draw it), a rule an item's feedback teaches is on a lesson screen of every
 * role that can meet it.
 */
export function feedbackRules(c: CompiledCourse, clauses: ReadonlyMap<string, Clause>, out: Diagnostic[]): void {
  if (c.course.audience !== 'staff') return;
  for (const { item, source, path } of c.items) {
    const sections = new Set(item.clauses.map((id) => clauses.get(id)?.section).filter((s) => s !== undefined));
    for (const s of itemStrings(item)) {
      for (const cited of citedSections(s.text)) {
        if (!sections.has(cited as never)) {
          out.push(source.diagnostic('reference', [...path, ...s.path], `"(${SECTION_CITATIONS[cited]})" teaches a rule of section "${cited}", but item "${item.id}" cites no clause of that section; add the clause to its clauses`));
        }
      }
    }
  }
}

const SAME_DAY = /\bthe same day\b/i;

/** A worry about a child goes to the DSL at once, never "the same day" (issue 15 item 7). */
export function reportAtOnce(c: CompiledCourse, out: Diagnostic[]): void {
  const flag = (src: CompiledCourse['source'], path: (string | number)[], text: string) => {
    for (const sentence of text.split(/(?<=[.!?])\s+/)) {
      if (SAME_DAY.test(sentence) && /\b(DSL|report|tell)/i.test(sentence)) {
        out.push(src.diagnostic('brief', path, `"${sentence.trim().slice(0, 60)}": a report to the DSL is made at once (out-of-hours when the DSL is not on site), never "the same day"`));
      }
    }
  };
  for (const { module, source, screenIndex } of c.modules) {
    module.screens.forEach((screen, kept) => {
      const si = screenIndex?.[kept] ?? kept;
      for (const unit of screenUnits(screen)) flag(source, ['screens', si], unit);
    });
  }
  for (const { item, source, path } of c.items) for (const s of itemStrings(item)) flag(source, [...path, ...s.path], s.text);
}
