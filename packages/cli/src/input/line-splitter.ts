import type { Splitter, TextRecord } from './text-record.js';

/**
 * NDJSON: one record per line. CRLF and LF both end a line, blank lines are dropped, a last line
 * without a newline still counts. Line numbers count every line, blank ones included, so they
 * match what an editor shows.
 */
export class LineSplitter implements Splitter {
  // Pieces of the current unfinished line; kept as parts so a long line spread over many chunks
  // is joined once, not re-copied per chunk.
  private parts: string[] = [];
  private line = 1;

  push(chunk: string): TextRecord[] {
    const records: TextRecord[] = [];
    let start = 0;
    for (let nl = chunk.indexOf('\n'); nl !== -1; nl = chunk.indexOf('\n', start)) {
      const piece = chunk.slice(start, nl);
      if (this.parts.length > 0) {
        this.parts.push(piece);
        this.emit(this.parts.join(''), records);
        this.parts = [];
      } else {
        this.emit(piece, records);
      }
      start = nl + 1;
    }
    if (start < chunk.length) this.parts.push(chunk.slice(start));
    return records;
  }

  end(): { records: TextRecord[] } {
    const records: TextRecord[] = [];
    if (this.parts.length > 0) this.emit(this.parts.join(''), records);
    this.parts = [];
    return { records };
  }

  private emit(raw: string, into: TextRecord[]): void {
    const line = this.line++;
    const text = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (text.trim().length > 0) into.push({ text, line });
  }
}
