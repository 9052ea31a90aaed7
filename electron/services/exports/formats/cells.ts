/**
 * Spreadsheet safety for every text cell we write. A cell that begins with = + - @ tab or CR is
 * read as a formula by Excel, LibreOffice and Sheets (CSV injection, OWASP); a leading apostrophe
 * makes it plain text in all three and is visible, so nobody is misled about the value.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

export const neutralise = (text: string): string => (FORMULA_START.test(text) ? `'${text}` : text);

export type Cell = string | number | null | undefined;

/** RFC 4180 quoting; text is neutralised first, numbers are written as they are. */
export function csvField(cell: Cell): string {
  if (cell === null || cell === undefined) return '';
  if (typeof cell === 'number') {
    if (!Number.isFinite(cell)) throw new Error(`A CSV number cell must be finite, not ${cell}`);
    return String(cell);
  }
  const safe = neutralise(cell);
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** One CSV record with its CRLF terminator (RFC 4180). */
export const csvLine = (cells: readonly Cell[]): string => `${cells.map(csvField).join(',')}\r\n`;
