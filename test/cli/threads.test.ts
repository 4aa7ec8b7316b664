import { spawnSync } from 'node:child_process';
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateOktaEvents } from '../../scripts/generate/okta-events.js';
import { threadsFor } from '../../packages/cli/src/commands/evaluate-events.js';
import { repoRoot } from '../support/shared.js';
import { binPath, ndjson, runEql, scratch, seedVariant, writeVariantPack } from './run-eql.js';

/**
 * The worker thread (reading, cutting, prefiltering and, with many rules, routing plain NDJSON)
 * against one thread: the same output, the same problems at the same line numbers. The worker
 * runs by default only for `eql run` with many rules on two cores or more (`threadsFor`); here
 * `EQLKIT_THREADS` chooses, so both paths run wherever CI does. The file spans
 * several 1 MB chunks, with lines the prefilter rejects, passes and cannot judge (a `\u`
 * escape), malformed ones, a blank and a CRLF line.
 */
describe('threadsFor', () => {
  it('reads with a worker by default only for routed lines on two cores or more; EQLKIT_THREADS decides', () => {
    expect(threadsFor(true, {}, 2)).toBe('two');
    expect(threadsFor(true, {}, 1)).toBe('one');
    expect(threadsFor(false, {}, 8)).toBe('one');
    expect(threadsFor(true, { EQLKIT_THREADS: 'one' }, 8)).toBe('one');
    expect(threadsFor(false, { EQLKIT_THREADS: 'two' }, 1)).toBe('two');
    expect(threadsFor(true, { EQLKIT_THREADS: 'three' }, 1)).toBe('one');
  });
});

describe('eql with a worker thread', () => {
  const s = scratch();
  const data = generateOktaEvents({ count: 6000, seed: 11 });
  const lines: string[] = [];
  let n = 0;
  for (const event of data.events()) {
    n++;
    let line = JSON.stringify(event);
    if (n % 997 === 0) line = line.replace('"user.authentication.sso"', '"user.authentication.\\u0073so"');
    lines.push(line);
    if (n % 1499 === 0) lines.push('{"event": {"action": "user.authentication.sso"}, "broken": ');
    if (n % 2003 === 0) lines.push('');
  }
  lines[5] = `${lines[5]}\r`;
  const path = s.file('okta.ndjson', `${lines.join('\n')}\n`);

  for (const [name, args] of [
    ['eql run', ['run', '--rules', 'rules/okta', path]],
    ['eql query', ['query', 'any where event.action == "user.authentication.sso"', path]],
  ] as const) {
    it(`${name}: the same records and problems with and without the worker`, async () => {
      const one = await runEql(args, { env: { EQLKIT_THREADS: 'one' } });
      const two = await runEql(args, { env: { EQLKIT_THREADS: 'two' } });
      expect(two.stdout).toBe(one.stdout);
      expect(two.stderr).toBe(one.stderr);
      expect(two.code).toBe(one.code);
      expect(ndjson(one.stdout).length).toBeGreaterThan(0);
      // The malformed lines are reported where they are (line numbers count the inserted ones).
      const malformed = lines.flatMap((l, i) => (l.endsWith('"broken": ') ? [i + 1] : []));
      expect(malformed.length).toBe(4);
      for (const line of malformed) expect(two.stderr).toContain(`:${line}:`);
    });
  }

  it('eql query: the escaped lines are found through the worker too', async () => {
    const two = await runEql(['query', 'any where event.action == "user.authentication.sso"', path], { env: { EQLKIT_THREADS: 'two' } });
    const hits = ndjson(two.stdout) as { event: { id: string } }[];
    const escaped = lines.filter((l) => l.includes('\\u0073so')).map((l) => (JSON.parse(l) as { event: { id: string } }).event.id);
    expect(escaped.length).toBeGreaterThan(0);
    const ids = new Set(hits.map((h) => h.event.id));
    for (const id of escaped) expect(ids.has(id)).toBe(true);
  });

  it('eql run with many rules: the worker routes each line, and the alerts are those of one thread', async () => {
    const pack = scratch();
    writeVariantPack(pack);
    pack.file('any.toml', seedVariant('4', 'any where event.action != null and user.email : "*zz*"'));
    const args = ['run', '--rules', pack.dir, path];
    const one = await runEql(args, { env: { EQLKIT_THREADS: 'one' } });
    const two = await runEql(args, { env: { EQLKIT_THREADS: 'two' } });
    expect(two.code).toBe(0);
    expect(two.stdout).toBe(one.stdout);
    expect(two.stderr).toBe(one.stderr);
    const names = new Set(ndjson(two.stdout).map((a) => (a as { rule: { name: string } }).rule.name));
    expect(names.size).toBeGreaterThanOrEqual(4);
    // Lines behind a `\u` escape are routed to every rule (the router cannot judge them): the
    // SSO rule still finds them.
    const escaped = lines.filter((l) => l.includes('\\u0073so')).map((l) => (JSON.parse(l) as { event: { id: string } }).event.id);
    const ssoHits = ndjson(two.stdout).filter((a) => (a as { rule: { name: string } }).rule.name === 'Variant 2');
    const ids = new Set(ssoHits.flatMap((a) => (a as { events: { event: { id: string } }[] }).events.map((e) => e.event.id)));
    expect(escaped.some((id) => ids.has(id))).toBe(true);
  });

  it('a bundle without its line worker says so, and reads on one thread with the same output', () => {
    const lone = scratch();
    const bin = join(lone.dir, 'eql.js');
    copyFileSync(binPath, bin);
    const args = ['run', '--rules', 'rules/okta', path];
    const run = (file: string) => spawnSync(process.execPath, [file, ...args], { cwd: repoRoot, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', EQLKIT_THREADS: 'two' } });
    const whole = run(binPath);
    const alone = run(bin);
    expect(whole.stderr).not.toContain('line worker');
    expect(alone.stderr).toContain(`eql: the line worker ${join(lone.dir, 'line-worker.js')} is missing: reading on one thread`);
    expect(alone.stdout).toBe(whole.stdout);
    expect(alone.status).toBe(whole.status);
  });
});
