import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { deriveRawPrefilter } from '@eqlkit/engine';
import { parse } from '@eqlkit/parser';
import { ascending, compileLineRoutes, decodeRoutes, encodeRoutes, type LineRoute } from './line-routes.js';

const spec = (query: string) => {
  const { ast } = parse(query);
  return deriveRawPrefilter([{ statement: ast as NonNullable<typeof ast> }]);
};

describe('compileLineRoutes', () => {
  const specs = [spec('process where process.name == "cmd.exe"'), spec('any where true'), spec('file where file.path : "*\\\\temp\\\\*"')];

  it('routes a line to the statements whose prefilter it passes, with those that take every line, ascending', () => {
    expect(specs[1]).toBeUndefined();
    const route = compileLineRoutes(specs);
    expect(route('{"event":{"category":"process"},"process":{"name":"cmd.exe"}}')).toEqual([0, 1]);
    expect(route('{"event":{"category":"file"},"file":{"path":"C:\\\\Temp\\\\a"}}')).toEqual([1, 2]);
    expect(route('{"event":{"category":["process","file"]},"process":{"name":"cmd.exe"},"file":{"path":"c:\\\\temp\\\\x"}}')).toEqual([0, 1, 2]);
    expect(route('{"event":{"category":"process"},"process":{"name":"bash"}}')).toEqual([1]);
  });

  it('gives null (every statement) for a line it cannot judge', () => {
    const route = compileLineRoutes(specs);
    expect(route('{"process":{"name":"\\u0063md.exe"}}')).toBeNull();
    expect(route('not an object')).toBeNull();
  });
});

describe('ascending', () => {
  it('sorts in place as Array#sort with a numeric comparator does (fast-check)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -5, max: 2000 }), { maxLength: 40 }), (list) => {
        const copy = [...list];
        expect(ascending(copy)).toBe(copy);
        expect(copy).toEqual([...list].sort((a, b) => a - b));
      }),
    );
  });
});

describe('encodeRoutes / decodeRoutes', () => {
  const route: fc.Arbitrary<LineRoute> = fc.oneof(fc.constant(null), fc.uniqueArray(fc.nat(2000), { maxLength: 6 }).map((a) => a.sort((x, y) => x - y)));

  it('give back the routes they were given, null and empty ones included (fast-check)', () => {
    fc.assert(
      fc.property(fc.array(route, { maxLength: 20 }), (routes) => {
        expect(decodeRoutes(encodeRoutes(routes))).toEqual(routes);
      }),
    );
  });

  it('decode to fresh arrays, not views of the posted buffer', () => {
    const [first] = decodeRoutes(encodeRoutes([[1, 2]]));
    expect(Array.isArray(first)).toBe(true);
  });
});
