import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { lazyPositions, ownString } from './parsed-file.js';
import { tomlPositions } from './toml-positions.js';

describe('lazyPositions', () => {
  it('works the positions out once, on first use, and never when unused', () => {
    const text = 'a = "x"\n[rule]\nquery = "any where true"\n';
    let made = 0;
    const make = () => {
      made++;
      return tomlPositions(text);
    };
    lazyPositions(make);
    expect(made).toBe(0);
    const positions = lazyPositions(make);
    expect(positions.locate('/rule/query')).toEqual(tomlPositions(text).locate('/rule/query'));
    expect(positions.stringOffsets('/rule/query', 'any where true')).toEqual(tomlPositions(text).stringOffsets('/rule/query', 'any where true'));
    expect(made).toBe(1);
  });
});

describe('ownString', () => {
  it('gives back the same text, lone surrogates and escapes included (fast-check)', () => {
    const piece = fc.oneof(fc.constantFrom('\ud800', '\udc00', '\\', '"', '\n', '\u0000', 'é'), fc.string({ unit: 'binary' }));
    fc.assert(
      fc.property(fc.array(piece).map((parts) => parts.join('')), (s) => {
        expect(ownString(s)).toBe(s);
      }),
    );
  });
});
