import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { formatDiagnostic, parse } from '@eqlkit/parser';

/** `=== query` / `=== rendered` blocks: each query's diagnostics rendered for a terminal. */
const fixture = readFileSync(new URL('./fixtures/diagnostics.txt', import.meta.url), 'utf8');
const blocks = fixture
  .split('=== query\n')
  .filter((b) => b !== '')
  .map((block) => {
    const [query, rendered] = block.split('\n=== rendered\n') as [string, string];
    return { query, rendered: rendered.replace(/\n$/, '') };
  });

describe('rendered diagnostics fixture', () => {
  it('has cases', () => {
    expect(blocks.length).toBeGreaterThanOrEqual(8);
  });

  for (const { query, rendered } of blocks) {
    it(`renders line:col, the source line and a caret for ${JSON.stringify(query.split('\n')[0])}`, () => {
      const text = parse(query)
        .diagnostics.map((d) => formatDiagnostic(d, query))
        .join('\n');
      expect(text).toBe(rendered);
    });
  }
});
