/**
 * Writing a file completely or not at all: the bytes go to a temporary file
 * beside the target (same folder, so the rename cannot cross file systems),
 * which is flushed to disk and only then renamed over the target. A cancelled
 * or failed export removes its temporary files and leaves no target behind.
 */
import { randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, openSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { Writable } from 'node:stream';

/** Temporary files are hidden and end in .part, so a folder listing shows what they are. */
export const isPartFile = (name: string): boolean => name.startsWith('.') && name.endsWith('.part');

export class AtomicFile {
  readonly temp: string;
  private fd: number | null;
  private written = 0;

  constructor(readonly target: string) {
    this.temp = join(dirname(target), `.${basename(target)}.${randomBytes(4).toString('hex')}.part`);
    // Exports hold personal data: readable by this user only.
    this.fd = openSync(this.temp, 'wx', 0o600);
  }

  get bytes(): number {
    return this.written;
  }

  write(data: string | Uint8Array): void {
    if (this.fd === null) throw new Error('The file is already closed.');
    const buffer = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
    let offset = 0;
    while (offset < buffer.length) offset += writeSync(this.fd, buffer, offset, buffer.length - offset);
    this.written += buffer.length;
  }

  /** A stream onto this file, for libraries that write streams (exceljs). */
  stream(): Writable {
    return new Writable({
      write: (chunk: Buffer, _encoding, done) => {
        try {
          this.write(chunk);
          done();
        } catch (error) {
          done(error as Error);
        }
      },
    });
  }

  /** Flush to disk and close; the file is still under its temporary name. */
  finish(): void {
    if (this.fd === null) return;
    fsyncSync(this.fd);
    closeSync(this.fd);
    this.fd = null;
  }

  /** Give it its real name (replacing any file there). */
  commit(): void {
    this.finish();
    renameSync(this.temp, this.target);
  }

  /** Throw it away; safe to call more than once. */
  abort(): void {
    if (this.fd !== null) {
      try {
        closeSync(this.fd);
      } catch {
        // Already closed.
      }
      this.fd = null;
    }
    try {
      unlinkSync(this.temp);
    } catch {
      // Already gone.
    }
  }
}

/** Make renames in a folder durable (a no-op where folders cannot be opened, as on Windows). */
export function syncFolder(folder: string): void {
  let fd: number | null = null;
  try {
    fd = openSync(folder, 'r');
    fsyncSync(fd);
  } catch {
    // Not supported here; the renames are still atomic.
  } finally {
    if (fd !== null) closeSync(fd);
  }
}
