/** A printable document as plain blocks, rendered to HTML (printToPDF, browser print) or to PDF. */
export type Block =
  | { kind: 'title'; text: string }
  | { kind: 'heading'; text: string }
  | { kind: 'text'; text: string }
  | { kind: 'field'; label: string; text: string }
  | { kind: 'note'; text: string };

export interface PrintDocument {
  /** Document title (PDF metadata, HTML <title>). */
  title: string;
  blocks: Block[];
  /** A certificate: a border on the page and its title centred. */
  frame?: boolean;
}
