import { describe, expect, it } from 'vitest';
import { runEql } from './run-eql.js';

describe('eql usage', () => {
  it('prints help with examples and exits 0', async () => {
    const r = await runEql(['--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('eql run --rules rules/ examples/okta/events.ndjson');
    for (const command of ['check', 'query', 'run', 'test']) expect(r.stdout).toContain(`  ${command} `);
  });

  it('rejects an unknown option with one line and exit 2, no stack trace', async () => {
    const r = await runEql(['query', '--bogus', 'any where true']);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain("unknown option '--bogus'");
  });

  it('rejects an unknown command and a bad option value with exit 2', async () => {
    expect((await runEql(['frobnicate'])).code).toBe(2);
    const format = await runEql(['query', 'any where true', '--format', 'xml']);
    expect(format.code).toBe(2);
    expect(format.stderr).toMatch(/xml/);
    const size = await runEql(['query', 'any where true', '--size', '-3']);
    expect(size.code).toBe(2);
  });

  it('eql run without --rules is a usage error naming the option', async () => {
    const r = await runEql(['run', 'examples/okta/events.ndjson']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("required option '--rules <path>' not specified");
  });

  it('names an unreadable input file in one line, exit 2', async () => {
    const r = await runEql(['query', 'any where true', 'missing.ndjson']);
    expect(r).toMatchObject({ code: 2, stderr: 'eql: cannot read missing.ndjson: no such file\n', stdout: '' });
  });

  it('prints its version', async () => {
    const r = await runEql(['--version']);
    expect(r.code).toBe(0);
    expect(r.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });
});
