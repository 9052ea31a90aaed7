// Adopting a new edition of the policy: the new text replaces the old, the registry takes the new
// wording and document-control facts, and every clause, screen and item the change touches is
// marked for review (content:check fails until each carries reviewed: "<edition>").
import { renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { parse } from 'yaml';
import { ClauseRegistry } from '../schema/index';
import { analyse } from './analyse';
import { compileContent } from './compile';
import type { Diagnostic } from './diagnostics';
import { PolicyInputError, comparePolicy, type PolicyDiff } from './policy-change';
import { slugOf, type AddedRule } from './policy-match';
import { controlValue, type PolicyDoc } from './policy-text';
import { RegistryText, quoted } from './registry-edit';
import { PARAPHRASE_TO_WRITE } from './review';
import { YamlSource } from './source';
import { checkWording } from './wording';

export interface AdoptOptions {
  /** The edition label exactly as the document-control table writes it, e.g. "1.0". */
  edition: string;
  /** The date the Trust Board approved it, YYYY-MM-DD. */
  approved: string;
}

export interface AdoptResult {
  report: PolicyDiff;
  /** Ids given to the new rules, in the new text's order. */
  addedIds: string[];
  /** New sections (id and title) made for rules under a heading the registry did not have. */
  newSections: { id: string; title: string }[];
  /** What content:check now reports (the reviews the edition asks for, and any coverage it opened). */
  toReview: Diagnostic[];
  /** Facts the text did not give, and what was kept instead. */
  warnings: string[];
  files: string[];
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** Adopt `newText` as edition `options.edition` of the policy under `root`. Writes nothing when anything is wrong. */
export function adoptEdition(root: string, newText: string, options: AdoptOptions): AdoptResult {
  const edition = options.edition.trim();
  const change = comparePolicy(root, newText);
  const { registry, match, report } = change;
  const meta = registry.policy;
  if (report.unchanged + report.changed.length === 0) {
    throw new PolicyInputError(`none of the ${registry.clauses.length} clauses of edition ${meta.edition} is in the new text; is it the right document? Nothing was changed`);
  }
  validate(registry, edition, options.approved, match.doc);

  const warnings: string[] = [];
  const approvedText = controlValue(match.doc, /^date approved|^approved/i) ?? monthYear(options.approved);
  const nextReview = controlValue(match.doc, /^(date for )?next review/i);
  const lastReview = controlValue(match.doc, /^last review/i) ?? meta.approved;
  if (!nextReview) warnings.push(`the new text has no "Date for next review" row: nextReview stays "${meta.nextReview}"; correct it in clauses.yaml`);

  const registryFile = join(root, 'policy', 'clauses.yaml');
  const reg = new RegistryText(change.compiled.registrySource.text);
  reg.setPolicy('edition', quoted(edition));
  reg.setPolicy('approved', quoted(approvedText));
  reg.setPolicy('approvedIso', options.approved);
  if (nextReview) reg.setPolicy('nextReview', quoted(nextReview));
  reg.setPolicy('lastReview', quoted(lastReview));

  const changeMark = (how: 'reworded' | 'added') => `{ edition: ${quoted(edition)}, change: ${how} }`;
  for (const c of report.changed) {
    reg.setClause(c.id, 'text', quoted(c.newText));
    reg.setClause(c.id, 'changedIn', changeMark('reworded'));
  }
  for (const r of report.removed) {
    reg.removeClause(r.id);
    reg.addRemoved(`  - { id: ${r.id}, edition: ${quoted(edition)}, text: ${quoted(r.text)} }\n`);
  }

  // New rules go after the clause that comes before them in the new text, so the registry keeps
  // the document's order; a rule under a new heading starts a new section.
  const taken = new Set([...registry.clauses.map((c) => c.id), ...(registry.removed ?? []).map((r) => r.id)]);
  const keptAt = [...match.spans.entries()].map(([id, span]) => ({ id, at: span.to })).sort((a, b) => a.at - b.at);
  const sectionOf = new Map(registry.clauses.map((c) => [c.id, c.section]));
  const newSections: { id: string; title: string }[] = [];
  const addedIds: string[] = [];
  for (const a of match.added) {
    const id = newClauseId(a, taken);
    taken.add(id);
    addedIds.push(id);
    const before = [...keptAt].reverse().find((k) => k.at < a.index);
    // Rules inserted after the same clause keep the order they are inserted in (the text's order).
    const anchor = before?.id ?? null;
    const firstOfSection = a.newSection !== undefined && !newSections.some((s) => s.id === a.section);
    if (firstOfSection && a.newSection) {
      newSections.push({ id: a.section, title: a.newSection });
      const after = before ? (sectionOf.get(before.id) ?? null) : null;
      reg.insertSection(after, `  - { id: ${a.section}, title: ${quoted(a.newSection)} }\n`);
    }
    sectionOf.set(id, a.section);
    const heading = firstOfSection ? `\n  # --- ${a.newSection} (new in edition ${edition})\n` : '';
    reg.insertClause(anchor, heading + clauseLines(id, a, edition, changeMark('added')));
  }

  const registryText = reg.result();
  // Check our own work before anything is written: the registry must load, and every clause's
  // wording must be found in the new text.
  const source = new YamlSource(registryFile, registryText);
  const parsed = ClauseRegistry.safeParse(parse(registryText));
  if (!parsed.success || source.errors.length > 0) {
    throw new Error(`content:policy-adopt made a registry that does not load (nothing was written): ${parsed.success ? source.errors[0]?.message : parsed.error.issues[0]?.message}`);
  }
  const wording = checkWording(parsed.data, source, newText);
  if (wording.length > 0) throw new Error(`content:policy-adopt: a clause's new wording is not in the new text (nothing was written): ${wording[0]?.message}`);

  const policyFile = change.policyFile;
  writeTogether([
    [policyFile, newText],
    [registryFile, registryText],
  ]);
  const toReview = analyse(compileContent(root)).diagnostics;
  return { report, addedIds, newSections, toReview, warnings, files: [policyFile, registryFile] };
}

function validate(registry: ClauseRegistry, edition: string, approved: string, doc: PolicyDoc): void {
  const meta = registry.policy;
  if (!/^[A-Za-z0-9][A-Za-z0-9._ -]{0,19}$/.test(edition)) {
    throw new PolicyInputError(`--edition "${edition}" is not an edition label: use what the document-control table says, e.g. 1.0 (letters, digits, dots; at most 20)`);
  }
  if (edition === meta.edition) throw new PolicyInputError(`edition ${edition} is already the adopted edition; a new edition needs a new label`);
  const used = new Set([...registry.clauses.flatMap((c) => (c.changedIn ? [c.changedIn.edition] : [])), ...(registry.removed ?? []).map((r) => r.edition)]);
  if (used.has(edition)) throw new PolicyInputError(`edition ${edition} was adopted before (clauses.yaml records changes made in it); a new edition needs a new label`);
  const date = /^(\d{4})-(\d{2})-(\d{2})$/.exec(approved);
  const valid = date !== null && new Date(`${approved}T00:00:00Z`).toISOString().startsWith(approved);
  if (!valid) throw new PolicyInputError(`--approved "${approved}" is not a date: write it as YYYY-MM-DD, e.g. 2025-07-14`);
  if (approved < meta.approvedIso) throw new PolicyInputError(`--approved ${approved} is before edition ${meta.edition} was approved (${meta.approvedIso})`);
  // The document-control table lists every edition: the one adopted must be there.
  const editions = doc.rows.map((r) => r.cells[0] ?? '').filter((c) => /^\d+(\.\d+)*$/.test(c));
  if (editions.length > 0 && !editions.includes(edition)) {
    throw new PolicyInputError(`the new text's document-control table lists edition${editions.length === 1 ? '' : 's'} ${editions.join(', ')} but not ${edition}; check --edition`);
  }
  const stated = controlValue(doc, /^date approved|^approved/i);
  const month = stated ? MONTHS.findIndex((m) => new RegExp(`\\b${m}\\b`, 'i').test(stated)) : -1;
  const year = stated ? /\b(19|20)\d{2}\b/.exec(stated)?.[0] : undefined;
  if (stated && month >= 0 && year && (Number(year) !== Number(date?.[1]) || month + 1 !== Number(date?.[2]))) {
    throw new PolicyInputError(`the new text says it was approved in ${stated}, but --approved is ${approved}; check the date`);
  }
}

function newClauseId(a: AddedRule, taken: Set<string>): string {
  const slug = slugOf(a.text, 4) || 'rule';
  let id = `${a.section}.${slug}`;
  for (let n = 2; taken.has(id); n++) id = `${a.section}.${slug}-${n}`;
  return id;
}

function clauseLines(id: string, a: AddedRule, edition: string, mark: string): string {
  // A new point under "Pupils will be advised:" is one of the pupil points; anything else is for staff.
  const audience = a.leadIn && /pupils will be advised/i.test(a.leadIn) ? 'pupil' : 'staff';
  return [
    `  - id: ${id}`,
    `    section: ${a.section}`,
    `    text: ${quoted(a.text)}`,
    `    paraphrase: ${quoted(PARAPHRASE_TO_WRITE)}`,
    `    audiences: [${audience}]`,
    `    changedIn: ${mark}`,
    '',
  ].join('\n');
}

function monthYear(iso: string): string {
  const [y, m] = iso.split('-');
  return `${MONTHS[Number(m) - 1] ?? ''} ${y ?? ''}`.trim();
}

/** Every file written beside its place first, then all renamed into place: no half-adopted edition on a full disk. */
function writeTogether(files: [string, string][]): void {
  const temps = files.map(([file, text]) => {
    const tmp = join(dirname(file), `.${basename(file)}.${process.pid}.tmp`);
    try {
      writeFileSync(tmp, text);
    } catch (e) {
      for (const [f] of files) rmSync(join(dirname(f), `.${basename(f)}.${process.pid}.tmp`), { force: true });
      throw e;
    }
    return [tmp, file] as const;
  });
  for (const [tmp, file] of temps) renameSync(tmp, file);
}
