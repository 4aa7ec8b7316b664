import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { compile, type PrefilterSource } from '@eqlkit/engine';
import { createRunner, type Rule } from '@eqlkit/rules';
import { lineFilterFor, lineRouterFor } from '../../packages/cli/src/commands/line-filter.js';
import { runPipeline } from '../../packages/cli/src/input/event-pipeline.js';
import type { ReorderOptions } from '../../packages/cli/src/input/reorder-window.js';
import { prng } from '../rules/corpus-events.js';
import { testRule } from '../support/test-rule.js';
import { escapedJson } from './escaped-json.js';

// `eql run` with many rules routes a sequence's terms apart, and at a line's turn leaves out
// the terms whose rule has nothing waiting for them (LineRouter.atTurn, Runner.awaitsTerm): a
// line no rule then takes is never parsed. The alerts must be those of routing by rule alone,
// in the same order (when no event is later than the window can repair), the events evaluated in batches as `eql run` does (a rule asked about
// its state first takes its events waiting in the batch): for generated streams with missing
// terms (leading and trailing), until, runs, keys in several fields, escapes, dotted layouts and
// events out of order.

const QUERIES = [
  `sequence by user.email with maxspan=10m
    [any where event.action == "deny"] [any where event.action == "deny"] [any where event.action == "sso"]`,
  `sequence by host.id with maxspan=5m
    [any where data_stream.dataset == "endpoint.alerts"] ![any where event.category in ("process", "file")]`,
  `sequence by user.email [any where event.action == "login"] [any where event.action == "sso"] until [any where event.action == "logout"]`,
  `sequence by user.email with maxspan=2m [any where event.action == "deny"] with runs=2 [any where event.action == "sso"]`,
  'any where event.action == "sso" and user.email : "a*"',
  'sequence with maxspan=3m [process where process.name == "cmd.exe"] by host.id [file where true] by host.id',
  'sequence by host.id with maxspan=5m ![any where event.action == "heartbeat"] [any where event.action == "login"]',
];

const rules: Rule[] = QUERIES.map((query, i) => testRule(query, i + 1, `rule ${i}`));

const dir = mkdtempSync(join(tmpdir(), 'eqlkit-routed-deferral-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let files = 0;

/** Alerts (rule, event ids) of the pipeline and a runner over `lines`, in order; lines not parsed. */
async function run(lines: readonly string[], probed: boolean, reorder: ReorderOptions | undefined) {
  const path = join(dir, `events-${files++}.ndjson`);
  writeFileSync(path, `${lines.join('\n')}\n`);
  const sources: PrefilterSource[] = [];
  const runner = createRunner(rules, {
    allowedLatenessMs: 0,
    trustOrder: true,
    compile: (text, options) => {
      const compiled = compile(text, options);
      sources.push({ statement: compiled.statement });
      return compiled;
    },
  });
  let unparsed = 0;
  const router = lineRouterFor(sources, [], probed ? (rule, term, line, ts) => runner.awaitsTerm(rule, term, line, ts) : undefined);
  if (!router) throw new Error('no router');
  const alerts: string[] = [];
  const take = (list: readonly { rule: { name: string }; events: readonly unknown[] }[]) => {
    for (const a of list) alerts.push(`${a.rule.name}: ${a.events.map((e) => String((e as { id?: unknown } | null)?.id ?? 'missing')).join(' ')}`);
  };
  let waiting = 0;
  const stats = await runPipeline(
    {
      paths: [path],
      constants: [],
      timestampField: '@timestamp',
      ...(reorder ? { reorder } : {}),
      strict: false,
      report: () => {},
      prefilter: lineFilterFor(sources, []),
      annotate: router.annotate,
      route: router.route,
      atTurn: (text, route, ts) => {
        const kept = router.atTurn(text, route, ts);
        if (kept === undefined) unparsed++;
        return kept;
      },
    },
    { bytesRead: 0, totalBytes: 0 },
    (event) => {
      const candidates = router.candidates(event);
      runner.enqueue(event, candidates ? { candidates } : {});
      // Small batches, so that rules are often asked about their state with events waiting.
      if (++waiting >= 5) {
        waiting = 0;
        take(runner.evaluate());
      }
      return false;
    },
    () => {
      take(runner.evaluate());
      return false;
    },
  );
  take(runner.flush());
  return { alerts, events: stats.events, skippedRecords: stats.skippedRecords, late: stats.late, unparsed };
}

const ACTIONS = ['deny', 'deny', 'deny', 'sso', 'sso', 'login', 'logout', 'heartbeat', 'other'];
const record = fc.record({
  action: fc.constantFrom(...ACTIONS),
  category: fc.constantFrom('process', 'file', 'network'),
  email: fc.constantFrom('a@x.io', 'a@x.io', 'b/c@x.io', 'é"q@x.io', undefined),
  host: fc.constantFrom('h1', 'h1', 'h2'),
  alert: fc.constantFrom(false, false, false, false, false, false, true),
  process: fc.constantFrom('cmd.exe', 'x.exe'),
  gap: fc.integer({ min: -90_000, max: 120_000 }),
  dotted: fc.boolean(),
});

function writeLines(records: readonly (typeof record extends fc.Arbitrary<infer T> ? T : never)[], seed: number, rate: number, shuffled: boolean): string[] {
  const random = prng(seed);
  let time = Date.UTC(2026, 2, 2);
  return records.map((r, id) => {
    time += shuffled ? r.gap : Math.abs(r.gap) % 40_000;
    const fields: Record<string, unknown> = {
      'event.action': r.action,
      'event.category': [r.category],
      'host.id': r.host,
      'process.name': r.process,
      'data_stream.dataset': r.alert ? 'endpoint.alerts' : 'endpoint.events',
      ...(r.email === undefined ? {} : { 'user.email': r.email }),
    };
    const doc: Record<string, unknown> = { '@timestamp': new Date(time).toISOString(), id };
    for (const [key, value] of Object.entries(fields)) {
      if (r.dotted) doc[key] = value;
      else {
        const [head, tail] = key.split('.') as [string, string];
        ((doc[head] ??= {}) as Record<string, unknown>)[tail] = value;
      }
    }
    return escapedJson(doc, random, rate);
  });
}

describe('leaving out the terms no rule awaits at a line turn', () => {
  const windows: [string, ReorderOptions | undefined][] = [
    ['a one-minute reorder window', { windowMs: 60_000, maxHeld: 50_000 }],
    ['a window of 3 events', { windowMs: 600_000, maxHeld: 3 }],
    ['--sort', { windowMs: Infinity, maxHeld: Infinity }],
  ];
  for (const [name, reorder] of windows) {
    it(`gives the alerts of routing by rule, in the same order, with ${name} (fast-check)`, async () => {
      let alerts = 0;
      let unparsed = 0;
      let compared = 0;
      const byRule = new Set<string>();
      await fc.assert(
        fc.asyncProperty(fc.array(record, { minLength: 30, maxLength: 80 }), fc.integer(), fc.constantFrom(0, 0, 0.05), fc.boolean(), async (records, seed, rate, shuffled) => {
          const lines = writeLines(records, seed, rate, shuffled);
          // A malformed line is reported when it is parsed: one a first stage could take always is.
          lines.splice(seed % (lines.length + 1), 0, '{"event":{"action":"deny"},');
          const routed = await run(lines, false, reorder);
          const probed = await run(lines, true, reorder);
          // An event later than the window is evaluated against a state that kept only what
          // in-order events could use (`trustOrder`): a trailing missing term's event of a key
          // nothing waited for is not kept for a candidate completed late. So the alerts are
          // compared when nothing was late, the rest always.
          if (routed.late === 0) {
            expect(probed.alerts).toEqual(routed.alerts);
            compared++;
          }
          expect(probed.late).toBe(routed.late);
          expect(probed.events).toBe(routed.events);
          expect(probed.skippedRecords).toBe(routed.skippedRecords);
          expect(routed.unparsed).toBe(0);
          alerts += probed.alerts.length;
          unparsed += probed.unparsed;
          for (const a of probed.alerts) byRule.add(a.split(':')[0] as string);
        }),
        { numRuns: 60 },
      );
      // The comparison proves something only if every rule alerts and lines go unparsed.
      expect(byRule.size).toBe(QUERIES.length);
      expect(alerts).toBeGreaterThan(100);
      expect(unparsed).toBeGreaterThan(50);
      expect(compared).toBeGreaterThan(15);
    });
  }
});
