import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadToml } from '@eqlkit/rules';
import { sharedPath } from '../support/shared.js';

/** Every leaf of a JSON value with its JSON Pointer. */
function leaves(value: unknown, pointer = ''): [string, unknown][] {
  if (Array.isArray(value)) return value.flatMap((v, i) => leaves(v, `${pointer}/${i}`));
  if (value && typeof value === 'object') {
    return Object.entries(value).flatMap(([k, v]) => leaves(v, `${pointer}/${k.replace(/~/g, '~0').replace(/\//g, '~1')}`));
  }
  return [[pointer, value]];
}

describe('TOML positions over the corpus', () => {
  const root = sharedPath('corpus', 'detection-rules');
  const files = readdirSync(root, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith('.toml'))
    .map((e) => join(e.parentPath, e.name));

  it('locates every value of every corpus file exactly, and every string decodes to its value', () => {
    const wrong: string[] = [];
    let checked = 0;
    for (const path of files) {
      const parsed = loadToml(path, readFileSync(path, 'utf8'));
      for (const [pointer, value] of leaves(parsed.data)) {
        checked++;
        const loc = parsed.positions.locate(pointer);
        const written = loc ? parsed.text.slice(loc.value.start, loc.value.end) : '';
        if (typeof value === 'string') {
          const offsets = parsed.positions.stringOffsets(pointer, value);
          if (!offsets || !/^["']/.test(written)) wrong.push(`${path} ${pointer}`);
        } else if (written !== JSON.stringify(value)) {
          wrong.push(`${path} ${pointer}: ${written} != ${JSON.stringify(value)}`);
        }
      }
    }
    expect(wrong.slice(0, 10)).toEqual([]);
    expect(checked).toBeGreaterThan(50_000);
  });
});
