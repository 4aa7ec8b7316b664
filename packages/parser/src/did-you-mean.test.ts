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
});
