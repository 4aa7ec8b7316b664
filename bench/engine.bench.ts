// Engine throughput: events per second pushed through compiled queries over pre-parsed
// Okta-shaped objects, each figure also as a ratio to a baseline measured in the same run
// (iterating the same objects and reading one nested field).
// Run: npx tsx bench/engine.bench.ts [events]
import { compile, type EqlEvent, type StreamOptions } from '../packages/engine/src/index.js';
import { generateOktaEvents } from '../scripts/generate/okta-events.js';

const count = Number(process.argv[2] ?? 200_000);
// Parsed from JSON text, as events reach the engine (NDJSON lines), before any timing.
const events: EqlEvent[] = [...generateOktaEvents({ count, seed: 7 }).events()].map((e) => JSON.parse(JSON.stringify(e)) as EqlEvent);

const SEED_RULE = `sequence by user.email with maxspan=10m
  [any where event.module == "okta" and event.action == "user.mfa.okta_verify.deny_push"]
  [any where event.module == "okta" and event.action == "user.mfa.okta_verify.deny_push"]
  [any where event.module == "okta" and event.action == "user.authentication.sso"]`;

const actions = Array.from({ length: 17 }, (_, i) => `event.action == "app.action.${i}"`).join(' or ');
const TWENTY_PREDICATES = `any where event.dataset == "okta.system" and event.outcome == "failure" and
  (${actions} or event.action == "user.mfa.okta_verify.deny_push")`;

interface Row {
  readonly name: string;
  readonly run: () => number;
  best: number;
  result: number;
}

function pushAll(query: string, options: StreamOptions = {}): () => number {
  const compiled = compile(query);
  return () => {
    const stream = compiled.stream(options);
    let hits = 0;
    for (let i = 0; i < events.length; i++) hits += stream.push(events[i]!).length;
    return hits + stream.flush().length;
  };
}

const row = (name: string, run: () => number): Row => ({ name, run, best: Number.POSITIVE_INFINITY, result: 0 });
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

// Rounds interleave the rows, so that a busy machine slows them alike; the best round counts.
const rounds = 15;
for (let r = 0; r < rounds; r++) {
  for (const x of rows) {
    const start = performance.now();
    x.result = x.run();
    x.best = Math.min(x.best, performance.now() - start);
  }
}

const perSecond = (x: Row) => (events.length / x.best) * 1000;
console.log(`engine: ${events.length} Okta-shaped events, best of ${rounds} interleaved rounds`);
for (const x of rows) {
  const ratio = x === baseline ? '' : `  (${(x.best / baseline.best).toFixed(1)}x the baseline's time)`;
  console.log(`${x.name}: ${(perSecond(x) / 1e6).toFixed(2)} M events/s, ${x.result} results${ratio}`);
}
