// Word-level comparison of two wordings: how alike they are, and what was taken out and put in.

export interface DiffPart {
  /** '=' in both, '-' only in the old wording, '+' only in the new. */
  op: '=' | '-' | '+';
  text: string;
}

/** Words and punctuation marks, so "pupils." and "pupils;" differ but re-spacing does not. */
export function tokens(text: string): string[] {
  return text.match(/[\p{L}\p{N}]+(?:['\u2019/-][\p{L}\p{N}]+)*|[^\s\p{L}\p{N}]/gu) ?? [];
}

/** Lower-case words only: what the similarity of two wordings is measured on. */
export function wordsOf(text: string): string[] {
  return (text.toLowerCase().match(/[\p{L}\p{N}]+(?:['\u2019][\p{L}\p{N}]+)*/gu) ?? []).map((w) => w.replace(/\u2019/g, "'"));
}

function lcsTable(a: readonly string[], b: readonly string[]): Uint16Array[] {
  const t = Array.from({ length: a.length + 1 }, () => new Uint16Array(b.length + 1));
  for (let i = a.length - 1; i >= 0; i--) {
    const row = t[i] as Uint16Array;
    const below = t[i + 1] as Uint16Array;
    for (let j = b.length - 1; j >= 0; j--) {
      row[j] = a[i] === b[j] ? (below[j + 1] as number) + 1 : Math.max(below[j] as number, row[j + 1] as number);
    }
  }
  return t;
}

/** Length of the longest common subsequence, in one row of memory. */
function lcsLength(a: readonly string[], b: readonly string[]): number {
  let prev = new Uint16Array(b.length + 1);
  let row = new Uint16Array(b.length + 1);
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      row[j] = a[i - 1] === b[j - 1] ? (prev[j - 1] as number) + 1 : Math.max(prev[j] as number, row[j - 1] as number);
    }
    [prev, row] = [row, prev];
  }
  return prev[b.length] as number;
}

export interface Similarity {
  /** 2·LCS / total words: 1 for the same words in the same order, 0 for nothing in common. */
  dice: number;
  /** LCS / the shorter wording's words: how much of the shorter one survives in the longer. */
  overlap: number;
  /** Words in common, in order (the LCS). */
  common: number;
}

export function similarity(a: readonly string[], b: readonly string[]): Similarity {
  const common = lcsLength(a, b);
  return ratios(common, a.length, b.length);
}

function ratios(common: number, a: number, b: number): Similarity {
  return { dice: a + b === 0 ? 1 : (2 * common) / (a + b), overlap: Math.min(a, b) === 0 ? 0 : common / Math.min(a, b), common };
}

export function bagOf(words: readonly string[]): Map<string, number> {
  const bag = new Map<string, number>();
  for (const w of words) bag.set(w, (bag.get(w) ?? 0) + 1);
  return bag;
}

/** What changed between two wordings, word by word, runs of one kind merged. */
export function wordDiff(oldText: string, newText: string): DiffPart[] {
  const a = tokens(oldText);
  const b = tokens(newText);
  const t = lcsTable(a, b);
  const parts: DiffPart[] = [];
  const push = (op: DiffPart['op'], token: string) => {
    const last = parts[parts.length - 1];
    if (last && last.op === op) last.text = joinToken(last.text, token);
    else parts.push({ op, text: token });
  };
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && a[i] === b[j]) {
      push('=', a[i] as string);
      i++;
      j++;
    } else if (j < b.length && (i === a.length || (t[i]?.[j + 1] ?? 0) >= (t[i + 1]?.[j] ?? 0))) {
      push('+', b[j] as string);
      j++;
    } else {
      push('-', a[i] as string);
      i++;
    }
  }
  // Deletions before insertions within one change reads better: "[-will-]{+must+}".
  for (let k = 0; k + 1 < parts.length; k++) {
    const [x, y] = [parts[k] as DiffPart, parts[k + 1] as DiffPart];
    if (x.op === '+' && y.op === '-') [parts[k], parts[k + 1]] = [y, x];
  }
  return parts;
}

function joinToken(text: string, token: string): string {
  return /^[.,;:!?)\]]$/.test(token) || /[([]$/.test(text) ? text + token : `${text} ${token}`;
}

/** The diff as one line: `[-removed words-]{+added words+}` around what stayed. */
export function diffText(parts: readonly DiffPart[]): string {
  let out = '';
  for (const p of parts) {
    const shown = p.op === '=' ? p.text : p.op === '-' ? `[-${p.text}-]` : `{+${p.text}+}`;
    out += out === '' || (p.op === '=' && /^[.,;:!?)\]]/.test(p.text)) ? shown : ` ${shown}`;
  }
  return out;
}
