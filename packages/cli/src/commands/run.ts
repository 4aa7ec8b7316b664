import { setFlagsFromString } from 'node:v8';
import { Command } from 'commander';
import { createRunner, type Alert, type Rule, type RunnerInput } from '@eqlkit/rules';
import { CliError, ExitCode, type ExitCodeValue } from '../cli-error.js';
import { DEFAULT_MAX_PENDING_TOTAL } from '@eqlkit/engine';
import { alertTableLayout } from '../output/alert-table.js';
import { alertText } from '../output/alert-text.js';
import { cappedPartialsLine } from '../output/capped-partials.js';
import { printDiagnostics } from '../output/print-diagnostics.js';
import { BufferedSink } from '../output/buffered-sink.js';
import { createRecordWriter } from '../output/record-writer.js';
import { lineTexts } from '../output/line-texts.js';
import { runSummaryLines, type RuleTally } from '../output/run-summary.js';
import { engine } from '../ports/engine-port.js';
import { CheckedQueries } from '../ports/checked-queries.js';
import { createQueryChecker } from '../ports/query-checker.js';
import { loadRules } from '../ports/rules-port.js';
import { addEventOptions, MAX_HELD_EVENTS, parseSize, resolveEventOptions, SORT_ALL, type EventOptions, type RawEventOptions } from './event-options.js';
import { evaluateEvents, threadsFor } from './evaluate-events.js';
import { lineDeferralFor, lineFilterFor, lineRouterFor } from './line-filter.js';
import type { LineRoute } from '../input/line-routes.js';
import { dropSpareLineWorker, isPlainNdjson, prestartLineWorker } from '../input/threaded-lines.js';
import type { PrefilterSource } from '@eqlkit/engine';

const collect = (value: string, previous: string[] | undefined) => [...(previous ?? []), value];

interface RawRunOptions extends RawEventOptions {
  rules: string[];
  index?: string;
}

const EXAMPLES = `
Examples:
  $ eql run --rules rules/ examples/okta/events.ndjson
  $ eql run --rules rules/okta --format table examples/okta/events.ndjson
  $ gzip -c examples/okta/events.ndjson | eql run --rules rules/okta --index logs-okta.system-default
`;

/**
 * The rule as a run keeps it: without its documentation (description, note, setup, references,
 * false positives, authors, the raw document), which no alert prints. The 1,024 corpus rules held
 * 8 MB of it for the whole run.
 */
function undocumented(rule: Rule): Rule {
  return { ...rule, description: '', author: [], references: [], falsePositives: [], note: undefined, setup: undefined, raw: { metadata: {}, rule: {} } };
}

/**
 * The rules to run, loaded and checked (diagnostics printed), without their documentation; or
 * the exit code when there is nothing to run. Apart from `runRules` so that what was loaded is
 * not kept alive by it for the whole run.
 */
function loadRunnable(raw: RawRunOptions, checked: CheckedQueries, json: boolean): Rule[] | ExitCodeValue {
  const loaded = loadRules(raw.rules, createQueryChecker(engine, {}, checked));
  const errors = loaded.diagnostics.filter((d) => d.diagnostic.severity === 'error');
  if (errors.length > 0) {
    printDiagnostics(errors, json);
    process.stderr.write(`eql: ${errors.length} problem${errors.length === 1 ? '' : 's'} in the rules; nothing was run\n`);
    return ExitCode.Failed;
  }
  for (const d of loaded.duplicates) {
    process.stderr.write(`eql: note: rule ${d.ruleId} is in ${d.kept} and ${d.file}; running it once\n`);
  }
  if (loaded.rules.length === 0) {
    const why = loaded.skipped.length > 0 ? ` (${loaded.skipped.length} rule${loaded.skipped.length === 1 ? '' : 's'} skipped: not EQL)` : '';
    throw new CliError(`no EQL rules to run in ${raw.rules.join(', ')}${why}`);
  }
  return loaded.rules.map((r) => undocumented(withFieldOverrides(r.rule, raw)));
}

/** The rule with the fields given on the command line in place of its own. */
function withFieldOverrides(rule: Rule, raw: RawRunOptions): Rule {
  if (raw.timestampField === undefined && raw.tiebreakerField === undefined && raw.eventCategoryField === undefined) return rule;
  return {
    ...rule,
    settings: {
      ...rule.settings,
      ...(raw.timestampField === undefined ? {} : { timestampField: raw.timestampField }),
      ...(raw.tiebreakerField === undefined ? {} : { tiebreakerField: raw.tiebreakerField }),
      ...(raw.eventCategoryField === undefined ? {} : { eventCategoryField: raw.eventCategoryField }),
    },
  };
}

/**
 * V8 lets the old generation grow to several times what survived the last full collection before
 * collecting again. Running rules over a stream promotes what then dies minutes of event time
 * later (lines in the reorder window, partial sequences), and that slack was most of the peak
 * RSS: all 1081 corpus rules over 100,000 events peaked at 360 MB with V8's default and 271 MB
 * growing by 40% at most (docs/performance.md). Over 300,000 events in batches, growing by 25%
 * at most peaked at 274-278 MB against 293-295 MB with 40%, in the same time within the noise
 * (three pairs). With the line worker (`two` threads) its own heap shares the budget: the ninth
 * session bounded this one at 10% (275-284 MiB over 1,000,000 events). Since the worker promotes
 * next to nothing (a line at a time), 25% peaks at 259-265 MiB there, and the collections 10%
 * asked for took 2 s of CPU from the two cores the threads need (16-16.7 s against 17.5-17.7 s,
 * eleventh session). `node --heap-growing-percent=N .../eql run` still decides.
 */
function boundHeapGrowth(percent: number): void {
  if (!process.execArgv.some((a) => a.includes('heap-growing-percent'))) setFlagsFromString(`--heap-growing-percent=${percent}`);
}

/**
 * Events per batch (`Runner.enqueue`, `evaluate`) in a run of many rules: each rule then takes its share of 512 events in
 * one go (its code and state stay in the cache), where one event at a time visits ten rules in
 * turn. Results come out after each chunk of input read (about 1 MB) at the latest.
 */
const RUN_BATCH = 512;

/** Runs rule packs over events; returns the exit code. */
export async function runRules(files: readonly string[], raw: RawRunOptions): Promise<ExitCodeValue> {
  const options = resolveEventOptions(raw, files);
  // When a line worker may read (many rules, two cores, a plain NDJSON file), it starts now and
  // loads while the rules do.
  if (threadsFor(true) === 'two' && options.paths.some((path) => isPlainNdjson(path))) prestartLineWorker();
  try {
    return await runRulesWith(options, raw);
  } finally {
    dropSpareLineWorker();
  }
}

async function runRulesWith(options: EventOptions, raw: RawRunOptions): Promise<ExitCodeValue> {
  boundHeapGrowth(25);
  const size = parseSize(raw.size);
  // The check parses and compiles every query; the runner reuses that rather than doing it again.
  const checked = new CheckedQueries(engine);
  const rules = loadRunnable(raw, checked, options.format === 'json');
  if (!Array.isArray(rules)) return rules;

  // The CLI's own window orders events for all rules at once and counts late ones; the runner
  // then needs none, and its streams may trust the order.
  // The statements the runner compiles, kept for the raw-line prefilter.
  const sources: PrefilterSource[] = [];
  const runner = createRunner(
    rules,
    {
      allowedLatenessMs: 0,
      trustOrder: true,
      ...(options.maxPendingTotal === undefined ? {} : { maxPendingTotal: options.maxPendingTotal }),
      compile: (text, compileOptions) => {
        const compiled = checked.compile(text, compileOptions ?? {});
        sources.push({
          statement: compiled.statement,
          ...(compileOptions?.eventCategoryField === undefined ? {} : { eventCategoryField: compileOptions.eventCategoryField }),
        });
        return compiled;
      },
    },
  );
  checked.forget();
  if (runner.errors.length > 0) {
    for (const e of runner.errors) process.stderr.write(`eql: rule ${e.name} (${e.ruleId}) does not compile: ${e.message}\n`);
    return ExitCode.Failed;
  }
  const input: RunnerInput = raw.index === undefined ? {} : { index: raw.index };
  const out = new BufferedSink(process.stdout);
  const writer = createRecordWriter(options.format, out, alertTableLayout);
  const perRule = new Map<string, number>();
  // Alert events print as read, their input line (see lineTexts for when they cannot).
  const texts = lineTexts(writer, options.constants.length);
  const ruleJson = new Map<string, string>();
  let printed = 0;
  /** Prints alerts up to --size; true once it is reached. */
  const emit = (alerts: readonly Alert[]): boolean => {
    for (const alert of alerts) {
      if (printed >= size) break;
      perRule.set(alert.rule.id, (perRule.get(alert.rule.id) ?? 0) + 1);
      const text = texts && alertText(alert, texts.textOf, ruleJson);
      if (texts && text !== undefined) texts.writeText(text);
      else writer.write(alert as unknown as Record<string, unknown>);
      printed++;
    }
    return printed >= size;
  };
  const reorder = options.sortAll ? SORT_ALL : { windowMs: options.windowMs, maxHeld: MAX_HELD_EVENTS };
  // Many rules: each event goes only to the rules whose raw-line prefilter its line passes.
  // A sequence's later terms are routed apart: at a line's turn, one only they could take is
  // parsed only if its rule then waits for it (see LineRouter.atTurn). The line's timestamp is
  // read at the window's field: a rule timed by another (its `timestamp_field`) is not told it.
  const sameClock = rules.map((rule) => rule.settings.timestampField === options.timestampField);
  const router =
    sources.length === rules.length
      ? lineRouterFor(sources, options.constants, (rule, term, line, ts) => runner.awaitsTerm(rule, term, line, sameClock[rule] === true ? ts : undefined))
      : undefined;
  // No router, no worker: its memory goes now (one rule keeps one thread).
  if (!router) dropSpareLineWorker();
  const inputOf = (event: Record<string, unknown>): RunnerInput => {
    const candidates = router?.candidates(event);
    return candidates ? { ...input, candidates } : input;
  };
  // One sequence rule: lines of its later stages wait for their turn (see lineDeferralFor).
  const deferral = router ? undefined : lineDeferralFor(sources, options.constants, (stage, line) => runner.awaitsLine(0, stage, line));
  // Many rules: events are evaluated a batch at a time, rule by rule (`Runner.enqueue`, then
  // `evaluate`: the same alerts in the same order, faster), routed or not; a rule asked about its
  // state at a line's turn first takes its events waiting in the batch. Not with --size, which
  // stops at the event that completes the last alert wanted, nor with --strict, which stops at
  // the first bad line (events before it must be evaluated by then).
  let waiting = 0;
  const evaluateBatch = (): boolean => {
    if (waiting === 0) return false;
    waiting = 0;
    return emit(runner.evaluate());
  };
  const batching = rules.length > 1 && size === Infinity && !options.strict;
  const handle = batching
    ? (event: Record<string, unknown>) => {
        runner.enqueue(event, inputOf(event));
        return ++waiting >= RUN_BATCH ? evaluateBatch() : false;
      }
    : (event: Record<string, unknown>) => emit(runner.push(event, inputOf(event)));
  const annotate =
    router && texts
      ? (event: Record<string, unknown>, text: string, route?: LineRoute) => {
          router.annotate(event, text, route);
          texts.remember(event, text);
        }
      : (router?.annotate ?? texts?.remember);
  const hooks = { prefilter: router ? undefined : lineFilterFor(sources, options.constants), annotate, routing: router?.specs, deferral, atTurn: router?.atTurn, route: router?.route };
  const stats = await evaluateEvents(options, reorder, handle, hooks, batching ? evaluateBatch : undefined);
  if (printed < size) emit(runner.flush());
  writer.end();
  out.flush();
  const dropped = new Map<string, number>();
  for (const w of runner.warnings()) if (w.code === 'EQL5060') dropped.set(w.ruleId, w.dropped);
  const tallies: RuleTally[] = rules.map((rule) => ({
    ruleId: rule.ruleId,
    name: rule.name,
    alerts: perRule.get(rule.ruleId) ?? 0,
    dropped: dropped.get(rule.ruleId) ?? 0,
  }));
  for (const line of runSummaryLines(stats, tallies, raw.window)) process.stderr.write(`${line}\n`);
  const limit = options.maxPendingTotal ?? DEFAULT_MAX_PENDING_TOTAL;
  for (const [ruleId, capped] of runner.stats().cappedPartialsByRule) {
    const rule = rules.find((r) => r.ruleId === ruleId);
    process.stderr.write(`${cappedPartialsLine(capped, limit, { name: rule?.name ?? ruleId, ruleId })}\n`);
  }
  // A file not read to the end is bad input that stopped its reading (DESIGN: exit 1).
  return stats.fileProblems > 0 ? ExitCode.Failed : ExitCode.Ok;
}

/** `eql run --rules PATH... [FILE...]`. */
export function runCommand(setExit: (code: ExitCodeValue) => void): Command {
  const command = new Command('run')
    .description('run rule packs over events and print alerts, one JSON object a line')
    .requiredOption('--rules <path>', 'a rule file or folder (one pack per folder with a pack.yaml); repeat for more', collect)
    .option('--index <name>', "index the events come from: only rules whose index patterns match it see them (default: the event's _index, else every rule)")
    .argument('[files...]', 'event files; - or none reads stdin');
  addEventOptions(command, 'run').addHelpText('after', EXAMPLES);
  return command.action(async (files: string[], raw: RawRunOptions) => setExit(await runRules(files, raw)));
}
