import { describe, expect, it } from 'vitest';
import { DiagnosticCode } from './codes.js';
import { parse } from './parse.js';

const codes = (query: string) => parse(query).diagnostics.map((d) => d.code);

describe('semantic checks', () => {
  it('accept the valid uses that resemble the rejected ones', () => {
    for (const query of [
      'any where between(x, "a", "b", true) == "c"',
      'any where number(x, 16) == 1',
      'network where cidrMatch(ip, "10.0.0.0/8", "192.168.0.0/16")',
      'any where length(x) > 1 and x : ("a*", "b") and x like~ "c?" and x regex """d.*"""',
      'any where x in ("a", 1 + 2, concat("a", "b"))',
      'any where add(1, 2) == 3',
      'sequence by a with maxspan=1h [x where true] ![y where true] [z where true]',
      'sequence [x where true] with runs=2',
      'sample by a [x where true] [y where true]',
    ]) {
      expect(codes(query), query).toEqual([]);
    }
  });

  it('count join keys after adding the sequence keys to each stage', () => {
    expect(codes('sequence by a [x where true] by b [y where true] by c until [z where true] by d')).toEqual([]);
    expect(codes('sequence by a [x where true] by b [y where true] by c until [z where true]')).toEqual([
      DiagnosticCode.InconsistentJoinKeys,
    ]);
  });

  it('count stages after runs expansion', () => {
    expect(codes('sequence [x where true] with runs=1')).toEqual([DiagnosticCode.NotEnoughStages]);
  });

  it('find fields on both sides through functions and arithmetic', () => {
    expect(codes('any where length(a) + 1 == length(b)')).toEqual([DiagnosticCode.FieldComparedWithField]);
    expect(codes('any where length(a) + 1 == length("b")')).toEqual([]);
  });

  it('report one diagnostic per offending list member', () => {
    expect(codes('any where a in (b, "x", c)')).toEqual([DiagnosticCode.FieldComparedWithField, DiagnosticCode.FieldComparedWithField]);
  });

  it('check functions nested anywhere, including join keys and pipes-free samples', () => {
    expect(codes('sample by h [a where lenght(x) > 1] [b where true]')).toEqual([DiagnosticCode.UnknownFunction]);
    expect(codes('any where concat()')).toEqual([DiagnosticCode.WrongArity]);
    expect(codes('any where concat~(a) == "x"')).toEqual([DiagnosticCode.CaseInsensitiveNotAllowed]);
  });

  it('reject string conditions and number conditions but accept boolean ones', () => {
    expect(codes('any where "x"')).toEqual([DiagnosticCode.NonBooleanCondition]);
    expect(codes('any where false')).toEqual([]);
  });

  it('report by written after with', () => {
    expect(codes('sequence [x where true] with runs=2 by a [y where true] by b')).toEqual([DiagnosticCode.ByAfterWith]);
  });
});
