import type { Block, PrintDocument } from './model';

/**
 * A small PDF 1.4 writer for text documents (certificates, the new-account rationale) where no
 * browser is at hand (the CLI): Helvetica from the standard 14 fonts, WinAnsi text, A4, wrapped
 * lines, as many pages as the text needs. No dependency; about what a plain text PDF needs.
 */
const PAGE = { width: 595.28, height: 841.89, margin: 64 };

// Helvetica advance widths (1/1000 em) for ASCII 32–126, from the standard font metrics.
const WIDTHS = [
  278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278, 556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556,
  1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778, 667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469, 556,
  333, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556, 556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584,
];
const widthOf = (text: string, size: number, bold: boolean): number =>
  ([...text].reduce((sum, ch) => sum + (WIDTHS[(ch.codePointAt(0) ?? 63) - 32] ?? 556), 0) * size * (bold ? 1.06 : 1)) / 1000;

// Characters outside Latin-1 that WinAnsiEncoding still has.
const WIN_ANSI: Record<string, number> = { '€': 0x80, '‘': 0x91, '’': 0x92, '“': 0x93, '”': 0x94, '•': 0x95, '–': 0x96, '—': 0x97, '…': 0x85 };

/** A PDF literal string in WinAnsi bytes; characters it cannot show become '?'. */
function pdfString(text: string): string {
  let out = '';
  for (const ch of text) {
    const code = WIN_ANSI[ch] ?? ch.codePointAt(0) ?? 63;
    const byte = code < 256 && !(code >= 0x7f && code < 0xa0 && !Object.values(WIN_ANSI).includes(code)) ? code : 63;
    const c = String.fromCharCode(byte);
    out += c === '(' || c === ')' || c === '\\' ? `\\${c}` : byte < 32 ? ' ' : c;
  }
  return `(${out})`;
}

function wrap(text: string, size: number, bold: boolean, width: number): string[] {
  const lines: string[] = [];
  for (const para of text.split(/\r?\n/)) {
    let line = '';
    for (const word of para.split(/\s+/).filter(Boolean)) {
      const next = line ? `${line} ${word}` : word;
      if (widthOf(next, size, bold) <= width || !line) line = next;
      else {
        lines.push(line);
        line = word;
      }
    }
    lines.push(line);
  }
  return lines;
}

const STYLE: Record<Block['kind'], { size: number; bold: boolean; before: number }> = {
  title: { size: 22, bold: true, before: 0 },
  heading: { size: 14, bold: true, before: 14 },
  text: { size: 11, bold: false, before: 6 },
  field: { size: 11, bold: false, before: 6 },
  note: { size: 9, bold: false, before: 12 },
};

/** The page content streams for a document. */
function layout(doc: PrintDocument): string[] {
  const pages: string[][] = [[]];
  const usable = PAGE.width - 2 * PAGE.margin;
  let y = PAGE.height - PAGE.margin;
  const line = (text: string, size: number, bold: boolean): void => {
    if (y - size < PAGE.margin) {
      pages.push([]);
      y = PAGE.height - PAGE.margin;
    }
    y -= size * 1.3;
    pages.at(-1)!.push(`BT /${bold ? 'F2' : 'F1'} ${size} Tf ${PAGE.margin} ${y.toFixed(2)} Td ${pdfString(text)} Tj ET`);
  };
  for (const b of doc.blocks) {
    const s = STYLE[b.kind];
    y -= s.before;
    if (b.kind === 'field') {
      line(b.label, 9, true);
      for (const l of wrap(b.text || '—', s.size, false, usable)) line(l, s.size, false);
    } else {
      for (const l of wrap(b.text, s.size, s.bold, usable)) line(l, s.size, s.bold);
    }
  }
  return pages.map((p) => p.join('\n'));
}

/** The whole PDF file. */
export function renderPdf(doc: PrintDocument, created: Date = new Date()): Uint8Array {
  const contents = layout(doc);
  const objects: string[] = [];
  const add = (body: string): number => objects.push(body);
  add('<< /Type /Catalog /Pages 2 0 R >>');
  add(''); // pages, filled below
  add('<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>');
  add('<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>');
  const stamp = created.toISOString().replace(/[-:T]/g, '').slice(0, 14);
  add(`<< /Title ${pdfString(doc.title)} /Producer (LEAP induction app) /CreationDate (D:${stamp}Z) >>`);
  const kids: number[] = [];
  for (const content of contents) {
    const stream = add(`<< /Length ${Buffer.byteLength(content, 'latin1')} >>\nstream\n${content}\nendstream`);
    kids.push(
      add(`<< /Type /Page /Parent 2 0 R /MediaBox [0 0 ${PAGE.width} ${PAGE.height}] /Resources << /Font << /F1 3 0 R /F2 4 0 R >> >> /Contents ${stream} 0 R >>`),
    );
  }
  objects[1] = `<< /Type /Pages /Kids [${kids.map((k) => `${k} 0 R`).join(' ')}] /Count ${kids.length} >>`;
  let out = '%PDF-1.4\n%\xe2\xe3\xcf\xd3\n';
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(Buffer.byteLength(out, 'latin1'));
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = Buffer.byteLength(out, 'latin1');
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R /Info 5 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}
