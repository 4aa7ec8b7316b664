import { describe, expect, it } from 'vitest';
import { LineIndex, lineIndex, positionAt } from './line-index.js';

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

  it('gives each line its text without the break, and where it starts', () => {
    const index = lineIndex('ab\ncd\r\nef\rgh\n');
    expect([1, 2, 3, 4, 5].map((l) => index.lineText(l))).toEqual(['ab', 'cd', 'ef', 'gh', '']);
    expect([1, 2, 3, 4, 5].map((l) => index.lineStart(l))).toEqual([0, 3, 7, 10, 13]);
    expect(index.lineText(6)).toBe('');
    expect(index.lineStart(6)).toBe(13);
    expect(index.lineText(0)).toBe('');
  });

  it('finds the line of every offset of a long text (binary search at its edges)', () => {
    const text = Array.from({ length: 50 }, (_, i) => 'x'.repeat(i)).join('\n');
    const index = new LineIndex(text);
    let line = 1;
    let column = 1;
    for (let o = 0; o <= text.length; o++) {
      expect(index.positionAt(o)).toEqual({ line, column });
      if (text[o] === '\n') {
        line++;
        column = 1;
      } else column++;
    }
    expect(positionAt('a\nb', 2)).toEqual({ line: 2, column: 1 });
  });
});
