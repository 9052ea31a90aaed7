import { describe, expect, it } from 'vitest';
import { getDocumentProxy } from 'unpdf';
import { pdfText as textOf } from '@tests/helpers/pdf';
import { renderPdf } from '@services/exports/documents/pdf';
import { renderHtml } from '@services/exports/documents/html';
import type { PrintDocument } from '@services/exports/documents/model';

const NAMES = ['Łukasz Wróblewski', 'Zoë Brontë', 'Siobhán Ní Bhriain', 'Şükrü Çağlar', 'Øyvind Æsir', 'Ewa Żółć-Kowalczyk', 'Dafydd ap Gwilym-Ŵyn'];
const LONG = `https://www.instagram.com/${'hayleacademyfootballclubunder14s'.repeat(4)}`;

const doc: PrintDocument = {
  title: 'Certificate: Social media: staff induction – Łukasz Wróblewski',
  frame: true,
  blocks: [
    { kind: 'title', text: 'Certificate of completion' },
    ...NAMES.map((n) => ({ kind: 'field' as const, label: 'Name', text: n })),
    { kind: 'field', label: 'Proposed account', text: LONG },
    { kind: 'text', text: 'word '.repeat(3000) },
    { kind: 'note', text: 'A <b>note</b> & more (brackets) \\ “quoted”' },
  ],
};

describe('the PDF writer (PDFKit with an embedded open font)', () => {
  const rendered = renderPdf(doc, new Date('2026-11-20T10:00:00Z'));

  it('prints Latin Extended names exactly as written, read back as text', async () => {
    const { text } = await textOf(await rendered);
    for (const name of NAMES) expect(text[0], name).toContain(name);
    expect(text.join('\n')).toContain('A <b>note</b> & more (brackets) \\ “quoted”');
    expect(text.join('\n')).not.toContain('?');
  });

  it('wraps a word too long for the line instead of running off the page, and flows over pages', async () => {
    const { pages, text } = await textOf(await rendered);
    expect(pages).toBeGreaterThan(2);
    const lines = text[0]!.split('\n');
    expect(lines.some((l) => l.includes(LONG))).toBe(false); // no line holds all of it…
    expect(text[0]!.replace(/\n/g, '')).toContain(LONG); // …yet every letter is there, in order
    expect(lines.filter((l) => LONG.includes(l.trim()) && l.trim().length > 10).length).toBeGreaterThan(1);
  });

  it('embeds its font (a subset) and names the document', async () => {
    const raw = Buffer.from(await rendered).toString('latin1');
    expect(raw.startsWith('%PDF-1.')).toBe(true);
    expect(raw).toMatch(/\/BaseFont \/[A-Z]{6}\+NotoSans-Regular/);
    expect(raw).toMatch(/\/FontFile2 \d+ 0 R/);
    expect(raw).not.toContain('/Helvetica');
    const proxy = await getDocumentProxy(new Uint8Array(await rendered));
    const meta = await proxy.getMetadata();
    expect((meta.info as { Title?: string }).Title).toBe(doc.title);
  });
});

describe('the printable page', () => {
  it('is self-contained, escapes text, allows only its own styles and never prints a focus outline', () => {
    const html = renderHtml(doc);
    expect(html).toContain(`<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'">`);
    expect(html).toContain('A &lt;b&gt;note&lt;/b&gt; &amp; more');
    expect(html).not.toMatch(/<script|https?:\/\/(?!www\.instagram)/);
    expect(html).toContain('overflow-wrap: anywhere');
    expect(html).toMatch(/@media print \{[^}]*outline: none/);
  });
});
