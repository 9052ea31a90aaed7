/**
 * The Content-Security-Policy the app must send, written out here by hand (never imported from
 * electron/host/csp): a test comparing the header with the app's own constant would pass whatever
 * that constant said. Changing the policy means changing this line too, on purpose.
 */
export const EXPECTED_APP_CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/** The same policy, directive by directive, as a reader checks it. */
export const EXPECTED_APP_CSP_DIRECTIVES: Readonly<Record<string, readonly string[]>> = {
  'default-src': ["'none'"],
  'script-src': ["'self'"],
  'style-src': ["'self'"],
  'img-src': ["'self'", 'data:'],
  'font-src': ["'self'"],
  'connect-src': ["'self'"],
  'base-uri': ["'none'"],
  'form-action': ["'none'"],
  'frame-ancestors': ["'none'"],
};

/** The other headers sent with every app file. */
export const EXPECTED_SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': EXPECTED_APP_CSP,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
};
