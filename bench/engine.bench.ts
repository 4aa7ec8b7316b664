// Engine throughput: events per second pushed through compiled queries over pre-parsed
// Okta-shaped objects, each figure also as a ratio to a baseline measured in the same run
// (iterating the same objects and reading one nested field).
// Run: npx tsx bench/engine.bench.ts [events]
import { compile, type EqlEvent, type StreamOptions } from '../packages/engine/src/index.js';
import { generateOktaEvents } from '../scripts/generate/okta-events.js';
import { SEED_RULE } from './support/seed-rule.js';

const actions = Array.from({ length: 17 }, (_, i) => `event.action == "app.action.${i}"`).join(' or ');
const TWENTY_PREDICATES = `any where event.dataset == "okta.system" and event.outcome == "failure" and
  (${actions} or event.action == "user.mfa.okta_verify.deny_push")`;

interface Row {
  readonly name: string;
  readonly run: () => number;
  best: number;
  result: number;
}

const row = (name: string, run: () => number): Row => ({ name, run, best: Number.POSITIVE_INFINITY, result: 0 });

/**
 * Every row over `count` events, best of `rounds` interleaved rounds (a busy machine slows the
 * rows alike). The events are parsed from JSON text, as events reach the engine, before timing.
 */
function measure(count: number, rounds: number, where: string): void {
  const events: EqlEvent[] = [...generateOktaEvents({ count, seed: 7 }).events()].map((e) => JSON.parse(JSON.stringify(e)) as EqlEvent);
  const pushAll = (query: string, options: StreamOptions = {}): (() => number) => {
    const compiled = compile(query);
    return () => {
      const stream = compiled.stream(options);
      let hits = 0;
      for (let i = 0; i < events.length; i++) hits += stream.push(events[i]!).length;
      return hits + stream.flush().length;
    };
  };
  const baseline = row('baseline: read event.action of each object', () => {
    let n = 0;
    for (let i = 0; i < events.length; i++) {
      const action = (events[i]!.event as { action?: string } | undefined)?.action;
      if (action !== undefined) n += action.length;
    }
    return n;
  });
  const rows = [
    baseline,
    row('seed rule (3-stage sequence by user.email, maxspan 10m): push', pushAll(SEED_RULE)),
    // The events are generated in time order, so a caller may promise it.
    row('seed rule: push, stream({ trustOrder: true })', pushAll(SEED_RULE, { trustOrder: true })),
    row('20-predicate event query: push', pushAll(TWENTY_PREDICATES)),
  ];
  for (let r = 0; r < rounds; r++) {
    for (const x of rows) {
      const start = performance.now();
      x.result = x.run();
      x.best = Math.min(x.best, performance.now() - start);
    }
  }
  console.log(`\nengine: ${events.length.toLocaleString('en-US')} Okta-shaped events (${where}), best of ${rounds} interleaved rounds`);
  for (const x of rows) {
    const ratio = x === baseline ? '' : `  (${(x.best / baseline.best).toFixed(1)}x the baseline's time)`;
    console.log(`${x.name}: ${(events.length / x.best / 1000).toFixed(2)} M events/s, ${x.result} results${ratio}`);
  }
}

// Two working sets. 200,000 events are about 260 MB of objects, far beyond the 32 MB L3 cache:
// every event is a trip to DRAM, as for an array parsed long before (the baseline, a loop that
// reads one field, pays it too). 5,000 events fit in cache, as an event just parsed from its line
// does when a stream gets it.
const count = Number(process.argv[2] ?? 200_000);
measure(count, 15, 'working set in DRAM');
measure(5_000, 300, 'working set in cache');
