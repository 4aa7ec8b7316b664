import type { RawLineFilter } from '@eqlkit/engine';

/** The lines that passed, UTF-8 encoded and joined with `\n`, with their 1-based numbers. */
export interface ByteLineBatch {
  readonly utf8: Uint8Array;
  readonly lines: Int32Array;
  /** Lines the filter rejected. */
  readonly skipped: number;
}

const NL = 0x0a;
const CR = 0x0d;

function blank(bytes: Uint8Array, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    const c = bytes[i] as number;
    if (c !== 0x20 && c !== 0x09 && c !== CR && c !== 0x0b && c !== 0x0c) return false;
  }
  return true;
}

/**
 * NDJSON lines cut out of raw bytes and prefiltered before any UTF-8 decoding: each line is seen
 * by the filter as one character per byte (`latin1`, see `RawPrefilterOptions.utf8Bytes`), and
 * only the lines it passes are kept, as bytes. Line numbering, CRLF and blank lines as in
 * `LineSplitter`. Each `push`/`end` returns its batch (a copy: the chunk is not kept).
 */
export class ByteLineFilter {
  private carry: Buffer | undefined;
  private line = 1;
  private parts: Buffer[] = [];
  private size = 0;
  private lines: number[] = [];
  private skipped = 0;

  constructor(private readonly filter: RawLineFilter | undefined) {}

  push(chunk: Buffer): ByteLineBatch {
    if (this.line === 1 && !this.carry && chunk.length >= 3 && chunk[0] === 0xef && chunk[1] === 0xbb && chunk[2] === 0xbf) chunk = chunk.subarray(3);
    const bytes = this.carry ? Buffer.concat([this.carry, chunk]) : chunk;
    this.carry = undefined;
    const text = this.filter ? bytes.toString('latin1', 0, bytes.length) : '';
    let start = 0;
    for (let nl = bytes.indexOf(NL, start); nl !== -1; nl = bytes.indexOf(NL, start)) {
      this.take1(bytes, text, start, nl);
      start = nl + 1;
    }
    if (start < bytes.length) this.carry = Buffer.from(bytes.subarray(start));
    return this.take();
  }

  /** End of input: the last line without a newline. */
  end(): ByteLineBatch {
    const rest = this.carry;
    this.carry = undefined;
    if (rest) this.take1(rest, this.filter ? rest.toString('latin1', 0, rest.length) : '', 0, rest.length);
    return this.take();
  }

  private take(): ByteLineBatch {
    // Its own ArrayBuffer (never a pooled one), so that it can be transferred.
    const utf8 = new Uint8Array(this.size);
    let offset = 0;
    for (const part of this.parts) {
      utf8.set(part, offset);
      offset += part.length;
    }
    const batch = { utf8, lines: Int32Array.from(this.lines), skipped: this.skipped };
    this.parts = [];
    this.size = 0;
    this.lines = [];
    this.skipped = 0;
    return batch;
  }

  private take1(bytes: Buffer, text: string, start: number, end: number): void {
    const line = this.line++;
    if (end > start && bytes[end - 1] === CR) end--;
    if (end === start || ((bytes[start] as number) <= 0x20 && blank(bytes, start, end))) return;
    if (this.filter && !this.filter(text.slice(start, end))) {
      this.skipped++;
      return;
    }
    if (this.lines.length > 0) {
      this.parts.push(NEWLINE);
      this.size++;
    }
    this.parts.push(bytes.subarray(start, end));
    this.size += end - start;
    this.lines.push(line);
  }
}

const NEWLINE = Buffer.from('\n');
