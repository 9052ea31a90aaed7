import type { Services } from '../services';
import type { HandlerTable } from '../dispatch';
import { ServiceError } from '@contract/result';
import {
  deliverDocument,
  deliverExport,
  FORMAT_INFO,
  EXPORT_FORMATS,
  certificateDocument,
  certificateFacts,
  attemptPrefixOf,
  rationaleDocument,
  RecordsExportSource,
} from '@services/exports';

const safeName = (s: string): string => s.replace(/[^A-Za-z0-9-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 60) || 'document';

export const exportsHandlers = (
  s: Services,
): Pick<HandlerTable, 'exports.options' | 'exports.run' | 'exports.certificate' | 'exports.certificateLookup' | 'exports.rationale'> => ({
  'exports.options': () => {
    return {
      formats: EXPORT_FORMATS.map((format) => ({ format, label: FORMAT_INFO[format].label, blocked: s.exports.blocker(format) })),
      courses: s.bundle.courses.map((c) => ({ courseId: c.id, title: c.title, audience: c.audience, modules: c.modules.length })),
      delivery: s.exports.chooseDestination ? 'save-dialog' : 'download',
    };
  },
  'exports.run': (req) => deliverExport(s.exports, req, 'admin'),
  'exports.certificate': (req) => {
    const source = RecordsExportSource.inDataDir(s.dataDir, { withCmi: false });
    let doc;
    let name;
    try {
      const member = source.staffMember(req.learnerId);
      if (!member) throw new ServiceError('not-found', 'No member of staff with that id (pupils have no certificates).');
      const facts = certificateFacts(member, req.courseId, s.bundle, s.settings.get(), s.clock());
      doc = certificateDocument(facts, s.settings.get(), s.clock());
      name = `certificate-${safeName(member.staff.name)}-${facts.number}.pdf`;
    } finally {
      source.close();
    }
    s.exports.audit({ at: s.clock().toISOString(), actor: 'admin', action: 'certificate', detail: { learnerId: req.learnerId, courseId: req.courseId } });
    return deliverDocument(s.exports, s.dataDir, doc, name, s.clock());
  },
  'exports.certificateLookup': ({ number }) => {
    const prefix = attemptPrefixOf(number);
    if (!prefix) return { certificate: null, problem: `“${number.trim()}” is not a certificate number: it has 11 letters and digits, like 0A1B2-C3D4E-F. Check it for a typing slip.` };
    const source = RecordsExportSource.inDataDir(s.dataDir, { withCmi: false });
    try {
      for (const { attemptId, member } of source.staffWithPassPrefix(prefix)) {
        const pass = member.attempts.find((a) => a.attemptId === attemptId)!;
        try {
          return { certificate: certificateFacts(member, pass.courseId, s.bundle, s.settings.get(), s.clock(), attemptId), problem: null };
        } catch (err) {
          if (!(err instanceof ServiceError)) throw err; // a pass never acknowledged had no certificate
        }
      }
    } finally {
      source.close();
    }
    return { certificate: null, problem: 'No certificate with this number was issued from the records on this computer (it may come from another PC, or the person’s records were erased).' };
  },
  'exports.rationale': ({ requestId }) => {
    const { learnerId: _author, document, ...request } = s.requests.get(requestId);
    const reply = deliverDocument(s.exports, s.dataDir, rationaleDocument(request, s.settings.get().trustName), `${document.fileName}.pdf`, s.clock(), document.html);
    return reply;
  },
});
