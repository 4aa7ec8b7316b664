// The rules package over the detection-rules corpus: load + validate + check every rule file,
// compile them all into one runner, and push a generated mixed event stream through it with
// routing (events reach only the rules whose constant predicates they hold), event by event and
// in batches, and without routing.
// Run: npx tsc -b && npx tsx bench/rules.bench.ts [events]
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sharedPath } from '../test/support/shared.js';
import { generateCorpusEvents } from '../test/rules/corpus-events.js';

type Rules = typeof import('../packages/rules/src/index.js');
type Engine = typeof import('../packages/engine/src/index.js');
const { loadRule, createRunner } = (await import(new URL('../packages/rules/dist/index.js', import.meta.url).href)) as Rules;
const { compile } = (await import(new URL('../packages/engine/dist/index.js', import.meta.url).href)) as Engine;

const root = sharedPath('corpus', 'detection-rules');
const files: { path: string; text: string }[] = [];
for (const dir of ['rules', 'rules_building_block']) {
  for (const e of readdirSync(join(root, dir), { withFileTypes: true, recursive: true })) {
    if (e.isFile() && e.name.endsWith('.toml')) {
      const path = join(e.parentPath, e.name);
      files.push({ path, text: readFileSync(path, 'utf8') });
    }
  }
}

const time = <T>(f: () => T): [T, number] => {
  const start = performance.now();
  const value = f();
  return [value, performance.now() - start];
};

const loadPass = () => files.map((f) => loadRule(f.path, f.text));
loadPass(); // warm-up
const loadTimes = [0, 1, 2].map(() => time(loadPass)[1]).sort((a, b) => a - b);
const results = loadPass();
const rules = results.flatMap((r) => (r.status === 'invalid' ? [] : [r.rule]));
console.log(`load + schema + query check: ${files.length} files, median ${loadTimes[1]?.toFixed(0)} ms per pass (${(((loadTimes[1] ?? 0) * 1000) / files.length).toFixed(0)} µs/file)`);

const count = Number(process.argv[2] ?? 20000);
const events = generateCorpusEvents(rules.map((rule) => ({ rule, statement: compile(rule.query ?? '').statement })), count, 7);

// Routing on, one event at a time and in batches of 512 (`pushBatch`, as `eql run` does); off.
for (const [routing, batch] of [
  [true, 1],
  [true, 512],
  [false, 1],
] as const) {
  const [runner, buildMs] = time(() => createRunner(rules, { routing }));
  const [alerts, runMs] = time(() => {
    let n = 0;
    if (batch === 1) for (const { event, index } of events) n += runner.push(event, { index }).length;
    else
      for (let i = 0; i < events.length; i += batch) {
        const slice = events.slice(i, i + batch);
        n += runner.pushBatch(
          slice.map((e) => e.event),
          slice.map((e) => ({ index: e.index })),
        ).length;
      }
    return n + runner.flush().length;
  });
  const stats = runner.stats();
  console.log(
    `runner, routing ${routing ? 'on ' : 'off'}${batch > 1 ? `, batches of ${batch}` : ''}: ${rules.length} rules compiled in ${buildMs.toFixed(0)} ms; ` +
      `${events.length} events in ${runMs.toFixed(0)} ms = ${Math.round(events.length / (runMs / 1000))} events/s, ` +
      `${(stats.deliveries / events.length).toFixed(1)} rules tried per event, ${alerts} alerts`,
  );
}
