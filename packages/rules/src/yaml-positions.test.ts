import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadYaml } from './load-yaml.js';

describe('yamlPositions', () => {
  const text = `rule:
  name: A rule
  tags: [one, two]
  threat:
    - tactic:
        id: TA0006
  query: |
    sequence by user.email
      [any where x == "a"]
`;

  it('locates map values, flow-list items and values inside lists of maps', () => {
    const p = loadYaml('r.yaml', text).positions;
    const at = (pointer: string) => {
      const loc = p.locate(pointer);
      return loc && text.slice(loc.value.start, loc.value.end);
    };
    expect(at('/rule/name')).toBe('A rule');
    expect(at('/rule/tags/1')).toBe('two');
    expect(at('/rule/threat/0/tactic/id')).toBe('TA0006');
  });

  it('maps every character of a block-literal query to its file offset (property)', () => {
    const line = fc.string({ minLength: 1, maxLength: 40 }).filter((s) => /^[!-~][ -~]*$/.test(s) && !s.endsWith(' '));
    fc.assert(
      fc.property(fc.array(line, { minLength: 1, maxLength: 6 }), fc.array(fc.nat(4), { minLength: 6, maxLength: 6 }), (lines, extra) => {
        const body = lines.map((l, i) => `    ${' '.repeat(i === 0 ? 0 : (extra[i] ?? 0))}${l}`).join('\n');
        const doc = `rule:\n  query: |\n${body}\n`;
        const parsed = loadYaml('r.yaml', doc);
        if (parsed.diagnostics.length > 0) return;
        const query = (parsed.data as { rule: { query: string } }).rule.query;
        const offsets = parsed.positions.stringOffsets('/rule/query', query);
        expect(offsets).toBeDefined();
        for (let i = 0; i < query.length; i++) expect(doc[offsets?.[i] ?? -1]).toBe(query[i]);
      }),
    );
  });
});
