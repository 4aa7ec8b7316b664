import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { generateOktaEvents } from '../../scripts/generate/okta-events.js';
import { repoRoot } from '../support/shared.js';
import { ndjson, runEql, scratch, seedVariant, writeVariantPack } from './run-eql.js';

const SAMPLE = 'examples/okta/events.ndjson';
const expected = readFileSync(join(repoRoot, 'examples/okta/expected-alerts.ndjson'), 'utf8')
  .trim()
  .split('\n')
  .map((l) => JSON.parse(l) as { join_keys: string[]; event_ids: string[] });

type AlertLine = { '@timestamp': string; rule: Record<string, unknown>; join_keys: unknown[]; events: { event: { id: string } }[] };

function summary(alerts: AlertLine[]) {
  return alerts
    .map((a) => ({ join_keys: a.join_keys, event_ids: a.events.map((e) => e.event.id) }))
    .sort((a, b) => (a.event_ids[0]! < b.event_ids[0]! ? -1 : 1));
}

const sortedExpected = [...expected].sort((a, b) => (a.event_ids[0]! < b.event_ids[0]! ? -1 : 1));

describe('eql run', () => {
  it('README command: rules/ over the Okta sample prints exactly the expected alerts', async () => {
    const r = await runEql(['run', '--rules', 'rules/', SAMPLE]);
    expect(r.code).toBe(0);
    const alerts = ndjson(r.stdout) as unknown as AlertLine[];
    expect(summary(alerts)).toEqual(sortedExpected);
    // rules/okta and rules/okta-yaml ship the same rule: it runs once.
    expect(r.stderr).toMatch(/^eql: note: rule 97a8e584-fd3b-421f-9b9d-9c9d9e57e9d7 is in .+ and .+; running it once$/m);
    for (const a of alerts) {
      expect(Object.keys(a)).toEqual(expect.arrayContaining(['@timestamp', 'rule', 'join_keys', 'events']));
      expect(a.rule).toMatchObject({ id: '97a8e584-fd3b-421f-9b9d-9c9d9e57e9d7', severity: 'high', risk_score: 73 });
      expect(Object.keys(a.rule)).toEqual(expect.arrayContaining(['id', 'name', 'severity', 'risk_score', 'tags', 'threat']));
    }
  });

  it('names the rule whose partial sequences --max-pending dropped, and exits 1 on a truncated gzip', async () => {
    const s = scratch();
    const ev = (sec: number, action: string, email: string) =>
      JSON.stringify({ '@timestamp': new Date(Date.UTC(2024, 0, 1, 0, 0, sec)).toISOString(), event: { action, module: 'okta' }, user: { email } });
    const text = Array.from({ length: 6 }, (_, i) => ev(i, 'user.mfa.okta_verify.deny_push', `u${i}@x`)).join('\n') + '\n';
    const capped = await runEql(['run', '--rules', 'rules/okta', '--max-pending', '2', s.file('e.ndjson', text)]);
    expect(capped.code).toBe(0);
    expect(capped.stderr).toMatch(
      /^.+ \(97a8e584-fd3b-421f-9b9d-9c9d9e57e9d7\): 4 partial sequences dropped: more than 2 held at once; .+ Raise --max-pending\.$/m,
    );
    const plain = await runEql(['run', '--rules', 'rules/okta', s.file('e2.ndjson', text)]);
    expect(plain.stderr).not.toContain('partial sequence');
    const gz = gzipSync(readFileSync(join(repoRoot, SAMPLE)));
    const cut = s.file('cut.ndjson.gz', gz.subarray(0, Math.floor(gz.length / 2)));
    const truncated = await runEql(['run', '--rules', 'rules/okta', cut]);
    expect(truncated.code).toBe(1);
    expect(truncated.stderr).toContain(`${cut}: truncated or corrupt gzip`);
  });

  it('summarises on stderr: events read, alerts per rule, lines skipped', async () => {
    const r = await runEql(['run', '--rules', 'rules/okta', SAMPLE]);
    expect(r.stderr).toContain('400 events read, 5 alerts from 1 rule\n');
    expect(r.stderr).toMatch(/^\s+5 {2}Potential Abuse of Repeated MFA Push Notifications \(97a8e584-fd3b-421f-9b9d-9c9d9e57e9d7\)$/m);
    expect(r.stderr).toContain('0 malformed lines skipped\n');
  });

  it('gives the same alerts whatever the input form: gzip on stdin, a JSON array, shuffled with --sort', async () => {
    const text = readFileSync(join(repoRoot, SAMPLE), 'utf8');
    const events = text.trim().split('\n');
    const s = scratch();
    const array = s.file('events.json', `[\n${events.join(',\n')}\n]\n`);
    const reversed = s.file('reversed.ndjson', `${[...events].reverse().join('\n')}\n`);
    for (const [args, stdin] of [
      [['-'], gzipSync(text)],
      [[array], undefined],
      [[reversed, '--sort'], undefined],
    ] as const) {
      const r = await runEql(['run', '--rules', 'rules/okta', ...args], stdin === undefined ? {} : { stdin });
      expect(r.code).toBe(0);
      expect(summary(ndjson(r.stdout) as unknown as AlertLine[])).toEqual(sortedExpected);
    }
  });

  it('keeps alerting around invalid lines, reporting them and the count', async () => {
    const lines = readFileSync(join(repoRoot, SAMPLE), 'utf8').trim().split('\n');
    const s = scratch();
    const broken = [...lines.slice(0, 100), '{not json', ...lines.slice(100, 300), '"just a string"', ...lines.slice(300)];
    const file = s.file('broken.ndjson', `${broken.join('\r\n')}\r\n`);
    const r = await runEql(['run', '--rules', 'rules/okta', file]);
    expect(r.code).toBe(0);
    expect(summary(ndjson(r.stdout) as unknown as AlertLine[])).toEqual(sortedExpected);
    expect(r.stderr).toContain(`${file}:101: invalid JSON: `);
    expect(r.stderr).toContain(`${file}:302: invalid JSON: expected an object, got a string`);
    expect(r.stderr).toContain('2 malformed lines skipped\n');
  });

  it('prints alert events as read: numbers JSON.stringify would change survive; --field prints the object', async () => {
    const lines = readFileSync(join(repoRoot, SAMPLE), 'utf8').trim().split('\n');
    const s = scratch();
    const marked = lines.map((l) => l.replace(/^\{/, '{"big": 12345678901234567890123, "huge": 1e400, "esc": "\\u0041", '));
    const file = s.file('big.ndjson', `${marked.join('\n')}\n`);
    const r = await runEql(['run', '--rules', 'rules/okta', file]);
    expect(r.code).toBe(0);
    const out = r.stdout.trim().split('\n');
    expect(out.length).toBe(expected.length);
    for (const line of out) {
      const alert = JSON.parse(line) as AlertLine & { id: string };
      // Each event is its input line, verbatim, and the alert keeps its keys and their order.
      for (const e of alert.events) expect(line).toContain(marked.find((l) => l.includes(`"id":"${e.event.id}"`) || l.includes(`"id": "${e.event.id}"`)));
      expect(Object.keys(alert)).toEqual(['@timestamp', 'rule', 'join_keys', 'events', 'id']);
      expect(line).toContain('"big": 12345678901234567890123, "huge": 1e400, "esc": "\\u0041"');
    }
    // As many alerts as over the plain sample (the ids differ: they hash the events, extra fields included).
    const plain = await runEql(['run', '--rules', 'rules/okta', SAMPLE]);
    const ids = (text: string) => ndjson(text).map((a) => (a as { id: string }).id);
    expect(ids(r.stdout).length).toBe(ids(plain.stdout).length);
    // A --field constant changes the event: the object is printed, constant included.
    const withField = await runEql(['run', '--rules', 'rules/okta', '--field', 'labels.env=prod', file]);
    const first = (ndjson(withField.stdout)[0] as { events: { labels: unknown; huge: unknown }[] }).events[0]!;
    expect(first.labels).toEqual({ env: 'prod' });
    expect(first.huge).toBeNull();
  });

  it('only rules whose index patterns match --index see the events', async () => {
    const other = await runEql(['run', '--rules', 'rules/okta', '--index', 'logs-windows.sysmon-default', SAMPLE]);
    expect(other.code).toBe(0);
    expect(other.stdout).toBe('');
    const okta = await runEql(['run', '--rules', 'rules/okta', '--index', 'logs-okta.system-default', SAMPLE]);
    expect(ndjson(okta.stdout)).toHaveLength(5);
  });

  it('an invalid rule is a diagnostic and exit 1; an empty or missing pack is one line and exit 2', async () => {
    const s = scratch();
    const rule = readFileSync(join(repoRoot, 'rules/okta/credential_access_mfa_push_brute_force.toml'), 'utf8');
    s.file('bad.toml', rule.replace('sequence by user.email', 'sequence by'));
    const bad = await runEql(['run', '--rules', s.dir, SAMPLE]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/bad\.toml:\d+:\d+: error EQL\d+: /);
    expect(bad.stdout).toBe('');
    const empty = await runEql(['run', '--rules', scratch().dir, SAMPLE]);
    expect(empty).toMatchObject({ code: 2, stdout: '' });
    expect(empty.stderr).toMatch(/^eql: no EQL rules to run in .+\n$/);
    const missing = await runEql(['run', '--rules', 'no/such/pack', SAMPLE]);
    expect(missing).toMatchObject({ code: 2, stderr: 'eql: cannot read no/such/pack: no such file or folder\n' });
  });

  it('--timestamp-field replaces every rule’s own: a field the events lack means no sequence can form', async () => {
    const ingested = await runEql(['run', '--rules', 'rules/okta', '--timestamp-field', 'event.ingested', SAMPLE]);
    expect(ndjson(ingested.stdout)).toHaveLength(5);
    const missing = await runEql(['run', '--rules', 'rules/okta', '--timestamp-field', 'no.such.field', SAMPLE]);
    expect(missing.code).toBe(0);
    expect(missing.stdout).toBe('');
  });

  it('--size N prints at most N alerts', async () => {
    const r = await runEql(['run', '--rules', 'rules/okta', '--size', '2', SAMPLE]);
    expect(r.code).toBe(0);
    expect(ndjson(r.stdout)).toHaveLength(2);
  });

  it('many rules are evaluated in batches: the same alerts in the same order as one event at a time', async () => {
    const s = scratch();
    writeVariantPack(s);
    // Over 5 MB: several chunks of input, many batches of 512 events.
    const events = s.file('events.ndjson', `${[...generateOktaEvents({ count: 4000, seed: 3 }).events()].map((e) => JSON.stringify(e)).join('\n')}\n`);
    const batched = await runEql(['run', '--rules', s.dir, events]);
    expect(batched.code).toBe(0);
    const lines = batched.stdout.trim().split('\n');
    expect(new Set(ndjson(batched.stdout).map((a) => (a as AlertLine).rule.name)).size).toBe(4);
    expect(lines.length).toBeGreaterThan(600);
    // --strict evaluates one event at a time; without the prefilter, batches are not routed by line.
    const strict = await runEql(['run', '--rules', s.dir, '--strict', events]);
    expect(strict.stdout).toBe(batched.stdout);
    const unrouted = await runEql(['run', '--rules', s.dir, events], { env: { EQLKIT_PREFILTER: 'off' } });
    expect(unrouted.stdout).toBe(batched.stdout);
    const sized = await runEql(['run', '--rules', s.dir, '--size', '7', events]);
    expect(sized.stdout).toBe(`${lines.slice(0, 7).join('\n')}\n`);
  });

  it('a rule timed by its own timestamp_field releases a missing-term result where its clock says, whatever the window orders by', async () => {
    // Variant 11 waits on a trailing missing term, timed by event.created; the window orders the
    // lines by @timestamp. The second line (another host) moves its clock past the deadline, so
    // its alert comes out there, before Variant 12's alert on the third line: only if the line's
    // @timestamp is not taken for the rule's time when deciding whether it still needs the line.
    const s = scratch();
    s.file('late.toml', seedVariant('11', 'sequence by host.id with maxspan=1m [any where event.action == "alert"] ![any where event.action == "proc"]').replace(/^(name = .*)$/m, '$1\ntimestamp_field = "event.created"'));
    s.file('mark.toml', seedVariant('12', 'any where event.action == "mark"'));
    const line = (id: string, action: string, host: string, at: string, created: string) =>
      JSON.stringify({ '@timestamp': `2026-03-02T08:${at}Z`, id, host: { id: host }, event: { action, created: `2026-03-02T08:${created}Z` } });
    const events = s.file(
      'events.ndjson',
      `${[line('a', 'alert', 'h1', '00:00', '00:00'), line('p', 'proc', 'h2', '00:01', '02:00'), line('m', 'mark', 'h3', '00:02', '02:01')].join('\n')}\n`,
    );
    const r = await runEql(['run', '--rules', s.dir, events]);
    expect(r.code).toBe(0);
    expect(ndjson(r.stdout).map((a) => (a as AlertLine).rule.name)).toEqual(['Variant 11', 'Variant 12']);
    const unrouted = await runEql(['run', '--rules', s.dir, events], { env: { EQLKIT_PREFILTER: 'off' } });
    expect(unrouted.stdout).toBe(r.stdout);
  });

  it('--format table prints one row per alert', async () => {
    const r = await runEql(['run', '--rules', 'rules/okta', '--format', 'table', SAMPLE]);
    const rows = r.stdout.trim().split('\n');
    expect(rows[0]).toMatch(/^@timestamp\s+severity\s+rule\s+join_keys\s+events$/);
    expect(rows.filter((l) => l.includes(' high '))).toHaveLength(5);
  });
});

describe('eql test', () => {
  it('runs the packs’ rule tests, a line per case, closing with N passed, M failed, exit 0', async () => {
    const r = await runEql(['test']);
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines.at(-1)).toMatch(/^(\d+) passed, 0 failed$/);
    const passed = Number(/^(\d+)/.exec(lines.at(-1) ?? '')?.[1]);
    expect(lines.filter((l) => l.startsWith('PASS  '))).toHaveLength(passed);
    expect(passed).toBeGreaterThan(10);
  });

  it('exits 1 and names the failing case and why', async () => {
    const s = scratch();
    const rule = readFileSync(join(repoRoot, 'rules/okta/credential_access_mfa_push_brute_force.toml'), 'utf8');
    s.file('pack.yaml', 'name: t\nversion: 1.0.0\nversions:\n  97a8e584-fd3b-421f-9b9d-9c9d9e57e9d7: 2\n');
    s.file('push.toml', rule);
    const ev = (t: string, action: string, id: string) =>
      JSON.stringify({ '@timestamp': t, event: { action, module: 'okta', id }, user: { email: 'a@x' } });
    s.file(
      'push.test.yaml',
      [
        'cases:',
        '  - name: burst alerts',
        '    kind: true_positive',
        '    events:',
        `      - ${ev('2024-01-01T00:00:00Z', 'user.mfa.okta_verify.deny_push', 'd1')}`,
        `      - ${ev('2024-01-01T00:00:10Z', 'user.mfa.okta_verify.deny_push', 'd2')}`,
        `      - ${ev('2024-01-01T00:00:20Z', 'user.authentication.sso', 's1')}`,
        '    expect: {count: 1}',
        '  - name: wrongly expects nothing',
        '    kind: false_positive',
        '    events:',
        `      - ${ev('2024-01-01T00:00:00Z', 'user.mfa.okta_verify.deny_push', 'd1')}`,
        `      - ${ev('2024-01-01T00:00:10Z', 'user.mfa.okta_verify.deny_push', 'd2')}`,
        `      - ${ev('2024-01-01T00:00:20Z', 'user.authentication.sso', 's1')}`,
        '',
      ].join('\n'),
    );
    const r = await runEql(['test', s.dir]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^PASS {2}.*push\.test\.yaml › burst alerts$/m);
    expect(r.stdout).toMatch(/^FAIL {2}.*push\.test\.yaml › wrongly expects nothing\n {8}expected 0 alert\(s\), got 1$/m);
    expect(r.stdout.trim().split('\n').at(-1)).toBe('1 passed, 1 failed');
  });
});
