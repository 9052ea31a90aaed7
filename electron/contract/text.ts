import type { z } from 'zod';

// ---------------------------------------------------------------------------------------------
// Text a person types (names, settings, the set-up file, request forms): never a control
// character. One definition for every channel, so a name the dashboard, an export or a PDF prints
// never holds one: C0 controls and DEL, the C1 controls, the line and paragraph separators, and
// the bidirectional embeddings, overrides and isolates (which make text read other than it is).
// Found without a regex so the linter's no-control-regex holds.
// ---------------------------------------------------------------------------------------------

const isControl = (c: number): boolean =>
  c < 0x20 || (c >= 0x7f && c <= 0x9f) || c === 0x2028 || c === 0x2029 || (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069);

const hex = (c: number): string => `U+${c.toString(16).toUpperCase().padStart(4, '0')}`;

/**
 * Where the first control character is, in words ("U+0000 at character 12"), or null. `allow`
 * names characters a field may hold (a multi-line answer keeps its line breaks and tabs).
 */
export function controlIn(s: string, allow: readonly string[] = []): string | null {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (isControl(c) && !allow.includes(s.charAt(i))) return `${hex(c)} at character ${i + 1}`;
  }
  return null;
}

/** True when `s` holds a control character (see controlIn). */
export const hasControl = (s: string, allow: readonly string[] = []): boolean => controlIn(s, allow) !== null;

/**
 * A zod check for a text field: the issue says which character and where, after `what` (the field's
 * own words: "name", "The platform") when given.
 */
export const noControl =
  (what = '', allow: readonly string[] = []) =>
  (s: string, ctx: z.RefinementCtx): void => {
    const found = controlIn(s, allow);
    if (found) ctx.addIssue({ code: 'custom', message: `${what ? `${what} ` : ''}must not contain control characters (${found})`, input: s });
  };
