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

/** The 16 bytes as hex (ipKey), or undefined when the text is not an address. */
const hex = (text: string) => {
  const b = parseIp(text);
  return b && ipKey(b);
};

describe('ip address parsing (as Elasticsearch InetAddresses)', () => {
  it('gives IPv4 as IPv4-mapped IPv6 bytes', () => {
    expect(hex('10.0.0.1')).toBe('00000000000000000000ffff0a000001');
    expect(hex('255.255.255.255')).toBe('00000000000000000000ffffffffffff');
    expect(hex('0.0.0.0')).toBe('00000000000000000000ffff00000000');
  });
  it('expands :: to the missing groups, wherever it stands', () => {
    expect(hex('::')).toBe('0'.repeat(32));
    expect(hex('::1')).toBe(`${'0'.repeat(30)}01`);
    expect(hex('1::')).toBe(`0001${'0'.repeat(28)}`);
    expect(hex('1:2:3:4:5:6:7::')).toBe('00010002000300040005000600070000');
    expect(hex('::2:3:4:5:6:7:8')).toBe('00000002000300040005000600070008');
    expect(hex('1:2:3:4:5:6::8')).toBe('00010002000300040005000600000008');
    expect(hex('2001:DB8::8a2e:370:7334')).toBe('20010db8000000000000' + '8a2e03707334');
  });
  it('reads a dotted quad in the last 32 bits', () => {
    expect(hex('::ffff:10.0.0.1')).toBe(hex('10.0.0.1'));
    expect(hex('64:ff9b::192.0.2.33')).toBe('0064ff9b0000000000000000c0000221');
    expect(hex('1:2:3:4:5:6:1.2.3.4')).toBe('00010002000300040005000601020304');
    for (const bad of ['::ffff:1.2.3.256', '::ffff:1.2.3', '::ffff:1.2.3.4.5', '1:2:3:4:5:6:7:1.2.3.4']) expect(parseIp(bad), bad).toBeUndefined();
  });
  it('accepts an address in URI brackets, but only in a matched pair', () => {
    expect(hex('[::1]')).toBe(hex('::1'));
    expect(hex('[2001:db8::1]')).toBe(hex('2001:db8::1'));
    for (const bad of ['[::1', '::1]', '1::1]', '[::1x', '[10.0.0.1]']) expect(parseIp(bad), bad).toBeUndefined();
  });
  it('rejects malformed IPv4 octets', () => {
    for (const bad of ['1.2.3.a', 'a1.2.3.4', '1.2.3.4a', '1.2.3.-4', '1.2.3.+4', '1.2.3.4.', '.1.2.3', '1.2..3', '1.2.3.1000', '1.2.3.256'])
      expect(parseIp(bad), bad).toBeUndefined();
  });
  it('rejects an IPv4 octet with a leading zero (no clear decimal or octal reading)', () => {
    for (const bad of ['010.0.0.1', '1.2.3.04', '00.0.0.0', '::ffff:10.0.0.01']) expect(parseIp(bad), bad).toBeUndefined();
  });
  it('rejects malformed IPv6 groups and group counts', () => {
    for (const bad of [
      '::g',
      '::x1',
      '::1x',
      '::12345',
      '1:2:3:4:5:6:7:8::',
      '::1:2:3:4:5:6:7:8',
      '1:2:3:4::5:6:7:8',
      '1:2:3:4:5:6:7:8::1::2',
      '1::2::3',
      '1:2:3:4:5:6:7',
      ':1:2:3:4:5:6:7',
      '1:2:3:4:5:6:7:',
      ':::',
    ])
      expect(parseIp(bad), bad).toBeUndefined();
  });
  it('takes only strings', () => {
    expect(parseIp(167772161)).toBeUndefined();
    expect(parseIp(null)).toBeUndefined();
  });
});

describe('ip ordering and keys', () => {
  it('compares by bytes, IPv4 below the IPv6 addresses above ::ffff:ffff:ffff', () => {
    const cmp = (a: string, b: string) => compareIp(parseIp(a) ?? new Uint8Array(16), parseIp(b) ?? new Uint8Array(16));
    expect(cmp('10.0.0.1', '10.0.0.1')).toBe(0);
    expect(cmp('::ffff:10.0.0.1', '10.0.0.1')).toBe(0);
    expect(cmp('10.0.0.10', '10.0.0.2')).toBeGreaterThan(0);
    expect(cmp('255.255.255.255', '2001:db8::')).toBeLessThan(0);
    expect(cmp('::1', '0.0.0.0')).toBeLessThan(0);
    expect(cmp('ffff::', 'fffe:ffff:ffff:ffff:ffff:ffff:ffff:ffff')).toBeGreaterThan(0);
  });
  it('keys are 32 lowercase hex digits, equal exactly for equal addresses', () => {
    expect(ipKey(Uint8Array.from([0, 1, 0xab, 0xff]))).toBe('0001abff');
    expect(hex('2001:db8::1')).toBe(hex('2001:0DB8:0000:0000:0000:0000:0000:0001'));
    expect(hex('2001:db8::1')).not.toBe(hex('2001:db8::2'));
  });
});

describe('CIDR blocks', () => {
  const contains = (cidr: string, ip: string) => {
    const c = parseCidr(cidr);
    const a = parseIp(ip);
    if (!c || !a) throw new Error(`bad test input ${cidr} ${ip}`);
    return cidrContains(c, a);
  };
  it('reads the prefix length of IPv4 blocks over the mapped form and of IPv6 blocks as is', () => {
    expect(parseCidr('10.0.0.0/8')?.prefix).toBe(104);
    expect(parseCidr('10.0.0.1/32')?.prefix).toBe(128);
    expect(parseCidr('10.0.0.1')?.prefix).toBe(128);
    expect(parseCidr('2001:db8::/32')?.prefix).toBe(32);
    expect(parseCidr('::1/128')?.prefix).toBe(128);
    expect(parseCidr('::1')?.prefix).toBe(128);
    expect(parseCidr('::ffff:10.0.0.0/104')?.prefix).toBe(104);
  });
  it('rejects a prefix that is not a small decimal number or is too long', () => {
    for (const bad of ['10.0.0.0/', '10.0.0.0/x8', '10.0.0.0/8x', '10.0.0.0/-8', '10.0.0.0/+8', '10.0.0.0/1000', '10.0.0.0/33', '::/129', '10.0.0.0/8/8', '/8', '10.0.0/8'])
      expect(parseCidr(bad), bad).toBeUndefined();
  });
  it('compares only the prefix bits, whole bytes and a partial last byte', () => {
    expect(contains('10.0.0.0/16', '10.0.255.255')).toBe(true);
    expect(contains('10.0.0.0/16', '11.0.0.0')).toBe(false);
    expect(contains('10.0.0.0/16', '10.1.0.0')).toBe(false);
    expect(contains('10.0.0.0/12', '10.15.0.0')).toBe(true);
    expect(contains('10.0.0.0/12', '10.16.0.0')).toBe(false);
    expect(contains('10.0.0.1/32', '10.0.0.1')).toBe(true);
    expect(contains('10.0.0.1/32', '10.0.0.0')).toBe(false);
    expect(contains('10.0.0.0/31', '10.0.0.1')).toBe(true);
    expect(contains('2001:db8::/32', '2001:db8:ffff:ffff:ffff:ffff:ffff:ffff')).toBe(true);
    expect(contains('2001:db8::/32', '2001:db9::')).toBe(false);
    expect(contains('2001::/16', '2001:0:ff::1')).toBe(true);
    expect(contains('fe80::/10', 'febf::1')).toBe(true);
    expect(contains('fe80::/10', 'fec0::1')).toBe(false);
    expect(contains('::/0', '10.0.0.1')).toBe(true);
    expect(contains('::1/128', '::1')).toBe(true);
    expect(contains('::1/128', '::2')).toBe(false);
  });
});
