import { parseExpression } from '@eqlkit/parser';
import { describe, expect, it } from 'vitest';
import { foldConstant } from '../constant-fold.js';
import { substring } from './substring.js';

const fold = (text: string) => foldConstant(parseExpression(text).ast ?? { type: 'Null', range: [0, 0] });

describe('substring', () => {
  it('uses Python slice semantics', () => {
    expect(substring('hello world', 6, null)).toBe('world');
    expect(substring('hello world', -5, -1)).toBe('worl');
    expect(substring('hello world', -60, 5)).toBe('hello');
    expect(substring('start regsvr32.exe', -4, null)).toBe('.exe');
    expect(substring('hello', 3, 1)).toBe('');
    expect(substring('hello', 10, 20)).toBe('');
  });
  it('returns the source unchanged for a null start (end ignored)', () => {
    expect(fold('substring("hello world", null, 5)')).toBe('hello world');
    expect(fold('substring(null, 1)')).toBeNull();
  });
});
