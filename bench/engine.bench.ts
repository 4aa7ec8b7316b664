// Engine throughput: events per second pushed through compiled queries over pre-parsed
// Okta-shaped objects, each figure also as a ratio to a baseline measured in the same run
// (iterating the same objects and reading one nested field).
// Run: npx tsx bench/engine.bench.ts [events]
import { compile, type EqlEvent } from '../packages/engine/src/index.js';
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

/** Best events/second over `rounds` passes of `run`. */
function measure(name: string, rounds: number, run: () => number): { name: string; perSecond: number; result: number } {
  let best = Number.POSITIVE_INFINITY;
  let result = 0;
  for (let r = 0; r < rounds; r++) {
    const start = performance.now();
    result = run();
    best = Math.min(best, performance.now() - start);
  }
  return { name, perSecond: (events.length / best) * 1000, result };
}

function pushAll(query: string): () => number {
  const compiled = compile(query);
  return () => {
    const stream = compiled.stream();
    let hits = 0;
    for (let i = 0; i < events.length; i++) hits += stream.push(events[i]!).length;
    return hits + stream.flush().length;
  };
}

const baseline = measure('baseline: read event.action of each object', 15, () => {
  let n = 0;
  for (let i = 0; i < events.length; i++) {
    const action = (events[i]!.event as { action?: string } | undefined)?.action;
    if (action !== undefined) n += action.length;
  }
  return n;
});
const rows = [
  baseline,
  measure('seed rule (3-stage sequence by user.email, maxspan 10m): push', 15, pushAll(SEED_RULE)),
  measure('20-predicate event query: push', 15, pushAll(TWENTY_PREDICATES)),
];

console.log(`engine: ${events.length} Okta-shaped events, best of 15 passes`);
for (const row of rows) {
  const ratio = row === baseline ? '' : `  (${(baseline.perSecond / row.perSecond).toFixed(1)}x the baseline's time)`;
  console.log(`${row.name}: ${(row.perSecond / 1e6).toFixed(2)} M events/s, ${row.result} results${ratio}`);
}
