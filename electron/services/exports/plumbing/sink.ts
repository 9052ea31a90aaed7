import { createWriteStream, renameSync, rmSync, type WriteStream } from 'node:fs';

/**
 * A file written as rows arrive, with back-pressure, so an export never holds all its rows. It is
 * written beside the target as `<name>.partial` and renamed only when complete: a failed or
 * cancelled export never leaves a half file that looks finished.
 */
export class FileSink {
  private readonly stream: WriteStream;
  private readonly partial: string;
  private failure: Error | null = null;
  bytes = 0;

  constructor(readonly target: string) {
    this.partial = `${target}.partial`;
    this.stream = createWriteStream(this.partial, { flags: 'w' });
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
    renameSync(this.partial, this.target);
  }

  /** Gives up: closes and removes the partial file. */
  async abort(): Promise<void> {
    await new Promise<void>((resolve) => {
      if (this.stream.closed) resolve();
      else this.stream.destroy();
      this.stream.once('close', () => resolve());
      setImmediate(() => resolve());
    });
    rmSync(this.partial, { force: true });
  }
}
