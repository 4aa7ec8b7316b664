// Hostile input through the built `eql` binary: each odd line is either evaluated correctly or
// reported with file:line, and the run goes on.
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { runEql, scratch } from '../cli/run-eql.js';

const files = scratch();
const outLines = (stdout: string) => stdout.split('\n').filter((l) => l !== '');
const escapeRegex = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

describe('eql over hostile event files', () => {
  it('reports non-object lines with file:line and kind, skips them and goes on', async () => {
    const file = files.file('nonobj.ndjson', '{"@timestamp":1,"a":1}\n42\n"str"\nnull\n[1]\n{"@timestamp":2,"a":1}\n');
    const r = await runEql(['query', 'any where a == 1', file]);
    expect(r.code).toBe(0);
    expect(outLines(r.stdout)).toEqual(['{"@timestamp":1,"a":1}', '{"@timestamp":2,"a":1}']);
    expect(r.stderr).toContain(
      [
        `${file}:2: invalid JSON: expected an object, got a number`,
        `${file}:3: invalid JSON: expected an object, got a string`,
        `${file}:4: invalid JSON: expected an object, got null`,
        `${file}:5: invalid JSON: expected an object, got an array`,
        '4 malformed lines skipped',
      ].join('\n'),
    );
  });

  it('reads a file starting with a UTF-8 BOM', async () => {
    const file = files.file('bom.ndjson', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('{"@timestamp":1,"a":1}\n{"@timestamp":2,"a":1}\n')]));
    const r = await runEql(['query', 'any where a == 1', file]);
    expect(outLines(r.stdout)).toEqual(['{"@timestamp":1,"a":1}', '{"@timestamp":2,"a":1}']);
    expect(r.code).toBe(0);
  });

  it('reads CRLF line ends and a last line without a newline', async () => {
    const file = files.file('crlf.ndjson', '{"@timestamp":1,"a":1}\r\n{"@timestamp":2,"a":1}\r\n{"@timestamp":3,"a":1}');
    const r = await runEql(['query', 'any where a == 1', file]);
    expect(outLines(r.stdout)).toEqual(['{"@timestamp":1,"a":1}', '{"@timestamp":2,"a":1}', '{"@timestamp":3,"a":1}']);
    expect(r.stderr).not.toContain('malformed');
  });

  it('reports a raw NUL byte in a line as invalid JSON at that line; an escaped NUL is data', async () => {
    const file = files.file('nul.ndjson', Buffer.from('{"@timestamp":1,"a":"x\\u0000y"}\n{"@timestamp":2,\u0000"a":1}\n', 'utf8'));
    const r = await runEql(['query', 'any where a : "x*y" or a == 1', file]);
    expect(outLines(r.stdout)).toEqual(['{"@timestamp":1,"a":"x\\u0000y"}']);
    expect(r.stderr).toMatch(new RegExp(`${escapeRegex(file)}:2: invalid JSON: .+\\n1 malformed line skipped`));
  });

  it('reports a malformed line even when the query could rule it out from its text', async () => {
    const file = files.file('skippable.ndjson', '{"@timestamp":1,"a":"xy"}\n{"@timestamp":2,"a":1\n');
    const r = await runEql(['query', 'any where a : "x*y"', file]);
    expect(outLines(r.stdout)).toEqual(['{"@timestamp":1,"a":"xy"}']);
    expect(r.stderr).toMatch(new RegExp(`${escapeRegex(file)}:2: invalid JSON: .+\\n1 malformed line skipped`));
  });

  it('reads invalid UTF-8 as U+FFFD and evaluates the event', async () => {
    const file = files.file('latin1.ndjson', Buffer.from([...Buffer.from('{"@timestamp":1,"a":"'), 0xff, 0xfe, ...Buffer.from('"}\n')]));
    const r = await runEql(['query', 'any where length(a) == 2', file]);
    expect(outLines(r.stdout)).toEqual(['{"@timestamp":1,"a":"\ufffd\ufffd"}']);
  });

  it('reports a truncated gzip by file name with exit 1, keeping the events before the cut', async () => {
    const gz = gzipSync(Buffer.from('{"@timestamp":1,"a":1}\n'.repeat(2000)));
    const file = files.file('cut.ndjson.gz', gz.subarray(0, Math.floor(gz.length / 2)));
    const r = await runEql(['query', 'any where a == 1', file]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`${file}: truncated or corrupt gzip: unexpected end of file\n`);
    expect(r.stderr).toContain('1 file not read to the end (see above)');
    expect(outLines(r.stdout).length).toBeGreaterThan(0);
    expect(new Set(outLines(r.stdout))).toEqual(new Set(['{"@timestamp":1,"a":1}']));
  });

  it('prints an event nested 100,000 levels deep exactly as read', async () => {
    const deep = `${'{"x":'.repeat(100_000)}1${'}'.repeat(100_000)}`;
    const line = `{"@timestamp":1,"a":1,"d":${deep}}`;
    const file = files.file('deep.ndjson', `${line}\n`);
    const r = await runEql(['query', 'any where a == 1', file]);
    expect(r.stderr).not.toContain('internal error');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(`${line}\n`);
  });

  it('matches and prints a line holding a 10 MB string', async () => {
    const line = `{"@timestamp":1,"s":"${'x'.repeat(10_000_000)}"}`;
    const file = files.file('big.ndjson', `${line}\n{"@timestamp":2,"s":"y"}\n`);
    const r = await runEql(['query', 'any where s : "x*"', file]);
    expect(r.stdout).toBe(`${line}\n`);
  });

  it('compares 1e400 as Infinity and 2^64 as a double, and prints both as read', async () => {
    const file = files.file('huge.ndjson', '{"@timestamp":1,"a":1e400}\n{"@timestamp":2,"a":18446744073709551616}\n{"@timestamp":3,"a":5}\n');
    const r = await runEql(['query', 'any where a > 1000', file]);
    expect(outLines(r.stdout)).toEqual(['{"@timestamp":1,"a":1e400}', '{"@timestamp":2,"a":18446744073709551616}']);
    // In a sequence too; with a --field constant the event is printed as changed (JSON cannot
    // carry Infinity there: null).
    const seq = await runEql(['query', 'sequence [any where a > 1000] [any where a == 5]', file]);
    expect(outLines(seq.stdout)).toEqual(['{"join_keys":[],"events":[{"@timestamp":2,"a":18446744073709551616},{"@timestamp":3,"a":5}]}']);
    const withField = await runEql(['query', 'any where a > 1000 and c == 1', file, '--field', 'c=1']);
    expect(outLines(withField.stdout)).toEqual(['{"@timestamp":1,"a":null,"c":1}', '{"@timestamp":2,"a":18446744073709552000,"c":1}']);
  });

  it('reads `__proto__` and `constructor` keys as data', async () => {
    const file = files.file('proto.ndjson', '{"@timestamp":1,"__proto__":{"polluted":true}}\n{"@timestamp":2,"constructor":{"prototype":{"polluted":true}}}\n{"@timestamp":3}\n');
    const a = await runEql(['query', 'any where `__proto__`.polluted == true', file]);
    expect(outLines(a.stdout)).toEqual(['{"@timestamp":1,"__proto__":{"polluted":true}}']);
    const b = await runEql(['query', 'any where constructor.prototype.polluted == true or constructor.name == "Object"', file]);
    expect(outLines(b.stdout)).toEqual(['{"@timestamp":2,"constructor":{"prototype":{"polluted":true}}}']);
  });

  it('eql check reports a YAML alias bomb as EQL5002 at file:2:8 with exit 1', async () => {
    const bomb = [
      'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]',
      ...'bcdefghi'.split('').map((name, i) => `${name}: &${name} [${Array.from({ length: 9 }, () => `*${'abcdefghi'[i]}`).join(',')}]`),
    ].join('\n');
    const file = files.file('bomb.yaml', bomb);
    const r = await runEql(['check', file]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`${file}:2:8: error EQL5002: invalid YAML: Excessive alias count indicates a resource exhaustion attack`);
  });

  it('eql run alerts on a sequence holding an event nested 20,000 levels deep', async () => {
    const deep = `${'{"x":'.repeat(20_000)}1${'}'.repeat(20_000)}`;
    const event = (ts: string, action: string, extra = '') =>
      `{"@timestamp":"2026-01-01T00:0${ts}Z","event":{"module":"okta","action":"${action}"},"user":{"email":"u@x"}${extra}}`;
    const file = files.file(
      'deep-run.ndjson',
      [event('0:00', 'user.mfa.okta_verify.deny_push', `,"d":${deep}`), event('1:00', 'user.mfa.okta_verify.deny_push'), event('2:00', 'user.authentication.sso'), ''].join('\n'),
    );
    const r = await runEql(['run', '--rules', 'rules/okta', file]);
    expect(r.stderr).not.toContain('internal error');
    expect(r.code).toBe(0);
    const alerts = outLines(r.stdout);
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toContain('"join_keys":["u@x"]');
    // The deep event is printed whole (this process could parse it, but not stringify it back).
    expect(alerts[0]).toContain(`"d":${deep}`);
  });
});
