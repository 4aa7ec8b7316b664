// (d) of bench/throughput.bench.ts, in a process of its own (a clean heap: the parent has
// generated and written 2 GB of NDJSON before; measured, that made no difference, but the child
// leaves the layout of the objects to nothing else). The seed rule over `count`
// Okta events parsed in advance: best of `rounds` interleaved rounds of the baseline (read
// `event.action` of each object), `push` of each, and one `pushBatch` of the array. Prints JSON.
import { generateOktaEvents } from '../../scripts/generate/okta-events.js';
import { SEED_RULE } from './seed-rule.js';

type Engine = typeof import('../../packages/engine/src/index.js');
const { compile } = (await import(new URL('../../packages/engine/dist/index.js', import.meta.url).href)) as Engine;

const count = Number(process.argv[2] ?? 200_000);
const rounds = Number(process.argv[3] ?? 7);
const seed = compile(SEED_RULE);
const generated = generateOktaEvents({ count, seed: 7 });
const parsed = [...generated.events()].map((e) => JSON.parse(JSON.stringify(e)) as Record<string, unknown>);

let push = Number.POSITIVE_INFINITY;
let pushBatch = Number.POSITIVE_INFINITY;
let baseline = Number.POSITIVE_INFINITY;
let hits = 0;
let hitsBatch = 0;
let sink = 0;
for (let round = 0; round < rounds; round++) {
  let start = performance.now();
  for (let i = 0; i < parsed.length; i++) {
    const action = (parsed[i]!.event as { action?: string } | undefined)?.action;
    if (action !== undefined) sink += action.length;
  }
  baseline = Math.min(baseline, performance.now() - start);
  // The events are generated in time order, so the stream may trust it (no lateness measured).
  let stream = seed.stream({ trustOrder: true });
  start = performance.now();
  let n = 0;
  for (let i = 0; i < parsed.length; i++) n += stream.push(parsed[i]!).length;
  n += stream.flush().length;
  push = Math.min(push, performance.now() - start);
  hits = n;
  stream = seed.stream({ trustOrder: true });
  start = performance.now();
  n = stream.pushBatch(parsed).length + stream.flush().length;
  pushBatch = Math.min(pushBatch, performance.now() - start);
  hitsBatch = n;
}
if (sink === 0) throw new Error('baseline read nothing');
process.stdout.write(
  `${JSON.stringify({ push: push / 1000, pushBatch: pushBatch / 1000, baseline: baseline / 1000, hits, hitsBatch, expected: generated.expectedAlerts.length })}\n`,
);
