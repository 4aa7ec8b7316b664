import { describe, expect, it } from 'vitest';
import { applyFieldConstants, parseFieldConstant, type FieldConstant } from './field-constants.js';

function constant(spec: string): FieldConstant {
  const c = parseFieldConstant(spec);
  if (typeof c === 'string') throw new Error(c);
  return c;
}

describe('field constants', () => {
  it('parses the value as JSON when it is JSON, else keeps the text', () => {
    expect(constant('n=3').value).toBe(3);
    expect(constant('tags=["a"]').value).toEqual(['a']);
    expect(constant('event.module=okta').value).toBe('okta');
    expect(constant('x=').value).toBe('');
  });

  it('rejects a spec without a name', () => {
    expect(parseFieldConstant('=3')).toMatch(/NAME=VALUE/);
    expect(parseFieldConstant('novalue')).toMatch(/NAME=VALUE/);
    expect(parseFieldConstant('a..b=1')).toMatch(/empty part/);
  });

  it('sets nested fields, keeping siblings, and overwrites a flat dotted key in place', () => {
    const nested: Record<string, unknown> = { event: { action: 'x' } };
    applyFieldConstants(nested, [constant('event.module=okta')]);
    expect(nested).toEqual({ event: { action: 'x', module: 'okta' } });
    const flat: Record<string, unknown> = { 'event.module': 'other' };
    applyFieldConstants(flat, [constant('event.module=okta')]);
    expect(flat).toEqual({ 'event.module': 'okta' });
  });

  it('treats __proto__ as a plain field name', () => {
    const event: Record<string, unknown> = {};
    applyFieldConstants(event, [constant('__proto__.polluted=1')]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.hasOwn(event, '__proto__')).toBe(true);
  });
});
