// Reading a policy document as plain text: its headings, sentences and list items, wherever the
// lines were wrapped, whatever the bullet style, numbering or quote marks. Shared by content:check
// (a clause's wording must be in the policy) and content:policy-diff / content:policy-adopt.

/** One sentence of a paragraph, or one list item (which may hold more than one sentence). */
export interface Segment {
  /** The words as the document writes them: markers and bold marks gone, lines joined. */
  text: string;
  /** `text` folded for comparison (see normaliseWording). */
  norm: string;
  /** 1-based line of the first word. */
  line: number;
  kind: 'sentence' | 'item';
  /** Index into `headings` of the heading above it (-1 before the first heading). */
  heading: number;
  /** Index of the paragraph or list item it came from. */
  block: number;
  /** Index of the segment that introduces its list ("... they will:"), for list items. */
  leadIn?: number;
}

export interface Heading {
  title: string;
  line: number;
}

/** A row of a table (document control, contents): its cells, trimmed. */
export interface TableRow {
  cells: string[];
  line: number;
}

export interface PolicyDoc {
  segments: Segment[];
  headings: Heading[];
  rows: TableRow[];
}

const QUOTES: [RegExp, string][] = [
  [/[\u2018\u2019\u201a\u201b\u2032\u00b4`]/g, "'"],
  [/[\u201c\u201d\u201e\u201f\u2033]/g, '"'],
  [/[\u2010\u2011\u2012\u2013\u2014\u2015\u2212]/g, '-'],
  [/\u2026/g, '...'],
  [/[\u00a0\u2000-\u200a\u202f\u205f\u3000]/g, ' '],
  [/[\u00ad\u200b-\u200d\u2060\ufeff]/g, ''],
];

/** Typographic quotes, dashes and spaces folded to plain ones; bold marks gone; spacing collapsed. */
export function normaliseWording(text: string): string {
  let out = text.replace(/\*\*|__/g, '');
  for (const [re, to] of QUOTES) out = out.replace(re, to);
  return out.replace(/\s+/g, ' ').trim();
}

// A list marker or paragraph number at the start of a line: "-", "•", "*", "1.", "1)", "(a)",
// "iv.", "4.2", and the private-use bullets a word processor leaves in exported text.
const BULLET = /^[-\u2010-\u2015\u2022\u2023\u2043\u25aa\u25ab\u25cf\u25cb\u25a0\u25a1\u25e6\u00b7*+\uf0b7\uf0a7\uf076\uf0d8]\s+|^o\t\s*/;
const NUMBERED = /^\(?(?:\d{1,3}|[a-z]|[ivx]{1,5})[.)]\s+|^\(\d{1,3}\)\s+/;
const SECTION_NUMBER = /^\d{1,3}(?:\.\d{1,3})+\.?\s+|^(?:section|part)\s+\d{1,3}[.:]?\s+/i;

type Marker = 'bullet' | 'number' | 'section' | null;

function stripMarker(line: string): { marker: Marker; rest: string } {
  const trimmed = line.trimStart();
  for (const [re, marker] of [
    [BULLET, 'bullet'],
    [SECTION_NUMBER, 'section'],
    [NUMBERED, 'number'],
  ] as const) {
    const m = re.exec(trimmed);
    if (m) return { marker, rest: trimmed.slice(m[0].length) };
  }
  return { marker: null, rest: trimmed };
}

/** A contents line ("Reputation.....4", "Scope\t2") or a table row (cells split by tabs or bars). */
function tableCells(line: string): string[] | null {
  const t = line.trim();
  if (/\.{4,}\s*\d*$/.test(t) || /\t\s*\d{1,3}$/.test(t)) return [t.replace(/[.\s]+\d*$/, '').trim(), t.replace(/^.*?(\d*)$/, '$1')];
  if (t.includes('\t')) return t.split(/\t+/).map((c) => c.trim());
  if (/^\|.*\|$/.test(t)) return t.slice(1, -1).split('|').map((c) => c.trim());
  return null;
}

const ABBREVIATION = /(?:^|[\s(])(?:e\.g|i\.e|eg|ie|cf|vs|viz|approx|incl|Mr|Mrs|Ms|Dr|St|No|Nos)\.$/i;

/** A paragraph's sentences. Abbreviations such as "e.g." do not end one. */
export function splitSentences(text: string): string[] {
  const out: string[] = [];
  let start = 0;
  const re = /[.!?]["')\]\u2019\u201d]*\s+(?=["'([\u2018\u201c]*[A-Z0-9])/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const end = m.index + m[0].trimEnd().length;
    const upToStop = text.slice(start, m.index + 1);
    if (ABBREVIATION.test(upToStop)) continue;
    out.push(text.slice(start, end).trim());
    start = m.index + m[0].length;
  }
  const last = text.slice(start).trim();
  if (last) out.push(last);
  return out;
}

const wordCount = (s: string) => s.split(/\s+/).filter(Boolean).length;

interface Block {
  text: string;
  line: number;
  marker: Marker;
  lines: number;
  /** Where each of its lines begins in `text`, for the line of each sentence. */
  starts: number[];
  /** Directly under or above another marked line, with no blank line between. */
  inRun: boolean;
}

/**
 * Read a policy text. `knownTitles` are headings the caller already knows (the registry's section
 * titles, the previous edition's headings): such a line is a heading even with text right under it.
 */
export function parsePolicy(source: string, knownTitles: Iterable<string> = []): PolicyDoc {
  const known = new Set([...knownTitles].map(titleKey));
  const lines = source.replace(/\r\n?/g, '\n').split('\n');
  const blocks: Block[] = [];
  const rows: TableRow[] = [];
  let current: Block | null = null;
  lines.forEach((raw, i) => {
    const line = raw.replace(/\s+$/, '');
    // A bullet then a tab is how word processors export lists; it is not a table row.
    const cells = line.trim() && !BULLET.test(line.trimStart()) ? tableCells(line) : null;
    if (!line.trim() || cells) {
      if (cells) rows.push({ cells, line: i + 1 });
      current = null;
      return;
    }
    let { marker, rest } = stripMarker(line);
    // "3.0 etc." at the start of a re-wrapped line is not a number heading: the sentence above runs on.
    if ((marker === 'number' || marker === 'section') && current?.marker === null && !/[.:;!?]$/.test(current.text)) {
      marker = null;
      rest = line.trim();
    }
    rest = clean(rest);
    const isKnown = known.has(titleKey(rest));
    if (current === null || marker !== null || isKnown) {
      const inRun = marker !== null && current?.marker != null;
      if (inRun && current) current.inRun = true;
      current = { text: rest, line: i + 1, marker, lines: 1, starts: [0], inRun };
      blocks.push(current);
      // A known heading directly above text: the text that follows is a block of its own.
      if (isKnown) current = null;
    } else {
      current.starts.push(current.text.length + 1);
      current.text += ` ${rest}`;
      current.lines++;
    }
  });

  const segments: Segment[] = [];
  const headings: Heading[] = [];
  let leadIn: number | undefined;
  blocks.forEach((b, bi) => {
    const text = b.text;
    const previous = segments[segments.length - 1];
    const afterLeadIn = previous !== undefined && /:$/.test(previous.text) && previous.block === bi - 1;
    if (isHeading(text, b, known, afterLeadIn)) {
      headings.push({ title: text, line: b.line });
      leadIn = undefined;
      return;
    }
    const isItem = b.marker === 'bullet' || (b.marker === 'number' && (b.inRun || afterLeadIn || leadIn !== undefined));
    if (!isItem) leadIn = undefined;
    let offset = 0;
    splitSentences(text).forEach((part) => {
      offset = Math.max(offset, text.indexOf(part, offset));
      const lineInBlock = b.starts.filter((st) => st <= offset).length - 1;
      segments.push({
        text: part,
        norm: normaliseWording(part),
        line: b.line + Math.max(0, lineInBlock),
        kind: isItem ? 'item' : 'sentence',
        heading: headings.length - 1,
        block: bi,
        ...(isItem && leadIn !== undefined ? { leadIn } : {}),
      });
    });
    if (!isItem && /:$/.test(text)) leadIn = segments.length - 1;
  });
  return { segments, headings, rows };
}

/** One line's words: bold marks gone, spacing collapsed (so offsets in the joined block stay true). */
function clean(line: string): string {
  return line.replace(/\*\*|__/g, '').replace(/\s+/g, ' ').trim();
}

function isHeading(text: string, b: Block, known: Set<string>, afterLeadIn: boolean): boolean {
  if (known.has(titleKey(text))) return b.lines === 1;
  if (b.marker === 'bullet' || b.inRun || afterLeadIn || b.lines > 1) return false;
  // A title has no verb of its own: "This policy is based on the value of 'Equity'" is a sentence.
  const norm = normaliseWording(text);
  if (MODAL.test(norm) || /\b(is|are|was|were|has|have|had|does|do)\b/i.test(norm)) return false;
  return wordCount(text) <= 10 && !/[.:;,!?]$/.test(text) && /^["'\u2018\u201c]?[A-Z0-9]/.test(text);
}

/** A heading compared without its numbering, case or punctuation ("4. REPUTATION" is "reputation"). */
export function titleKey(title: string): string {
  return normaliseWording(stripMarker(title).rest)
    .toLowerCase()
    .replace(/[^a-z0-9' ]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * Segments i..j as one text in the registry's way of writing a list: a lead-in ending ":" then its
 * items joined with "; " ("... the following points: The aim of the account; The intended audience").
 */
export function joinSegments(segments: readonly Segment[], field: 'text' | 'norm' = 'text'): string {
  let out = '';
  segments.forEach((s, k) => {
    const prev = segments[k - 1];
    if (prev) out += prev.kind === 'item' && s.kind === 'item' && !/[.;:!?]$/.test(prev[field]) ? '; ' : ' ';
    out += s[field];
  });
  return out;
}

/** The text of a policy with every marker gone and all spacing and quotes folded: for "is this wording in it?". */
export function policyWording(source: string): string {
  return normaliseWording(
    source
      .replace(/\r\n?/g, '\n')
      .split('\n')
      .map((l) => stripMarker(l).rest)
      .join('\n'),
  );
}

const MODAL =
  /\b(must|shall|should|will|may|might|cannot|can't|need(?:s)? to|ha(?:s|ve) to|is to|are to|required?|requires|expected|advised|encouraged|reminded|(?:not )?permitted|allowed|prohibited|forbidden|ensure|ensures|never|always|responsible for|obliged)\b/i;

/** Does the sentence say what someone must, may or will do? A list item also counts when its lead-in does. */
export function isNormative(doc: PolicyDoc, index: number): boolean {
  const s = doc.segments[index];
  if (!s) return false;
  if (MODAL.test(s.norm)) return true;
  const lead = s.leadIn !== undefined ? doc.segments[s.leadIn] : undefined;
  return lead !== undefined && MODAL.test(lead.norm);
}

/** The value of the document-control row whose first cell starts with `label` (case-insensitive). */
export function controlValue(doc: PolicyDoc, label: RegExp): string | undefined {
  const row = doc.rows.find((r) => label.test(r.cells[0] ?? ''));
  const value = row?.cells.slice(1).find((c) => c.length > 0);
  return value === undefined ? undefined : normaliseWording(value);
}
