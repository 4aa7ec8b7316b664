import { spawn, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../support/shared.js';
import { requireBuilt } from './built-packages.js';

interface AlertKey {
  readonly join_keys: unknown[];
  readonly event_ids: string[];
}

const byJoinKeys = (a: AlertKey, b: AlertKey) => JSON.stringify(a.join_keys).localeCompare(JSON.stringify(b.join_keys));
const lines = (text: string) => text.split('\n').filter((l) => l.trim() !== '');

function runExample(stdin: string, ...args: string[]) {
  requireBuilt('parser', 'engine', 'rules');
  return spawnSync(process.execPath, [join(repoRoot, 'examples/node-pipeline/main.mjs'), ...args], { input: stdin, encoding: 'utf8', timeout: 30_000 });
}

describe('examples/node-pipeline', () => {
  it('prints exactly the expected alerts of the rules/ packs over the Okta sample', () => {
    const r = runExample(readFileSync(join(repoRoot, 'examples/okta/events.ndjson'), 'utf8'));
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const got = lines(r.stdout).map((line) => {
      const alert = JSON.parse(line) as { join_keys: unknown[]; events: { event: { id: string } }[]; rule: { id: string } };
      expect(alert.rule.id).toBe('97a8e584-fd3b-421f-9b9d-9c9d9e57e9d7');
      return { join_keys: alert.join_keys, event_ids: alert.events.map((e) => e.event.id) };
    });
    const expected = lines(readFileSync(join(repoRoot, 'examples/okta/expected-alerts.ndjson'), 'utf8')).map((l) => JSON.parse(l) as AlertKey);
    expect(got.sort(byJoinKeys)).toEqual(expected.sort(byJoinKeys));
  });

  it('reports a malformed line and a non-object event on stderr and goes on', () => {
    const event = (id: string, action: string, second: number) =>
      JSON.stringify({ '@timestamp': `2026-03-02T08:00:0${second}Z`, event: { module: 'okta', action, id }, user: { email: 'a@example.com' } });
    const input = [
      event('d1', 'user.mfa.okta_verify.deny_push', 1),
      '{not json',
      '"a string"',
      event('d2', 'user.mfa.okta_verify.deny_push', 2),
      event('s1', 'user.authentication.sso', 3),
    ].join('\n');
    const r = runExample(input);
    expect(r.status).toBe(0);
    expect(r.stderr).toMatch(/^stdin:2: /m);
    expect(r.stderr).toContain('expected a JSON object, got a string');
    expect(lines(r.stdout).map((l) => (JSON.parse(l) as { events: { event: { id: string } }[] }).events.map((e) => e.event.id))).toEqual([['d1', 'd2', 's1']]);
  });

  it('ends quietly when the reader of its output goes away (`| head -1`)', async () => {
    requireBuilt('parser', 'engine', 'rules');
    const child = spawn(process.execPath, [join(repoRoot, 'examples/node-pipeline/main.mjs')], { stdio: ['pipe', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdin.on('error', () => {}); // it may stop reading once it has nowhere to write
    // Like `head -1`: read the first alert, then close the pipe while alerts are still coming.
    const first = new Promise<string>((resolve) => child.stdout.once('data', (chunk: Buffer) => resolve(chunk.toString())));
    const events = readFileSync(join(repoRoot, 'examples/okta/events.ndjson'), 'utf8');
    child.stdin.write(events);
    child.stdin.write(events);
    expect(await first).toMatch(/^\{"@timestamp"/);
    child.stdout.destroy();
    child.stdin.end(events);
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(stderr).toBe('');
    expect(code).toBe(0);
  });
});
