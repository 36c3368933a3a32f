/**
 * A minimal POSIX ustar writer, enough to stream an export bundle over HTTP as one archive
 * (`curl … | tar -x -C bundle/`): regular files only, names up to 100 bytes.
 */
const BLOCK = 512;

/** One file: its 512-byte header, then its content padded to a whole block. */
export function tarEntry(name: string, content: Buffer, mtime = new Date()): Buffer {
  const nameBytes = Buffer.from(name, 'utf8');
  if (nameBytes.length > 100) throw new RangeError(`tar entry name longer than 100 bytes: ${name}`);
  const header = Buffer.alloc(BLOCK);
  nameBytes.copy(header, 0);
  header.write('0000644\0', 100, 'ascii');
  header.write('0000000\0', 108, 'ascii');
  header.write('0000000\0', 116, 'ascii');
  header.write(`${content.length.toString(8).padStart(11, '0')}\0`, 124, 'ascii');
  header.write(
    `${Math.floor(mtime.getTime() / 1000)
      .toString(8)
      .padStart(11, '0')}\0`,
    136,
    'ascii',
  );
  header.write('        ', 148, 'ascii');
  header.write('0', 156, 'ascii');
  header.write('ustar\0', 257, 'ascii');
  header.write('00', 263, 'ascii');
  let sum = 0;
  for (const byte of header) sum += byte;
  header.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148, 'ascii');
  const padding = (BLOCK - (content.length % BLOCK)) % BLOCK;
  return Buffer.concat([header, content, Buffer.alloc(padding)]);
}

/** The end of an archive: two zero blocks. */
export function tarEnd(): Buffer {
  return Buffer.alloc(2 * BLOCK);
}

/**
 * Reads a ustar archive as it arrives, chunk by chunk (what {@link tarEntry} writes): `push` answers
 * the files completed by the chunk; `end` checks that the archive was not cut short.
 */
export class TarReader {
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  private finished = false;

  push(chunk: Buffer): Array<{ name: string; content: Buffer }> {
    this.pending.push(chunk);
    this.pendingBytes += chunk.length;
    const files: Array<{ name: string; content: Buffer }> = [];
    while (!this.finished && this.pendingBytes >= BLOCK) {
      const header = this.peek(BLOCK);
      if (header.every((byte) => byte === 0)) {
        this.finished = true;
        break;
      }
      const size = parseInt(header.subarray(124, 136).toString('ascii').replace(/\0.*$/s, '').trim() || '0', 8);
      if (!Number.isSafeInteger(size) || size < 0) throw new Error('not a tar archive: bad entry size');
      const total = BLOCK + size + ((BLOCK - (size % BLOCK)) % BLOCK);
      if (this.pendingBytes < total) break;
      const entry = this.take(total);
      const nameField = entry.subarray(0, 100);
      const end = nameField.indexOf(0);
      const name = nameField.subarray(0, end === -1 ? 100 : end).toString('utf8');
      if (entry[156] === 0x30 || entry[156] === 0) files.push({ name, content: Buffer.from(entry.subarray(BLOCK, BLOCK + size)) });
    }
    return files;
  }

  /** Throws when the archive ended without its end blocks (the server cut it short). */
  end(): void {
    if (!this.finished) throw new Error('the archive was cut short (no end-of-archive blocks)');
  }

  private peek(bytes: number): Buffer {
    if (this.pending[0].length < bytes) this.pending = [Buffer.concat(this.pending)];
    return this.pending[0].subarray(0, bytes);
  }

  private take(bytes: number): Buffer {
    const all = this.pending.length === 1 ? this.pending[0] : Buffer.concat(this.pending);
    this.pending = all.length > bytes ? [all.subarray(bytes)] : [];
    this.pendingBytes -= bytes;
    return all.subarray(0, bytes);
  }
}
