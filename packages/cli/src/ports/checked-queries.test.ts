import { compile } from '@eqlkit/engine';
import { describe, expect, it } from 'vitest';
import { CheckedQueries } from './checked-queries.js';
import type { EnginePort } from './engine-port.js';
import { createQueryChecker } from './query-checker.js';

/** The engine, counting compiles from text and from parsed statements. */
function countingEngine() {
  const calls = { text: 0, statement: 0 };
  const engine: EnginePort = {
    compile: (query, options) => {
      if (typeof query === 'string') calls.text++;
      else calls.statement++;
      return compile(query, options);
    },
  };
  return { engine, calls };
}

const SEQUENCE = 'sequence by user.name [process where process.name == "a"] [network where true]';
const events = [
  { '@timestamp': 1, event: { category: 'process' }, process: { name: 'a' }, user: { name: 'u' }, ingested: 5 },
  { '@timestamp': 2, event: { category: 'network' }, user: { name: 'u' }, ingested: 4 },
];

describe('CheckedQueries', () => {
  it('hands a run the compiled query of the check when the options are the defaults, parsing once', () => {
    const { engine, calls } = countingEngine();
    const checked = new CheckedQueries(engine);
    const check = createQueryChecker(engine, {}, checked);
    expect(check(SEQUENCE).diagnostics).toEqual([]);
    const first = checked.compile(SEQUENCE, { timestampField: '@timestamp', eventCategoryField: 'event.category' });
    expect(checked.compile(SEQUENCE, {})).toBe(first);
    expect(calls).toEqual({ text: 0, statement: 1 });
    expect(first.search(events)).toHaveLength(1);
  });

  it('compiles the checked statement with other options, giving what compiling the text gives', () => {
    const { engine, calls } = countingEngine();
    const checked = new CheckedQueries(engine);
    createQueryChecker(engine, {}, checked)(SEQUENCE);
    const options = { timestampField: 'ingested' };
    const reused = checked.compile(SEQUENCE, options);
    expect(calls).toEqual({ text: 0, statement: 2 });
    // In `ingested` order the network event comes first: no sequence.
    expect(reused.search(events)).toEqual(compile(SEQUENCE, options).search(events));
    expect(reused.search(events)).toHaveLength(0);
  });

  it('after forget, keeps nothing: a query is compiled from its text again', () => {
    const { engine, calls } = countingEngine();
    const checked = new CheckedQueries(engine);
    createQueryChecker(engine, {}, checked)(SEQUENCE);
    const kept = checked.compile(SEQUENCE, {});
    checked.forget();
    const again = checked.compile(SEQUENCE, {});
    expect(again).not.toBe(kept);
    expect(calls).toEqual({ text: 1, statement: 1 });
  });

  it('compiles queries it has not seen from their text', () => {
    const { engine, calls } = countingEngine();
    const checked = new CheckedQueries(engine);
    checked.compile('any where true', {});
    expect(calls).toEqual({ text: 1, statement: 0 });
  });

  it('keeps nothing for a query that does not compile, whose diagnostics still carry positions', () => {
    const { engine } = countingEngine();
    const checked = new CheckedQueries(engine);
    const bad = 'any where process.name regex "("';
    const { diagnostics } = createQueryChecker(engine, {}, checked)(bad);
    expect(diagnostics.some((d) => d.severity === 'error')).toBe(true);
    const direct = (() => {
      try {
        compile(bad);
        return undefined;
      } catch (error) {
        return (error as { diagnostics: unknown }).diagnostics;
      }
    })();
    expect(diagnostics).toEqual(direct);
    expect(() => checked.compile(bad, {})).toThrow();
  });
});
