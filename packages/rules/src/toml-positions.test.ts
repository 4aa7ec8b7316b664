import fc from 'fast-check';
import { parse } from 'smol-toml';
import { describe, expect, it } from 'vitest';
import { decodeTomlString, tomlPositions } from './toml-positions.js';

const doc = `[metadata]
creation_date = "2022/01/05"

[rule]
name = "A rule" # trailing comment
tags = [
  "one", # first
  "two",
]
investigation_fields = { field_names = ["user.name", "source.ip"] }
query = '''
sequence by user.email
  [any where x == "a"]
'''

[[rule.threat]]
framework = "MITRE ATT&CK"
[[rule.threat.technique]]
id = "T1110"
[rule.threat.tactic]
id = "TA0006"

[[rule.threat]]
framework = "MITRE ATT&CK"
[rule.threat.tactic]
id = "TA0001"
`;

const at = (pointer: string) => {
  const loc = tomlPositions(doc).locate(pointer);
  return loc ? doc.slice(loc.value.start, loc.value.end) : undefined;
};

describe('tomlPositions', () => {
  it('locates plain keys, list items and inline-table members', () => {
    expect(at('/metadata/creation_date')).toBe('"2022/01/05"');
    expect(at('/rule/name')).toBe('"A rule"');
    expect(at('/rule/tags/1')).toBe('"two"');
    expect(at('/rule/investigation_fields/field_names/1')).toBe('"source.ip"');
  });

  it('puts a table header after an array of tables into that array’s latest element', () => {
    expect(at('/rule/threat/0/tactic/id')).toBe('"TA0006"');
    expect(at('/rule/threat/0/technique/0/id')).toBe('"T1110"');
    expect(at('/rule/threat/1/tactic/id')).toBe('"TA0001"');
  });

  it('falls back to the nearest written ancestor for a missing key', () => {
    const loc = tomlPositions(doc).locate('/rule/threat/1/technique');
    expect(loc && doc.slice(loc.value.start, loc.value.end)).toBe('[[rule.threat]]');
  });

  it('maps every character of a literal multi-line query to its file offset', () => {
    const query = (parse(doc) as { rule: { query: string } }).rule.query;
    const offsets = tomlPositions(doc).stringOffsets('/rule/query', query);
    expect(offsets).toBeDefined();
    for (let i = 0; i < query.length; i++) expect(doc[offsets?.[i] ?? -1]).toBe(query[i]);
  });

  it('maps decoded characters of a basic string with escapes back to the file (property)', () => {
    const safe = fc.string({ unit: 'grapheme', maxLength: 30 }).filter((s) => !s.includes('\x7f'));
    fc.assert(
      fc.property(safe, safe, (before, after) => {
        const text = `q = ${JSON.stringify(before + after)}\n`;
        const decoded = (parse(text) as { q: string }).q;
        const walked = decodeTomlString(text, 4);
        expect(walked.value).toBe(decoded);
        const offsets = tomlPositions(text).stringOffsets('/q', decoded) ?? [];
        // The first character after `before` sits at the file offset of its (possibly escaped) source.
        const i = before.length;
        if (i < decoded.length) {
          const source = text.slice(offsets[i], offsets[i + 1]);
          expect(JSON.parse(`"${source}"`)).toBe(decoded[i]);
        }
      }),
    );
  });
});
