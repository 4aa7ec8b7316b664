import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { sharedPath } from '../../../test/support/shared.js';
import { resolveMapping, schemaFromMapping } from './schema.js';

describe('schemaFromMapping', () => {
  it('reads properties trees, multi-fields, aliases and null_value', () => {
    const schema = schemaFromMapping({
      mappings: {
        properties: {
          user: { properties: { name: { type: 'text', fields: { keyword: { type: 'keyword' } } } } },
          n: { type: 'long', null_value: 0 },
          cat: { type: 'alias', path: 'user.name' },
          geo: { type: 'geo_point' },
        },
      },
    });
    expect(schema.fields.get('user')?.type).toBe('object');
    expect(schema.fields.get('user.name')?.type).toBe('text');
    expect(schema.fields.get('user.name.keyword')?.type).toBe('keyword');
    expect(schema.fields.get('n')).toEqual({ type: 'long', nullValue: 0 });
    expect(resolveMapping(schema, 'cat')).toEqual({ path: 'user.name', mapping: { type: 'text' } });
    expect(schema.fields.has('geo')).toBe(false);
  });
  it('reads GET _mapping responses keyed by index', () => {
    const schema = schemaFromMapping({ 'my-index': { mappings: { properties: { a: { type: 'ip' } } } } });
    expect(schema.fields.get('a')?.type).toBe('ip');
  });
  it('reads the conformance mapping files (comments, keyword placeholders)', () => {
    const text = readFileSync(sharedPath('conformance', 'elasticsearch', 'data', 'extra.mapping'), 'utf8');
    const schema = schemaFromMapping(text);
    expect(schema.fields.get('event_type')?.type).toBe('keyword');
    expect(schema.fields.get('version')?.type).toBe('version');
    expect(schema.fields.get('optional_field_default_null')?.nullValue).toBe('NULL');
    expect(resolveMapping(schema, 'event.category')?.path).toBe('event_type');
    const endgame = schemaFromMapping(readFileSync(sharedPath('conformance', 'elasticsearch', 'data', 'endgame-140.mapping'), 'utf8'));
    expect(endgame.fields.get('pid')?.type).toBe('long');
    expect(endgame.fields.get('@timestamp')?.type).toBe('date');
  });
  it('does not loop on alias cycles', () => {
    const schema = schemaFromMapping({ properties: { a: { type: 'alias', path: 'b' }, b: { type: 'alias', path: 'a' } } });
    expect(resolveMapping(schema, 'a')).toBeUndefined();
  });
  it('normalises the type names Elasticsearch has more of, and drops what it does not know', () => {
    const schema = schemaFromMapping({
      properties: {
        k: { type: '[runtime_random_keyword_type]' },
        n: { type: 'nested', properties: { x: { type: 'integer' } } },
        m: { type: 'match_only_text' },
        u: { type: 'unsigned_long' },
        weird: { type: 7 },
        objectless: { properties: { y: { type: 'short' } } },
        notAnObject: 'keyword',
        explicitNull: { type: 'keyword', null_value: null },
      },
    });
    expect(Object.fromEntries([...schema.fields].map(([k, v]) => [k, v.type]))).toEqual({
      k: 'keyword',
      n: 'object',
      'n.x': 'integer',
      m: 'text',
      u: 'unsigned_long',
      objectless: 'object',
      'objectless.y': 'short',
      explicitNull: 'keyword',
    });
    expect(schema.fields.get('explicitNull')).toEqual({ type: 'keyword' });
  });
  it('reads own properties only, and a mapping given as a JSON string with # comments', () => {
    const inherited = Object.create({ hidden: { type: 'keyword' } }) as Record<string, unknown>;
    inherited.shown = { type: 'long' };
    expect([...schemaFromMapping({ properties: inherited }).fields.keys()]).toEqual(['shown']);
    const schema = schemaFromMapping('# a comment\n  # another\n{"properties": {"a": {"type": "ip"}}}');
    expect(schema.fields.get('a')).toEqual({ type: 'ip' });
    // Nothing mapping-like: an empty schema, not an error.
    expect(schemaFromMapping({ a: { b: { c: { d: { properties: { x: { type: 'long' } } } } } } }).fields.size).toBe(0);
    expect(schemaFromMapping(null).fields.size).toBe(0);
  });
  it('follows alias chains a few hops, and an alias without a path resolves to nothing', () => {
    const schema = schemaFromMapping({
      properties: { a: { type: 'alias', path: 'b' }, b: { type: 'alias', path: 'c' }, c: { type: 'keyword' }, d: { type: 'alias' } },
    });
    expect(resolveMapping(schema, 'a')).toEqual({ path: 'c', mapping: { type: 'keyword' } });
    expect(resolveMapping(schema, 'd')).toBeUndefined();
    expect(resolveMapping(schema, 'zzz')).toBeUndefined();
    expect(resolveMapping(undefined, 'a')).toBeUndefined();
  });
});

describe('schemaFromMapping: edge cases of real mappings', () => {
  it('reads a nested field as an object even when it declares no properties', () => {
    // Elasticsearch accepts `{"type": "nested"}` alone; its sub-fields come from dynamic mapping.
    const schema = schemaFromMapping({ properties: { hits: { type: 'nested' }, tags: { type: 'nested', dynamic: true } } });
    expect(schema.fields.get('hits')).toEqual({ type: 'object' });
    expect(schema.fields.get('tags')).toEqual({ type: 'object' });
  });
  it('takes a keyword placeholder only as a whole type name, and a type only as a string', () => {
    const schema = schemaFromMapping({
      properties: {
        whole: { type: '[runtime_random_keyword_type]' },
        constant: { type: '[runtime_random_constant_keyword_type]' },
        prefixed: { type: 'not[runtime_random_keyword_type]' },
        suffixed: { type: '[runtime_random_keyword_type]x' },
        listed: { type: ['[runtime_random_keyword_type]'] },
        listedNested: { type: ['nested'] },
      },
    });
    expect(Object.fromEntries([...schema.fields].map(([k, v]) => [k, v.type]))).toEqual({ whole: 'keyword', constant: 'keyword' });
  });
  it('skips null and non-object field definitions without failing', () => {
    const schema = schemaFromMapping({ properties: { gone: null, listed: ['keyword'], n: 3, kept: { type: 'long' } } });
    expect([...schema.fields]).toEqual([['kept', { type: 'long' }]]);
  });
  it('keeps the path of an alias only, and only when it is a string', () => {
    const schema = schemaFromMapping({
      properties: {
        target: { type: 'keyword' },
        // `path` means nothing on other types (old multi-field mappings had one): no alias.
        old: { type: 'keyword', path: 'target' },
        broken: { type: 'alias', path: 42 },
        noPath: { type: 'alias' },
        good: { type: 'alias', path: 'target' },
      },
    });
    expect(schema.fields.get('old')).toStrictEqual({ type: 'keyword' });
    expect(resolveMapping(schema, 'old')).toEqual({ path: 'old', mapping: { type: 'keyword' } });
    expect(schema.fields.get('broken')).toStrictEqual({ type: 'alias' });
    expect(schema.fields.get('noPath')).toStrictEqual({ type: 'alias' });
    expect(schema.fields.get('good')).toStrictEqual({ type: 'alias', aliasOf: 'target' });
    expect(resolveMapping(schema, 'broken')).toBeUndefined();
  });
  it('leaves null_value out when the mapping has none', () => {
    const schema = schemaFromMapping({ properties: { a: { type: 'keyword' }, b: { type: 'long', null_value: -1 }, c: { type: 'boolean', null_value: false } } });
    expect(schema.fields.get('a')).toStrictEqual({ type: 'keyword' });
    expect(schema.fields.get('b')).toStrictEqual({ type: 'long', nullValue: -1 });
    // A falsy null_value is still a substitute.
    expect(schema.fields.get('c')).toStrictEqual({ type: 'boolean', nullValue: false });
  });
  it('reads only the mappings of an index entry, not its other sections', () => {
    // GET index returns aliases, mappings and settings side by side.
    const schema = schemaFromMapping({
      logs: {
        aliases: { properties: { filter: { type: 'keyword' } } },
        mappings: { properties: { a: { type: 'ip' } } },
        settings: { properties: { b: { type: 'keyword' } } },
      },
    });
    expect([...schema.fields.keys()]).toEqual(['a']);
  });
  it('does not look for mappings deeper than an index entry', () => {
    expect(schemaFromMapping({ cluster: { logs: { mappings: { properties: { a: { type: 'ip' } } } } } }).fields.size).toBe(0);
    expect(schemaFromMapping({ mappings: { mappings: { mappings: { properties: { a: { type: 'ip' } } } } } }).fields.size).toBe(0);
    expect(schemaFromMapping({ logs: { mappings: { properties: { a: { type: 'ip' } } } } }).fields.get('a')).toEqual({ type: 'ip' });
  });
});
