// Hostile events through the engine and the rules runner: odd values are evaluated correctly,
// limits are counted, nothing crashes and Object.prototype is never touched.
import { compile, type EqlEvent, type JsonValue } from '@eqlkit/engine';
import { childNodes, parse, type Node } from '@eqlkit/parser';
import { createRunner, loadRule, type Rule } from '@eqlkit/rules';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { loadCorpusQueries } from '../parser/shared-queries.js';
import { ruleToml } from './rule-text.js';

const ev = (fields: Record<string, unknown>, ts = 1): EqlEvent => ({ '@timestamp': ts, ...fields }) as EqlEvent;
const count = (query: string, events: readonly unknown[]) => compile(query).search(events as EqlEvent[]).length;

/** Object.prototype's own keys before any test: a pollution would add one. */
const PROTOTYPE_KEYS = Object.getOwnPropertyNames(Object.prototype).sort();
afterEach(() => {
  expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(PROTOTYPE_KEYS);
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
});

function deepObject(levels: number, leaf: unknown = 1): unknown {
  let value = leaf;
  for (let i = 0; i < levels; i++) value = { x: value };
  return value;
}

function rule(query: string, extra = ''): Rule {
  const loaded = loadRule('hostile.toml', ruleToml(query, extra));
  if (loaded.status !== 'loaded') throw new Error(JSON.stringify(loaded.diagnostics));
  return loaded.rule;
}

describe('prototype keys are data, never a way in', () => {
  const parsed = () => JSON.parse('{"@timestamp":1,"__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}}}') as EqlEvent;

  it('reads a `__proto__` key of a parsed event as a field', () => {
    expect(count('any where `__proto__`.polluted == true', [parsed()])).toBe(1);
  });

  it('reads `constructor.prototype` keys as fields', () => {
    expect(count('any where constructor.prototype.polluted == true', [parsed()])).toBe(1);
  });

  it('does not read inherited properties as fields (constructor, toString, __proto__)', () => {
    const plain = [ev({ a: 1 })];
    expect(count('any where constructor != null', plain)).toBe(0);
    expect(count('any where constructor.name == "Object"', plain)).toBe(0);
    expect(count('any where toString != null', plain)).toBe(0);
    expect(count('any where `__proto__` != null', plain)).toBe(0);
    expect(count('any where hasOwnProperty == null', plain)).toBe(1);
  });

  it('joins sequences on a `__proto__` key without touching the prototype', () => {
    const events = [1, 2].map((ts) => JSON.parse(`{"@timestamp":${ts},"__proto__":"k","a":${ts}}`) as EqlEvent);
    const hits = compile('sequence by `__proto__` [any where a == 1] [any where a == 2]').search(events);
    expect(hits.map((h) => h.joinKeys)).toEqual([['k']]);
  });

  it('runs a rule over prototype-keyed events without pollution', () => {
    const runner = createRunner([rule('any where `__proto__`.polluted == true')]);
    const alerts = [...runner.push(parsed()), ...runner.flush()];
    expect(alerts).toHaveLength(1);
  });
});

describe('odd values', () => {
  it('compares 1e400 (Infinity after JSON.parse) as a number above any finite one', () => {
    const event = JSON.parse('{"@timestamp":1,"n":1e400}') as EqlEvent;
    expect(count('any where n > 1000', [event])).toBe(1);
    expect(count('any where n < 1000', [event])).toBe(0);
  });

  it('compares 2^64 as the double it parses to', () => {
    const event = JSON.parse('{"@timestamp":1,"n":18446744073709551616}') as EqlEvent;
    expect(count('any where n == 18446744073709551616', [event])).toBe(1);
    expect(count('any where n < 18446744073709551616', [event])).toBe(0);
  });

  it('matches a 10 MB string by wildcard and length', () => {
    const s = `${'x'.repeat(10_000_000 - 6)}needle`;
    expect(count('any where s : "*needle"', [ev({ s })])).toBe(1);
    expect(count('any where length(s) == 10000000', [ev({ s })])).toBe(1);
    expect(count('any where s : "*nodle"', [ev({ s })])).toBe(0);
  });

  it('matches strings holding NUL and lone surrogates', () => {
    const event = ev({ s: 'a\u0000b', t: '\ud800' });
    expect(count('any where s : "a*b"', [event])).toBe(1);
    expect(count('any where length(t) == 1', [event])).toBe(1);
  });

  it('reads a field beside a 100,000-level nested object', () => {
    const event = ev({ a: 1, d: deepObject(100_000) });
    expect(count('any where a == 1 and d.x.x != null', [event])).toBe(1);
    expect(count('any where d == null', [event])).toBe(0);
  });

  it('evaluates non-object events (untyped callers) as documents without fields', () => {
    const odd = [null, 42, 'x', [1], true] as unknown as EqlEvent[];
    const fielded = compile('any where a == 1').stream();
    expect(odd.flatMap((v) => fielded.push(v))).toEqual([]);
    expect(fielded.push(ev({ a: 1 }))).toHaveLength(1);
    expect(fielded.stats.eventsSeen).toBe(6);
    const anything = compile('any where true').stream();
    expect(odd.flatMap((v) => anything.push(v)).map((h) => h.kind === 'event' && h.event)).toEqual(odd);
  });
});

describe('stream limits are counted, never silent', () => {
  const seq = 'sequence by k with maxspan=10m [any where a == 1] [any where a == 2] [any where a == 3]';

  it('keeps one partial per key and stage (a newer first event replaces the older)', () => {
    const stream = compile(seq).stream();
    for (let i = 1; i <= 10; i++) stream.push(ev({ k: 'u', a: 1 }, i));
    expect(stream.stats.pending).toBe(1);
  });

  it('maxPendingPerKey bounds partials of one key across stages and counts the dropped', () => {
    const stream = compile(seq).stream({ maxPendingPerKey: 1 });
    stream.push(ev({ k: 'u', a: 1 }, 1));
    stream.push(ev({ k: 'u', a: 2 }, 2));
    stream.push(ev({ k: 'u', a: 1 }, 3));
    expect(stream.stats.pending).toBe(1);
    expect(stream.stats.droppedPartials).toBe(1);
  });

  it('maxPendingTotal bounds partials over many join keys', () => {
    const stream = compile(seq).stream({ maxPendingTotal: 5 });
    for (let i = 1; i <= 100; i++) stream.push(ev({ k: `u${i}`, a: 1 }, i));
    expect(stream.stats.pending).toBe(5);
    expect(stream.stats.droppedPartials).toBe(95);
  });

  it('forgets join keys whose partials outlived maxspan', () => {
    const stream = compile(seq).stream();
    for (let i = 1; i <= 1000; i++) stream.push(ev({ k: `u${i}`, a: 1 }, i));
    expect(stream.stats.pending).toBe(1000);
    stream.push(ev({ k: 'late', a: 1 }, 1000 + 11 * 60_000));
    expect(stream.stats.pending).toBe(1);
    expect(stream.stats.droppedPartials).toBe(1000);
  });

  it('a rule over max_signals in one interval keeps max_signals alerts and warns with the count', () => {
    const runner = createRunner([rule('any where a == 1', 'max_signals = 2\n')]);
    const alerts = [1, 2, 3, 4, 5].flatMap((ts) => runner.push(ev({ a: 1 }, ts)));
    alerts.push(...runner.flush());
    expect(alerts).toHaveLength(2);
    expect(runner.warnings()).toEqual([
      expect.objectContaining({ code: 'EQL5060', dropped: 3, message: 'rule "Hostile rule" reached max_signals (2 per 5m); 3 alerts dropped' }),
    ]);
    expect(runner.stats().dropped).toBe(3);
  });

  it('alerts on an event nested 10,000 levels deep, with a stable id', () => {
    const runner = createRunner([rule('any where a == 1')]);
    const event = ev({ a: 1, d: deepObject(10_000) });
    const [alert] = runner.push(event);
    const again = createRunner([rule('any where a == 1')]).push(event)[0];
    expect(alert?.id).toMatch(/^[0-9a-f]{16}$/);
    expect(again?.id).toBe(alert?.id);
  });
});

describe('fuzzing: corpus queries never throw on any JSON in any field they read', () => {
  function fieldPaths(node: Node, out: Set<string>): Set<string> {
    const stack: Node[] = [node];
    while (stack.length > 0) {
      const n = stack.pop()!;
      if (n.type === 'Field') out.add(n.path.join('.'));
      stack.push(...childNodes(n));
    }
    return out;
  }

  function setPath(target: Record<string, unknown>, path: string, value: unknown): void {
    const parts = path.split('.');
    let at = target;
    for (const part of parts.slice(0, -1)) {
      const next = at[part];
      if (typeof next !== 'object' || next === null || Array.isArray(next)) at[part] = {};
      at = at[part] as Record<string, unknown>;
    }
    Object.defineProperty(at, parts[parts.length - 1]!, { value, enumerable: true, writable: true, configurable: true });
  }

  // Every compilable corpus query, with the fields it reads: 1000-odd queries, so each gets a
  // few random events per run; the seed is fixed so a failure reproduces.
  const compiled = loadCorpusQueries().flatMap((q) => {
    const { ast } = parse(q.query);
    if (!ast) return [];
    try {
      return [{ name: q.name, query: compile(ast), fields: [...fieldPaths(ast, new Set())] }];
    } catch {
      return [];
    }
  });

  it('compiles most of the corpus', () => {
    expect(compiled.length).toBeGreaterThan(900);
  });

  it('search over random JSON values in the fields each query reads never throws', () => {
    const value = fc.oneof(fc.jsonValue({ maxDepth: 3 }), fc.constantFrom<JsonValue>('', '0', '-1', '1.5e3', '10.0.0.1', '::1', 'C:\\Windows', '*', 'a*b?', '\u0000'));
    fc.assert(
      fc.property(fc.nat({ max: compiled.length - 1 }), fc.array(fc.array(value, { minLength: 1, maxLength: 8 }), { minLength: 1, maxLength: 4 }), (index, rows) => {
        const { query, fields } = compiled[index]!;
        const events = rows.map((values, i) => {
          const event: Record<string, unknown> = { '@timestamp': i + 1 };
          fields.forEach((f, j) => setPath(event, f, values[j % values.length]));
          return event as EqlEvent;
        });
        query.search(events);
        const stream = query.stream();
        for (const e of events) stream.push(e);
        stream.flush();
      }),
      { seed: 7, numRuns: 2000 },
    );
  });
});
