/**
 * IP addresses as Elasticsearch's `ip` type holds them: 16 bytes, IPv4 as IPv4-mapped IPv6
 * (`::ffff:a.b.c.d`), ordered by bytes. Used by `ip`-typed comparisons and `cidrMatch`.
 */

function parseIpv4(s: string): number[] | undefined {
  const parts = s.split('.');
  if (parts.length !== 4) return undefined;
  const out: number[] = [];
  for (const p of parts) {
    // No leading zeros (Elasticsearch's InetAddresses: decimal or octal would be ambiguous).
    if (!/^(?:0|[1-9]\d{0,2})$/.test(p)) return undefined;
    const n = Number(p);
    if (n > 255) return undefined;
    out.push(n);
  }
  return out;
}

function parseIpv6(s: string): number[] | undefined {
  let text = s;
  let tail: number[] = [];
  const lastColon = text.lastIndexOf(':');
  if (lastColon >= 0 && text.slice(lastColon + 1).includes('.')) {
    const v4 = parseIpv4(text.slice(lastColon + 1));
    if (!v4) return undefined;
    tail = v4;
    text = `${text.slice(0, lastColon + 1)}0:0`;
  }
  const halves = text.split('::');
  if (halves.length > 2) return undefined;
  const groups = (part: string): number[] | undefined => {
    if (part === '') return [];
    const out: number[] = [];
    for (const g of part.split(':')) {
      if (!/^[0-9a-fA-F]{1,4}$/.test(g)) return undefined;
      out.push(parseInt(g, 16));
    }
    return out;
  };
  const head = groups(halves[0] ?? '');
  const rest = halves.length === 2 ? groups(halves[1] ?? '') : [];
  if (!head || !rest) return undefined;
  const missing = 8 - head.length - rest.length;
  if (halves.length === 2 ? missing < 1 : missing !== 0) return undefined;
  const words = [...head, ...new Array<number>(missing).fill(0), ...rest];
  const bytes = words.flatMap((w) => [w >> 8, w & 0xff]);
  if (tail.length === 4) bytes.splice(12, 4, ...tail);
  return bytes;
}

/** Parse an IPv4 or IPv6 address into 16 bytes (IPv4 mapped); undefined when not an address. */
export function parseIp(value: unknown): Uint8Array | undefined {
  if (typeof value !== 'string') return undefined;
  const s = value.trim();
  if (s.includes(':')) {
    const v6 = parseIpv6(s.startsWith('[') && s.endsWith(']') ? s.slice(1, -1) : s);
    return v6 ? Uint8Array.from(v6) : undefined;
  }
  const v4 = parseIpv4(s);
  return v4 ? Uint8Array.from([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, ...v4]) : undefined;
}

/** Byte order of two parsed addresses. */
export function compareIp(a: Uint8Array, b: Uint8Array): number {
  for (let i = 0; i < 16; i++) {
    const d = (a[i] ?? 0) - (b[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

/** A canonical string for equality and hashing (hex of the 16 bytes). */
export function ipKey(bytes: Uint8Array): string {
  let out = '';
  for (const b of bytes) out += b.toString(16).padStart(2, '0');
  return out;
}

/** A parsed CIDR block: network bytes and prefix length over the 16-byte form. */
export interface Cidr {
  readonly network: Uint8Array;
  readonly prefix: number;
}

/** Parse `a.b.c.d/n`, `x::/n` or a bare address (a /32 or /128). Undefined when invalid. */
export function parseCidr(text: string): Cidr | undefined {
  const slash = text.indexOf('/');
  const addr = parseIp(slash < 0 ? text : text.slice(0, slash));
  if (!addr) return undefined;
  const v4 = !text.slice(0, slash < 0 ? undefined : slash).includes(':');
  const max = v4 ? 32 : 128;
  let bits = max;
  if (slash >= 0) {
    const p = text.slice(slash + 1).trim();
    if (!/^\d{1,3}$/.test(p)) return undefined;
    bits = Number(p);
    if (bits > max) return undefined;
  }
  return { network: addr, prefix: v4 ? bits + 96 : bits };
}

/** True when the address lies inside the block. */
export function cidrContains(cidr: Cidr, ip: Uint8Array): boolean {
  let bits = cidr.prefix;
  for (let i = 0; i < 16 && bits > 0; i++, bits -= 8) {
    const mask = bits >= 8 ? 0xff : (0xff << (8 - bits)) & 0xff;
    if (((ip[i] ?? 0) & mask) !== ((cidr.network[i] ?? 0) & mask)) return false;
  }
  return true;
}
