import { describe, expect, it } from 'vitest';
import { asciiCaseInsensitive, compileJavaRegex } from './java-regex.js';

describe('Java regex (script path)', () => {
  it('treats ^/$ as anchors, supports lazy quantifiers and must match the whole value', () => {
    expect(compileJavaRegex('^a.*?b$')('axxb')).toBe(true);
    expect(compileJavaRegex('a')('ab')).toBe(false);
  });
  it('is linear on (a+)+$ over 50k characters', () => {
    const start = performance.now();
    expect(compileJavaRegex('(a+)+$')(`${'a'.repeat(50_000)}!`)).toBe(false);
    expect(performance.now() - start).toBeLessThan(2000);
  });
});

describe('Java CASE_INSENSITIVE (ASCII only)', () => {
  const ci = (p: string, v: string) => compileJavaRegex(p, true)(v);
  it('folds ASCII letters, in literals, classes and ranges', () => {
    expect(ci('net\\.EXE', 'NET.exe')).toBe(true);
    expect(ci('[a-c]+x', 'ABCX')).toBe(true);
    expect(ci('[^a]', 'A')).toBe(false);
    expect(ci('\\Qa.B\\E', 'A.b')).toBe(true);
    expect(ci('\\Qa.B\\E', 'AxB')).toBe(false);
  });
  it('leaves non-ASCII letters distinct (unlike RE2 Unicode folding)', () => {
    expect(ci('ärger', 'ÄRGER')).toBe(false);
    expect(ci('ärger', 'äRGER')).toBe(true);
    expect(ci('k', '\u212A')).toBe(false);
  });
  it('keeps escapes, named groups and flags as written', () => {
    expect(ci('\\d\\p{L}+', '1ab')).toBe(true);
    expect(ci('(?P<name>ab)c', 'ABC')).toBe(true);
    expect(ci('\\x41b', 'Ab')).toBe(true);
    expect(asciiCaseInsensitive('a{2,3}')).toBe('[aA]{2,3}');
  });
});
