import type { PrintDocument } from './model';
import { standalonePageCspMeta } from '@contract/page-csp';

const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/**
 * The same document as a self-contained page for Electron's printToPDF and the browser's print.
 * Its own CSP allows only its inline style sheet: no script, no network.
 */
export function renderHtml(doc: PrintDocument): string {
  const body = doc.blocks
    .map((b) => {
      switch (b.kind) {
        case 'title':
          return `<h1>${esc(b.text)}</h1>`;
        case 'heading':
          return `<h2>${esc(b.text)}</h2>`;
        case 'text':
          return `<p>${esc(b.text).replace(/\n/g, '<br>')}</p>`;
        case 'field':
          return `<div class="field"><div class="label">${esc(b.label)}</div><div class="value">${esc(b.text || '—').replace(/\n/g, '<br>')}</div></div>`;
        case 'note':
          return `<p class="note">${esc(b.text)}</p>`;
      }
    })
    .join('\n');
  return `<!doctype html>
<html lang="en-GB"><head><meta charset="utf-8">
${standalonePageCspMeta}
<title>${esc(doc.title)}</title>
<style>
@page { size: A4; margin: 22mm; }
body { font-family: "Noto Sans", Arial, sans-serif; color: #111; line-height: 1.4; overflow-wrap: anywhere; }
@media print { *:focus, *:focus-visible { outline: none !important; box-shadow: none !important; } }
h1 { font-size: 24pt; margin: 0 0 12pt; }
h2 { font-size: 14pt; margin: 18pt 0 6pt; }
.field { margin: 8pt 0; } .label { font-size: 9pt; font-weight: bold; text-transform: uppercase; letter-spacing: .04em; }
.note { font-size: 9pt; color: #444; margin-top: 18pt; }
</style></head>
<body>
${body}
</body></html>
`;
}
