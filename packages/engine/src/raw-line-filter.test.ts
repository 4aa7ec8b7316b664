import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { asUtf8Bytes, compileRawPrefilter, compileRawRouter, hasHidingEscape } from './raw-line-filter.js';
import type { Needle, RawPrefilterSpec } from './raw-prefilter.js';

const spec = (...terms: Needle[][][]): RawPrefilterSpec => ({ terms: terms.map((groups) => ({ groups })) });
const cs = (text: string): Needle => ({ text, caseInsensitive: false });
const ci = (text: string): Needle => ({ text, caseInsensitive: true });

/**
 * The filter's meaning, written plainly: some term with every group present. Above 12 distinct
 * needles, groups with a needle shorter than 4 characters are not required.
 */
function naive(spec: RawPrefilterSpec, line: string): boolean {
  if (!line.startsWith('{') || !line.endsWith('}')) return true;
  const distinct = new Set(spec.terms.flatMap((t) => t.groups.flat().map((n) => `${n.caseInsensitive}${n.text}`)));
  const s = distinct.size <= 12 ? spec : { terms: spec.terms.map((t) => ({ groups: t.groups.filter((g) => g.every((n) => n.text.length >= 4)) })) };
  const folded = line.replace(/[A-Z]/g, (c) => c.toLowerCase());
  const has = (n: Needle) => (n.caseInsensitive ? folded : line).includes(n.text);
  return s.terms.some((t) => t.groups.every((g) => g.some(has))) || hasHidingEscape(line);
}

describe('compileRawPrefilter', () => {
  it('passes a line holding every group of some term, and only then', () => {
    const f = compileRawPrefilter(spec([[cs('deny_push')], [cs('okta')]], [[cs('sso')]]));
    expect(f('{"a":"deny_push","m":"okta"}')).toBe(true);
    expect(f('{"a":"deny_push"}')).toBe(false);
    expect(f('{"a":"sso"}')).toBe(true);
    expect(f('{"a":"SSO"}')).toBe(false);
  });

  it('finds case-insensitive needles in the ASCII-folded line', () => {
    const f = compileRawPrefilter(spec([[ci('powershell')]]));
    expect(f('{"p":"C:\\\\PowerShell.EXE"}')).toBe(true);
    expect(f('{"p":"cmd.exe"}')).toBe(false);
  });

  it('lets through lines whose escapes could hide a needle (\\u, \\/), not those with only \\\\ or \\"', () => {
    const f = compileRawPrefilter(spec([[cs('user.authentication.sso')]]));
    expect(f('{"a":"\\u0075ser.authentication.sso"}')).toBe(true);
    expect(f('{"a":"user\\/x"}')).toBe(true);
    expect(f('{"a":"C:\\\\users \\"q\\""}')).toBe(false);
    expect(f('{"a":"C:\\\\\\\\u"}')).toBe(false);
  });

  it('lets through lines that are not one JSON object, so the parser reports them', () => {
    const f = compileRawPrefilter(spec([[cs('zzz')]]));
    expect(f('{"a":1')).toBe(true);
    expect(f('[1]')).toBe(true);
    expect(f(' {"a":1}')).toBe(true);
  });

  it('finds non-ASCII needles in raw UTF-8 bytes read one per character', () => {
    const f = compileRawPrefilter(spec([[cs('café')]]), { utf8Bytes: true });
    expect(f(asUtf8Bytes('{"a":"le café"}'))).toBe(true);
    expect(f(asUtf8Bytes('{"a":"le cafe"}'))).toBe(false);
    expect(asUtf8Bytes('é😀')).toBe('\xc3\xa9\xf0\x9f\x98\x80');
  });

  const alphabet = fc.constantFrom('a', 'b', 'A', 'B', 'é', '\\', 'u', '/', '"', 'x');
  const text = (max: number) => fc.array(alphabet, { minLength: 1, maxLength: max }).map((cs) => cs.join(''));
  const needle = fc.record({ text: fc.oneof(text(3), text(5).map((t) => `ab${t}`)), caseInsensitive: fc.boolean() }).map((n) => (n.caseInsensitive ? { ...n, text: n.text.toLowerCase() } : n));
  const specs = (min: number) =>
    fc
      .array(fc.array(fc.array(needle, { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 3 }), { minLength: min, maxLength: min + 6 })
      .map((terms) => spec(...terms));

  it('indexOf and Aho-Corasick paths agree with the plain definition (fast-check)', () => {
    fc.assert(
      fc.property(fc.oneof(specs(1), specs(12)), fc.array(text(40).map((t) => `{${t}}`), { maxLength: 8 }), (s, lines) => {
        const f = compileRawPrefilter(s);
        for (const line of lines) expect(f(line)).toBe(naive(s, line));
      }),
      { numRuns: 300 },
    );
  });

  it('gives the same answer on raw UTF-8 bytes as on the decoded line (fast-check)', () => {
    fc.assert(
      fc.property(fc.oneof(specs(1), specs(12)), fc.array(text(40).map((t) => `{${t}}`), { maxLength: 8 }), (s, lines) => {
        const f = compileRawPrefilter(s);
        const b = compileRawPrefilter(s, { utf8Bytes: true });
        for (const line of lines) expect(b(asUtf8Bytes(line))).toBe(f(line));
      }),
      { numRuns: 300 },
    );
  });
});

describe('compileRawRouter', () => {
  const alphabet = fc.constantFrom('a', 'b', 'A', 'B', 'é', '\\', 'u', '/', '"', 'x');
  const text = (max: number) => fc.array(alphabet, { minLength: 1, maxLength: max }).map((cs) => cs.join(''));
  const needle = fc.record({ text: fc.oneof(text(3), text(5).map((t) => `ab${t}`)), caseInsensitive: fc.boolean() }).map((n) => (n.caseInsensitive ? { ...n, text: n.text.toLowerCase() } : n));
  const specOrNone = fc.option(
    fc.array(fc.array(fc.array(needle, { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 3 }).map((terms) => spec(...terms)),
    { nil: undefined },
  );

  /** The router's meaning: the statements (with a prefilter) some term of which is all present. */
  function naiveRoute(specs: readonly (RawPrefilterSpec | undefined)[], line: string): number[] | undefined {
    // Statements without a prefilter are never listed: with none having one, nothing is.
    if (specs.every((s) => s === undefined)) return [];
    if (line.length < 2 || !line.startsWith('{') || !line.endsWith('}') || hasHidingEscape(line)) return undefined;
    // Unlike the one-statement filter, every group is required, short needles included.
    const folded = line.replace(/[A-Z]/g, (c) => c.toLowerCase());
    const has = (n: Needle) => (n.caseInsensitive ? folded : line).includes(n.text);
    return specs.flatMap((s, i) => (s && s.terms.some((t) => t.groups.every((g) => g.some(has))) ? [i] : []));
  }

  it('lists exactly the statements whose prefilter passes the line (fast-check)', () => {
    fc.assert(
      fc.property(fc.array(specOrNone, { minLength: 1, maxLength: 6 }), fc.array(text(40).map((t) => `{${t}}`), { maxLength: 8 }), (specs, lines) => {
        const route = compileRawRouter(specs);
        for (const line of lines) expect(route(line)?.sort((a, b) => a - b), line).toEqual(naiveRoute(specs, line));
      }),
      { numRuns: 300 },
    );
  });

  it('routes by named needles, and every statement may match a line that is not one object', () => {
    const route = compileRawRouter([spec([[cs('deny_push')]]), undefined, spec([[ci('sso')], [cs('okta')]])]);
    expect(route('{"a":"deny_push"}')).toEqual([0]);
    expect(route('{"a":"SSO","m":"okta"}')).toEqual([2]);
    expect(route('{"a":"sso","m":"deny_push okta"}')?.sort()).toEqual([0, 2]);
    expect(route('{"a":"other"}')).toEqual([]);
    expect(route('[1]')).toBeUndefined();
    expect(route('{"a":"\\u0064eny_push"}')).toBeUndefined();
    expect(compileRawRouter([undefined])('{"a":1}')).toEqual([]);
  });
});
