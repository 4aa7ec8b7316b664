import { describe, expect, it } from 'vitest';
import { parse } from './parse.js';
import { stripRanges } from './strip-ranges.js';

describe('stripRanges', () => {
  it('removes every range and keeps everything else', () => {
    const { ast } = parse('any where x in (1, "a")');
    const text = JSON.stringify(stripRanges(ast));
    expect(text).not.toContain('range');
    expect(stripRanges(ast)).toMatchObject({ type: 'Statement', query: { filter: { condition: { type: 'In', list: [{ value: 1 }, { value: 'a' }] } } } });
  });

  it('makes trees parsed from differently spaced text equal', () => {
    expect(stripRanges(parse('any where a==1').ast)).toEqual(stripRanges(parse('any   where\n a == 1 // c').ast));
  });
});
