import { parseExpression } from '@eqlkit/parser';
import { describe, expect, it } from 'vitest';
import { foldConstant } from '../constant-fold.js';

const fold = (text: string) => foldConstant(parseExpression(text).ast ?? { type: 'Null', range: [0, 0] });

describe('cidrMatch (function form)', () => {
  it('matches IPv4 and IPv6 against several blocks; null ip gives null', () => {
    expect(fold('cidrMatch("10.1.2.3", "192.168.0.0/16", "10.0.0.0/8")')).toBe(true);
    expect(fold('cidrMatch("2001:db8::1", "2001:db8::/32")')).toBe(true);
    expect(fold('cidrMatch("8.8.8.8", "10.0.0.0/8")')).toBe(false);
    expect(fold('cidrMatch(null, "10.0.0.0/8")')).toBeNull();
  });
});
