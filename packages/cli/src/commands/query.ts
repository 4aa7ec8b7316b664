import { Command } from 'commander';
import { CliError, ExitCode, type ExitCodeValue } from '../cli-error.js';
import { hitJson, hitTableLayout, hitText } from '../output/hit-json.js';
import { DEFAULT_MAX_PENDING_TOTAL } from '@eqlkit/engine';
import { cappedPartialsLine } from '../output/capped-partials.js';
import { inputSummaryLines } from '../output/input-summary.js';
import { printDiagnostics } from '../output/print-diagnostics.js';
import { BufferedSink } from '../output/buffered-sink.js';
import { createRecordWriter } from '../output/record-writer.js';
import { lineTexts } from '../output/line-texts.js';
import { engine, errorDiagnostics, type CompiledQuery, type Hit } from '../ports/engine-port.js';
import { addEventOptions, parseSize, resolveEventOptions, SORT_ALL, type RawEventOptions } from './event-options.js';
import { evaluateEvents } from './evaluate-events.js';
import { lineFilterFor } from './line-filter.js';

type RawQueryOptions = RawEventOptions;

const EXAMPLES = `
Examples:
  $ eql query 'any where event.action == "user.authentication.sso"' examples/okta/events.ndjson
  $ eql query 'sequence by user.email with maxspan=10m
      [any where event.action == "user.mfa.okta_verify.deny_push"] with runs=2
      [any where event.action == "user.authentication.sso"]' examples/okta/events.ndjson
  $ gzip -c examples/okta/events.ndjson | eql query 'any where true' --size 3 --format table
`;

/** Runs one query over events; returns the exit code. */
export async function runQuery(query: string, files: readonly string[], raw: RawQueryOptions): Promise<ExitCodeValue> {
  const size = parseSize(raw.size);
  const options = resolveEventOptions(raw, files);
  let compiled: CompiledQuery;
  try {
    compiled = engine.compile(query, {
      timestampField: options.timestampField,
      ...(options.tiebreakerField === undefined ? {} : { tiebreakerField: options.tiebreakerField }),
      ...(options.eventCategoryField === undefined ? {} : { eventCategoryField: options.eventCategoryField }),
    });
  } catch (error) {
    const diagnostics = errorDiagnostics(error);
    if (!diagnostics) throw error;
    printDiagnostics(
      diagnostics.map((diagnostic) => ({ file: '<query>', source: query, diagnostic })),
      options.format === 'json',
    );
    return ExitCode.Failed;
  }

  const out = new BufferedSink(process.stdout);
  const writer = createRecordWriter(options.format, out, hitTableLayout(options.timestampField));
  // The engine reorders within the window itself (only events that match a term are held);
  // --sort sorts everything here first, so the engine then needs no window.
  const stream = compiled.stream({
    allowedLatenessMs: options.sortAll ? 0 : options.windowMs,
    ...(Number.isFinite(size) ? { size } : {}),
    ...(options.maxPendingTotal === undefined ? {} : { maxPendingTotal: options.maxPendingTotal }),
  });
  // Events print as read, their input line (see lineTexts for when they cannot).
  const texts = lineTexts(writer, options.constants.length);
  let printed = 0;
  const print = (hits: readonly Hit[]): boolean => {
    for (const hit of hits) {
      if (printed >= size) return true;
      const text = texts && hitText(hit, texts.textOf);
      if (texts && text !== undefined) texts.writeText(text);
      else writer.write(hitJson(hit));
      printed++;
    }
    return printed >= size;
  };
  if (size === 0) {
    writer.end();
    out.flush();
    return ExitCode.Ok;
  }
  const lineFilter = lineFilterFor(
    [{ statement: compiled.statement, ...(options.eventCategoryField === undefined ? {} : { eventCategoryField: options.eventCategoryField }) }],
    options.constants,
  );
  const stats = await evaluateEvents(options, options.sortAll ? SORT_ALL : undefined, (event) => print(stream.push(event)), { prefilter: lineFilter, annotate: texts?.remember });
  if (printed < size) print(stream.flush());
  writer.end();
  out.flush();
  stats.late += stream.stats.lateEvents;
  for (const line of inputSummaryLines(stats, raw.window)) process.stderr.write(`${line}\n`);
  const capped = stream.stats.cappedPartials;
  if (capped > 0) process.stderr.write(`${cappedPartialsLine(capped, options.maxPendingTotal ?? DEFAULT_MAX_PENDING_TOTAL)}\n`);
  // A file not read to the end is bad input that stopped its reading (DESIGN: exit 1).
  return stats.fileProblems > 0 ? ExitCode.Failed : ExitCode.Ok;
}

/** `eql query QUERY [FILE...]`. */
export function queryCommand(setExit: (code: ExitCodeValue) => void): Command {
  const command = new Command('query')
    .description('run one EQL query over events (NDJSON, JSON array, or gzip of either; stdin when no FILE or -)')
    .argument('<query>', 'the EQL query')
    .argument('[files...]', 'event files; - or none reads stdin');
  addEventOptions(command, 'query').addHelpText('after', EXAMPLES);
  return command.action(async (query: string, files: string[], raw: RawQueryOptions) => setExit(await runQuery(query, files, raw)));
}
