import { textual, type RawLineFilter, type RawPrefilterSpec } from '@eqlkit/engine/raw-lines';

/**
 * The lines that passed, UTF-8 encoded and joined with `\n` (or, when the filter decodes, as
 * `texts` with `utf8` empty), with their 1-based numbers.
 */
export interface ByteLineBatch {
  readonly utf8: Uint8Array;
  readonly texts?: readonly string[];
  readonly lines: Int32Array;
  /** Lines the filter rejected. */
  readonly skipped: number;
}

type Utf8Slice = (this: Buffer, start: number, end: number) => string;
const nativeUtf8Slice = (Buffer.prototype as unknown as { utf8Slice?: Utf8Slice }).utf8Slice;
/**
 * The UTF-8 text of `bytes[start, end)`. `Buffer#utf8Slice` (what `toString('utf8', ...)` calls
 * after checking its arguments) when Node has it: per line, the checks were a tenth of `eql
 * query`'s time; invalid bytes become U+FFFD either way.
 */
export const utf8Text: (bytes: Buffer, start: number, end: number) => string = nativeUtf8Slice
  ? (bytes, start, end) => nativeUtf8Slice.call(bytes, start, end)
  : (bytes, start, end) => bytes.toString('utf8', start, end);

/**
 * The `count` lines of a batch's bytes (joined with `\n`), each decoded on its own: the pieces of
 * one decode then `split` would be slices keeping the whole batch's text alive. Invalid UTF-8
 * becomes U+FFFD as with `TextDecoder`. Lines `unused` names are left empty (not decoded);
 * `ends`, when given, receives where each line ends (its start is the end before it, plus one).
 */
export function decodeLines(utf8: Uint8Array, count: number, unused?: (line: number) => boolean, ends?: Int32Array): string[] {
  const texts = new Array<string>(count);
  eachLine(utf8, count, (bytes, start, end, i) => {
    texts[i] = unused?.(i) === true ? '' : utf8Text(bytes, start, end);
    if (ends) ends[i] = end;
  });
  return texts;
}

/**
 * Calls `visit` with where each of the `count` lines of a batch's bytes (joined with `\n`) starts
 * and ends, in order: to decode each line on its own (`decodeLines`), or to use each text and
 * drop it before the next (the line worker).
 */
export function eachLine(utf8: Uint8Array, count: number, visit: (bytes: Buffer, start: number, end: number, line: number) => void): void {
  const bytes = Buffer.from(utf8.buffer, utf8.byteOffset, utf8.length);
  let start = 0;
  for (let i = 0; i < count; i++) {
    const nl = i === count - 1 ? bytes.length : bytes.indexOf(0x0a, start);
    visit(bytes, start, nl, i);
    start = nl + 1;
  }
}

const NL = 0x0a;
const CR = 0x0d;
const BACKSLASH = Buffer.from('\\');
/** More needles than this, and a pass over the chunk per needle costs more than it saves. */
const MAX_SCREEN_NEEDLES = 8;
/**
 * Specs with more distinct needles take `compileRawPrefilter`'s many-needle path, which drops
 * short needles: a screen (which keeps them) could then reject lines the filter passes. Sound
 * still, but the screen is kept to agreeing with the filter exactly.
 */
const MAX_SPEC_NEEDLES = 12;

/**
 * Byte strings of which a line the prefilter passes holds one: for each term, the needles of its
 * most selective group whose needles are all case-sensitive (a line where the term holds has one
 * of them), and a backslash (a line with a hiding escape passes whatever it says). A line that
 * looks like one object and holds none of them is rejected without being looked at. Undefined
 * when some term has no such group, or there are too many needles.
 */
export function byteScreen(spec: RawPrefilterSpec): Buffer[] | undefined {
  const distinct = new Set(spec.terms.flatMap((t) => t.groups.flat().map((n) => `${n.caseInsensitive ? 'i' : 's'}${n.text}`)));
  if (distinct.size > MAX_SPEC_NEEDLES) return undefined;
  const needles = new Map<string, Buffer>([['\\', BACKSLASH]]);
  for (const term of spec.terms) {
    // Not groups with a numeric needle: a number can be written otherwise than its digits.
    const usable = term.groups.filter((g) => g.length > 0 && textual(g) && g.every((n) => !n.caseInsensitive));
    if (usable.length === 0) return undefined;
    const shortest = (g: (typeof usable)[number]) => Math.min(...g.map((n) => Buffer.byteLength(n.text)));
    const best = usable.reduce((a, b) => (shortest(b) > shortest(a) ? b : a));
    for (const n of best) needles.set(n.text, Buffer.from(n.text, 'utf8'));
  }
  return needles.size > MAX_SCREEN_NEEDLES + 1 ? undefined : [...needles.values()];
}

/** Where any of `needles` starts in `bytes` from `from` on, ascending. */
function screenHits(bytes: Buffer, needles: readonly Buffer[], from: number): number[] {
  const hits: number[] = [];
  for (const needle of needles) {
    for (let at = bytes.indexOf(needle, from); at !== -1; at = bytes.indexOf(needle, at + 1)) hits.push(at);
  }
  return needles.length > 1 ? hits.sort((a, b) => a - b) : hits;
}

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
  /**
   * The kept lines not yet taken, as (source, start, end): byte ranges of the chunk being pushed
   * or of the line joined across chunks before it (copied out by `take`).
   */
  private ranges: number[] = [];
  private sources: Buffer[] = [];
  private size = 0;
  private lines: number[] = [];
  private texts: string[] = [];
  private skipped = 0;

  /**
   * Positions of `screen` needles in the chunk being scanned (undefined: no screen, or the line
   * joined across chunks), and the first not behind the current line.
   */
  private hits: number[] | undefined;
  private hit = 0;

  /** The prefilter; undefined when there is none or it rejects nothing (then no text is made for it). */
  private readonly filter: RawLineFilter | undefined;

  constructor(
    filter: RawLineFilter | undefined,
    /**
     * Each kept line decoded from the chunk on its own (for this thread), instead of copied into
     * one buffer (for a worker to transfer): no copy, and no string that keeps a chunk alive.
     */
    private readonly decode = false,
    /** From `byteScreen` of the spec `filter` was compiled from: it only rejects lines `filter` would. */
    private readonly screen?: readonly Buffer[],
    /** Where a batch's bytes are copied to (a worker reuses the buffers the main thread gives back). */
    private readonly allocate: (size: number) => Uint8Array = (size) => new Uint8Array(size),
  ) {
    this.filter = filter?.passesEverything === true ? undefined : filter;
  }

  push(chunk: Buffer): ByteLineBatch {
    let from = 0;
    if (this.carry) {
      // Only the line cut by the previous chunk is joined (not the whole chunk copied).
      const nl = chunk.indexOf(NL);
      if (nl === -1) {
        this.carry = Buffer.concat([this.carry, chunk]);
        return this.empty();
      }
      const line = Buffer.concat([this.carry, chunk.subarray(0, nl)]);
      this.carry = undefined;
      this.hits = undefined;
      // Taken with the chunk's own lines, in one batch.
      this.take1(line, this.filter ? line.toString('latin1', 0, line.length) : '', 0, line.length);
      from = nl + 1;
    }
    return this.scan(chunk, from);
  }

  private scan(bytes: Buffer, from: number): ByteLineBatch {
    // With a screen only the lines holding a screen needle are read as text, one by one.
    this.hits = this.filter && this.screen ? screenHits(bytes, this.screen, from) : undefined;
    this.hit = 0;
    const text = this.filter && !this.hits ? bytes.toString('latin1', 0, bytes.length) : '';
    let start = from;
    for (let nl = bytes.indexOf(NL, start); nl !== -1; nl = bytes.indexOf(NL, start)) {
      this.take1(bytes, text, start, nl);
      start = nl + 1;
    }
    if (start < bytes.length) this.carry = Buffer.from(bytes.subarray(start));
    return this.take();
  }

  private empty(): ByteLineBatch {
    return { utf8: new Uint8Array(0), lines: new Int32Array(0), skipped: 0, ...(this.decode ? { texts: [] } : {}) };
  }

  /** End of input: the last line without a newline. */
  end(): ByteLineBatch {
    const rest = this.carry;
    this.carry = undefined;
    if (rest) {
      this.hits = undefined;
      this.take1(rest, this.filter ? rest.toString('latin1', 0, rest.length) : '', 0, rest.length);
    }
    return this.take();
  }

  private take(): ByteLineBatch {
    if (this.decode) {
      const batch = { utf8: new Uint8Array(0), lines: Int32Array.from(this.lines), skipped: this.skipped, texts: this.texts };
      this.texts = [];
      this.lines = [];
      this.skipped = 0;
      return batch;
    }
    // Its own ArrayBuffer (never a pooled one), so that it can be transferred.
    const utf8 = this.allocate(this.size);
    let offset = 0;
    for (let i = 0; i < this.ranges.length; i += 3) {
      if (i > 0) utf8[offset++] = NL;
      offset += (this.sources[this.ranges[i] as number] as Buffer).copy(utf8, offset, this.ranges[i + 1], this.ranges[i + 2]);
    }
    const batch = { utf8, lines: Int32Array.from(this.lines), skipped: this.skipped };
    this.ranges = [];
    this.sources = [];
    this.size = 0;
    this.lines = [];
    this.skipped = 0;
    return batch;
  }

  /** The filter's answer for the line at [start, end): from the screen when it has no needle. */
  private passes(bytes: Buffer, text: string, start: number, end: number): boolean {
    const filter = this.filter as RawLineFilter;
    const hits = this.hits;
    if (!hits) return filter(text.slice(start, end));
    while (this.hit < hits.length && (hits[this.hit] as number) < start) this.hit++;
    const screened = this.hit < hits.length && (hits[this.hit] as number) < end;
    // Not one object: the filter passes it (so that the parser reports it).
    const object = end - start >= 2 && bytes[start] === 0x7b && bytes[end - 1] === 0x7d;
    if (object && !screened) return false;
    return filter(bytes.toString('latin1', start, end));
  }

  private take1(bytes: Buffer, text: string, start: number, end: number): void {
    const line = this.line++;
    // A byte order mark starts the input, as the text reader's decoder drops it.
    if (line === 1 && end - start >= 3 && bytes[start] === 0xef && bytes[start + 1] === 0xbb && bytes[start + 2] === 0xbf) start += 3;
    if (end > start && bytes[end - 1] === CR) end--;
    if (end === start || ((bytes[start] as number) <= 0x20 && blank(bytes, start, end))) return;
    if (this.filter && !this.passes(bytes, text, start, end)) {
      this.skipped++;
      return;
    }
    this.lines.push(line);
    if (this.decode) {
      this.texts.push(utf8Text(bytes, start, end));
      return;
    }
    if (this.lines.length > 1) this.size++;
    if (this.sources[this.sources.length - 1] !== bytes) this.sources.push(bytes);
    this.ranges.push(this.sources.length - 1, start, end);
    this.size += end - start;
  }
}
