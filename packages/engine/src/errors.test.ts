import type { Diagnostic } from '@eqlkit/parser';
import { describe, expect, it } from 'vitest';
import { compile } from './compile.js';
import { EngineCodes, EqlError, engineDiagnostic, fail, locateDiagnostics } from './errors.js';

const at = (code: string, message: string, range: [number, number]): Diagnostic => ({ code, severity: 'error', message, range, line: 0, column: 0 });

describe('EqlError', () => {
  it('has one line per diagnostic in its message', () => {
    const e = new EqlError([at('EQL4003', 'Unknown function [a]', [0, 1]), at('EQL4003', 'Unknown function [b]', [2, 3])]);
    expect(e.message).toBe('EQL4003: Unknown function [a]\nEQL4003: Unknown function [b]');
    expect(e.message.split('\n')).toHaveLength(2);
    expect(e.name).toBe('EqlError');
    expect(e.diagnostics).toHaveLength(2);
  });
});

describe('engine diagnostics', () => {
  it('have the parser diagnostics shape, with no hint key unless one is given', () => {
    const d = engineDiagnostic(EngineCodes.InvalidRegex, 'bad', [3, 5]);
    expect(d).toStrictEqual({ code: 'EQL4001', severity: 'error', message: 'bad', range: [3, 5], line: 0, column: 0 });
    expect('hint' in d).toBe(false);
    expect(JSON.stringify(d)).toBe('{"code":"EQL4001","severity":"error","message":"bad","range":[3,5],"line":0,"column":0}');
  });

  it('carry a hint when one is given', () => {
    const d = engineDiagnostic(EngineCodes.UnsupportedRegex, 'no lookaround', [0, 4], 'rewrite without (?=');
    expect(d).toStrictEqual({ code: 'EQL4002', severity: 'error', message: 'no lookaround', range: [0, 4], line: 0, column: 0, hint: 'rewrite without (?=' });
  });

  it('fail throws an EqlError with the one diagnostic, hint included', () => {
    let error: unknown;
    try {
      fail(EngineCodes.InvalidCidr, 'invalid CIDR block [x]', [1, 2], 'write a.b.c.d/n');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(EqlError);
    expect((error as EqlError).message).toBe('EQL4007: invalid CIDR block [x]');
    expect((error as EqlError).diagnostics).toStrictEqual([
      { code: 'EQL4007', severity: 'error', message: 'invalid CIDR block [x]', range: [1, 2], line: 0, column: 0, hint: 'write a.b.c.d/n' },
    ]);
  });
});

describe('locateDiagnostics', () => {
  it('gives the 1-based line and column of the range start, on any line', () => {
    const text = 'any where\n  x == 1 and\n  nosuch(y)\n';
    const located = locateDiagnostics([at('EQL4003', 'a', [4, 9]), at('EQL4003', 'b', [12, 13]), at('EQL4003', 'c', [25, 31])], text);
    expect(located.map((d) => [d.line, d.column])).toEqual([
      [1, 5],
      [2, 3],
      [3, 3],
    ]);
    expect(located.map((d) => text.slice(d.range[0], d.range[1]))).toEqual(['where', 'x', 'nosuch']);
  });

  it('locates an engine error on the first line of a query of several lines', () => {
    try {
      compile('any where number(x, 1) == 5\n| head 1\n| tail 1');
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(EqlError);
      const d = (e as EqlError).diagnostics[0]!;
      expect([d.code, d.line, d.column]).toEqual(['EQL4005', 1, 21]);
    }
  });
});
