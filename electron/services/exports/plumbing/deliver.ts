import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { DocumentReply, ExportRunReply } from '@contract/channels/exports';
import { ServiceError } from '@contract/result';
import type { PrintDocument } from '../documents/model';
import { renderHtml } from '../documents/html';
import { renderPdf } from '../documents/pdf';
import { FORMAT_INFO, isPackageFormat } from '../formats/info';
import type { ExportRequest, ExportService } from '../service';
import { writeExportFile } from '@services/output';
import { exportTarget } from '@services/output';

/** Beyond this the preview refuses to inline the files and points to `npm run export`. */
export const PREVIEW_DOWNLOAD_LIMIT = 32 * 1024 * 1024;

/**
 * How an export reaches the user. In the app, main asks with its own save dialog
 * (ExportService.chooseDestination, set by electron/main) and writes there; the renderer never
 * names a path. In the browser preview there is no dialog: the export is written to a private
 * temporary folder (never the data folder: exports are never written there), returned as
 * downloads, and removed.
 */
export async function deliverExport(service: ExportService, req: ExportRequest, actor: string): Promise<ExportRunReply> {
  const folder = Boolean(req.perModule);
  service.refuseIfBlocked(req.format); // before the save dialog: never ask where to save what cannot be made
  if (service.chooseDestination) {
    const info = FORMAT_INFO[req.format];
    const picked = await service.chooseDestination({ fileName: service.suggestedName(req), folder, extension: info.extension, label: info.label });
    if (!picked) {
      return { exportId: '', format: req.format, cancelled: true, savedTo: [], files: [], rows: 0, skipped: {}, seconds: 0, downloads: [] };
    }
    const o = await service.run(req, picked, actor);
    return { ...o, cancelled: false, savedTo: o.files.map((f) => f.path), files: o.files.map(({ name, bytes }) => ({ name, bytes })), downloads: [] };
  }
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'leap-export-')); // 0700, this user's only
  try {
    const out = folder ? path.join(tmp, service.suggestedName(req)) : tmp;
    const o = await service.run(req, out, actor);
    const total = o.files.reduce((n, f) => n + f.bytes, 0);
    if (total > PREVIEW_DOWNLOAD_LIMIT) {
      throw new ServiceError('unavailable', `This export is ${Math.round(total / 1048576)} MB, too big to hand to the browser preview; run it with \`npm run export\` instead.`);
    }
    const mediaType = isPackageFormat(req.format) ? 'application/zip' : FORMAT_INFO[req.format].mediaType;
    return {
      ...o,
      cancelled: false,
      savedTo: [],
      files: o.files.map(({ name, bytes }) => ({ name, bytes })),
      downloads: o.files.map((f) => ({ fileName: f.name, mediaType, base64: readFileSync(f.path).toString('base64') })),
    };
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

/**
 * A certificate or rationale as PDF, from the app's own PDF writer (documents/pdf.ts) in the app,
 * the preview and the CLI alike: saved where main's dialog says in the app, a download in the
 * preview; the page itself comes back too, for the browser's print.
 */
export async function deliverDocument(service: ExportService, dataDir: string, doc: PrintDocument, fileName: string, now: Date, page?: string): Promise<DocumentReply> {
  // The owner's own page when there is one (new-account requests), else ours.
  const html = page ?? renderHtml(doc);
  if (service.chooseDestination) {
    const picked = await service.chooseDestination({ fileName, folder: false, extension: 'pdf', label: 'PDF document' });
    if (!picked) return { fileName, cancelled: true, savedTo: null, html, download: null };
    const target = exportTarget(picked, dataDir); // refused before anything is written
    writeExportFile(target, await renderPdf(doc, now));
    return { fileName, cancelled: false, savedTo: target.path, html, download: null };
  }
  const pdf = await renderPdf(doc, now);
  return { fileName, cancelled: false, savedTo: null, html, download: { fileName, mediaType: 'application/pdf', base64: Buffer.from(pdf).toString('base64') } };
}
