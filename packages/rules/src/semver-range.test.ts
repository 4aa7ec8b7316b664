import { describe, expect, it } from 'vitest';
import { isValidRange, satisfies } from './semver-range.js';

describe('satisfies', () => {
  it.each([
    ['0.1.0', '>=0.1.0', true],
    ['0.0.9', '>=0.1.0', false],
    ['1.4.2', '^1.2.0', true],
    ['2.0.0', '^1.2.0', false],
    ['0.2.5', '^0.2.1', true],
    ['0.3.0', '^0.2.1', false],
    ['1.2.9', '~1.2.3', true],
    ['1.3.0', '~1.2.3', false],
    ['1.2.7', '1.2.x', true],
    ['1.3.0', '1.2.x', false],
    ['1.5.0', '>=1.0.0 <2', true],
    ['2.0.0', '>=1.0.0 <2', false],
    ['3.1.0', '^1.0.0 || ^3.0.0', true],
    ['1.0.0-beta', '>=1.0.0', false],
    ['9.9.9', '*', true],
  ])('%s in %s is %s', (version, range, expected) => {
    expect(satisfies(version, range)).toBe(expected);
  });

  it('accepts only ranges it understands', () => {
    expect(isValidRange('>=0.1.0 <1')).toBe(true);
    expect(isValidRange('latest')).toBe(false);
  });
});
