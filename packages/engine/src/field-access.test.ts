import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileFieldGetter } from './field-access.js';
import { schemaFromMapping } from './schema.js';

const get = (path: string, event: Record<string, unknown>) => compileFieldGetter(path.split('.'))(event);

describe('compileFieldGetter', () => {
  it('reads nested, dotted and mixed layouts', () => {
    expect(get('a.b.c', { a: { b: { c: 1 } } })).toBe(1);
    expect(get('a.b.c', { 'a.b.c': 1 })).toBe(1);
    expect(get('a.b.c', { 'a.b': { c: 1 } })).toBe(1);
    expect(get('a.b.c', { a: { 'b.c': 1 } })).toBe(1);
    expect(get('a', { a: 0 })).toBe(0);
  });
  it('gives undefined for absent fields and null for explicit nulls', () => {
    expect(get('a.b', {})).toBeUndefined();
    expect(get('a.b', { a: 'x' })).toBeUndefined();
    expect(get('a.b', { a: { b: null } })).toBeNull();
  });
  it('merges values found under both layouts', () => {
    expect((get('a.b', { 'a.b': 1, a: { b: 2 } }) as number[]).sort()).toEqual([1, 2]);
  });
  it('flattens arrays of objects and returns leaf arrays as they are', () => {
    expect(get('a.b', { a: [{ b: 1 }, { b: 2 }, { c: 3 }] })).toEqual([1, 2]);
    expect(get('a.b', { a: { b: [1, [2]] } })).toEqual([1, [2]]);
  });
  it('reads own properties only: __proto__ and constructor are data', () => {
    const event = JSON.parse('{"__proto__": {"polluted": 1}, "x": {}}') as Record<string, unknown>;
    expect(get('__proto__.polluted', event)).toBe(1);
    expect(get('x.constructor', event)).toBeUndefined();
    expect(get('constructor', {})).toBeUndefined();
    expect(get('toString', {})).toBeUndefined();
    expect(get('x.__proto__', { x: {} })).toBeUndefined();
  });
  it('follows aliases and substitutes null_value from the schema', () => {
    const schema = schemaFromMapping({
      properties: { event: { properties: { category: { type: 'alias', path: 'event_type' } } }, event_type: { type: 'keyword', null_value: 'NULL' } },
    });
    expect(compileFieldGetter(['event', 'category'], schema)({ event_type: 'process' })).toBe('process');
    expect(compileFieldGetter(['event_type'], schema)({ event_type: null })).toBe('NULL');
    expect(compileFieldGetter(['event_type'], schema)({ event_type: ['a', null] })).toEqual(['a', 'NULL']);
    expect(compileFieldGetter(['event_type'], schema)({})).toBeUndefined();
  });
  it('never throws on arbitrary JSON', () => {
    const getter = compileFieldGetter(['a', 'b', 'c']);
    fc.assert(fc.property(fc.jsonValue(), (v) => { getter({ a: v, 'a.b': v }); }), { numRuns: 500 });
  });
});

describe('compileFieldGetter: one reader per distinct path', () => {
  it('gives the same reader for the same path, however the path array was built', () => {
    const a = compileFieldGetter(['process', 'parent', 'name']);
    expect(compileFieldGetter('process.parent.name'.split('.'))).toBe(a);
    expect(compileFieldGetter(['process', 'parent.name'])).not.toBe(a);
    expect(compileFieldGetter(['process', 'parent', 'names'])).not.toBe(a);
  });

  it('a shared reader still reads each layout (dotted, nested, arrays) of its own path only', () => {
    const nested = compileFieldGetter(['a', 'b']);
    const other = compileFieldGetter(['a', 'c']);
    expect(nested({ a: { b: 1, c: 2 } })).toBe(1);
    expect(compileFieldGetter(['a', 'b'])({ 'a.b': 3 })).toBe(3);
    expect(other({ a: [{ c: 4 }, { c: 5 }] })).toEqual([4, 5]);
    // Segments that join alike are different paths (`a` + `b.c` against `a.b` + `c`).
    expect(compileFieldGetter(['a', 'b.c'])).not.toBe(compileFieldGetter(['a.b', 'c']));
  });

  it('a schema with a null_value wraps the shared reader: the bare path is unaffected', () => {
    const schema = schemaFromMapping({ properties: { tag: { type: 'keyword', null_value: 'NONE' } } });
    expect(compileFieldGetter(['tag'], schema)({ tag: null })).toBe('NONE');
    expect(compileFieldGetter(['tag'])({ tag: null })).toBeNull();
  });
});
