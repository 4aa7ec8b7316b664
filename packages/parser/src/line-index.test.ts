import { describe, expect, it } from 'vitest';
import { LineIndex } from './line-index.js';

describe('LineIndex', () => {
  it('maps offsets to 1-based line and column across LF, CRLF and CR', () => {
    const index = new LineIndex('ab\ncd\r\nef\rgh');
    expect([0, 2, 3, 7, 10, 11].map((o) => index.positionAt(o))).toEqual([
      { line: 1, column: 1 },
      { line: 1, column: 3 },
      { line: 2, column: 1 },
      { line: 3, column: 1 },
      { line: 4, column: 1 },
      { line: 4, column: 2 },
    ]);
    expect(index.lineText(2)).toBe('cd');
  });

  it('clamps offsets outside the text', () => {
    const index = new LineIndex('abc');
    expect(index.positionAt(99)).toEqual({ line: 1, column: 4 });
    expect(index.positionAt(-5)).toEqual({ line: 1, column: 1 });
  });
});
