/** XML text and attribute escaping for the manifests (no library: five characters). */
export const xml = (s: string): string =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');

/** An xs:ID from a module id (NCName: letters first, no colons). */
export const xmlId = (prefix: string, id: string): string => `${prefix}-${id.replace(/[^A-Za-z0-9._-]/g, '_')}`;
