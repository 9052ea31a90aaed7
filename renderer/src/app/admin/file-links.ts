/** A file the preview hands back (base64) turned into a link the administrator can follow. */
export interface FileLink {
  fileName: string;
  url: string;
  bytes: number;
}

export interface Base64File {
  fileName: string;
  mediaType: string;
  base64: string;
}

/** Decodes the reply's base64 into a Blob URL; the caller revokes it (revokeLinks) when done. */
export function linkFor(file: Base64File): FileLink {
  const bytes = Uint8Array.from(atob(file.base64), (c) => c.charCodeAt(0));
  return { fileName: file.fileName, url: URL.createObjectURL(new Blob([bytes], { type: file.mediaType })), bytes: bytes.length };
}

export function revokeLinks(links: readonly FileLink[]): void {
  for (const l of links) URL.revokeObjectURL(l.url);
}

/** "12 KB", "3.4 MB": sizes as people read them. */
export function sizeText(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}
