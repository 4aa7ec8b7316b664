import { describe, expect, it } from 'vitest';
import { didYouMean } from './did-you-mean.js';

describe('didYouMean', () => {
  it('suggests the closest candidate for a typo, ignoring case', () => {
    expect(didYouMean('lenght', ['length', 'string'])).toBe('length');
    expect(didYouMean('STARTSWITH', ['startsWith', 'endsWith'])).toBe('startsWith');
    expect(didYouMean('haed', ['head', 'tail'])).toBe('head');
  });

  it('stays silent when nothing is close', () => {
    expect(didYouMean('arrayContains', ['head', 'tail'])).toBeUndefined();
  });

  it('allows two edits for short words and a third of the length for long ones, no more', () => {
    // Distance 2 on a short word: suggested; 3: not.
    expect(didYouMean('ab', ['abcd'])).toBe('abcd');
    expect(didYouMean('ab', ['abcde'])).toBeUndefined();
    // 9 letters allow 3 edits, 12 allow 4.
    expect(didYouMean('abcdefxyz', ['abcdefghi'])).toBe('abcdefghi');
    expect(didYouMean('abcdefwxyz', ['abcdefghij'])).toBeUndefined();
    expect(didYouMean('abcdefghwxyz', ['abcdefghijkl'])).toBe('abcdefghijkl');
  });

  it('counts insertions, deletions and substitutions alike, and keeps the first of equals', () => {
    expect(didYouMean('tial', ['tail'])).toBe('tail');
    expect(didYouMean('hed', ['head'])).toBe('head');
    expect(didYouMean('heaad', ['head'])).toBe('head');
    expect(didYouMean('cat', ['bat', 'cut'])).toBe('bat');
    expect(didYouMean('cat', ['cut', 'bat'])).toBe('cut');
    // The closer one wins whatever the order.
    expect(didYouMean('sequense', ['sample', 'sequence'])).toBe('sequence');
    expect(didYouMean('x', [])).toBeUndefined();
  });
});
