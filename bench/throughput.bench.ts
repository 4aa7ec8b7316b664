// End-to-end throughput (docs/performance.md): the `eql` command over generated files against a
// baseline that only reads and JSON.parses the same file, each in a child process (start-up
// counted alike), plus the engine on pre-parsed objects and the corpus compile time.
// Run: pnpm bench throughput   (env: EQLKIT_BENCH_EVENTS, EQLKIT_BENCH_ECS_EVENTS)
import { spawnSync } from 'node:child_process';
import { closeSync, createReadStream, createWriteStream, existsSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sharedPath } from '../test/support/shared.js';
import { corpusRuleShapes, generateEcsEvents, writeNdjson } from '../scripts/generate/ecs-events.js';
import { generateOktaEvents } from '../scripts/generate/okta-events.js';

type Engine = typeof import('../packages/engine/src/index.js');
type Rules = typeof import('../packages/rules/src/index.js');
const { compile } = (await import(new URL('../packages/engine/dist/index.js', import.meta.url).href)) as Engine;
const { loadRule } = (await import(new URL('../packages/rules/dist/index.js', import.meta.url).href)) as Rules;

const OKTA_EVENTS = Number(process.env.EQLKIT_BENCH_EVENTS ?? 1_000_000);
const ECS_EVENTS = Number(process.env.EQLKIT_BENCH_ECS_EVENTS ?? 1_000_000);
const repo = new URL('..', import.meta.url).pathname;
const cli = join(repo, 'packages/cli/dist/bundle/eql.js');
const corpus = sharedPath('corpus', 'detection-rules');
const dir = mkdtempSync(join(tmpdir(), 'eqlkit-bench-'));
const mb = (bytes: number) => `${(bytes / 1e6).toFixed(0)} MB`;

interface ChildRun {
  readonly seconds: number;
  readonly maxRssMb: number | undefined;
  readonly stdoutLines: number;
  readonly stderr: string;
}

async function countLines(path: string): Promise<number> {
  let n = 0;
  for await (const chunk of createReadStream(path)) for (let i = (chunk as Buffer).indexOf(10); i !== -1; i = (chunk as Buffer).indexOf(10, i + 1)) n++;
  return n;
}

/** Runs `node args` with stdout to a file; wall time and peak RSS from /usr/bin/time when present. */
async function child(args: string[], env: Record<string, string> = {}): Promise<ChildRun> {
  const out = join(dir, 'stdout');
  const timeFile = join(dir, 'time');
  const fd = openSync(out, 'w');
  const timed = existsSync('/usr/bin/time');
  const start = performance.now();
  const run = timed
    ? spawnSync('/usr/bin/time', ['-f', '%e %M', '-o', timeFile, process.execPath, ...args], { stdio: ['ignore', fd, 'pipe'], env: { ...process.env, ...env }, cwd: repo })
    : spawnSync(process.execPath, args, { stdio: ['ignore', fd, 'pipe'], env: { ...process.env, ...env }, cwd: repo });
  const wall = (performance.now() - start) / 1000;
  closeSync(fd);
  const stderr = run.stderr.toString();
  if (run.status !== 0) throw new Error(`node ${args.join(' ')} exited ${run.status}: ${stderr}`);
  const [seconds, rss] = timed ? readFileSync(timeFile, 'utf8').trim().split(/\s+/).slice(-2).map(Number) : [wall, undefined];
  return { seconds: seconds ?? wall, maxRssMb: rss === undefined ? undefined : rss / 1024, stdoutLines: await countLines(out), stderr };
}

// Inputs, written once per run.
let t = performance.now();
const okta = generateOktaEvents({ count: OKTA_EVENTS, seed: 7 });
let ssoCount = 0;
const oktaPath = join(dir, 'okta.ndjson');
const oktaBytes = await writeNdjson(
  createWriteStream(oktaPath),
  (function* () {
    for (const e of okta.events()) {
      if ((e.event as { action?: string }).action === 'user.authentication.sso') ssoCount++;
      yield e;
    }
  })(),
);
const shapes = await corpusRuleShapes(corpus);
const ecsPath = join(dir, 'ecs.ndjson');
const ecsBytes = await writeNdjson(createWriteStream(ecsPath), generateEcsEvents({ count: ECS_EVENTS, seed: 7, rules: shapes }));
const slicePath = join(dir, 'ecs-slice.ndjson');
await writeNdjson(createWriteStream(slicePath), generateEcsEvents({ count: Math.min(ECS_EVENTS, 20_000), seed: 7, rules: shapes }));
console.log(
  `inputs in ${dir} (${((performance.now() - t) / 1000).toFixed(0)} s): okta.ndjson ${OKTA_EVENTS} events, ${mb(oktaBytes)}; ` +
    `ecs.ndjson ${ECS_EVENTS} mixed ECS events, ${mb(ecsBytes)}`,
);

interface Row {
  readonly name: string;
  readonly events: number;
  readonly seconds: number;
  readonly baseline?: number;
  readonly rssMb?: number | undefined;
  readonly check: string;
  readonly ok: boolean;
  /** The row's peak RSS has a budget (issue #6: under 300 MB for (a) and (c)). */
  readonly rssBudgetMb?: number;
}
const rows: Row[] = [];
/** Peak RSS (a) and (c) must stay under: a run above it is marked in the table and warned about. */
const RSS_BUDGET_MB = 300;
const baseline = async (path: string, events: number, name: string) => {
  const run = await child([join(repo, 'bench/support/baseline-parse.mjs'), path]);
  const ok = Number(readFileSync(join(dir, 'stdout'), 'utf8').trim()) === events;
  rows.push({ name, events, seconds: run.seconds, rssMb: run.maxRssMb, check: `${events} lines parsed`, ok });
  return run.seconds;
};

// (a) and (b) are a few seconds each, so near their 2.0x target one run decides little on a
// shared machine: ROUNDS rounds of baseline, (a), (b) in turn, each measure's ratio taken within
// its round (same minute, same load), and the round with the median ratio reported.
const ROUNDS = Number(process.env.EQLKIT_BENCH_ROUNDS ?? 3);
interface Round {
  readonly base: ChildRun;
  readonly a: ChildRun;
  readonly b: ChildRun;
}
const rounds: Round[] = [];
let baseOk = true;
for (let r = 0; r < ROUNDS; r++) {
  const base = await child([join(repo, 'bench/support/baseline-parse.mjs'), oktaPath]);
  baseOk &&= Number(readFileSync(join(dir, 'stdout'), 'utf8').trim()) === OKTA_EVENTS;
  const a = await child([cli, 'run', '--rules', 'rules/okta', oktaPath]);
  const b = await child([cli, 'query', 'any where event.action == "user.authentication.sso"', oktaPath]);
  rounds.push({ base, a, b });
}
/** The round whose ratio for `pick` is the median; its runs, and every round's ratio. */
const medianRound = (pick: (r: Round) => ChildRun) => {
  const ratio = (r: Round) => r.base.seconds / pick(r).seconds;
  const sorted = [...rounds].sort((x, y) => ratio(x) - ratio(y));
  const median = sorted[Math.floor((sorted.length - 1) / 2)] as Round;
  return { base: median.base, run: pick(median), ratios: rounds.map((r) => `${ratio(r).toFixed(2)}x`).join(' ') };
};
const maxRss = (pick: (r: Round) => ChildRun) => Math.max(...rounds.map((r) => pick(r).maxRssMb ?? 0)) || undefined;
const medianA = medianRound((r) => r.a);
const medianB = medianRound((r) => r.b);
rows.push({
  name: `baseline: read + JSON.parse every line (okta.ndjson), ${ROUNDS} rounds`,
  events: OKTA_EVENTS,
  seconds: medianA.base.seconds,
  rssMb: maxRss((r) => r.base),
  check: `${OKTA_EVENTS} lines parsed; ${rounds.map((r) => `${r.base.seconds.toFixed(2)} s`).join(', ')}`,
  ok: baseOk,
});
rows.push({
  name: '(a) eql run --rules rules/okta',
  events: OKTA_EVENTS,
  seconds: medianA.run.seconds,
  baseline: medianA.base.seconds,
  rssMb: maxRss((r) => r.a),
  rssBudgetMb: RSS_BUDGET_MB,
  check: `${medianA.run.stdoutLines} alerts (expected ${okta.expectedAlerts.length}); rounds ${medianA.ratios}`,
  ok: rounds.every((r) => r.a.stdoutLines === okta.expectedAlerts.length),
});
rows.push({
  name: '(b) eql query \'any where event.action == "user.authentication.sso"\'',
  events: OKTA_EVENTS,
  seconds: medianB.run.seconds,
  baseline: medianB.base.seconds,
  rssMb: maxRss((r) => r.b),
  check: `${medianB.run.stdoutLines} hits (expected ${ssoCount}); rounds ${medianB.ratios}`,
  ok: rounds.every((r) => r.b.stdoutLines === ssoCount),
});

const ecsBase = await baseline(ecsPath, ECS_EVENTS, 'baseline: read + JSON.parse every line (ecs.ndjson)');
// Two threads by default on this machine (many rules, two cores): the line worker routes.
const c = await child([cli, 'run', '--rules', corpus, ecsPath]);
// The check: on a slice, the alerts with and without prefilter and worker are the same lines.
const sliceOn = await child([cli, 'run', '--rules', corpus, slicePath], { EQLKIT_THREADS: 'two' });
const onText = readFileSync(join(dir, 'stdout'), 'utf8');
const sliceOff = await child([cli, 'run', '--rules', corpus, slicePath], { EQLKIT_PREFILTER: 'off', EQLKIT_THREADS: 'one' });
const offText = readFileSync(join(dir, 'stdout'), 'utf8');
rows.push({
  name: `(c) eql run --rules <corpus> (${shapes.length} rules)`,
  events: ECS_EVENTS,
  seconds: c.seconds,
  baseline: ecsBase,
  rssMb: c.maxRssMb,
  rssBudgetMb: RSS_BUDGET_MB,
  check: `${c.stdoutLines} alerts; 20k slice ${sliceOn.stdoutLines} alerts = ${sliceOff.stdoutLines} without prefilter/worker`,
  ok: c.stdoutLines > 0 && onText === offText && sliceOn.stdoutLines > 0,
});
// (c) again on one thread (the default on one core; EQLKIT_THREADS=one elsewhere).
const cOne = await child([cli, 'run', '--rules', corpus, ecsPath], { EQLKIT_THREADS: 'one' });
rows.push({
  name: '(c) the same, EQLKIT_THREADS=one (no line worker; not a target)',
  events: ECS_EVENTS,
  seconds: cOne.seconds,
  baseline: ecsBase,
  rssMb: cOne.maxRssMb,
  check: `${cOne.stdoutLines} alerts (two threads: ${c.stdoutLines})`,
  ok: cOne.stdoutLines === c.stdoutLines,
});

// (d) the seed rule on pre-parsed objects, no parsing (push() per event, pushBatch() of the array),
// in a child process (bench/support/push-objects.ts). Two working sets: 200,000 events (260 MB
// of objects, far beyond the 32 MB L3 cache, so every event is a trip to DRAM, as for an array
// parsed long before) and 5,000 (fits in cache, as an event just parsed from its line is when a
// stream gets it).
for (const [count, rounds, label] of [
  [Math.min(OKTA_EVENTS, 200_000), 7, 'in DRAM'],
  [5_000, 200, 'in cache'],
] as const) {
  const run = spawnSync(process.execPath, ['--import', 'tsx', join(repo, 'bench/support/push-objects.ts'), String(count), String(rounds)], {
    encoding: 'utf8',
    cwd: repo,
  });
  if (run.status !== 0) throw new Error(`push-objects failed: ${run.stderr}`);
  const r = JSON.parse(run.stdout) as { push: number; pushBatch: number; baseline: number; hits: number; hitsBatch: number; expected: number };
  rows.push({
    name: `(d) seed rule, push() on ${count.toLocaleString('en-US')} pre-parsed objects ${label} (trustOrder; baseline: read event.action of each)`,
    events: count,
    seconds: r.push,
    baseline: r.baseline,
    check: `${r.hits} sequences (expected ${r.expected})`,
    ok: r.hits === r.expected,
  });
  rows.push({
    name: `(d) seed rule, pushBatch() of the same ${count.toLocaleString('en-US')} objects ${label}`,
    events: count,
    seconds: r.pushBatch,
    baseline: r.baseline,
    check: `${r.hitsBatch} sequences (expected ${r.expected})`,
    ok: r.hitsBatch === r.expected,
  });
}

// (e) parse (load, validate) and compile the whole corpus.
const files: { path: string; text: string }[] = [];
for (const sub of ['rules', 'rules_building_block']) {
  for (const e of readdirSync(join(corpus, sub), { withFileTypes: true, recursive: true })) {
    if (e.isFile() && e.name.endsWith('.toml')) files.push({ path: join(e.parentPath, e.name), text: readFileSync(join(e.parentPath, e.name), 'utf8') });
  }
}
const compileAll = () => {
  let n = 0;
  for (const f of files) {
    const r = loadRule(f.path, f.text);
    if (r.status !== 'invalid' && r.rule.query) {
      compile(r.rule.query, { eventCategoryField: r.rule.settings.eventCategoryField });
      n++;
    }
  }
  return n;
};
compileAll();
const times: number[] = [];
let compiled = 0;
for (let i = 0; i < 3; i++) {
  t = performance.now();
  compiled = compileAll();
  times.push(performance.now() - t);
}
times.sort((x, y) => x - y);
rows.push({ name: '(e) load + parse + compile the corpus', events: files.length, seconds: (times[1] ?? 0) / 1000, check: `${compiled} rules compiled`, ok: compiled === files.length });

rmSync(dir, { recursive: true, force: true });

console.log(`\nmachine: ${(await import('node:os')).availableParallelism()} cores, node ${process.version}; child processes, wall time and peak RSS from /usr/bin/time\n`);
function overBudget(r: Row): boolean {
  return r.rssBudgetMb !== undefined && r.rssMb !== undefined && r.rssMb >= r.rssBudgetMb;
}
const header = ['measure', 'events', 'time', 'events/s', 'ratio to baseline', 'peak RSS', 'check'];
const table = rows.map((r) => [
  r.name,
  String(r.events),
  r.name.startsWith('(e)') || r.seconds < 1 ? `${(r.seconds * 1000).toFixed(r.seconds < 0.01 ? 2 : 0)} ms` : `${r.seconds.toFixed(2)} s`,
  r.name.startsWith('(e)') ? '' : `${Math.round(r.events / r.seconds).toLocaleString('en-US')}`,
  r.baseline === undefined ? '' : `${(r.baseline / r.seconds).toFixed(2)}x`,
  r.rssMb === undefined ? '' : `${r.rssMb.toFixed(0)} MB${overBudget(r) ? ' OVER BUDGET' : ''}`,
  `${r.ok ? 'ok' : 'WRONG'}: ${r.check}`,
]);
const widths = header.map((h, i) => Math.max(h.length, ...table.map((row) => (row[i] ?? '').length)));
const line = (cells: readonly string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join(' | ')} |`;
console.log(line(header));
console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
for (const row of table) console.log(line(row));
for (const r of rows.filter(overBudget)) console.error(`${r.name}: peak RSS ${r.rssMb?.toFixed(0)} MB, over its ${r.rssBudgetMb} MB budget`);
if (rows.some((r) => !r.ok)) {
  console.error('a result is wrong: see the check column');
  process.exitCode = 1;
}

