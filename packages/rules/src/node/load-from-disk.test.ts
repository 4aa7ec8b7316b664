import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { RuleCode } from '../rule-diagnostic.js';
import { loadPackDir, loadRuleFile, readTextFile } from './load-from-disk.js';
import { readPackFiles } from './read-pack-files.js';

describe('loading from disk', () => {
  const dir = mkdtempSync(join(tmpdir(), 'eqlkit-pack-'));
  mkdirSync(join(dir, 'sub'));
  writeFileSync(join(dir, 'pack.yaml'), 'name: t\n');
  writeFileSync(join(dir, 'sub', 'broken.toml'), '[metadata\n');
  writeFileSync(join(dir, 'sub', 'events.ndjson'), '{}\n');
  writeFileSync(join(dir, 'notes.txt'), 'ignored');
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reads a pack folder recursively with /-separated relative paths', () => {
    expect(readPackFiles(dir).map((f) => f.path)).toEqual(['pack.yaml', 'sub/broken.toml', 'sub/events.ndjson']);
  });

  it('names files in diagnostics by the folder as given', () => {
    const pack = loadPackDir(dir);
    expect(pack.manifest?.name).toBe('t');
    expect(pack.invalidFiles).toEqual([`${dir}/sub/broken.toml`]);
    expect(pack.diagnostics[0]).toMatchObject({ file: `${dir}/sub/broken.toml`, code: RuleCode.TomlSyntax, line: 1 });
    expect(pack.dataFiles.map((f) => f.path)).toEqual([`${dir}/sub/events.ndjson`]);
  });

  it('reports a missing folder or file as a diagnostic, not a throw', () => {
    expect(loadPackDir(join(dir, 'nope')).diagnostics.map((d) => d.code)).toEqual([RuleCode.Unreadable]);
    expect(loadRuleFile(join(dir, 'nope.toml')).diagnostics.map((d) => d.code)).toEqual([RuleCode.Unreadable]);
    expect(readTextFile(join(dir, 'nope.ndjson'))).toBeUndefined();
  });
});
