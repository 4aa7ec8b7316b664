import { describe, expect, it } from 'vitest';
import { asciiEqualsIgnoreCase, asciiLower, javaEqualsIgnoreCase, javaLower } from './case-fold.js';

describe('case folding', () => {
  it('ASCII folding leaves non-ASCII letters alone', () => {
    expect(asciiLower('ÄRGER')).toBe('Ärger');
    expect(asciiEqualsIgnoreCase('ÄRGER', 'ärger')).toBe(false);
    expect(asciiEqualsIgnoreCase('äRGER', 'ärger')).toBe(true);
    expect(asciiEqualsIgnoreCase('a', 'ab')).toBe(false);
  });
  it('Java compareToIgnoreCase folds per character', () => {
    expect(javaEqualsIgnoreCase('ÄRGER', 'ärger')).toBe(true);
    expect(javaEqualsIgnoreCase('ΣΑΣ', 'σας')).toBe(true);
    expect(javaEqualsIgnoreCase('STRASSE', 'straße')).toBe(false);
    expect(javaEqualsIgnoreCase('\u{10400}', '\u{10428}')).toBe(true);
  });
  it('Java toLowerCase(ROOT) lowercases fully', () => {
    expect(javaLower('ÄRGER')).toBe('ärger');
  });
});
