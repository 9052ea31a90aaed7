/** One thing read aloud: a sentence (with its range, to highlight) or a picture's alt text. */
export interface ReadingPiece {
  text: string;
  el: HTMLElement;
  range: Range | null;
}

/** Sentences of a text with their offsets; Intl.Segmenter where there is one, full stops otherwise. */
export function sentences(text: string): { start: number; end: number }[] {
  const out: { start: number; end: number }[] = [];
  const push = (start: number, end: number): void => {
    // Trim the spaces around a sentence, so the highlight hugs the words.
    while (start < end && /\s/.test(text[start] ?? '')) start++;
    while (end > start && /\s/.test(text[end - 1] ?? '')) end--;
    if (end > start) out.push({ start, end });
  };
  if (typeof Intl !== 'undefined' && 'Segmenter' in Intl) {
    for (const s of new Intl.Segmenter('en-GB', { granularity: 'sentence' }).segment(text)) push(s.index, s.index + s.segment.length);
    return out;
  }
  const re = /[^.!?]+(?:[.!?]+["'”’)]*|$)/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    if (m[0] === '') break;
    push(m.index, m.index + m[0].length);
  }
  return out;
}

/** The text nodes of an element a listener would hear (not inside aria-hidden marks such as ✓). */
function spokenTextNodes(el: HTMLElement): Text[] {
  const nodes: Text[] = [];
  const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT, {
    acceptNode: (n) => (n.parentElement?.closest('[aria-hidden="true"]') ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT),
  });
  for (let n = walker.nextNode(); n; n = walker.nextNode()) nodes.push(n as Text);
  return nodes;
}

/** A range over [start, end) of the concatenated text of `nodes`. */
function rangeOver(nodes: Text[], starts: number[], start: number, end: number): Range {
  const at = (offset: number, isEnd: boolean): [Text, number] => {
    for (let i = nodes.length - 1; i >= 0; i--) {
      const s = starts[i] ?? 0;
      if (isEnd ? offset > s : offset >= s) return [nodes[i]!, offset - s];
    }
    return [nodes[0]!, 0];
  };
  const range = document.createRange();
  const [sn, so] = at(start, false);
  const [en, eo] = at(end, true);
  range.setStart(sn, so);
  range.setEnd(en, eo);
  return range;
}

/**
 * What "Read aloud" reads, in page order: the elements marked `data-read` inside `root` that are
 * shown, a sentence at a time; a picture marked `data-read="alt"` by its alt text. Controls carry
 * no mark, so buttons and hints about buttons are never read.
 */
export function readingPieces(root: HTMLElement): ReadingPiece[] {
  const out: ReadingPiece[] = [];
  for (const el of root.querySelectorAll<HTMLElement>('[data-read]')) {
    if (el.getClientRects().length === 0) continue;
    if (el.dataset.read === 'alt') {
      const alt = el.getAttribute('aria-label')?.trim();
      if (alt) out.push({ text: alt, el, range: null });
      continue;
    }
    const nodes = spokenTextNodes(el);
    const starts: number[] = [];
    let full = '';
    for (const n of nodes) {
      starts.push(full.length);
      full += n.data;
    }
    for (const s of sentences(full)) {
      const text = full.slice(s.start, s.end).replace(/\s+/g, ' ');
      out.push({ text, el, range: rangeOver(nodes, starts, s.start, s.end) });
    }
  }
  return out;
}

/** Speech rate per band: slower for the youngest listeners (1 is the engine's normal pace). */
export function readingRate(band: string | null | undefined): number {
  if (band === 'ks1') return 0.8;
  if (band === 'ks2') return 0.9;
  return 1;
}
