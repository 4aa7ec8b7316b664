// Hostile rule files: every one loads to a diagnostic with its code and file position, never a
// throw, and never touches Object.prototype.
import { loadRule, type RuleDiagnostic } from '@eqlkit/rules';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { ruleToml } from './rule-text.js';

const brief = (ds: readonly RuleDiagnostic[]) => ds.map((d) => ({ code: d.code, line: d.line, column: d.column, message: d.message }));

afterEach(() => {
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
});

/** Nine levels of nine-fold aliases: 9^9 (387 million) strings if expanded. */
const BILLION_LAUGHS = [
  'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]',
  ...'bcdefghi'.split('').map((name, i) => `${name}: &${name} [${Array.from({ length: 9 }, () => `*${'abcdefghi'[i]}`).join(',')}]`),
].join('\n');

describe('hostile rule files', () => {
  it('a YAML billion-laughs bomb is EQL5002 at the first alias, in milliseconds', () => {
    const started = performance.now();
    const loaded = loadRule('bomb.yaml', BILLION_LAUGHS);
    expect(loaded.status).toBe('invalid');
    expect(brief(loaded.diagnostics)).toEqual([
      { code: 'EQL5002', line: 2, column: 8, message: 'invalid YAML: Excessive alias count indicates a resource exhaustion attack' },
    ]);
    expect(performance.now() - started).toBeLessThan(2000);
  });

  it('a few YAML aliases (no bomb) still load', () => {
    const loaded = loadRule('alias.yaml', 'x: &x ["a"]\ny: [*x, *x]\n');
    expect(loaded.diagnostics.map((d) => d.code)).not.toContain('EQL5002');
  });

  it('YAML nested 10,000 levels deep is EQL5002, not a stack overflow', () => {
    const loaded = loadRule('deep.yaml', `a: ${'['.repeat(10_000)}${']'.repeat(10_000)}`);
    expect(loaded.status).toBe('invalid');
    expect(loaded.diagnostics.length).toBeGreaterThan(0);
    expect(new Set(loaded.diagnostics.map((d) => d.code))).toEqual(new Set(['EQL5002']));
  });

  it('TOML with a duplicate key is EQL5001 at the second definition', () => {
    const loaded = loadRule('dup.toml', '[metadata]\ncreation_date = "2020/01/01"\ncreation_date = "2020/01/02"\n');
    expect(brief(loaded.diagnostics)).toEqual([
      { code: 'EQL5001', line: 3, column: 1, message: 'invalid TOML: trying to redefine an already defined table or value' },
    ]);
  });

  it('TOML arrays nested 100,000 deep are EQL5001, not a stack overflow', () => {
    const loaded = loadRule('deep.toml', `a = ${'['.repeat(100_000)}${']'.repeat(100_000)}`);
    expect(brief(loaded.diagnostics)).toEqual([
      { code: 'EQL5001', line: 1, column: 1005, message: 'invalid TOML: document contains excessively nested structures. aborting.' },
    ]);
  });

  it('a NUL byte in a TOML string is EQL5001 at the string', () => {
    expect(brief(loadRule('nul.toml', 'a = "x\u0000"').diagnostics)).toEqual([
      { code: 'EQL5001', line: 1, column: 7, message: 'invalid TOML: control characters are not allowed in strings' },
    ]);
  });

  it('a query over 1 MiB is EQL1020 placed at the query in the file', () => {
    const loaded = loadRule('long.toml', ruleToml(`any where a == "${'x'.repeat(1 << 20)}"`));
    expect(loaded.status).toBe('invalid');
    expect(brief(loaded.diagnostics)).toEqual([
      // The TOML multi-line string keeps the newline before its closing quotes: 17 + 1 extra.
      { code: 'EQL1020', line: 17, column: 1, message: `query is ${(1 << 20) + 18} characters long; the limit is 1048576` },
    ]);
  });

  it('an `in` list past 65,536 members is EQL1022 at its line in the file', () => {
    const members = Array.from({ length: 65_537 }, (_, i) => i).join(',\n');
    const loaded = loadRule('list.toml', ruleToml(`any where a in (\n${members})`));
    expect(brief(loaded.diagnostics)).toEqual([
      { code: 'EQL1022', line: 17 + 65_536, column: 6, message: 'list has more than 65536 members' },
    ]);
  });

  it('a rule file starting with a BOM loads', () => {
    expect(loadRule('bom.toml', `\ufeff${ruleToml('any where a == 1')}`).status).toBe('loaded');
  });

  it('a rule file with CRLF line ends loads', () => {
    expect(loadRule('crlf.toml', ruleToml('any where a == 1').replace(/\n/g, '\r\n')).status).toBe('loaded');
  });

  it('a TOML `[__proto__]` table is an unknown key (EQL5020), kept as data', () => {
    const loaded = loadRule('proto.toml', `${ruleToml('any where a == 1')}\n[__proto__]\npolluted = true\n`);
    expect(brief(loaded.diagnostics)).toEqual([
      { code: 'EQL5020', line: 20, column: 1, message: 'unknown key "__proto__" in [(document)]; it is kept but not used' },
    ]);
  });

  it('a YAML `__proto__` key is an unknown key (EQL5020), kept as data', () => {
    const loaded = loadRule('proto.yaml', '__proto__:\n  polluted: true\n');
    expect(loaded.diagnostics.map((d) => d.code)).toContain('EQL5020');
  });

  it('a file that is neither TOML nor YAML by name is EQL5003', () => {
    expect(brief(loadRule('rule.json', '{}').diagnostics)).toEqual([
      { code: 'EQL5003', line: 1, column: 1, message: 'a rule file must end in .toml, .yaml or .yml' },
    ]);
  });
});

describe('fuzzing: loadRule never throws', () => {
  const names = fc.constantFrom('r.toml', 'r.yaml', 'r.yml');

  it('on any string', () => {
    fc.assert(
      fc.property(names, fc.string({ unit: 'binary', maxLength: 300 }), (name, text) => {
        const loaded = loadRule(name, text);
        expect(['loaded', 'invalid']).toContain(loaded.status);
      }),
      { seed: 11, numRuns: 1500 },
    );
  });

  it('on any bytes decoded as UTF-8 (invalid sequences become U+FFFD)', () => {
    fc.assert(
      fc.property(names, fc.uint8Array({ maxLength: 300 }), (name, bytes) => {
        const loaded = loadRule(name, new TextDecoder().decode(bytes));
        expect(['loaded', 'invalid']).toContain(loaded.status);
      }),
      { seed: 12, numRuns: 1500 },
    );
  });

  it('on a valid rule with random text spliced in at any offset, placing every diagnostic in the file', () => {
    const base = ruleToml('sequence by user.name [any where a == 1] [any where b : "x*"]');
    fc.assert(
      fc.property(fc.nat({ max: base.length }), fc.string({ maxLength: 20 }), names, (at, insert, name) => {
        const loaded = loadRule(name, `${base.slice(0, at)}${insert}${base.slice(at)}`);
        for (const d of loaded.diagnostics) {
          expect(d.line).toBeGreaterThanOrEqual(1);
          expect(d.column).toBeGreaterThanOrEqual(1);
        }
      }),
      { seed: 13, numRuns: 1500 },
    );
  });
});
