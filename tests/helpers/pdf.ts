import { extractText, getDocumentProxy } from 'unpdf';

/** A PDF's text as a reader (pdf.js, through unpdf) gets it back, one string per page. */
export async function pdfText(pdf: Uint8Array): Promise<{ pages: number; text: string[] }> {
  const proxy = await getDocumentProxy(new Uint8Array(pdf));
  const { totalPages, text } = await extractText(proxy, { mergePages: false });
  return { pages: totalPages, text: text as string[] };
}

/** The same from a reply's base64 download, all pages as one string with lines joined by spaces. */
export async function pdfTextOf(base64: string): Promise<string> {
  const { text } = await pdfText(new Uint8Array(Buffer.from(base64, 'base64')));
  return text.join('\n').replace(/\s*\n\s*/g, ' ');
}
