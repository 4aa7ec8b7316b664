import { statSync } from 'node:fs';
import { Option, type Command } from 'commander';
import { DEFAULT_MAX_PENDING_TOTAL } from '@eqlkit/engine';
import { CliError } from '../cli-error.js';
import { parseFieldConstant, type FieldConstant } from '../input/field-constants.js';
import { STDIN } from '../input/read-text.js';
import { defaultFormat, OUTPUT_FORMATS, type OutputFormat } from '../output/output-format.js';

/** Raw values commander gives for the options shared by `query` and `run`. */
export interface RawEventOptions {
  timestampField?: string;
  tiebreakerField?: string;
  eventCategoryField?: string;
  field: string[];
  format?: OutputFormat;
  sort?: boolean;
  window: string;
  size?: string;
  strict?: boolean;
  progress: boolean;
  maxPending?: string;
}

/** The shared options, checked. */
export interface EventOptions {
  readonly timestampField: string;
  readonly tiebreakerField?: string;
  readonly eventCategoryField?: string;
  readonly constants: readonly FieldConstant[];
  readonly format: OutputFormat;
  readonly sortAll: boolean;
  readonly windowMs: number;
  readonly strict: boolean;
  readonly progress: boolean;
  readonly paths: readonly string[];
  /** `--max-pending`: partial sequences a query (each rule) holds at most; undefined = the engine's default. */
  readonly maxPendingTotal?: number;
}

/**
 * Events held at most by the CLI's reorder window, whatever its duration: bounds memory (a
 * parsed 1 KB event takes a few KB of heap). Past it the oldest is released early.
 */
export const MAX_HELD_EVENTS = 50_000;

/** `--sort`: everything held, then sorted. */
export const SORT_ALL = { windowMs: Infinity, maxHeld: Infinity } as const;

const collect = (value: string, previous: string[]) => [...previous, value];

/** Adds the input and output options shared by `eql query` and `eql run`. */
export function addEventOptions(command: Command, kind: 'query' | 'run'): Command {
  if (kind === 'query') {
    command
      .option('--timestamp-field <name>', 'field holding the event time (default: @timestamp)')
      .option('--tiebreaker-field <name>', 'field that orders events with equal timestamps')
      .option('--event-category-field <name>', 'field holding the event category (default: event.category)');
  } else {
    // Rules carry these settings; given here, they replace every rule's own.
    command
      .option('--timestamp-field <name>', "event time field, for every rule (default: each rule's, else @timestamp)")
      .option('--tiebreaker-field <name>', "tiebreaker field, for every rule (default: each rule's)")
      .option('--event-category-field <name>', "event category field, for every rule (default: each rule's, else event.category)");
  }
  return command
    .option('--field <name=value>', 'set a constant field on every event (repeatable); the value is JSON if it parses', collect, [])
    .addOption(new Option('--format <format>', 'output format (default: table on a terminal, else ndjson)').choices(OUTPUT_FORMATS))
    .option('--size <n>', `print at most N ${kind === 'query' ? 'results' : 'alerts'} (default: no limit)`)
    .option('--sort', 'sort the whole input by time first (memory grows with the input)')
    .option('--window <duration>', 'reorder window for events that arrive out of order (e.g. 30s, 5m, 0)', '5m')
    .option('--strict', 'stop with exit 1 at the first malformed event instead of skipping it')
    .option(
      '--max-pending <n>',
      `partial sequences (sample events) held at most${kind === 'run' ? ' per rule' : ''}; past it the oldest are dropped and counted (default: ${DEFAULT_MAX_PENDING_TOTAL})`,
    )
    .option('--no-progress', 'no progress line on a terminal');
}

/** Checks `--size`: a non-negative integer, or none for no limit. */
export function parseSize(text: string | undefined): number {
  if (text === undefined) return Infinity;
  if (!/^\d+$/.test(text)) throw new CliError(`--size expects a non-negative integer, got '${text}'`);
  return Number(text);
}

/** Checks `--max-pending`: a positive integer, or none for the engine's default. */
export function parseMaxPending(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  if (!/^\d+$/.test(text) || Number(text) === 0) throw new CliError(`--max-pending expects a positive integer, got '${text}'`);
  return Number(text);
}

/** `500ms`, `30s`, `5m`, `2h`, or a bare number of milliseconds. */
export function parseDuration(text: string): number | undefined {
  const m = /^(\d+(?:\.\d+)?)(ms|s|m|h|d)?$/.exec(text.trim());
  if (!m) return undefined;
  const unit = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 }[(m[2] ?? 'ms') as 'ms' | 's' | 'm' | 'h' | 'd'];
  return Number(m[1]) * unit;
}

/** Input paths: none means stdin. Each file must be a readable file, checked before any output. */
export function checkInputPaths(files: readonly string[]): string[] {
  const paths = files.length === 0 ? [STDIN] : [...files];
  if (paths.filter((p) => p === STDIN).length > 1) throw new CliError('stdin (-) can be read only once');
  for (const path of paths) {
    if (path === STDIN) continue;
    let isFile: boolean;
    try {
      isFile = statSync(path).isFile();
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      throw new CliError(code === 'ENOENT' ? `cannot read ${path}: no such file` : `cannot read ${path}: ${(err as Error).message}`);
    }
    if (!isFile) throw new CliError(`cannot read ${path}: not a file`);
  }
  return paths;
}

/** Total size of the input files, for the progress bar; undefined when stdin is among them. */
export function totalBytes(paths: readonly string[]): number | undefined {
  if (paths.includes(STDIN)) return undefined;
  return paths.reduce((sum, p) => sum + statSync(p).size, 0);
}

/** Checks the shared options. */
export function resolveEventOptions(raw: RawEventOptions, files: readonly string[]): EventOptions {
  const constants = raw.field.map((spec) => {
    const c = parseFieldConstant(spec);
    if (typeof c === 'string') throw new CliError(c);
    return c;
  });
  const windowMs = parseDuration(raw.window);
  if (windowMs === undefined) throw new CliError(`--window expects a duration such as 30s or 5m, got '${raw.window}'`);
  const maxPendingTotal = parseMaxPending(raw.maxPending);
  return {
    timestampField: raw.timestampField ?? '@timestamp',
    ...(raw.tiebreakerField === undefined ? {} : { tiebreakerField: raw.tiebreakerField }),
    ...(raw.eventCategoryField === undefined ? {} : { eventCategoryField: raw.eventCategoryField }),
    constants,
    format: raw.format ?? defaultFormat(process.stdout),
    sortAll: raw.sort === true,
    windowMs,
    strict: raw.strict === true,
    progress: raw.progress,
    paths: checkInputPaths(files),
    ...(maxPendingTotal === undefined ? {} : { maxPendingTotal }),
  };
}
