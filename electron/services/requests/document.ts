import { RATIONALE_POINTS, type AccountRequest } from '@contract/channels/requests';
import { standalonePageCspMeta } from '@contract/page-csp';

export type RequestFacts = Omit<AccountRequest, 'document'>;

export interface DocumentContext {
  trustName: string;
  /** The policy's own words for the process (clause new-accounts.rationale), quoted at the top. */
  processWording: string;
}

const escapeHtml = (s: string): string =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);

const paragraphs = (s: string): string =>
  s
    .split(/\n{2,}/)
    .map((p) => `<p>${escapeHtml(p).replace(/\n/g, '<br>')}</p>`)
    .join('\n');

const longDate = (iso: string): string =>
  new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'Europe/London' }).format(new Date(iso));

const slug = (s: string): string =>
  s
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40);

export function documentFileName(r: RequestFacts): string {
  const date = r.createdAt.slice(0, 10);
  const about = slug(r.accountName || r.platform || r.requester.school);
  return ['new-account-request', date, about].filter(Boolean).join('-');
}

/** The request's facts, label and value, in the order every form of the document shows them. */
export const requestDetails = (r: RequestFacts): [string, string][] => [
  ['Requested by', `${r.requester.name} (${r.requester.roleLabel})`],
  ['School', r.requester.school],
  ['Date', longDate(r.createdAt)],
  ['Platform', r.platform || 'Not given'],
  ['Proposed account name', r.accountName || 'Not given'],
  ['Policy version', r.policyVersionLabel],
  ['Reference', r.requestId],
];

/** The request as a standalone page for the Trust central team: print it, or save it as PDF. */
export function requestHtml(r: RequestFacts, ctx: DocumentContext): string {
  const rows = requestDetails(r)
    .map(([k, v]) => `<tr><th scope="row">${escapeHtml(k)}</th><td>${escapeHtml(v)}</td></tr>`)
    .join('\n');
  const points = RATIONALE_POINTS.map((p) => `<h2>${escapeHtml(p.label)}</h2>\n${paragraphs(r[p.field])}`).join('\n');
  return `<!doctype html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
${standalonePageCspMeta}
<title>New social media account request: ${escapeHtml(r.accountName || r.requester.school)}</title>
<style>
body { font: 11pt/1.5 system-ui, sans-serif; color: #111; max-width: 42rem; margin: 2rem auto; padding: 0 1rem; }
h1 { font-size: 1.5rem; margin-bottom: 0.25rem; }
h2 { font-size: 1.1rem; margin: 1.5rem 0 0.25rem; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; vertical-align: top; padding: 0.25rem 0.5rem 0.25rem 0; }
th { width: 14rem; font-weight: 600; }
blockquote { margin: 1rem 0; padding-left: 1rem; border-left: 3px solid #555; }
footer { margin-top: 2rem; font-size: 0.9rem; color: #333; }
</style>
</head>
<body>
<header>
<p>${escapeHtml(ctx.trustName)}</p>
<h1>New social media account request</h1>
<p>For the Trust central team</p>
</header>
<blockquote><p>${escapeHtml(ctx.processWording)}</p><p>Social Media Policy, "Process for creating new social media accounts"</p></blockquote>
<table>
${rows}
</table>
${points}
<footer><p>Prepared in the Social Media Policy training app. The account is not to be opened until the Trust central team has agreed it.</p></footer>
</body>
</html>
`;
}

/** The same request as plain text, for an email or a ticket. */
export function requestText(r: RequestFacts, ctx: DocumentContext): string {
  const lines = [
    ctx.trustName,
    'NEW SOCIAL MEDIA ACCOUNT REQUEST',
    'For the Trust central team',
    '',
    `Policy: "${ctx.processWording}"`,
    '',
    ...requestDetails(r).map(([k, v]) => `${k}: ${v}`),
    '',
  ];
  for (const p of RATIONALE_POINTS) lines.push(p.label.toUpperCase(), r[p.field], '');
  lines.push('The account is not to be opened until the Trust central team has agreed it.');
  return `${lines.join('\n')}\n`;
}
