import type { AccountRequest } from '../../../contract/channels/requests';
import { RATIONALE_POINTS } from '../../../contract/channels/requests';
import type { PrintDocument } from './model';

/**
 * A saved new-account request (electron/services/requests) as a printable document: the policy's
 * four points (aim, audience, promotion, who runs it) in its order, for the Trust central team.
 * The requests service owns the request and its HTML page; this is its PDF.
 */
export function rationaleDocument(r: Omit<AccountRequest, 'document'>, trustName: string): PrintDocument {
  const day = new Date(r.createdAt).toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'Europe/London' });
  const account = [r.accountName, r.platform && `(${r.platform})`].filter(Boolean).join(' ');
  return {
    title: `New social media account request${r.accountName ? `: ${r.accountName}` : ''}`,
    blocks: [
      { kind: 'title', text: 'New social media account request' },
      { kind: 'text', text: `For the ${trustName} central team, as the Social Media Policy asks before any new account is created.` },
      { kind: 'field', label: 'Requested by', text: `${r.requester.name}, ${r.requester.roleLabel}` },
      { kind: 'field', label: 'School', text: r.requester.school },
      { kind: 'field', label: 'Proposed account', text: account || 'Not named yet' },
      { kind: 'field', label: 'Date', text: day },
      { kind: 'field', label: 'Policy version', text: r.policyVersionLabel },
      ...RATIONALE_POINTS.flatMap((p, i) => [
        { kind: 'heading' as const, text: `${i + 1}. ${p.label}` },
        { kind: 'text' as const, text: r[p.field] },
      ]),
      { kind: 'note', text: 'The account is not to be opened until the Trust central team has agreed it.' },
    ],
  };
}
