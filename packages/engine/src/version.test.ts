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
  it('compares each part as a number, and a shorter version first', () => {
    expect(compareVersions('1.10', '1.9')).toBeGreaterThan(0);
    expect(compareVersions('1.9', '1.10')).toBeLessThan(0);
    expect(compareVersions('1.2', '1.2.0')).toBeLessThan(0);
    expect(compareVersions('1.2.0', '1.2')).toBeGreaterThan(0);
    expect(compareVersions('2', '10')).toBeLessThan(0);
    expect(compareVersions('1.2.3', '1.2.3')).toBe(0);
  });
  it('orders pre-release identifiers: numbers numerically and before words, fewer first', () => {
    expect(compareVersions('1.0.0-2', '1.0.0-10')).toBeLessThan(0);
    expect(compareVersions('1.0.0-10', '1.0.0-2')).toBeGreaterThan(0);
    expect(compareVersions('1.0.0-1', '1.0.0-a')).toBeLessThan(0);
    expect(compareVersions('1.0.0-a', '1.0.0-1')).toBeGreaterThan(0);
    expect(compareVersions('1.0.0-alpha', '1.0.0-beta')).toBeLessThan(0);
    expect(compareVersions('1.0.0-beta', '1.0.0-alpha')).toBeGreaterThan(0);
    expect(compareVersions('1.0.0-alpha', '1.0.0-alpha.1')).toBeLessThan(0);
    expect(compareVersions('1.0.0-alpha.1', '1.0.0-alpha')).toBeGreaterThan(0);
    expect(compareVersions('1.0.0-rc.1', '1.0.0-rc.1')).toBe(0);
    expect(compareVersions('1.0.0', '1.0.0-rc.1')).toBeGreaterThan(0);
  });
  it('puts every valid version before every invalid one, invalid ones by code point', () => {
    expect(compareVersions('99.0', 'a')).toBeLessThan(0);
    expect(compareVersions('a', '99.0')).toBeGreaterThan(0);
    expect(compareVersions('b', 'a')).toBeGreaterThan(0);
    expect(compareVersions('a', 'b')).toBeLessThan(0);
    expect(compareVersions('x', 'x')).toBe(0);
    for (const bad of ['', '1.', '.1', '1..2', '1.2-', '1.2+', 'v1.2', '1.2 ']) expect(isValidVersion(bad), bad).toBe(false);
    for (const good of ['0', '1.2.3.4.5', '1.2-a-b', '1.2+x.y']) expect(isValidVersion(good), good).toBe(true);
  });
});
