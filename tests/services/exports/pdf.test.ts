import { describe, expect, it } from 'vitest';
import { renderPdf } from '../../../electron/services/exports/documents/pdf';
import { renderHtml } from '../../../electron/services/exports/documents/html';
import type { PrintDocument } from '../../../electron/services/exports/documents/model';

const doc: PrintDocument = {
  title: 'Certificate (test) – Ada',
  blocks: [
    { kind: 'title', text: 'Certificate of completion' },
    { kind: 'field', label: 'Name', text: 'Ada (Countess) Lovelace \\ “quoted”' },
    { kind: 'text', text: 'word '.repeat(3000) },
    { kind: 'note', text: 'A <b>note</b> & more' },
  ],
};

describe('the PDF writer', () => {
  const pdf = Buffer.from(renderPdf(doc, new Date('2026-11-20T10:00:00Z')));
  const text = pdf.toString('latin1');

  it('writes a PDF 1.4 file whose cross-reference offsets point at its objects', () => {
    expect(text.startsWith('%PDF-1.4\n')).toBe(true);
    expect(text.trimEnd().endsWith('%%EOF')).toBe(true);
    const startxref = Number(/startxref\n(\d+)\n%%EOF/.exec(text)![1]);
    expect(text.slice(startxref, startxref + 4)).toBe('xref');
    const table = text.slice(startxref).split('\n');
    const count = Number(table[1]!.split(' ')[1]);
    for (let i = 1; i < count; i++) {
      const offset = Number(table[2 + i]!.slice(0, 10));
      expect(text.slice(offset, offset + `${i} 0 obj`.length)).toBe(`${i} 0 obj`);
    }
    // Stream lengths are exact.
    for (const m of text.matchAll(/<< \/Length (\d+) >>\nstream\n/g)) {
      const start = m.index! + m[0].length;
      expect(text.slice(start + Number(m[1]), start + Number(m[1]) + 10)).toBe('\nendstream');
    }
  });

  it('flows long text over pages and escapes what PDF strings need', () => {
    const pages = Number(/\/Type \/Pages \/Kids \[[^\]]*\] \/Count (\d+)/.exec(text)![1]);
    expect(pages).toBeGreaterThan(2);
    expect(text).toContain('(Ada \\(Countess\\) Lovelace \\\\ \x93quoted\x94)');
    expect(text).toContain('/BaseFont /Helvetica-Bold');
  });
});

describe('the printable page', () => {
  it('is self-contained, escapes text and allows only its own styles', () => {
    const html = renderHtml(doc);
    expect(html).toContain(`content="default-src 'none'; style-src 'unsafe-inline'"`);
    expect(html).toContain('A &lt;b&gt;note&lt;/b&gt; &amp; more');
    expect(html).not.toMatch(/<script|https?:\/\//);
  });
});
