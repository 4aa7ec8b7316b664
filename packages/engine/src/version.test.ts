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
  it('reads numeric parts as numbers: leading zeros ignored, zeros inside kept', () => {
    expect(compareVersions('1.02', '1.2')).toBe(0);
    expect(compareVersions('1.002', '1.2')).toBe(0);
    expect(compareVersions('1.2', '1.02')).toBe(0);
    expect(compareVersions('1.2', '1.002')).toBe(0);
    expect(compareVersions('01.0', '1.0')).toBe(0);
    expect(compareVersions('1.101', '1.11')).toBeGreaterThan(0);
    expect(compareVersions('1.11', '1.101')).toBeLessThan(0);
    expect(compareVersions('1.2', '1.3')).toBeLessThan(0);
    expect(compareVersions('1.3', '1.2')).toBeGreaterThan(0);
    expect(compareVersions('1.0.0-007', '1.0.0-7')).toBe(0);
  });
  it('takes a pre-release identifier as a number only when it is all digits', () => {
    // Mixed identifiers compare as text, after every numeric one.
    expect(compareVersions('1.0.0-b1', '1.0.0-a')).toBeGreaterThan(0);
    expect(compareVersions('1.0.0-a', '1.0.0-b1')).toBeLessThan(0);
    expect(compareVersions('1.0.0-1b', '1.0.0-22')).toBeGreaterThan(0);
    expect(compareVersions('1.0.0-22', '1.0.0-1b')).toBeLessThan(0);
    expect(compareVersions('1.0.0-22', '1.0.0-b')).toBeLessThan(0);
    expect(compareVersions('1.0.0-b', '1.0.0-22')).toBeGreaterThan(0);
    // `-` sorts before digits as text, yet a numeric identifier comes first.
    expect(compareVersions('1.0.0-1', '1.0.0--')).toBeLessThan(0);
    expect(compareVersions('1.0.0-10', '1.0.0--x')).toBeLessThan(0);
    expect(compareVersions('1.0.0--x', '1.0.0-10')).toBeGreaterThan(0);
  });
  it('puts a valid version before an invalid one even when the invalid text sorts first', () => {
    expect(compareVersions('1.0', '-1')).toBeLessThan(0);
    expect(compareVersions('-1', '1.0')).toBeGreaterThan(0);
    expect(compareVersions('9', ' 1')).toBeLessThan(0);
  });
});
