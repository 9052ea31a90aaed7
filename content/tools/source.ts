import { readFileSync } from 'node:fs';
import { LineCounter, isMap, isPair, isScalar, isSeq, parseDocument, type Document, type Node } from 'yaml';
import type { Diagnostic, DiagnosticKind } from './diagnostics';

export type Path = readonly (string | number)[];

/** One parsed YAML file that can turn a data path back into `line:col`. */
export class YamlSource {
  readonly data: unknown;
  readonly errors: Diagnostic[] = [];
  readonly text: string;
  private readonly doc: Document.Parsed;
  private readonly lines = new LineCounter();

  constructor(readonly file: string, text?: string) {
    this.text = text ?? readFileSync(file, 'utf8');
    this.doc = parseDocument(this.text, { lineCounter: this.lines, keepSourceTokens: true, prettyErrors: false, uniqueKeys: true });
    for (const e of [...this.doc.errors, ...this.doc.warnings]) {
      const at = this.lines.linePos(e.pos[0]);
      this.errors.push({ kind: 'yaml', file, line: at.line, col: at.col, message: `YAML: ${e.message.split('\n')[0] ?? e.message}` });
    }
    this.data = this.doc.errors.length > 0 ? undefined : this.doc.toJS();
  }

  /**
   * Where `path` is in the file: the deepest node that exists along it. A path ending in a key
   * that is present points at its value; `atKey` points at the key itself (for unknown keys).
   */
  locate(path: Path, atKey = false): { line: number; col: number } {
    let node: unknown = this.doc.contents;
    let offset = rangeStart(node) ?? 0;
    for (const [i, seg] of path.entries()) {
      if (isMap(node)) {
        const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === String(seg));
        if (!pair) break;
        const keyStart = rangeStart(pair.key);
        const last = i === path.length - 1;
        const empty = pair.value === null || (isScalar(pair.value) && pair.value.value === null);
        if ((last && atKey) || empty) {
          offset = keyStart ?? offset;
          node = pair.value;
          if (last && atKey) break;
          continue;
        }
        node = pair.value;
        offset = rangeStart(node) ?? keyStart ?? offset;
      } else if (isSeq(node) && typeof seg === 'number') {
        const item: unknown = node.items[seg];
        if (item === undefined) break;
        node = item;
        offset = rangeStart(item) ?? offset;
      } else {
        break;
      }
    }
    const at = this.lines.linePos(offset);
    return { line: at.line, col: at.col };
  }

  diagnostic(kind: DiagnosticKind, path: Path, message: string, atKey = false): Diagnostic {
    const at = this.locate(path, atKey);
    return { kind, file: this.file, line: at.line, col: at.col, message };
  }
}

function rangeStart(node: unknown): number | undefined {
  const range = (node as Node | null)?.range;
  return range ? range[0] : undefined;
}
