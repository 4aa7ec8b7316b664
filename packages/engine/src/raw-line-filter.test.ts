import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { asUtf8Bytes, compileRawPrefilter, compileRawRouter, hasHidingEscape, trieDepth } from './raw-line-filter.js';
import type { Needle, RawPrefilterSpec } from './raw-prefilter.js';

const spec = (...terms: Needle[][][]): RawPrefilterSpec => ({ terms: terms.map((groups) => ({ groups })) });
const cs = (text: string): Needle => ({ text, caseInsensitive: false });
const ci = (text: string): Needle => ({ text, caseInsensitive: true });

/**
 * Every string and number value in a parsed line, keys left out, with its path: the keys on the
 * way joined with `.` (arrays passed through), null when a key on the way is written with an
 * escape (the matcher does not work out where those lead). Strings as their JSON text (without
 * quotes).
 */
type Found = { text: string; num?: undefined; path: string | null } | { text?: undefined; num: number; path: string | null };
function stringValues(value: unknown, path: string | null = ''): Found[] {
  if (typeof value === 'string') return [{ text: JSON.stringify(value).slice(1, -1), path }];
  if (typeof value === 'number') return [{ num: value, path }];
  if (Array.isArray(value)) return value.flatMap((v) => stringValues(v, path));
  if (typeof value === 'object' && value !== null) {
    return Object.entries(value).flatMap(([k, v]) => {
      const escaped = JSON.stringify(k).includes('\\');
      return stringValues(v, path === null || escaped ? null : path === '' ? k : `${path}.${k}`);
    });
  }
  return [];
}

/**
 * Where a needle is looked for: the whole line with few needles (`includes`), each value of the
 * (valid JSON) line with many (the Aho-Corasick pass skips keys): a needle tied to a field only
 * in that field's values, an exact one as the whole value, a numeric one also as a number of
 * its value however written.
 */
function hasNeedle(line: string, many: boolean): (n: Needle) => boolean {
  const fold = (t: string) => t.replace(/[A-Z]/g, (c) => c.toLowerCase());
  const hay: Found[] = many ? stringValues(JSON.parse(line)) : [{ text: line, path: null }];
  return (n) =>
    hay.some((h) => {
      if (n.field !== undefined && h.path !== null && h.path !== n.field) return false;
      if (h.text === undefined) return n.numeric === true && h.num === Number(n.text);
      const t = n.caseInsensitive ? fold(h.text) : h.text;
      return many && n.exact && n.field !== undefined ? t === n.text : t.includes(n.text);
    });
}

/**
 * The filter's meaning, written plainly: some term with every group present. Groups with a
 * numeric needle impose nothing on the few-needle search (which cannot tell a number written
 * otherwise). Above 12 distinct needles (those), groups with a needle shorter than 4 characters
 * are not required, and only values are searched.
 */
function naive(spec: RawPrefilterSpec, line: string): boolean {
  if (!line.startsWith('{') || !line.endsWith('}')) return true;
  const searchable = { terms: spec.terms.map((t) => ({ groups: t.groups.filter((g) => g.every((n) => !n.numeric)) })) };
  const distinct = new Set(searchable.terms.flatMap((t) => t.groups.flat().map((n) => `${n.caseInsensitive}${n.text}`)));
  const many = distinct.size > 12;
  const s = many ? { terms: spec.terms.map((t) => ({ groups: t.groups.filter((g) => g.every((n) => n.text.length >= 4)) })) } : searchable;
  if (hasHidingEscape(line)) return true;
  const has = hasNeedle(line, many);
  return s.terms.some((t) => t.groups.every((g) => g.some(has)));
}

/** Random text, and JSON object lines of it (keys too, so needles are found in keys as well). */
const alphabet = fc.constantFrom('a', 'b', 'A', 'B', 'é', '\\', 'u', '/', '"', 'x', ':');
const text = (max: number) => fc.array(alphabet, { minLength: 1, maxLength: max }).map((cs) => cs.join(''));
/** Keys: random, or names that fields are made of (nested or dotted: `a.b` both ways). */
const key = fc.oneof(text(6), fc.constantFrom('a', 'b', 'a.b', 'é', 'x', 'a.'));
const fields = fc.constantFrom('a', 'b', 'a.b', 'a.a', 'b.a.b', 'é', 'a.é', 'x.a', 'a.b.a');
/** Longer than the automaton's depth (32): found by a shared prefix, confirmed in place. */
const long = (t: string) => `${'aB'.repeat(16)}${t}`;
const value = fc.letrec((tie) => ({
  v: fc.oneof(
    { depthSize: 'small' },
    text(12),
    text(12),
    text(4).map(long),
    text(4).map((t) => long(t).toUpperCase()),
    fc.integer(),
    fc.array(tie('v'), { maxLength: 3 }),
    fc.dictionary(key, tie('v'), { maxKeys: 3 }),
  ),
})).v;
/** Integers starting with every digit, for numeric needles and the numbers of lines. */
const digitsOfAnyKind = fc.constantFrom(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 45, 99, 4697);
/** Numbers written as JSON allows, not only as `JSON.stringify` does (`12.0`, `1.2e1`, `-0`). */
const spelled = fc
  .tuple(digitsOfAnyKind, fc.constantFrom((v: number) => `${v}`, (v: number) => `${v}.0`, (v: number) => `${v}e0`, (v: number) => `${v * 10}E-1`, (v: number) => `${v}.5`), fc.boolean())
  .map(([v, way, negative]) => `\u0001${negative && v === 0 ? '-' : ''}${way(v)}\u0001`);
const jsonLine = fc
  .dictionary(key, fc.oneof({ arbitrary: value, weight: 4 }, { arbitrary: spelled, weight: 1 }), { maxKeys: 5 })
  .map((o) => JSON.stringify(o).replace(/"\\u0001([^"]*)\\u0001"/g, '$1'));
/** A needle as the prefilter makes them: the JSON text of a string, without quotes, maybe tied to a field. */
/** A numeric needle as the prefilter makes them: a plain integer, the string or a number of that value. */
const numericNeedle = fc
  .record({ v: digitsOfAnyKind, field: fc.option(fields, { nil: undefined }) })
  .map(({ v, field }): Needle => ({ text: String(v), caseInsensitive: false, exact: true, numeric: true, ...(field === undefined ? {} : { field }) }));
const textNeedle = fc
  .record({
    text: fc.oneof(text(3), text(5).map((t) => `ab${t}`), text(2).map(long)),
    caseInsensitive: fc.boolean(),
    field: fc.option(fields, { nil: undefined }),
    exact: fc.boolean(),
  })
  .map(
    ({ field, exact, ...n }): Needle => ({
      ...n,
      text: JSON.stringify(n.caseInsensitive ? n.text.toLowerCase() : n.text).slice(1, -1),
      ...(field === undefined ? {} : { field }),
      ...(exact ? { exact: true as const } : {}),
    }),
  );
const needle = fc.oneof({ arbitrary: textNeedle, weight: 5 }, { arbitrary: numericNeedle, weight: 1 });

describe('compileRawPrefilter', () => {
  it('says when it rejects no line (passesEverything), and only then', () => {
    // A term that needs nothing searchable: a group of numeric needles only, or no group.
    const numberOnly: Needle = { text: '4697', caseInsensitive: false, numeric: true };
    expect(compileRawPrefilter(spec([[numberOnly]])).passesEverything).toBe(true);
    expect(compileRawPrefilter({ terms: [{ groups: [] }, { groups: [[cs('sso')]] }] }).passesEverything).toBe(true);
    // Many needles: groups with only short ones are dropped, and a term left with none needs nothing.
    const many = Array.from({ length: 14 }, (_, i) => [[cs(`needle-${i}`)]]);
    expect(compileRawPrefilter(spec(...many, [[cs('ab')]])).passesEverything).toBe(true);
    expect(compileRawPrefilter(spec(...many)).passesEverything).not.toBe(true);
    expect(compileRawPrefilter(spec([[cs('sso')]])).passesEverything).not.toBe(true);
    expect(compileRawPrefilter(spec([[cs('sso')]]))('{"a":"other"}')).toBe(false);
  });

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

  const specs = (min: number) =>
    fc
      .array(fc.array(fc.array(needle, { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 3 }), { minLength: min, maxLength: min + 6 })
      .map((terms) => spec(...terms));

  it('indexOf and Aho-Corasick paths agree with the plain definition (fast-check)', () => {
    fc.assert(
      fc.property(fc.oneof(specs(1), specs(12)), fc.array(jsonLine, { maxLength: 8 }), (s, lines) => {
        const f = compileRawPrefilter(s);
        for (const line of lines) expect(f(line)).toBe(naive(s, line));
      }),
      { numRuns: 300 },
    );
  });

  it('gives the same answer on raw UTF-8 bytes as on the decoded line (fast-check)', () => {
    fc.assert(
      fc.property(fc.oneof(specs(1), specs(12)), fc.array(jsonLine, { maxLength: 8 }), (s, lines) => {
        const f = compileRawPrefilter(s);
        const b = compileRawPrefilter(s, { utf8Bytes: true });
        for (const line of lines) expect(b(asUtf8Bytes(line))).toBe(f(line));
      }),
      { numRuns: 300 },
    );
  });
});

describe('compileRawRouter', () => {
  const specOrNone = fc.option(
    fc.array(fc.array(fc.array(needle, { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 3 }).map((terms) => spec(...terms)),
    { nil: undefined },
  );

  /** The router's meaning: the statements (with a prefilter) some term of which is all present. */
  function naiveRoute(specs: readonly (RawPrefilterSpec | undefined)[], line: string): number[] | undefined {
    // Statements without a prefilter are never listed: with none having one, nothing is.
    if (specs.every((s) => s === undefined)) return [];
    if (line.length < 2 || !line.startsWith('{') || !line.endsWith('}') || hasHidingEscape(line)) return undefined;
    // Unlike the one-statement filter, every group is required, short needles included; string
    // values only are searched.
    const has = hasNeedle(line, true);
    return specs.flatMap((s, i) => (s && s.terms.some((t) => t.groups.every((g) => g.some(has))) ? [i] : []));
  }

  it('lists exactly the statements whose prefilter passes the line (fast-check)', () => {
    fc.assert(
      fc.property(fc.array(specOrNone, { minLength: 1, maxLength: 6 }), fc.array(jsonLine, { maxLength: 8 }), (specs, lines) => {
        const route = compileRawRouter(specs);
        for (const line of lines) expect(route(line)?.sort((a, b) => a - b), line).toEqual(naiveRoute(specs, line));
      }),
      { numRuns: 300 },
    );
  });

  it('still lists exactly those statements once it has reordered groups by what the lines hold (fast-check)', () => {
    // Triggers are chosen again after 512 lines: route 1,200 lines made of a few distinct ones.
    fc.assert(
      fc.property(fc.array(specOrNone, { minLength: 2, maxLength: 6 }), fc.array(jsonLine, { minLength: 1, maxLength: 12 }), (specs, distinct) => {
        const route = compileRawRouter(specs);
        const expected = distinct.map((line) => naiveRoute(specs, line));
        for (let i = 0; i < 1200; i++) {
          const k = (i * 7 + (i >> 5)) % distinct.length;
          expect(route(distinct[k] as string)?.sort((a, b) => a - b), `line ${i}`).toEqual(expected[k]);
        }
      }),
      { numRuns: 25 },
    );
  });

  it('routes lines alike whichever group turned out rarer (a long needle everywhere, a short one seldom)', () => {
    const route = compileRawRouter([spec([[cs('windows-common')], [cs('rare')]]), spec([[cs('windows-common')]])]);
    const common = '{"os":"windows-common","x":"y"}';
    const both = '{"os":"windows-common","x":"rare"}';
    const checks: number[] = [];
    for (let i = 0; i < 2000; i++) {
      const line = i % 50 === 0 ? both : common;
      expect(route(line)?.sort(), `line ${i}`).toEqual(line === both ? [0, 1] : [1]);
      if (i % 500 === 499) checks.push(route.termChecks);
    }
    expect(route('{"x":"rare"}')).toEqual([]);
    // Until the first sample is counted (512 lines) the longer needle triggers the first term on
    // every line; then the rarer one does, and only lines that hold it check that term.
    expect(checks[0]).toBe(1000);
    expect((checks[2] as number) - (checks[1] as number)).toBe(510);
    expect((checks[3] as number) - (checks[2] as number)).toBe(510);
  });

  it('chooses triggers again every 65,536 lines, from a sample of what the lines hold then', () => {
    const route = compileRawRouter([spec([[cs('alpha-long-needle')], [cs('beta')]]), spec([[cs('gamma')]])]);
    const alpha = '{"a":"alpha-long-needle","g":"gamma"}';
    const beta = '{"b":"beta","g":"gamma"}';
    // First sample: `beta` in every line, `alpha-long-needle` in none: alpha triggers.
    for (let i = 0; i < 65_536; i++) route(beta);
    let before = route.termChecks;
    for (let i = 0; i < 100; i++) route(beta);
    expect(route.termChecks - before).toBe(100);
    // The next sample sees alpha everywhere and beta nowhere: beta triggers from then on.
    for (let i = 65_636; i < 65_536 * 2; i++) route(alpha);
    before = route.termChecks;
    for (let i = 0; i < 100; i++) expect(route(alpha)).toEqual([1]);
    expect(route.termChecks - before).toBe(100);
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

  it('looks for needles in string values only, wherever escaped quotes and backslashes put their ends', () => {
    const route = compileRawRouter([spec([[cs('deny_push')]]), spec([[ci('sso')]])]);
    // In a key (a string followed by `:`, spaces allowed), a needle says nothing of the event.
    expect(route('{"deny_push":1,"sso" : "x"}')).toEqual([]);
    expect(route('{"a":["deny_push"],"b":{"c":"SSO"}}')?.sort()).toEqual([0, 1]);
    expect(route('{"a":"x\\"deny_push\\" y"}')).toEqual([0]);
    // A value ending in a backslash: the quote after it closes the value, the next string is a key.
    expect(route('{"a":"C:\\\\","deny_push":"sso"}')).toEqual([1]);
    // An escaped quote followed by `:` inside a value is no key.
    expect(route('{"a":"x\\":deny_push"}')).toEqual([0]);
    // Wherever the strings stand (odd or even offsets), with any JSON space before the colon.
    for (let pad = 0; pad < 4; pad++) {
      const p = 'p'.repeat(pad);
      for (const space of ['', ' ', '\t', '\n', '\r', ' \t ']) {
        expect(route(`{"${p}":"v","deny_push"${space}:1}`), `${pad} ${JSON.stringify(space)}`).toEqual([]);
        expect(route(`{"${p}":"deny_push"${space},"k":1}`)).toEqual([0]);
      }
      expect(route(`{"${p}\\\\":"v","deny_push":1}`)).toEqual([]);
      expect(route(`{"${p}\\\\":"deny_push"}`)).toEqual([0]);
    }
    // A string never closed (not JSON: the parser will say so) is searched to the end.
    expect(route('{"a":"deny_push}')).toEqual([0]);
    // Keys are told from values by the structure before them: objects in arrays in objects...
    expect(route('{"a":[{"deny_push":"x"},"sso"],"b":[[1,"deny_push"]]}')?.sort()).toEqual([0, 1]);
    expect(route('{ "a" : [ { "deny_push" : "x" } , "y" ] , "sso" : 1 }')).toEqual([]);
    // ...to any depth: past 30 levels every string is searched (keys too: more, never fewer).
    for (let depth = 14; depth <= 40; depth++) {
      const deep = (inner: string) => `${'{"k":['.repeat(depth)}${inner}${']}'.repeat(depth)}`;
      expect(route(deep('{"x":"deny_push"}')), `${depth}`).toEqual([0]);
      expect(route(deep('"a","deny_push"')), `${depth}`).toEqual([0]);
      expect(route(`{"z":${deep('1')},"sso":"deny_push"}`), `${depth}`).toEqual([0]);
    }
  });

  it('finds a numeric needle as its string or as a number of its value at its field, however written', () => {
    const num = (text: string, field: string): Needle => ({ text, caseInsensitive: false, exact: true, numeric: true, field });
    const route = compileRawRouter([spec([[num('4697', 'event.code')]]), spec([[num('7', 'a')]]), spec([[num('7', 'a.b')]])]);
    for (const written of ['4697', '4697.0', '4.697e3', '4697E0', '46970e-1', '"4697"']) {
      expect(route(`{"event":{"code":${written}}}`), written).toEqual([0]);
      expect(route(`{"event.code":[1,${written}]}`), written).toEqual([0]);
    }
    for (const other of ['46970', '4697.5', '"4697.0"', '" 4697"', '-4697', '"x4697"']) expect(route(`{"event":{"code":${other}}}`), other).toEqual([]);
    // Not at another field; an array's numbers stand at the array's path, after objects too.
    expect(route('{"event":{"kind":4697},"code":4697}')).toEqual([]);
    expect(route('{"a":[{"b":"x"},7]}')).toEqual([1]);
    expect(route('{"a":[{"b":7},"x"]}')).toEqual([2]);
    // The few-needle filter cannot tell a number written otherwise: such a group imposes nothing.
    const few = compileRawPrefilter(spec([[num('4697', 'event.code')]]));
    expect(few('{"event":{"code":4.697e3}}')).toBe(true);
    expect(few('{"x":1}')).toBe(true);
  });

  it('finds a boolean needle as the literal or the string of its word at its field, nowhere else', () => {
    const bool = (text: string, field: string): Needle => ({ text, caseInsensitive: false, exact: true, numeric: true, field });
    const route = compileRawRouter([spec([[bool('false', 'p.trusted')]]), spec([[bool('true', 'a')]])]);
    for (const written of ['false', '"false"', '[true,false]', '["x",false]']) {
      expect(route(`{"p":{"trusted":${written}}}`), written).toEqual([0]);
      expect(route(`{"p.trusted":${written}}`), written).toEqual([0]);
    }
    for (const other of ['true', '"False"', '"FALSE"', '0', 'null', '" false"', '{"x":false}']) expect(route(`{"p":{"trusted":${other}}}`), other).toEqual([]);
    // Not at another field, nor a key of that name.
    expect(route('{"p":{"exists":false},"trusted":false}')).toEqual([]);
    expect(route('{"p":{"trusted":"x","false":1}}')).toEqual([]);
    expect(route('{"a":true,"p":{"trusted":false}}')?.sort()).toEqual([0, 1]);
  });

  it('finds a presence needle by any value at its field, nowhere else', () => {
    const present: Needle = { text: '', caseInsensitive: false, exact: true, numeric: true, present: true, field: 'container.id' };
    const route = compileRawRouter([spec([[present]]), spec([[{ text: 'x', caseInsensitive: false, field: 'a' }]])]);
    for (const written of ['"c1"', '""', '7', 'true', 'false', '["c1"]', '[1]', '{"x":1}', '[]']) {
      expect(route(`{"container":{"id":${written}}}`), written).toEqual([0]);
      expect(route(`{"container.id":${written}}`), written).toEqual([0]);
    }
    // Not at another field, nor as a key or null.
    for (const line of ['{"container":{"name":"c1"}}', '{"id":"c1"}', '{"container":{"id":null}}', '{"a":"container.id"}', '{"container":{"ids":"c1"}}']) expect(route(line), line).toEqual([]);
  });

  it('tells apart whole values of the same hash, of another field, or of another case', () => {
    // `AaAa`, `AaBB`, `BBAa` and `BBBB` hash alike (31 * 'A' + 'a' = 31 * 'B' + 'B'), folded or not.
    const whole = (text: string, field: string, insensitive = false): Needle => ({ text, caseInsensitive: insensitive, exact: true, field });
    const texts = ['AaAa', 'AaBB', 'BBAa', 'BBBB'];
    const route = compileRawRouter([
      ...texts.map((t) => spec([[whole(t, 'x.y')]])),
      spec([[whole('bbbb', 'x.y', true)]]),
      spec([[whole('AaAa', 'z')]]),
    ]);
    texts.forEach((t, i) => {
      const expected = t === 'BBBB' ? [i, 4] : [i];
      expect(route(`{"x":{"y":"${t}"}}`)?.sort(), t).toEqual(expected);
      expect(route(`{"x.y":["q","${t}"]}`)?.sort(), t).toEqual(expected);
    });
    expect(route('{"x":{"y":"bbBB"}}')).toEqual([4]);
    expect(route('{"z":"AaAa","x":{"y":"aaaa"}}')).toEqual([5]);
    expect(route('{"z":"AaAaA","x":{"y":"AaAaAa"}}')).toEqual([]);
    // Under a key written with an escape, every field's whole values count.
    expect(route('{"\\\\":{"y":"AaAa"}}')?.sort()).toEqual([0, 5]);
    // The same text at many fields (their table entries side by side): each field's value
    // routes to its own needle only.
    const many = compileRawRouter(Array.from({ length: 300 }, (_, i) => spec([[whole('AaAa', `f${i}`)]])));
    for (let i = 0; i < 300; i++) expect(many(`{"f${i}":"AaAa","g":"AaAa"}`)).toEqual([i]);
    // Folding is A-Z exactly: `@` and `[` (either side of A-Z) are not `\`` and `{`.
    const edges = compileRawRouter([spec([[whole('az', 'x', true)]]), spec([[whole('`{', 'x', true)]])]);
    expect(edges('{"x":"AZ"}')).toEqual([0]);
    expect(edges('{"x":"@["}')).toEqual([]);
    expect(edges('{"x":"`{"}')).toEqual([1]);
    // A value longer than a needle it starts with is not that whole value.
    expect(route('{"x":{"y":"AaAaBB"}}')).toEqual([]);
  });

  it('finds needles in automata too large for 16-bit states, cut shallower or not', () => {
    // 3,000 needles of 40 characters: more than 65,535 states cut 32 deep, fewer cut 20 deep (the
    // automaton is cut there, and longer needles are confirmed where they start); 4,500: too many
    // even cut 20 deep (32-bit states).
    const random = (i: number) => {
      let x = (i + 1) * 2654435761;
      let out = '';
      for (let k = 0; k < 40; k++) {
        x = (x * 1103515245 + 12345) >>> 0;
        out += String.fromCharCode(97 + (x % 26));
      }
      return out;
    };
    for (const count of [3000, 4500]) {
      const needles = Array.from({ length: count }, (_, i) => random(i));
      const route = compileRawRouter(needles.map((n, i) => spec([[i % 2 === 0 ? cs(n) : ci(n)]])));
      for (const i of [0, 1, 1499, count - 2, count - 1]) {
        const n = needles[i] as string;
        expect(route(`{"a":"x ${i % 2 === 0 ? n : n.toUpperCase()} y"}`)).toEqual([i]);
        expect(route(`{"a":"${n.slice(0, 39)}"}`)).toEqual([]);
        expect(route(`{"a":"${n.slice(0, 20)}${n.slice(21)}"}`)).toEqual([]);
      }
    }
  });
});

describe('trieDepth', () => {
  // Needles of 40 letters, distinct from their third letter on: 1 + 26 + 676 + count x (depth -
  // 2) states when count reaches 676.
  const needles = (count: number, upper = false) =>
    Array.from({ length: count }, (_, i) => {
      let x = (i + 7) * 2654435761;
      let t = String.fromCharCode(97 + (i % 26), 97 + (Math.floor(i / 26) % 26), 97 + (Math.floor(i / 676) % 26));
      while (t.length < 40) {
        x = (x * 1103515245 + 12345) >>> 0;
        t += String.fromCharCode(97 + (x % 26));
      }
      return cs(upper && i % 2 === 0 ? t.toUpperCase() : t);
    });

  it('is the largest depth up to 32 at which the trie has at most 65,535 states', () => {
    expect(trieDepth(needles(100))).toBe(32);
    // 2,400 needles: 72,703 states cut 32 deep, 67,903 at 30, 63,103 at 28.
    expect(trieDepth(needles(2400))).toBe(28);
    // 2,200: 66,703 at 32, 62,303 at 30.
    expect(trieDepth(needles(2200))).toBe(30);
    // 2,161: 65,533 at 32 (fits); 2,162: 65,563 (does not).
    expect(trieDepth(needles(2161))).toBe(32);
    expect(trieDepth(needles(2162))).toBe(30);
    // Nothing fits even 20 deep: 32, with 32-bit states.
    expect(trieDepth(needles(4000))).toBe(32);
  });

  it('counts texts that differ only in ASCII case once, as the folded trie holds them', () => {
    expect(trieDepth([...needles(2400), ...needles(2400, true)])).toBe(28);
    expect(trieDepth([cs('abc'), cs('ABC'), cs('abd')])).toBe(32);
  });
});

describe('hasHidingEscape', () => {
  it('looks at the character after each backslash, wherever the first one is', () => {
    expect(hasHidingEscape('xu/')).toBe(false);
    expect(hasHidingEscape('{u}')).toBe(false);
    expect(hasHidingEscape('x\\u0041')).toBe(true);
    expect(hasHidingEscape('\\/')).toBe(true);
    // An escaped backslash is skipped whole: `\\u` is a backslash then a plain u.
    expect(hasHidingEscape('a\\\\u\\\\/')).toBe(false);
    expect(hasHidingEscape('a\\\\\\u0041')).toBe(true);
  });
});

describe('asUtf8Bytes', () => {
  const encoded = (s: string) => Buffer.from(s, 'utf8').toString('latin1');

  it('encodes like a UTF-8 encoder at every length boundary, lone surrogates as U+FFFD', () => {
    for (const s of ['\x7f', '\x80', '\u07ff', '\u0800', '\u20ac', '\ud7ff', '\ud800', '\udbff', '\udc00', '\udfff', '\ue000', '\uffff', '\u{10000}', '\u{10ffff}']) {
      expect(asUtf8Bytes(s), s.codePointAt(0)?.toString(16)).toBe(encoded(s));
    }
    expect(asUtf8Bytes('\x80')).toBe('\xc2\x80');
    expect(asUtf8Bytes('\u0800')).toBe('\xe0\xa0\x80');
    expect(asUtf8Bytes('\ud800')).toBe('\xef\xbf\xbd');
    expect(asUtf8Bytes('\udfff')).toBe('\xef\xbf\xbd');
    expect(asUtf8Bytes('\u{10000}')).toBe('\xf0\x90\x80\x80');
  });

  it('agrees with Buffer on any string, lone surrogates included (fast-check)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (s) => {
        expect(asUtf8Bytes(s)).toBe(encoded(s));
      }),
      { numRuns: 300 },
    );
  });
});

describe('compileRawPrefilter, beyond the documented cases', () => {
  /** Thirteen long needles of unrelated terms: enough to take the many-needle (Aho-Corasick) path. */
  const fillers: Needle[][][] = Array.from({ length: 13 }, (_, i) => [[cs(`filler-${String(i).padStart(2, '0')}`)]]);

  it('keeps a case-sensitive and a case-insensitive needle of similar text apart', () => {
    // `i`+"abc" and `s`+"iabc" (or `s`+"abc" and `i`+"sabc") must not be taken for one needle.
    const a = compileRawPrefilter(spec([[cs('iabc')]], [[ci('abc')]]));
    expect(a('{"a":"ABC"}')).toBe(true);
    const b = compileRawPrefilter(spec([[ci('sabc')]], [[cs('abc')]]));
    expect(b('{"a":"abc"}')).toBe(true);
    expect(b('{"a":"ABC"}')).toBe(false);
  });

  it('remembers per line whether a needle shared by several terms is present or absent', () => {
    const f = compileRawPrefilter(spec([[cs('aaaa')], [cs('zzz')]], [[cs('aaaa')], [cs('ccc')]]));
    expect(f('{"a":"ccc"}')).toBe(false);
    expect(f('{"a":"aaaa ccc"}')).toBe(true);
    expect(f('{"a":"aaaa zzz"}')).toBe(true);
    expect(f('{"a":"zzz ccc"}')).toBe(false);
  });

  it('tests the needles of an empty object, and lets through lines that only end or only start like one', () => {
    const f = compileRawPrefilter(spec([[cs('zzz')]]));
    expect(f('{}')).toBe(false);
    expect(f('{"a":"zzz"')).toBe(true);
    expect(f('"a":"zzz"}')).toBe(true);
    const many = compileRawPrefilter(spec(...fillers, [[cs('zzzz')]]));
    expect(many('{}')).toBe(false);
    expect(many('{"a":1')).toBe(true);
    expect(many('"a":1}')).toBe(true);
    expect(many('[1]')).toBe(true);
    expect(many('')).toBe(true);
  });

  it('with many needles, passes a line holding every long group of some term, and rejects the others', () => {
    const f = compileRawPrefilter(spec(...fillers, [[cs('alpha-one'), cs('alpha-two')], [cs('beta-three')]], [[ci('gamma-four')]]));
    expect(f('{"x":"filler-07"}')).toBe(true);
    expect(f('{"a":"alpha-two","b":"beta-three"}')).toBe(true);
    expect(f('{"a":"beta-three","b":"alpha-one"}')).toBe(true);
    expect(f('{"a":"alpha-one"}')).toBe(false);
    expect(f('{"b":"beta-three"}')).toBe(false);
    expect(f('{"a":"ALPHA-ONE","b":"beta-three"}')).toBe(false);
    expect(f('{"g":"GAMMA-Four"}')).toBe(true);
    expect(f('{"g":"gamma-fou"}')).toBe(false);
    expect(f('{"x":"nothing here"}')).toBe(false);
    expect(f('{"x":"\\u0061lpha-one"}')).toBe(true);
  });

  it('with many needles, does not require groups with a short needle (they would reject too little to pay)', () => {
    const f = compileRawPrefilter(spec(...fillers, [[cs('longneedle')], [cs('ab'), cs('abcdef')]]));
    expect(f('{"x":"longneedle"}')).toBe(true);
    expect(f('{"x":"longneedl"}')).toBe(false);
    // A term left with no long group needs nothing: every line may match.
    const g = compileRawPrefilter(spec(...fillers, [[cs('ab')]]));
    expect(g('{"x":"nothing here"}')).toBe(true);
  });

  it('with many needles, folds only ASCII letters, A-Z included, for case-insensitive needles', () => {
    const f = compileRawPrefilter(spec(...fillers, [[ci('user@host')], [ci('zzzz-top')]]));
    expect(f('{"a":"USER@HOST","b":"ZZZZ-TOP"}')).toBe(true);
    expect(f('{"a":"user host","b":"zzzz-top"}')).toBe(false);
    expect(f('{"a":"user`host","b":"zzzz-top"}')).toBe(false);
    const g = compileRawPrefilter(spec(...fillers, [[ci('x0yz-w')]]));
    expect(g('{"a":"X0YZ-W"}')).toBe(true);
    expect(g('{"a":"x\x10yz-w"}')).toBe(false);
    const h = compileRawPrefilter(spec(...fillers, [[ci('a~b{c|d')]]));
    expect(h('{"a":"A~B{C|D"}')).toBe(true);
    expect(h('{"a":"a^b[c\\d"}')).toBe(false);
  });

  it('with many needles, finds non-ASCII needles in the decoded line and in raw UTF-8 bytes', () => {
    const s = spec(...fillers, [[cs('café-au-lait')]]);
    const text = compileRawPrefilter(s);
    const bytes = compileRawPrefilter(s, { utf8Bytes: true });
    expect(text('{"a":"un café-au-lait"}')).toBe(true);
    expect(text('{"a":"un cafe-au-lait"}')).toBe(false);
    expect(bytes(asUtf8Bytes('{"a":"un café-au-lait"}'))).toBe(true);
    expect(bytes(asUtf8Bytes('{"a":"un cafe-au-lait"}'))).toBe(false);
  });
});

describe('compileRawRouter, beyond the documented cases', () => {
  it('lists no statement for an empty object, and every one for lines that only end or only start like an object', () => {
    const route = compileRawRouter([spec([[cs('deny_push')]]), spec([[cs('other')]])]);
    expect(route('{}')).toEqual([]);
    expect(route(' {"a":"deny_push"}')).toBeUndefined();
    expect(route('{"a":"deny_push"')).toBeUndefined();
    expect(route('{"a":"deny_push"}')).toEqual([0]);
  });

  it('finds non-ASCII needles in raw UTF-8 bytes, and in the decoded line', () => {
    const specs = [spec([[cs('café')]]), spec([[cs('thé')]])];
    const bytes = compileRawRouter(specs, { utf8Bytes: true });
    expect(bytes(asUtf8Bytes('{"a":"café"}'))).toEqual([0]);
    expect(bytes(asUtf8Bytes('{"a":"thé"}'))).toEqual([1]);
    expect(bytes(asUtf8Bytes('{"a":"the"}'))).toEqual([]);
    const text = compileRawRouter(specs);
    expect(text('{"a":"café"}')).toEqual([0]);
    expect(text(asUtf8Bytes('{"a":"café"}'))).toEqual([]);
  });
});
