import type { Page } from 'playwright-core';
import type { Bundle } from '@content/schema';

/**
 * Issue 14 item 2: no internal ids or developer words where a person reads. The ids come from the
 * content bundle itself (clauses, sections, modules, courses); only the id-shaped ones are looked
 * for (a hyphen or a dot inside: "pupil-use", "contact.report-pupil-messages"), since a one-word
 * id ("tone", "official", "assessment") is also a plain English word a screen may rightly use.
 */
export function idTokens(bundle: Bundle): string[] {
  const ids = new Set<string>();
  for (const c of bundle.clauses) ids.add(c.id);
  for (const s of bundle.sections) ids.add(s.id);
  for (const course of bundle.courses) {
    ids.add(course.id);
    for (const m of course.modules) ids.add(m.id);
  }
  return [...ids].filter((id) => /[a-z0-9][-.][a-z0-9]/.test(id));
}

/** A developer word, and why a school's staff, an HR officer or an IT technician should not meet it. */
export interface DeveloperWord {
  pattern: RegExp;
  why: string;
}

export const DEVELOPER_WORDS: readonly DeveloperWord[] = [
  { pattern: /\bSCORM\b(?!\s+(1\.2|2004))/, why: 'the e-learning standard; only as the name of an export format ("SCORM 1.2 …") that HR picks' },
  { pattern: /\bSCOs?\b/, why: 'SCORM\'s "sharable content object": "activity" or "module" say it' },
  { pattern: /\bcmi\b/i, why: "the SCORM runtime's data model; HR sees scores and statuses" },
  { pattern: /\bscrypt\b/i, why: 'a hashing algorithm: the screen says the password is never stored' },
  { pattern: /\bhash(es|ed)?\b/i, why: 'crypto jargon; "a locked form of the password" says what it means' },
  { pattern: /\bsalt\b/i, why: 'crypto jargon' },
  { pattern: /\bxAPI\b/, why: 'a data format: only as an export format HR picks, and where IT sets its addresses' },
  { pattern: /\bJSON\b/, why: 'a file format name nobody at a school needs; only inside an export format\'s name' },
  { pattern: /\b\d+(\.\d+)?\s?ms\b/, why: 'timings are for developers and the benchmark' },
  { pattern: /\b(undefined|null|NaN)\b|\[object Object\]/, why: 'a program value leaking into a sentence' },
  { pattern: /\b[a-z]+[A-Z][A-Za-z]*\b/, why: 'a camelCase field name (policyVersionLabel, safeguardingContacts…), as a refusal may quote it' },
  { pattern: /\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/i, why: 'a record id (learner, attempt)' },
  { pattern: /\b(suspend_data|sqlite|zod|IPC|renderer|payload|stack trace)\b/i, why: 'the app\'s own machinery' },
];

export interface Scan {
  /** Texts a screen may show although they hold a listed word: export format names HR picks. */
  allowTexts?: readonly string[];
  /** Developer words allowed on this screen (xAPI where IT sets the LMS and LRS addresses). */
  allowWords?: readonly string[];
}

/** Every id or developer word in the text, each with the words around it, so a failure shows where. */
export function leaks(text: string, ids: readonly string[], scan: Scan = {}): string[] {
  let t = text;
  for (const allowed of scan.allowTexts ?? []) t = t.split(allowed).join(' ');
  const found: string[] = [];
  const around = (index: number, length: number): string => t.slice(Math.max(0, index - 30), index + length + 30).replace(/\s+/g, ' ');
  for (const id of ids) {
    const re = new RegExp(`(^|[^a-z0-9-])${id.replace(/[.]/g, '\\.')}($|[^a-z0-9-])`, 'g');
    for (const m of t.matchAll(re)) found.push(`id "${id}": …${around(m.index, m[0].length)}…`);
  }
  for (const w of DEVELOPER_WORDS) {
    const re = new RegExp(w.pattern.source, w.pattern.flags.includes('g') ? w.pattern.flags : `${w.pattern.flags}g`);
    for (const m of t.matchAll(re)) {
      if (scan.allowWords?.includes(m[0])) continue;
      found.push(`"${m[0]}" (${w.why}): …${around(m.index, m[0].length)}…`);
    }
  }
  return found;
}

/**
 * What a person reads: each visible text node on its own line (so two buttons side by side never
 * run together into one "word"), plus the labels a screen reader speaks.
 */
export async function readableText(page: Page): Promise<string> {
  return page.evaluate(() => {
    const lines: string[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const parent = node.parentElement;
      if (!parent || ['SCRIPT', 'STYLE', 'TEMPLATE'].includes(parent.tagName) || !parent.checkVisibility()) continue;
      if (node.textContent?.trim()) lines.push(node.textContent.trim());
    }
    const labels = [...document.querySelectorAll('[aria-label], [title], img[alt]')].map((el) => `${el.getAttribute('aria-label') ?? ''} ${el.getAttribute('title') ?? ''} ${el.getAttribute('alt') ?? ''}`);
    return `${lines.join('\n')}\n${labels.join('\n')}`;
  });
}
