import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import PDFDocument from 'pdfkit';
import type { Block, PrintDocument } from './model';

/**
 * Certificates and new-account requests as PDF, with PDFKit and an embedded open font (Noto Sans,
 * SIL OFL 1.1, its licence in fonts/OFL.txt beside the font files): every Latin, Greek and
 * Cyrillic name prints as written (Łukasz, Zoë, Siobhán), PDFKit subsets the font and adds the
 * text's Unicode (so it can be searched and copied), and wraps lines, breaking a word too long
 * for a line. The same writer serves the app, the browser preview and the CLI.
 */
const MARGIN = 64;
const FONT_FILES = { regular: 'NotoSans-Regular.ttf', bold: 'NotoSans-Bold.ttf' } as const;

/**
 * Where the font files are: beside this file from source (tsx, tests); the built main bundle
 * finds its copy in out/main/fonts (copied at build, electron.vite.config.ts) under the same name.
 */
export function fontDir(): string {
  const candidates = [path.resolve(__dirname, 'fonts'), path.resolve(__dirname, '../../electron/services/exports/documents/fonts')];
  const found = candidates.find((c) => existsSync(path.join(c, FONT_FILES.regular)));
  if (!found) throw new Error(`The document font is missing (looked in ${candidates.join(', ')})`);
  return found;
}

let fonts: { regular: Buffer; bold: Buffer } | null = null;
const loadFonts = (): { regular: Buffer; bold: Buffer } =>
  (fonts ??= { regular: readFileSync(path.join(fontDir(), FONT_FILES.regular)), bold: readFileSync(path.join(fontDir(), FONT_FILES.bold)) });

const STYLE: Record<Block['kind'], { font: 'regular' | 'bold'; size: number; before: number; colour: string }> = {
  title: { font: 'bold', size: 24, before: 0, colour: '#111111' },
  heading: { font: 'bold', size: 14, before: 14, colour: '#111111' },
  text: { font: 'regular', size: 11, before: 8, colour: '#111111' },
  field: { font: 'regular', size: 12, before: 8, colour: '#111111' },
  note: { font: 'regular', size: 9, before: 18, colour: '#444444' },
};

/** The whole PDF file (A4, as many pages as the text needs). */
export function renderPdf(doc: PrintDocument, created: Date = new Date()): Promise<Uint8Array> {
  const f = loadFonts();
  const pdf = new PDFDocument({
    size: 'A4',
    margin: MARGIN,
    // A font buffer, never one of the standard 14 fonts (which have no Ł); the typings say only a name.
    font: f.regular as unknown as string,
    info: { Title: doc.title, Producer: 'LEAP induction app', Creator: 'LEAP induction app', CreationDate: created, ModDate: created },
    displayTitle: true,
    lang: 'en-GB',
  });
  pdf.registerFont('regular', f.regular);
  pdf.registerFont('bold', f.bold);
  const chunks: Buffer[] = [];
  const done = new Promise<Uint8Array>((resolve, reject) => {
    pdf.on('data', (c: Buffer) => chunks.push(c));
    pdf.on('end', () => resolve(new Uint8Array(Buffer.concat(chunks))));
    pdf.on('error', reject);
  });
  const width = pdf.page.width - 2 * MARGIN;
  // A certificate: framed, centred, more air, the name large.
  const align = doc.frame ? 'center' : 'left';
  const air = doc.frame ? 2 : 1;
  if (doc.frame) {
    frame(pdf);
    pdf.moveDown(3);
  }
  for (const b of doc.blocks) {
    const s = STYLE[b.kind];
    const size = doc.frame && b.kind === 'heading' ? 22 : s.size;
    pdf.moveDown((s.before * air) / 12);
    if (b.kind === 'field') {
      pdf.font('bold').fontSize(9).fillColor('#444444').text(b.label.toUpperCase(), { width, align, characterSpacing: 0.4 });
      pdf.font('regular').fontSize(size).fillColor(s.colour).text(b.text || '—', { width, align });
    } else {
      pdf.font(s.font).fontSize(size).fillColor(s.colour).text(b.text, { width, align });
    }
  }
  pdf.end();
  return done;
}

/** A certificate's border: drawn on its first page only, inside the margin. */
function frame(pdf: PDFKit.PDFDocument): void {
  const inset = MARGIN / 2;
  pdf.save().lineWidth(1.5).strokeColor('#0b5cad').rect(inset, inset, pdf.page.width - 2 * inset, pdf.page.height - 2 * inset).stroke();
  pdf.lineWidth(0.5).rect(inset + 4, inset + 4, pdf.page.width - 2 * inset - 8, pdf.page.height - 2 * inset - 8).stroke().restore();
}
