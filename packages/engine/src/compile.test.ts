import { describe, expect, it } from 'vitest';
import { compile } from './compile.js';
import { EqlError } from './errors.js';
import type { EqlEvent } from './event.js';
import type { Hit } from './query.js';
import { schemaFromMapping } from './schema.js';

const ids = (hits: Hit[]) => hits.map((h) => (h.kind === 'event' ? h.event.id : h.events.map((e) => ('missing' in e ? -1 : e.id))));
const keys = (hits: Hit[]) => hits.map((h) => (h.kind === 'event' ? [] : h.joinKeys));

describe('compile: statements the parser rejects', () => {
  it('throws the parser errors even when the parser could build a tree', () => {
    let error: unknown;
    try {
      compile('sequence [any where true]');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(EqlError);
    expect((error as EqlError).diagnostics.map((d) => [d.code, d.message])).toEqual([['EQL2017', 'A sequence requires a minimum of 2 queries']]);
  });
});

describe('compile: join keys of typed fields', () => {
  const schema = schemaFromMapping({
    properties: { t: { type: 'date' }, pid: { type: 'long' }, user: { type: 'keyword' }, ok: { type: 'boolean' }, code: { type: 'keyword' } },
  });

  it('joins a date key written as an ISO string and as epoch millis, and reports it formatted', () => {
    const events: EqlEvent[] = [
      { id: 1, '@timestamp': 1000, step: 1, t: '2024-01-01T00:00:00Z' },
      { id: 2, '@timestamp': 2000, step: 2, t: 1704067200000 },
      { id: 3, '@timestamp': 3000, step: 2, t: '2024-01-01T00:00:01Z' },
    ];
    const hits = compile('sequence by t [any where step == 1] [any where step == 2]', { schema }).search(events);
    expect(ids(hits)).toEqual([[1, 2]]);
    expect(keys(hits)).toEqual([['2024-01-01T00:00:00.000Z']]);
    // date_nanos too.
    const nanos = schemaFromMapping({ properties: { t: { type: 'date_nanos' } } });
    const nanoHits = compile('sequence by t [any where step == 1] [any where step == 2]', { schema: nanos }).search(events);
    expect(ids(nanoHits)).toEqual([[1, 2]]);
    expect(keys(nanoHits)).toEqual([['2024-01-01T00:00:00.000Z']]);
  });

  it('formats date keys of the first positive term, after a leading missing term keyed otherwise', () => {
    const events: EqlEvent[] = [
      { id: 1, '@timestamp': 1000, event: { category: 'process' }, t: '2024-01-01T00:00:00Z' },
      { id: 2, '@timestamp': 2000, event: { category: 'network' }, t: 1704067200000 },
    ];
    const q = compile('sequence with maxspan=1h ![file where true] by code [process where true] by t [network where true] by t', { schema });
    const hits = q.search(events);
    expect(ids(hits)).toEqual([[-1, 1, 2]]);
    expect(keys(hits)).toEqual([['2024-01-01T00:00:00.000Z']]);
  });

  it('joins numeric keys by value, and a blank string is no number', () => {
    const events: EqlEvent[] = [
      { id: 1, '@timestamp': 1000, step: 1, pid: '5' },
      { id: 2, '@timestamp': 2000, step: 2, pid: 5 },
      { id: 3, '@timestamp': 3000, step: 1, pid: ' ' },
      { id: 4, '@timestamp': 4000, step: 2, pid: 0 },
    ];
    const hits = compile('sequence by pid [any where step == 1] [any where step == 2]', { schema }).search(events);
    expect(ids(hits)).toEqual([[1, 2]]);
    expect(keys(hits)).toEqual([[5]]);
  });

  it('joins keyword keys as strings', () => {
    const events: EqlEvent[] = [
      { id: 1, '@timestamp': 1000, step: 1, user: 'alice' },
      { id: 2, '@timestamp': 2000, step: 1, user: 'bob' },
      { id: 3, '@timestamp': 3000, step: 2, user: 'alice' },
    ];
    const hits = compile('sequence by user [any where step == 1] [any where step == 2]', { schema }).search(events);
    expect(ids(hits)).toEqual([[1, 3]]);
    expect(keys(hits)).toEqual([['alice']]);
  });
});

describe('compile: optional fields the schema does not know', () => {
  // Elasticsearch replaces `?x` by null when the mapping lacks x, which makes `?a == ?b` an
  // is-null test (or null == null) instead of a rejected field-to-field comparison.
  const schema = schemaFromMapping({ properties: { x: { type: 'long' }, a: { type: 'keyword' } } });
  const events: EqlEvent[] = [
    { id: 1, '@timestamp': 1, x: 1, a: 'p', b: 'p' },
    { id: 2, '@timestamp': 2, x: 2 },
    { id: 3, '@timestamp': 3, x: 1 },
  ];
  const run = (query: string) => ids(compile(query, { schema }).search(events));

  it('?a == ?b of two unknown fields is null == null: true', () => {
    expect(run('any where ?c == ?d')).toEqual([1, 2, 3]);
    expect(run('any where x == 1 and ?c == ?d')).toEqual([1, 3]);
    expect(run('any where ?c == ?d and x == 1')).toEqual([1, 3]);
    expect(run('any where x == 2 or ?c != ?d')).toEqual([2]);
  });

  it('not (?c == ?d) matches nothing', () => {
    expect(run('any where not ?c == ?d')).toEqual([]);
    expect(run('any where not (x == 1 and ?c == ?d)')).toEqual([2]);
  });

  it('a known field against an unknown one is an is-null test of the known one', () => {
    expect(run('any where ?a == ?b')).toEqual([2, 3]);
    expect(run('any where ?b == ?a')).toEqual([2, 3]);
    expect(run('any where ?a != ?b')).toEqual([1]);
  });

  it('an unknown optional field compared with a constant still reads the event (dynamically mapped data)', () => {
    expect(run('any where ?b == "p"')).toEqual([1]);
    expect(run('any where ?b != "p"')).toEqual([2, 3]);
    expect(run('any where "p" == ?b')).toEqual([1]);
  });
});

describe('compile: until terms', () => {
  it('an until event of a category no term has still cuts the sequence', () => {
    const events: EqlEvent[] = [
      { id: 1, '@timestamp': 1000, event: { category: 'process' }, k: 'a', step: 1 },
      { id: 2, '@timestamp': 2000, event: { category: 'file' }, k: 'a', stop: true },
      { id: 3, '@timestamp': 3000, event: { category: 'process' }, k: 'a', step: 2 },
      { id: 4, '@timestamp': 4000, event: { category: 'process' }, k: 'b', step: 1 },
      { id: 5, '@timestamp': 5000, event: { category: 'process' }, k: 'b', step: 2 },
    ];
    const q = 'sequence by k [process where step == 1] [process where step == 2] until [file where stop == true]';
    expect(ids(compile(q).search(events))).toEqual([[4, 5]]);
    const s = compile(q).stream();
    const out = events.flatMap((e) => s.push(e));
    out.push(...s.flush());
    expect(ids(out)).toEqual([[4, 5]]);
  });
});
