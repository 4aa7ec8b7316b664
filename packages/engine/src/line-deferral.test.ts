import { parse } from '@eqlkit/parser';
import { describe, expect, it } from 'vitest';
import { compile } from './compile.js';
import { compileLineDeferral, deriveLineDeferral } from './line-deferral.js';
import { schemaFromMapping } from './schema.js';

const SEED = `sequence by user.email with maxspan=10m
  [any where event.action == "deny"]
  [any where event.action == "deny"]
  [any where event.action == "sso"]`;

function spec(query: string) {
  const { ast } = parse(query);
  if (!ast) throw new Error(query);
  return deriveLineDeferral({ statement: ast });
}

const line = (action: string, email: string, ts = '2026-03-02T08:00:00.000Z') => JSON.stringify({ '@timestamp': ts, event: { action }, user: { email } });

describe('deriveLineDeferral', () => {
  it('parses the first stage at once and lets the later ones wait, with the stages they fill', () => {
    const s = spec(SEED);
    expect(s?.eager.terms.map((t) => t.groups.flat().map((n) => n.text))).toEqual([['deny']]);
    expect(s?.later.map((t) => ({ needles: t.needles.terms[0]?.groups.flat().map((n) => n.text), stages: t.stages }))).toEqual([
      { needles: ['deny'], stages: [1] },
      { needles: ['sso'], stages: [2] },
    ]);
  });

  it('counts runs as stages, and makes until eager', () => {
    const s = spec('sequence by k [any where a == "alpha"] with runs=2 [any where a == "beta"] with runs=2 until [any where a == "omega"]');
    expect(s?.later.map((t) => t.stages)).toEqual([[2, 3]]);
    expect(s?.eager.terms.map((t) => t.groups.flat().map((n) => n.text))).toEqual([['alpha'], ['omega']]);
  });

  it('has nothing to defer for event queries, samples, missing terms, or a term without needles', () => {
    expect(spec('any where a == "x"')).toBeUndefined();
    expect(spec('sample by k [any where a == "x"] [any where a == "y"]')).toBeUndefined();
    expect(spec('sequence by k [any where a == "alpha"] ![any where a == "omega"] [any where a == "beta"]')).toBeUndefined();
    expect(spec('sequence by k [any where a == "x"] [any where b > 3]')).toBeUndefined();
    expect(spec('sequence by k [any where a == "x"]')).toBeUndefined();
  });
});

describe('compileLineDeferral', () => {
  const deferral = compileLineDeferral(spec(SEED)!);

  it('parses lines of the first stage, with hiding escapes, or not objects at once', () => {
    expect(deferral.eager(line('deny', 'a@x'))).toBe(true);
    expect(deferral.eager(line('sso', 'a@x'))).toBe(false);
    expect(deferral.eager(line('sso', 'a@x').replace('sso', 's\\u0073o'))).toBe(true);
    expect(deferral.eager(`${line('sso', 'a@x')} `)).toBe(true);
  });

  it('asks the probe only about the stages a line may match', () => {
    const asked: number[] = [];
    const probe = (stage: number) => {
      asked.push(stage);
      return stage === 2;
    };
    expect(deferral.matters(line('sso', 'a@x'), probe)).toBe(true);
    expect(asked).toEqual([2]);
    asked.length = 0;
    expect(deferral.matters(line('other', 'a@x'), probe)).toBe(false);
    expect(asked).toEqual([]);
  });
});

describe('QueryStream.awaitsLine', () => {
  const at = (m: number) => new Date(Date.UTC(2026, 2, 2, 8, m)).toISOString();
  const event = (action: string, email: unknown, m: number) => ({ '@timestamp': at(m), event: { action }, user: { email } });

  it('is true only while a partial waits at that stage under a key written in the line', () => {
    const stream = compile(SEED).stream();
    expect(stream.awaitsLine?.(2, line('sso', 'a@x'))).toBe(false);
    stream.push(event('deny', 'a@x', 0));
    // A partial waits at stage 1 (second deny), none at stage 2 yet.
    expect(stream.awaitsLine?.(1, line('deny', 'a@x'))).toBe(true);
    expect(stream.awaitsLine?.(1, line('deny', 'b@x'))).toBe(false);
    expect(stream.awaitsLine?.(2, line('sso', 'a@x'))).toBe(false);
    stream.push(event('deny', 'a@x', 1));
    expect(stream.awaitsLine?.(2, line('sso', 'a@x'))).toBe(true);
    expect(stream.awaitsLine?.(2, line('sso', 'b@x'))).toBe(false);
    // Once completed, nothing waits any more.
    expect(stream.push(event('sso', 'a@x', 2))).toHaveLength(1);
    expect(stream.awaitsLine?.(2, line('sso', 'a@x'))).toBe(false);
  });

  it('finds key strings as JSON writes them (escapes, non-ASCII)', () => {
    const stream = compile(SEED).stream();
    const key = 'a"b\\c/é\n';
    stream.push(event('deny', key, 0));
    stream.push(event('deny', key, 1));
    expect(stream.awaitsLine?.(2, line('sso', key))).toBe(true);
    expect(stream.awaitsLine?.(2, line('sso', 'a"b'))).toBe(false);
  });

  it('cannot tell (true) for keys that are not strings, keys of typed fields, or with a reorder window', () => {
    const numbers = compile(SEED).stream();
    numbers.push(event('deny', 5, 0));
    numbers.push(event('deny', 5, 1));
    expect(numbers.awaitsLine?.(2, line('sso', 'nothing'))).toBe(true);

    const dates = compile(SEED, { schema: schemaFromMapping({ properties: { user: { properties: { email: { type: 'date' } } } } }) }).stream();
    dates.push(event('deny', '2026-01-01', 0));
    dates.push(event('deny', '2026-01-01', 1));
    expect(dates.awaitsLine?.(2, line('sso', 'nothing'))).toBe(true);

    const windowed = compile(SEED).stream({ allowedLatenessMs: 60_000 });
    expect(windowed.awaitsLine?.(2, line('sso', 'a@x'))).toBe(true);
  });

  it('answers true without scanning past 32 partials waiting at the stage or 256 keys held', () => {
    const waiting = (n: number) => {
      const stream = compile(SEED).stream();
      for (let i = 0; i < n; i++) {
        stream.push(event('deny', `u${i}@x`, 0));
        stream.push(event('deny', `u${i}@x`, 1));
      }
      return stream.awaitsLine?.(2, line('sso', 'nobody'));
    };
    expect(waiting(32)).toBe(false);
    expect(waiting(33)).toBe(true);
    const held = (n: number) => {
      const stream = compile(SEED).stream();
      // One partial waits at the last stage; the other keys hold a first denial only.
      stream.push(event('deny', 'a@x', 0));
      stream.push(event('deny', 'a@x', 1));
      for (let i = 1; i < n; i++) stream.push(event('deny', `u${i}@x`, 1));
      return stream.awaitsLine?.(2, line('sso', 'nobody'));
    };
    expect(held(256)).toBe(false);
    expect(held(257)).toBe(true);
  });

  it('looks only at keys waiting at the stage asked about, and the first stage always waits', () => {
    const stream = compile(SEED).stream();
    stream.push(event('deny', 'a@x', 0));
    stream.push(event('deny', 'a@x', 1));
    stream.push(event('deny', 'b@x', 2));
    // b waits for its second denial (stage 1), not for an SSO (stage 2).
    expect(stream.awaitsLine?.(2, line('sso', 'b@x'))).toBe(false);
    expect(stream.awaitsLine?.(1, line('deny', 'b@x'))).toBe(true);
    expect(stream.awaitsLine?.(0, line('deny', 'nobody'))).toBe(true);
  });

  it('is true for event queries and samples (nothing to tell)', () => {
    expect(compile('any where true').stream().awaitsLine?.(1, '{}')).toBe(true);
    expect(compile('sample by k [any where true] [any where true]').stream().awaitsLine?.(1, '{}')).toBe(true);
  });
});
