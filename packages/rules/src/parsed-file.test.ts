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
  it('keeps none of the text it was sliced from alive', async () => {
    const { setFlagsFromString } = await import('node:v8');
    const { runInNewContext } = await import('node:vm');
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    const heap = () => {
      gc();
      gc();
      return process.memoryUsage().heapUsed;
    };
    const slices = (own: boolean) => {
      // 40 MB of source, a thousand 50-character slices of it kept.
      const source = Array.from({ length: 40_000_000 }, (_, i) => String.fromCharCode(97 + (i % 26))).join('');
      return Array.from({ length: 1000 }, (_, i) => (own ? ownString(source.slice(i * 100, i * 100 + 50)) : source.slice(i * 100, i * 100 + 50)));
    };
    const before = heap();
    const sliced = slices(false);
    const withSource = heap() - before;
    sliced.length = 0;
    const start = heap();
    const owned = slices(true);
    const withoutSource = heap() - start;
    expect(owned[3]).toBe(Array.from({ length: 50 }, (_, k) => String.fromCharCode(97 + ((300 + k) % 26))).join(''));
    expect(withSource).toBeGreaterThan(30e6);
    expect(withoutSource).toBeLessThan(5e6);
  });

  it('gives back the same text, lone surrogates and escapes included (fast-check)', () => {
    const piece = fc.oneof(fc.constantFrom('\ud800', '\udc00', '\\', '"', '\n', '\u0000', 'é'), fc.string({ unit: 'binary' }));
    fc.assert(
      fc.property(fc.array(piece).map((parts) => parts.join('')), (s) => {
        expect(ownString(s)).toBe(s);
      }),
    );
  });
});
