import type { AccountRequest } from '@contract/channels/requests';
import { RATIONALE_POINTS } from '@contract/channels/requests';
import { requestDetails } from '@services/requests';
import type { PrintDocument } from './model';

/**
 * A saved new-account request (electron/services/requests) as a printable document: the same facts
 * as its own page (requestDetails), then the policy's four points (aim, audience, promotion, who
 * runs it) in its order, for the Trust central team.
 */
export function rationaleDocument(r: Omit<AccountRequest, 'document'>, trustName: string): PrintDocument {
  return {
    title: `New social media account request${r.accountName ? `: ${r.accountName}` : ''}`,
    blocks: [
      { kind: 'text', text: trustName },
      { kind: 'title', text: 'New social media account request' },
      { kind: 'text', text: 'For the Trust central team, as the Social Media Policy asks before any new account is created.' },
      ...requestDetails(r).map(([label, text]) => ({ kind: 'field' as const, label, text })),
      ...RATIONALE_POINTS.flatMap((p, i) => [
        { kind: 'heading' as const, text: `${i + 1}. ${p.label}` },
        { kind: 'text' as const, text: r[p.field] },
      ]),
      { kind: 'note', text: 'Prepared in the Social Media Policy training app. The account is not to be opened until the Trust central team has agreed it.' },
    ],
  };
}
