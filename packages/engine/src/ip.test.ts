import { describe, expect, it } from 'vitest';
import { cidrContains, compareIp, ipKey, parseCidr, parseIp } from './ip.js';

describe('ip addresses', () => {
  it('parses IPv4 and IPv6 forms to the same 16 bytes', () => {
    const v4 = parseIp('10.0.0.1');
    expect(v4 && ipKey(v4)).toBe(ipKey(parseIp('::ffff:10.0.0.1') ?? new Uint8Array()));
    expect(ipKey(parseIp('::1') ?? new Uint8Array())).toBe(ipKey(parseIp('0:0:0:0:0:0:0:1') ?? new Uint8Array()));
    expect(parseIp('2001:db8::8a2e:370:7334')).toBeDefined();
  });
  it('rejects what is not an address', () => {
    for (const bad of ['256.0.0.1', '1.2.3', '1::2::3', '1:2:3:4:5:6:7:8:9', 'abc', '', '01.2.3.4.5']) expect(parseIp(bad), bad).toBeUndefined();
  });
  it('orders by bytes', () => {
    const a = parseIp('10.0.0.2');
    const b = parseIp('10.0.0.10');
    expect(a && b && compareIp(a, b)).toBeLessThan(0);
  });
  it('tests CIDR membership for IPv4 and IPv6', () => {
    const in4 = (c: string, ip: string) => cidrContains(parseCidr(c) ?? { network: new Uint8Array(16), prefix: 129 }, parseIp(ip) ?? new Uint8Array(16));
    expect(in4('10.6.48.157/8', '10.1.2.3')).toBe(true);
    expect(in4('10.0.0.0/8', '11.0.0.0')).toBe(false);
    expect(in4('192.168.1.0/25', '192.168.1.127')).toBe(true);
    expect(in4('192.168.1.0/25', '192.168.1.128')).toBe(false);
    expect(in4('0.0.0.0/0', '8.8.8.8')).toBe(true);
    expect(in4('0.0.0.0/0', '::1')).toBe(false);
    expect(in4('fe80::/10', 'fe80::1')).toBe(true);
    expect(in4('10.0.0.1', '10.0.0.1')).toBe(true);
    expect(parseCidr('10.0.0.0/33')).toBeUndefined();
    expect(parseCidr('::/129')).toBeUndefined();
  });
});
