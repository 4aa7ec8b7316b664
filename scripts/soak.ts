/**
 * Soak run (not in CI): pushes N generated events with U distinct users through the Okta seed
 * rule via the engine stream and samples memory every `--every` events, to show that memory is
 * flat once the maxspan window is full. Events are generated on the fly (deterministic, seeded),
 * one millisecond apart, so a 10-minute maxspan holds the last 600,000 events.
 *
 *   npx tsx scripts/soak.ts [--events 20000000] [--users 1000000] [--every 1000000] [--gc]
 *
 * `--gc` (needs `node --expose-gc`, e.g. `NODE_OPTIONS=--expose-gc`) collects garbage before each
 * sample, so heap figures show what is live rather than what is not yet collected.
 * Prints one row per sample, then a JSON summary line.
 */
import { compile, type EqlEvent } from '../packages/engine/src/index.js';
import { mulberry32 } from './generate/prng.js';

const SEED_RULE = `sequence by user.email with maxspan=10m
  [any where event.module == "okta" and event.action == "user.mfa.okta_verify.deny_push"]
  [any where event.module == "okta" and event.action == "user.mfa.okta_verify.deny_push"]
  [any where event.module == "okta" and event.action == "user.authentication.sso"]`;

function option(name: string, fallback: number): number {
  const at = process.argv.indexOf(`--${name}`);
  if (at < 0) return fallback;
  const value = Number(process.argv[at + 1]);
  if (!Number.isSafeInteger(value) || value <= 0) throw new Error(`--${name} needs a positive integer`);
  return value;
}

const events = option('events', 20_000_000);
const users = option('users', 1_000_000);
const every = option('every', 1_000_000);
const collect = process.argv.includes('--gc');
const gc = (globalThis as { gc?: () => void }).gc;
if (collect && !gc) throw new Error('--gc needs node --expose-gc (NODE_OPTIONS=--expose-gc)');

const ACTIONS = ['user.mfa.okta_verify.deny_push', 'user.authentication.sso', 'user.session.start', 'policy.evaluate_sign_on'];
const START = Date.parse('2026-01-01T00:00:00Z');

/** The i-th event: a fresh object each time, as a parser would hand it over. */
function makeEvent(i: number, random: () => number): EqlEvent {
  const r = random();
  // 45% deny_push, 15% sso, the rest noise that the rule's prefilter turns away.
  const action = ACTIONS[r < 0.45 ? 0 : r < 0.6 ? 1 : r < 0.8 ? 2 : 3]!;
  const user = Math.floor(random() * users);
  return {
    '@timestamp': new Date(START + i).toISOString(),
    event: { module: 'okta', dataset: 'okta.system', action },
    user: { email: `user${user}@corp.example.com` },
    source: { ip: `10.${(user >> 16) & 255}.${(user >> 8) & 255}.${user & 255}` },
  };
}

interface Sample {
  events: number;
  seconds: number;
  rssMb: number;
  heapMb: number;
  pending: number;
  dropped: number;
  hits: number;
}

const mb = (bytes: number) => Math.round((bytes / 1048576) * 10) / 10;
const stream = compile(SEED_RULE).stream();
const random = mulberry32(20260101);
const samples: Sample[] = [];
const started = performance.now();
let hits = 0;

function sample(count: number): void {
  if (collect) gc!();
  const memory = process.memoryUsage();
  const row: Sample = {
    events: count,
    seconds: Math.round((performance.now() - started) / 100) / 10,
    rssMb: mb(memory.rss),
    heapMb: mb(memory.heapUsed),
    pending: stream.stats.pending,
    dropped: stream.stats.droppedPartials,
    hits,
  };
  samples.push(row);
  console.log(Object.values(row).map(String).map((v) => v.padStart(10)).join(''));
}

console.log(['events', 'seconds', 'rss MB', 'heap MB', 'pending', 'dropped', 'hits'].map((h) => h.padStart(10)).join(''));
for (let i = 1; i <= events; i++) {
  hits += stream.push(makeEvent(i, random)).length;
  if (i % every === 0 || i === events) sample(i);
}
hits += stream.flush().length;

// Flat memory: the window (600,000 events) is full after the first sample past it; compare the
// peak RSS of the second half of the run with the first full-window sample.
const windowFull = samples.find((s) => s.events >= 600_000 + every) ?? samples[samples.length - 1]!;
const later = samples.filter((s) => s.events >= windowFull.events);
const seconds = (performance.now() - started) / 1000;
console.log(
  JSON.stringify({
    events,
    users,
    hits,
    seconds: Math.round(seconds),
    eventsPerSecond: Math.round(events / seconds),
    peakRssMb: Math.max(...samples.map((s) => s.rssMb)),
    rssAtWindowFullMb: windowFull.rssMb,
    peakRssAfterWindowFullMb: Math.max(...later.map((s) => s.rssMb)),
    peakHeapAfterWindowFullMb: Math.max(...later.map((s) => s.heapMb)),
    peakPending: Math.max(...samples.map((s) => s.pending)),
  }),
);
