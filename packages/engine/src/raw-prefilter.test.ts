import { parse } from '@eqlkit/parser';
import type { Statement } from '@eqlkit/parser';
import { describe, expect, it } from 'vitest';
import { deriveRawPrefilter, type RawPrefilterSpec } from './raw-prefilter.js';

function statement(text: string): Statement {
  const { ast, diagnostics } = parse(text);
  if (!ast) throw new Error(`${text}: ${JSON.stringify(diagnostics)}`);
  return ast;
}

/** The spec as readable strings: per term, groups of needles (`~` marks case-insensitive). */
function show(spec: RawPrefilterSpec | undefined): string[][][] | undefined {
  return spec?.terms.map((t) => t.groups.map((g) => g.map((n) => (n.caseInsensitive ? `~${n.text}` : n.text))));
}

const derive = (text: string, constantFields: string[] = []) => show(deriveRawPrefilter([{ statement: statement(text), constantFields }]));

describe('deriveRawPrefilter', () => {
  it('requires the category and every string a conjunct compares a field with', () => {
    expect(derive('process where process.name == "cmd.exe" and user.name in ("a1", "b2")')).toEqual([[['process'], ['cmd.exe'], ['a1', 'b2']]]);
  });

  it('folds case-insensitive literals (`:`, `in~`, `like~`) to ASCII lowercase', () => {
    expect(derive('any where a : "PowerShell.EXE" and b in~ ("Xy") and c like~ "*Temp*"')).toEqual([[['~powershell.exe'], ['~xy'], ['~temp']]]);
  });

  it('takes the longest literal run of a wildcard pattern, and nothing from a pattern of only wildcards', () => {
    expect(derive('any where a like "C:\\\\*\\\\sys?em32\\\\*.dll"')).toEqual([[['em32\\\\']]]);
    expect(derive('any where a : "*" and b == "xyz"')).toEqual([[['xyz']]]);
  });

  it('writes needles as JSON escapes them', () => {
    expect(derive('any where a == "say \\"hi\\""')).toEqual([[['say \\"hi\\"']]]);
  });

  it('covers missing and until terms too', () => {
    expect(derive('sequence [any where a == "one"] ![any where a == "two"] until [any where a == "three"]')).toEqual([[['one']], [['two']], [['three']]]);
  });

  it('takes one group from each side of an or', () => {
    expect(derive('any where (a == "left" and b == "longer-left") or c in ("r1", "r2")')).toEqual([[['longer-left', 'r1', 'r2']]]);
  });

  it('needs nothing for a term without a usable string: the whole statement gets no prefilter', () => {
    expect(derive('sequence [any where a == "x"] [any where b > 5]')).toBeUndefined();
    expect(derive('any where a != "x"')).toBeUndefined();
    expect(derive('any where not a == "x"')).toBeUndefined();
    expect(derive('any where a == "x" or b > 3')).toBeUndefined();
    expect(derive('any where a regex "x.*"')).toBeUndefined();
  });

  it('leaves out strings a number, boolean, date or IP value could match written otherwise', () => {
    for (const lit of ['5', '5.0', '-1e3', 'true', 'false', '2024-01-05', '2024-01-05T00:00:00Z', '10.0.0.1', '::1', 'NaN', 'Infinity']) {
      expect(derive(`any where a == "${lit}"`), lit).toBeUndefined();
    }
    expect(derive('any where a : "*1.5E*"')).toBeUndefined();
    expect(derive('any where a in ("x", "5")')).toBeUndefined();
  });

  it('skips predicates on constant fields (--field, index constants), the category field included', () => {
    expect(derive('process where event.module == "okta" and event.action == "x1"', ['event.module'])).toEqual([[['process'], ['x1']]]);
    expect(derive('process where event.action == "x1"', ['event.category'])).toEqual([[['x1']]]);
    expect(derive('any where event.module == "okta"', ['event.module'])).toBeUndefined();
  });

  it('drops null alternatives (they never match) and keeps ASCII runs of non-ASCII case-insensitive literals', () => {
    expect(derive('any where a in ("x1", null)')).toEqual([[['x1']]]);
    expect(derive('any where a : "ÄbcDEf_ÖX"')).toEqual([[['~bcdef_']]]);
  });
});
