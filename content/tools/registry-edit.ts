// Small edits to clauses.yaml made in its own text, so the author's comments, layout and quoting
// stay exactly as they were (re-serialising the YAML would reflow the whole file).
import { isMap, isSeq, parseDocument, type Document, type Node, type YAMLMap, type YAMLSeq } from 'yaml';

interface Edit {
  at: number;
  /** Characters removed from `at`. */
  remove: number;
  insert: string;
  seq: number;
}

/** Double-quoted YAML (JSON's escapes are YAML's), for any text the policy may hold. */
export const quoted = (s: string): string => JSON.stringify(s);

export class RegistryText {
  private readonly doc: Document.Parsed;
  private readonly edits: Edit[] = [];

  constructor(readonly text: string) {
    this.doc = parseDocument(text);
    if (this.doc.errors.length > 0) throw new Error(`clauses.yaml does not parse: ${this.doc.errors[0]?.message ?? ''}`);
  }

  private edit(at: number, remove: number, insert: string): void {
    this.edits.push({ at, remove, insert, seq: this.edits.length });
  }

  private top(key: string): Node | undefined {
    const root = this.doc.contents;
    return isMap(root) ? (root.get(key, true) as Node | undefined) : undefined;
  }

  private seq(key: string): YAMLSeq {
    const node = this.top(key);
    if (!isSeq(node)) throw new Error(`clauses.yaml has no list "${key}"`);
    return node;
  }

  /** The clause map with this id (its place in the file). */
  private clause(id: string): YAMLMap {
    const found = this.seq('clauses').items.find((m) => isMap(m) && m.get('id') === id);
    if (!isMap(found)) throw new Error(`clauses.yaml has no clause "${id}"`);
    return found;
  }

  /** Replace the value of `key` in a map, written as `raw` (already YAML). */
  private setValue(map: YAMLMap, key: string, raw: string): void {
    const node = map.get(key, true) as Node | undefined;
    const range = node?.range;
    if (range) {
      this.edit(range[0], range[1] - range[0], raw);
      return;
    }
    // A new key, on its own line after the map's last one, at the indentation of its first key.
    const [start, end] = map.range ?? [0, 0];
    const indent = ' '.repeat(start - this.text.lastIndexOf('\n', start - 1) - 1);
    const lead = this.text[end - 1] === '\n' ? '' : '\n';
    this.edit(end, 0, `${lead}${indent}${key}: ${raw}\n`);
  }

  setPolicy(key: string, raw: string): void {
    const policy = this.top('policy');
    if (!isMap(policy)) throw new Error('clauses.yaml has no policy: block');
    this.setValue(policy, key, raw);
  }

  setClause(id: string, key: string, raw: string): void {
    this.setValue(this.clause(id), key, raw);
  }

  /** Delete the clause's lines (its "- id:" line to its last). */
  removeClause(id: string): void {
    const [start, end] = this.clause(id).range ?? [0, 0];
    const lineStart = this.text.lastIndexOf('\n', start - 1) + 1;
    const lineEnd = this.text[end - 1] === '\n' ? end : this.text.indexOf('\n', end) < 0 ? this.text.length : this.text.indexOf('\n', end) + 1;
    this.edit(lineStart, lineEnd - lineStart, '');
  }

  /** Insert a clause (its lines, already written) after the clause `after`, or first when null. */
  insertClause(after: string | null, lines: string): void {
    if (after === null) {
      const first = this.seq('clauses').items[0] as Node | undefined;
      const start = first?.range?.[0] ?? 0;
      this.edit(this.text.lastIndexOf('\n', start - 1) + 1, 0, lines);
      return;
    }
    const end = this.clause(after).range?.[1] ?? this.text.length;
    this.edit(end, 0, `${this.text[end - 1] === '\n' ? '' : '\n'}${lines}`);
  }

  /** Add a section line after the section `after` (or last). */
  insertSection(after: string | null, line: string): void {
    const sections = this.seq('sections');
    const anchor = sections.items.find((s) => isMap(s) && s.get('id') === after) ?? sections.items[sections.items.length - 1];
    const end = (anchor as Node | undefined)?.range?.[2] ?? sections.range?.[1] ?? this.text.length;
    const lineEnd = this.text.indexOf('\n', end - 1);
    const at = lineEnd < 0 ? this.text.length : lineEnd + 1;
    this.edit(at, 0, line);
  }

  /** Append to the `removed:` list, starting it at the end of the file if there is none. */
  addRemoved(line: string): void {
    const node = this.top('removed');
    if (isSeq(node) && node.range) {
      const end = node.range[1];
      this.edit(end, 0, `${this.text[end - 1] === '\n' ? '' : '\n'}${line}`);
      return;
    }
    const lead = this.text.endsWith('\n') ? '\n' : '\n\n';
    if (!this.edits.some((e) => e.insert.startsWith(`${lead}# Clauses`))) {
      this.edit(this.text.length, 0, `${lead}# Clauses a later edition took out: what they said, and ids that are never used again.\nremoved:\n`);
    }
    this.edit(this.text.length, 0, line);
  }

  /**
   * The text with every edit applied: later positions first, so earlier offsets stay true; at one
   * position a deletion before the insertions, which then keep the order they were asked in.
   */
  result(): string {
    let out = this.text;
    const ordered = [...this.edits].sort((a, b) => b.at - a.at || Number(b.remove > 0) - Number(a.remove > 0) || b.seq - a.seq);
    for (const e of ordered) out = out.slice(0, e.at) + e.insert + out.slice(e.at + e.remove);
    return out;
  }
}
