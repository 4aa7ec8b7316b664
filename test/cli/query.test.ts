import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { ndjson, runEql, scratch } from './run-eql.js';

const ev = (i: number, action: string, user = 'u1', extra: Record<string, unknown> = {}) => ({
  '@timestamp': new Date(Date.UTC(2026, 0, 1, 0, 0, i)).toISOString(),
  event: { action, category: ['authentication'] },
  user: { name: user },
  n: i,
  ...extra,
});

const EVENTS = [ev(1, 'deny', 'a'), ev(2, 'login', 'b'), ev(3, 'deny', 'a'), ev(4, 'sso', 'a'), ev(5, 'sso', 'b')];
const lines = (events: readonly object[]) => events.map((e) => JSON.stringify(e)).join('\n') + '\n';
const SSO = 'any where event.action == "sso"';
const SEQ = 'sequence by user.name [any where event.action == "deny"] [any where event.action == "sso"]';
const ns = (out: string) => ndjson(out).map((e) => e.n);

describe('eql query', () => {
  it('prints each matching event as read, one JSON object a line', async () => {
    const s = scratch();
    const r = await runEql(['query', SSO, s.file('e.ndjson', lines(EVENTS))]);
    expect(r.code).toBe(0);
    expect(ndjson(r.stdout)).toEqual([EVENTS[3], EVENTS[4]]);
  });

  it('prints sequences as {"join_keys", "events"}', async () => {
    const s = scratch();
    const r = await runEql(['query', SEQ, s.file('e.ndjson', lines(EVENTS))]);
    expect(r.code).toBe(0);
    expect(ndjson(r.stdout)).toEqual([{ join_keys: ['a'], events: [EVENTS[2], EVENTS[3]] }]);
  });

  it('prints a missing stage as {"missing": true}', async () => {
    const s = scratch();
    const q = 'sequence by user.name with maxspan=1h [any where event.action == "deny"] ![any where event.action == "login"] [any where event.action == "sso"]';
    const r = await runEql(['query', q, s.file('e.ndjson', lines(EVENTS))]);
    expect(r.code).toBe(0);
    const hits = ndjson(r.stdout);
    expect(hits).toHaveLength(1);
    expect(hits[0]?.events).toEqual([EVENTS[2], { missing: true }, EVENTS[3]]);
  });

  it('reads stdin when there is no FILE or it is -', async () => {
    for (const args of [[], ['-']]) {
      const r = await runEql(['query', SSO, ...args], { stdin: lines(EVENTS) });
      expect(ns(r.stdout)).toEqual([4, 5]);
    }
  });

  it('reads a JSON array, gzip (file and stdin), and several files in order', async () => {
    const s = scratch();
    const array = s.file('e.json', JSON.stringify(EVENTS, null, 2));
    const gz = s.file('e.gz', gzipSync(lines(EVENTS)));
    expect(ns((await runEql(['query', SSO, array])).stdout)).toEqual([4, 5]);
    expect(ns((await runEql(['query', SSO, gz])).stdout)).toEqual([4, 5]);
    expect(ns((await runEql(['query', SSO], { stdin: gzipSync(JSON.stringify(EVENTS)) })).stdout)).toEqual([4, 5]);
    const first = s.file('a.ndjson', lines(EVENTS.slice(0, 3)));
    const second = s.file('b.ndjson.gz', gzipSync(lines(EVENTS.slice(3))));
    const r = await runEql(['query', SEQ, first, second]);
    expect(ndjson(r.stdout)).toEqual([{ join_keys: ['a'], events: [EVENTS[2], EVENTS[3]] }]);
  });

  it('reads pretty-printed events one after another (jq output) and a lone pretty-printed event', async () => {
    const s = scratch();
    const pretty = EVENTS.map((e) => JSON.stringify(e, null, 2)).join('\n');
    expect(ns((await runEql(['query', SSO, s.file('jq.json', pretty)])).stdout)).toEqual([4, 5]);
    expect(ns((await runEql(['query', SSO], { stdin: pretty })).stdout)).toEqual([4, 5]);
    const one = await runEql(['query', SSO, s.file('one.json', `${JSON.stringify(EVENTS[3], null, 2)}\n`)]);
    expect(one.code).toBe(0);
    expect(ns(one.stdout)).toEqual([4]);
    // A value the input cuts off is reported where it starts, and the run fails.
    const cut = await runEql(['query', SSO, s.file('cut.json', `${JSON.stringify(EVENTS[3], null, 2)}\n{\n  "n": `)]);
    expect(ns(cut.stdout)).toEqual([4]);
    expect(cut.code).toBe(1);
    expect(cut.stderr).toContain('cut.json:14: the JSON value that starts here is not closed');
  });

  it('skips invalid JSON lines in the middle, reporting their line numbers and the count', async () => {
    const s = scratch();
    const text = [JSON.stringify(EVENTS[0]), '{"broken": ', JSON.stringify(EVENTS[2]), '42', JSON.stringify(EVENTS[3]), JSON.stringify(EVENTS[4])].join('\n');
    const file = s.file('bad.ndjson', text);
    const r = await runEql(['query', SEQ, file]);
    expect(r.code).toBe(0);
    expect(ndjson(r.stdout)).toEqual([{ join_keys: ['a'], events: [EVENTS[2], EVENTS[3]] }]);
    expect(r.stderr).toContain(`${file}:2: invalid JSON: `);
    expect(r.stderr).toContain(`${file}:4: invalid JSON: expected an object, got a number`);
    expect(r.stderr).toMatch(/^2 malformed lines skipped$/m);
  });

  it('stops at the first malformed line with --strict, exit 1', async () => {
    const s = scratch();
    const file = s.file('bad.ndjson', `${JSON.stringify(EVENTS[3])}\nnope\n${JSON.stringify(EVENTS[4])}\n`);
    const r = await runEql(['query', SSO, file, '--strict']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`${file}:2: invalid JSON`);
    expect(ns(r.stdout)).not.toContain(5);
  });

  it('reports a truncated gzip by name with exit 1, keeping the events before the cut and reading the next file', async () => {
    const s = scratch();
    const many = Array.from({ length: 3000 }, (_, i) => ev(i, i % 2 ? 'sso' : 'other', 'u', { pad: 'x'.repeat(40 + (i % 13)) }));
    const gz = gzipSync(lines(many));
    const file = s.file('cut.ndjson.gz', gz.subarray(0, Math.floor(gz.length / 2)));
    const next = s.file('next.ndjson', lines([ev(4000, 'sso', 'after')]));
    const r = await runEql(['query', SSO, file, next]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`${file}: truncated or corrupt gzip`);
    expect(r.stderr).toContain('1 file not read to the end (see above)');
    const out = ns(r.stdout);
    expect(out.length).toBeGreaterThan(100);
    expect(out).toContain(4000);
  });

  it('says on stderr how many partial sequences --max-pending dropped, and only when some were', async () => {
    const s = scratch();
    const denies = Array.from({ length: 10 }, (_, i) => ev(i, 'deny', `u${i}`));
    const file = s.file('e.ndjson', lines([...denies, ev(20, 'sso', 'u9'), ev(21, 'sso', 'u0')]));
    const capped = await runEql(['query', SEQ, file, '--max-pending', '3']);
    expect(capped.code).toBe(0);
    // u0's partial was among the oldest, given up to the cap: only u9 completes.
    expect(ndjson(capped.stdout).map((h) => h.join_keys)).toEqual([['u9']]);
    expect(capped.stderr).toContain('7 partial sequences dropped: more than 3 held at once; sequences they would have completed are missing. Raise --max-pending.\n');
    const uncapped = await runEql(['query', SEQ, file]);
    expect(ndjson(uncapped.stdout).map((h) => h.join_keys)).toEqual([['u9'], ['u0']]);
    expect(uncapped.stderr).not.toContain('partial sequence');
    const bad = await runEql(['query', SEQ, file, '--max-pending', '0']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("--max-pending expects a positive integer, got '0'");
  });

  it('an invalid query is a diagnostic on stderr with exit 1; --format json gives it as JSON', async () => {
    const text = await runEql(['query', 'any where event.action =='], { stdin: lines(EVENTS) });
    expect(text.code).toBe(1);
    expect(text.stderr).toMatch(/^<query>:1:\d+: error EQL\d+: .+\n  any where event.action ==\n +\^/);
    const json = await runEql(['query', 'any where event.action ==', '--format', 'json'], { stdin: lines(EVENTS) });
    expect(json.code).toBe(1);
    expect(JSON.parse(json.stderr.trim().split('\n')[0] as string)).toMatchObject({ file: '<query>', line: 1, severity: 'error' });
  });

  it('--format json prints one JSON array; table prints a header and a count', async () => {
    const json = await runEql(['query', SSO, '--format', 'json'], { stdin: lines(EVENTS) });
    expect(JSON.parse(json.stdout)).toEqual([EVENTS[3], EVENTS[4]]);
    const empty = await runEql(['query', 'any where false', '--format', 'json'], { stdin: lines(EVENTS) });
    expect(JSON.parse(empty.stdout)).toEqual([]);
    const table = await runEql(['query', SSO, '--format', 'table'], { stdin: lines(EVENTS) });
    expect(table.stdout.split('\n')[0]).toMatch(/^#\s+@timestamp\s+event.category\s+event.action/);
    expect(table.stdout).toContain('(2 results)');
  });

  it('--size N prints at most N results', async () => {
    const r = await runEql(['query', 'any where true', '--size', '2'], { stdin: lines(EVENTS) });
    expect(ns(r.stdout)).toEqual([1, 2]);
  });

  it('--field sets a constant on every event before matching', async () => {
    const r = await runEql(['query', 'any where event.module == "okta" and tenant.id == 7', '--field', 'event.module=okta', '--field', 'tenant.id=7'], {
      stdin: lines(EVENTS.slice(0, 1)),
    });
    expect(ndjson(r.stdout)).toEqual([{ ...EVENTS[0], event: { ...EVENTS[0]!.event, module: 'okta' }, tenant: { id: 7 } }]);
  });

  it('honours --timestamp-field and --event-category-field', async () => {
    const events = [
      { t: 3000, kind: 'auth', a: 'deny', u: 'x' },
      { t: 1000, kind: 'auth', a: 'deny', u: 'x' },
      { t: 2000, kind: 'auth', a: 'sso', u: 'x' },
    ];
    const q = 'sequence by u [auth where a == "deny"] [auth where a == "sso"]';
    const r = await runEql(['query', q, '--timestamp-field', 't', '--event-category-field', 'kind'], { stdin: lines(events) });
    expect(ndjson(r.stdout)).toEqual([{ join_keys: ['x'], events: [events[1], events[2]] }]);
  });

  it('puts shuffled input back in order within the window; reports events later than it', async () => {
    const shuffled = [EVENTS[2], EVENTS[0], EVENTS[3], EVENTS[1], EVENTS[4]] as object[];
    const inWindow = await runEql(['query', SEQ], { stdin: lines(shuffled) });
    expect(ndjson(inWindow.stdout)).toEqual([{ join_keys: ['a'], events: [EVENTS[2], EVENTS[3]] }]);
    expect(inWindow.stderr).toBe('');
    // The deny arrives after the sso with no window: evaluated late, reported, fixed by --sort.
    const late = [EVENTS[3], EVENTS[2], EVENTS[4]] as object[];
    const noWindow = await runEql(['query', SEQ, '--window', '0'], { stdin: lines(late) });
    expect(noWindow.stderr).toMatch(/^1 event arrived later than the reorder window \(0\).*--sort/m);
    const sorted = await runEql(['query', SEQ, '--window', '0', '--sort'], { stdin: lines(late) });
    expect(ndjson(sorted.stdout)).toEqual([{ join_keys: ['a'], events: [EVENTS[2], EVENTS[3]] }]);
    expect(sorted.stderr).toBe('');
  });

  it('exits quietly when stdout is closed early (| head)', async () => {
    const many = Array.from({ length: 20000 }, (_, i) => ev(i, 'sso'));
    const s = scratch();
    const file = s.file('many.ndjson', lines(many));
    const { spawnSync } = await import('node:child_process');
    const { binPath } = await import('./run-eql.js');
    const r = spawnSync('sh', ['-c', `node ${binPath} query 'any where true' ${file} | head -n 1`], { encoding: 'utf8' });
    expect(r.stdout.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toBe('');
  });
});
