/** 1-based line and column (column counted in UTF-16 units). */
export interface Position {
  readonly line: number;
  readonly column: number;
}

/** Offsets of line starts, built once per text, for offset → line/column lookups. */
export class LineIndex {
  private readonly starts: number[] = [0];

  constructor(readonly text: string) {
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 10) this.starts.push(i + 1);
      else if (c === 13 && text.charCodeAt(i + 1) !== 10) this.starts.push(i + 1);
    }
  }

  /** Line and column of a UTF-16 offset (clamped into the text). */
  positionAt(offset: number): Position {
    const o = Math.min(Math.max(0, offset), this.text.length);
    let low = 0;
    let high = this.starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if ((this.starts[mid] ?? 0) <= o) low = mid;
      else high = mid - 1;
    }
    return { line: low + 1, column: o - (this.starts[low] ?? 0) + 1 };
  }

  /** The text of a 1-based line, without its line break. */
  lineText(line: number): string {
    const start = this.starts[line - 1];
    if (start === undefined) return '';
    const next = this.starts[line];
    const raw = this.text.slice(start, next ?? this.text.length);
    return raw.replace(/\r?\n$|\r$/, '');
  }

  /** Offset where a 1-based line starts. */
  lineStart(line: number): number {
    return this.starts[line - 1] ?? this.text.length;
  }
}

/** Builds a line index for `text`. */
export function lineIndex(text: string): LineIndex {
  return new LineIndex(text);
}

/** Line and column of `offset` in `text` (builds a throwaway index; reuse `lineIndex` in loops). */
export function positionAt(text: string, offset: number): Position {
  return new LineIndex(text).positionAt(offset);
}
