import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { compile, type PrefilterSource } from '@eqlkit/engine';
import { createRunner } from '@eqlkit/rules';
import { lineDeferralFor, lineFilterFor } from '../../packages/cli/src/commands/line-filter.js';
import { runPipeline } from '../../packages/cli/src/input/event-pipeline.js';
import type { ReorderOptions } from '../../packages/cli/src/input/reorder-window.js';
import { prng } from '../rules/corpus-events.js';
import { testRule } from '../support/test-rule.js';
import { escapedJson } from './escaped-json.js';

// Lines of a sequence's later stages wait unparsed for their turn and are parsed only if a
// partial then waits for their key (lineDeferralFor). The CLI's pipeline must give the same
// alerts, over the same event count, with that deferral as with the static prefilter alone, and
// as with every line parsed when the input is no more out of order than the window repairs: for
// generated Okta-shaped streams out of order, with JSON escapes, dotted and nested layouts, the
// timestamp anywhere in the object (or not a string), keys with quotes and non-ASCII letters.
//
// (Lines the static prefilter skips do not move the reorder window, so with events later than
// the window allows, or a window full by count, it may release in another order than when every
// line is parsed: closer to Elasticsearch's, which sorts everything. That is why the comparison
// with every line parsed is made only when that run found nothing late.)

const SEED_RULE = `sequence by user.email with maxspan=10m
  [any where event.module == "okta" and event.action == "user.mfa.okta_verify.deny_push"]
  [any where event.module == "okta" and event.action == "user.mfa.okta_verify.deny_push"]
  [any where event.module == "okta" and event.action == "user.authentication.sso"]`;

const rule = testRule(SEED_RULE, 1, 'seed');

const dir = mkdtempSync(join(tmpdir(), 'eqlkit-deferral-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let files = 0;

type Mode = 'every line' | 'prefilter' | 'deferred';

/** Alerts (event ids) and event count of the CLI's pipeline and a runner over `lines`. */
async function run(lines: readonly string[], mode: Mode, reorder: ReorderOptions | undefined) {
  const path = join(dir, `events-${files++}.ndjson`);
  writeFileSync(path, `${lines.join('\n')}\n`);
  const sources: PrefilterSource[] = [];
  const runner = createRunner([rule], {
    allowedLatenessMs: 0,
    compile: (text, options) => {
      const compiled = compile(text, options);
      sources.push({ statement: compiled.statement });
      return compiled;
    },
  });
  let dropped = 0;
  const deferral = mode === 'deferred' ? lineDeferralFor(sources, [], (stage, line) => runner.awaitsLine(0, stage, line)) : undefined;
  const counted = deferral && {
    eager: deferral.eager,
    matters: (text: string) => {
      const keep = deferral.matters(text);
      if (!keep) dropped++;
      return keep;
    },
  };
  const prefilter = mode === 'every line' ? undefined : lineFilterFor(sources, []);
  const alerts: string[][] = [];
  const stats = await runPipeline(
    {
      paths: [path],
      constants: [],
      timestampField: '@timestamp',
      ...(reorder ? { reorder } : {}),
      strict: false,
      report: () => {},
      ...(prefilter ? { prefilter } : {}),
      ...(counted ? { deferral: counted } : {}),
    },
    { bytesRead: 0, totalBytes: 0 },
    (event) => {
      for (const a of runner.push(event)) alerts.push(a.events.map((e) => String((e as { id?: unknown }).id)));
      return false;
    },
  );
  for (const a of runner.flush()) alerts.push(a.events.map((e) => String((e as { id?: unknown }).id)));
  return { alerts, events: stats.events, skippedRecords: stats.skippedRecords, late: stats.late, dropped };
}

const ACTIONS = ['user.mfa.okta_verify.deny_push', 'user.mfa.okta_verify.deny_push', 'user.authentication.sso', 'user.authentication.sso', 'user.session.start'];
const oktaEvent = fc.record({
  action: fc.constantFrom(...ACTIONS),
  module: fc.constantFrom('okta', 'okta', 'okta', 'OKTA'),
  email: fc.constantFrom('a@x.io', 'b/c@x.io', 'é"q@x.io', 'a@x.io.evil', undefined),
  // Out of order by up to 3 minutes, sometimes beyond a one-minute window.
  gap: fc.integer({ min: -180_000, max: 240_000 }),
  layout: fc.constantFrom('nested', 'dotted', 'timestamp last', 'epoch millis', 'sso in message'),
});

function writeLines(specs: readonly fc.RecordValue<typeof oktaEvent extends fc.Arbitrary<infer T> ? T : never>[], seed: number, rate: number, shuffled: boolean): string[] {
  const random = prng(seed);
  let time = Date.UTC(2026, 2, 2);
  return specs.map((s, i) => {
    // Half the streams in time order, so that the comparison with every line parsed happens often.
    time += shuffled ? s.gap : Math.abs(s.gap) % 60_000;
    const iso = new Date(time).toISOString();
    const user = s.email === undefined ? {} : { user: { email: s.email } };
    let doc: Record<string, unknown>;
    switch (s.layout) {
      case 'dotted':
        doc = { '@timestamp': iso, id: i, 'event.action': s.action, 'event.module': s.module, 'user.email': s.email };
        break;
      case 'timestamp last':
        doc = { id: i, event: { action: s.action, module: s.module, created: iso }, ...user, '@timestamp': iso };
        break;
      case 'epoch millis':
        doc = { '@timestamp': time, id: i, event: { action: s.action, module: s.module }, ...user };
        break;
      case 'sso in message':
        doc = { '@timestamp': iso, id: i, message: 'user.authentication.sso a@x.io', event: { action: 'user.session.end', module: s.module }, ...user };
        break;
      default:
        doc = { '@timestamp': iso, id: i, event: { action: s.action, module: s.module }, ...user };
    }
    return escapedJson(JSON.parse(JSON.stringify(doc)), random, rate);
  });
}

describe('deferring the lines of later sequence stages', () => {
  const windows: [string, ReorderOptions | undefined][] = [
    ['a one-minute reorder window', { windowMs: 60_000, maxHeld: 50_000 }],
    ['a window of 3 events', { windowMs: 600_000, maxHeld: 3 }],
    ['no window', undefined],
    ['--sort', { windowMs: Infinity, maxHeld: Infinity }],
  ];
  for (const [name, reorder] of windows) {
    it(`gives the alerts of every line parsed, with ${name} (fast-check)`, async () => {
      let withAlerts = 0;
      let dropped = 0;
      let inOrder = 0;
      await fc.assert(
        fc.asyncProperty(fc.array(oktaEvent, { minLength: 10, maxLength: 40 }), fc.integer(), fc.constantFrom(0, 0, 0.05), fc.boolean(), async (specs, seed, rate, shuffled) => {
          const lines = writeLines(specs, seed, rate, shuffled);
          // Malformed lines are reported and skipped in both modes alike (one that looks like a
          // first-stage event is always parsed).
          lines.splice(seed % (lines.length + 1), 0, '{"event":{"action":"user.mfa.okta_verify.deny_push"},');
          const all = await run(lines, 'every line', reorder);
          const filtered = await run(lines, 'prefilter', reorder);
          const deferred = await run(lines, 'deferred', reorder);
          expect(deferred.alerts).toEqual(filtered.alerts);
          expect(deferred.late).toBe(filtered.late);
          if (all.late === 0 && (reorder?.maxHeld ?? Infinity) > lines.length) {
            expect(deferred.alerts).toEqual(all.alerts);
            inOrder++;
          }
          for (const other of [filtered, all]) {
            expect(deferred.events).toBe(other.events);
            expect(deferred.skippedRecords).toBe(other.skippedRecords);
          }
          if (deferred.alerts.length > 0) withAlerts++;
          dropped += deferred.dropped;
        }),
        { numRuns: 120 },
      );
      // The comparison proves something only if alerts are found and lines are dropped.
      expect(withAlerts).toBeGreaterThan(8);
      expect(dropped).toBeGreaterThan(100);
      if (reorder === undefined || reorder.maxHeld > 40) expect(inOrder).toBeGreaterThan(30);
    });
  }
});

describe('--strict', () => {
  it('stops at a bad line when it is read, before events held in the window are evaluated', async () => {
    const path = join(dir, 'strict.ndjson');
    const at = (s: number) => new Date(Date.UTC(2026, 2, 2, 8, 0, s)).toISOString();
    writeFileSync(path, [`{"@timestamp":"${at(10)}","id":1}`, `{"@timestamp":"${at(20)}","id":`, `{"@timestamp":"${at(5)}","id":3}`].join('\n'));
    const seen: unknown[] = [];
    const run = runPipeline(
      { paths: [path], constants: [], timestampField: '@timestamp', reorder: { windowMs: 60_000, maxHeld: 100 }, strict: true, report: () => {}, annotate: () => {} },
      { bytesRead: 0, totalBytes: 0 },
      (event) => {
        seen.push(event.id);
        return false;
      },
    );
    await expect(run).rejects.toThrow(/--strict/);
    expect(seen).toEqual([]);
  });
});
