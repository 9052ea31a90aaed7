/**
 * The Content-Security-Policy every standalone page the app writes carries in a meta element
 * (a new-account request saved as a web page, a printable certificate): it may style itself and
 * nothing more: no script, no network, no form, no base URL. `frame-ancestors` has no effect in
 * a meta element, so it is not named.
 */
export const STANDALONE_PAGE_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'";

export const standalonePageCspMeta = `<meta http-equiv="Content-Security-Policy" content="${STANDALONE_PAGE_CSP}">`;
