import { closeSync, createWriteStream, fsyncSync, openSync, renameSync, rmSync, writeSync, type WriteStream } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { PARTIAL_FLAGS, recheckTarget, type ExportTarget } from './target';

/**
 * The `.partial` file beside a target: a new name each time, created exclusively (never an
 * existing file, never through a link), readable by its owner only.
 */
function openPartial(target: ExportTarget): { fd: number; path: string } {
  const partial = `${target.path}.${randomBytes(4).toString('hex')}.partial`;
  return { fd: openSync(partial, PARTIAL_FLAGS, 0o600), path: partial };
}

/** Moves a finished `.partial` into place after checking the target once more; removes it if that fails. */
function moveIntoPlace(partial: string, target: ExportTarget): void {
  try {
    recheckTarget(target);
    renameSync(partial, target.path);
  } catch (err) {
    rmSync(partial, { force: true });
    throw err;
  }
}

/** A whole file at once (packages, PDFs): written to its `.partial`, flushed to disk, moved into place. */
export function writeExportFile(target: ExportTarget, data: Uint8Array): void {
  const partial = openPartial(target);
  try {
    for (let at = 0; at < data.length; ) at += writeSync(partial.fd, data, at);
    fsyncSync(partial.fd);
  } catch (err) {
    closeSync(partial.fd);
    rmSync(partial.path, { force: true });
    throw err;
  }
  closeSync(partial.fd);
  moveIntoPlace(partial.path, target);
}

/**
 * A file written as rows arrive, with back-pressure, so an export never holds all its rows. It is
 * written beside the target as a `.partial` file and moved into place only when complete: a
 * failed or cancelled export never leaves a half file that looks finished.
 */
export class FileSink {
  private readonly stream: WriteStream;
  private readonly partial: string;
  private failure: Error | null = null;
  bytes = 0;

  constructor(readonly target: ExportTarget) {
    const opened = openPartial(target);
    this.partial = opened.path;
    // flush: fsync before close, so a power cut never leaves a moved-in file that is empty.
    this.stream = createWriteStream('', { fd: opened.fd, flush: true });
    this.stream.on('error', (err) => {
      this.failure = err;
    });
  }

  /** Resolves at once unless the OS buffer is full, then when it drains. */
  write(chunk: string | Uint8Array): Promise<void> {
    if (this.failure) return Promise.reject(this.failure);
    const data = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
    this.bytes += data.length;
    if (this.stream.write(data)) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const onDrain = (): void => {
        this.stream.off('error', onError);
        resolve();
      };
      const onError = (err: Error): void => {
        this.stream.off('drain', onDrain);
        reject(err);
      };
      this.stream.once('drain', onDrain);
      this.stream.once('error', onError);
    });
  }

  /** Flushes, closes and moves the file into place. */
  async finish(): Promise<void> {
    await new Promise<void>((resolve, reject) => {
      this.stream.once('error', reject);
      this.stream.end(() => resolve());
    });
    if (this.failure) throw this.failure;
    await this.closed();
    moveIntoPlace(this.partial, this.target);
  }

  /** Gives up: closes and removes the partial file. */
  async abort(): Promise<void> {
    if (!this.stream.closed) this.stream.destroy();
    await this.closed();
    rmSync(this.partial, { force: true });
  }

  private closed(): Promise<void> {
    return new Promise((resolve) => {
      if (this.stream.closed) resolve();
      else this.stream.once('close', () => resolve());
    });
  }
}
