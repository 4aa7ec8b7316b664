import { describe, expect, it } from 'vitest';
import { compareVersions, isValidVersion } from './version.js';

describe('version ordering', () => {
  it('orders numerically, pre-releases first, invalid last', () => {
    const sorted = ['bad', '1.5.0', '1.11.3', '1.2.4-SNAPSHOT', '1.2.4', '1.2.4-alpha.2', '1.2.4-alpha.10', 'zzz'].sort(compareVersions);
    expect(sorted).toEqual(['1.2.4-SNAPSHOT', '1.2.4-alpha.2', '1.2.4-alpha.10', '1.2.4', '1.5.0', '1.11.3', 'bad', 'zzz']);
  });
  it('ignores build metadata for order', () => {
    expect(compareVersions('1.0.0+build1', '1.0.0+build2')).toBe(0);
  });
  it('knows what is valid', () => {
    expect(isValidVersion('1.2.3-rc.1+b5')).toBe(true);
    expect(isValidVersion('v1')).toBe(false);
  });
});
