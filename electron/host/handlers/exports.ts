import type { Services } from '../services';
import type { HandlerTable } from '../dispatch';
import { requireAdmin } from '../../services/admin';
import { ServiceError } from '../../contract/result';
import { deliverDocument, deliverExport } from '../../services/exports/plumbing/deliver';
import { FORMAT_INFO, EXPORT_FORMATS } from '../../services/exports/formats/info';
import { certificateDocument } from '../../services/exports/documents/certificate';
import { rationaleDocument } from '../../services/exports/documents/rationale';
import { RecordsExportSource } from '../../services/exports/plumbing/source';

const safeName = (s: string): string => s.replace(/[^A-Za-z0-9-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 60) || 'document';

export const exportsHandlers = (
  s: Services,
): Pick<HandlerTable, 'exports.options' | 'exports.run' | 'exports.certificate' | 'exports.rationale'> => ({
  'exports.options': () => {
    requireAdmin(s);
    return {
      formats: EXPORT_FORMATS.map((format) => ({ format, label: FORMAT_INFO[format].label, blocked: s.exports.blocker(format) })),
      courses: s.bundle.courses.map((c) => ({ courseId: c.id, title: c.title, audience: c.audience, modules: c.modules.length })),
      delivery: s.exports.chooseDestination ? 'save-dialog' : 'download',
    };
  },
  'exports.run': (req) => {
    requireAdmin(s);
    return deliverExport(s.exports, req, 'admin');
  },
  'exports.certificate': (req) => {
    requireAdmin(s);
    const source = RecordsExportSource.inDataDir(s.dataDir, { withCmi: false });
    let doc;
    let name;
    try {
      const member = source.staffMember(req.learnerId);
      if (!member) throw new ServiceError('not-found', 'No member of staff with that id (pupils have no certificates).');
      doc = certificateDocument(member, req.courseId, s.bundle, s.settings.get(), s.clock());
      name = `certificate-${safeName(member.staff.name)}-${req.courseId}.pdf`;
    } finally {
      source.close();
    }
    s.exports.audit({ at: s.clock().toISOString(), actor: 'admin', action: 'certificate', detail: { learnerId: req.learnerId, courseId: req.courseId } });
    return deliverDocument(s.exports, s.dataDir, doc, name, s.clock());
  },
  'exports.rationale': ({ requestId, learnerId }) => {
    if (learnerId === undefined) requireAdmin(s);
    else s.session.require(learnerId);
    const { learnerId: author, document, ...request } = s.requests.get(requestId);
    if (learnerId !== undefined && author !== learnerId) throw new ServiceError('forbidden', 'requestId: this request belongs to another member of staff');
    const reply = deliverDocument(s.exports, s.dataDir, rationaleDocument(request, s.settings.get().trustName), `${document.fileName}.pdf`, s.clock(), document.html);
    return reply;
  },
});
