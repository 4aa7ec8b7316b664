import { parseExpression } from '@eqlkit/parser';
import { describe, expect, it } from 'vitest';
import { foldConstant } from '../constant-fold.js';
import { EqlError } from '../errors.js';

const fold = (text: string) => foldConstant(parseExpression(text).ast ?? { type: 'Null', range: [0, 0] });

describe('registry', () => {
  it('rejects unknown functions, wrong arity and ~ on functions without it', () => {
    expect(() => fold('arrayContains("a", "a")')).toThrow(EqlError);
    expect(() => fold('length("a", "b")')).toThrow(EqlError);
    expect(() => fold('length~("a")')).toThrow(EqlError);
  });
  it('looks names up case-insensitively', () => {
    expect(fold('CONCAT("a", "b")')).toBe('ab');
  });
});
