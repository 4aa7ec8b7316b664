import { parseExpression } from '@eqlkit/parser';
import { describe, expect, it } from 'vitest';
import { foldConstant } from '../constant-fold.js';
import { EqlError } from '../errors.js';
import { between } from './between.js';

const fold = (text: string) => foldConstant(parseExpression(text).ast ?? { type: 'Null', range: [0, 0] });

describe('between', () => {
  it('takes the text after left up to the next right, or the last right when greedy', () => {
    expect(between('welcome to the planet', 'welcome', 'e', false, false)).toBe(' to th');
    expect(between('welcome to the planet', 'welcome', 'e', true, false)).toBe(' to the plan');
  });
  it('gives "" when left or right is not found, src when any is empty', () => {
    expect(between('welcome to the planet', 'welcome', 'x', false, false)).toBe('');
    expect(between('welcome to the planet', 'goodbye', 'planet', false, false)).toBe('');
    expect(between('welcome to the planet', '', '', true, false)).toBe('welcome to the planet');
    expect(between('', 'a', 'b', false, false)).toBe('');
  });
  it('gives "" where a greedy right lies before the end of left', () => {
    expect(between('ab', 'b', 'a', true, false)).toBe('');
  });
  it('~ searches lowercased text but slices the original', () => {
    expect(between('Hello WORLD there', 'world', 'THERE', false, true)).toBe(' ');
    expect(between('xÄBCy', 'ä', 'y', false, true)).toBe('BC');
    expect(between('xABy', 'a', 'y', false, false)).toBe('');
  });
  it('is null for a null source and an error for a null bound', () => {
    expect(fold('between(null, "a", "b")')).toBeNull();
    expect(() => fold('between("abc", null, "b")')).toThrow(EqlError);
  });
  it('requires a boolean constant for greedy', () => {
    expect(() => fold('between("abc", "a", "c", "yes")')).toThrow(EqlError);
  });
  it('returns src when any one of src, left or right is empty', () => {
    expect(between('abc', '', 'c', false, false)).toBe('abc');
    expect(between('abc', 'a', '', false, false)).toBe('abc');
    expect(between('abc', '', 'c', true, false)).toBe('abc');
  });
  it('gives the empty text between adjacent bounds, and the first right after left when not greedy', () => {
    expect(between('ab', 'a', 'b', false, false)).toBe('');
    expect(between('xaybyb', 'a', 'b', false, false)).toBe('y');
    expect(between('xaybyb', 'a', 'b', true, false)).toBe('yby');
    expect(between('bab', 'a', 'b', false, false)).toBe('');
    expect(between('b-a-b', 'a', 'b', true, false)).toBe('-');
  });
  it('is null when an argument is not a string', () => {
    expect(fold('between(5, "a", "b")')).toBeNull();
    expect(fold('between("abc", 5, "b")')).toBeNull();
    expect(fold('between("abc", "a", 5)')).toBeNull();
    expect(fold('between("abc", "a", "c")')).toBe('b');
  });
});
