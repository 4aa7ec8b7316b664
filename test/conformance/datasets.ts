/**
 * The conformance datasets, prepared the way the upstream loader indexes them (conformance
 * README section 2): FILETIME `timestamp` of test_data.json turned into `@timestamp`, `//`
 * comment lines of missing-events.data dropped, dates with a custom mapping `format` turned into
 * epoch millis (what Elasticsearch stores and reports), mappings read into a schema (which makes
 * `event.category` an alias of `event_type`).
 */
import { readFileSync } from 'node:fs';
import type { EqlEvent, Schema } from '@eqlkit/engine';
import { schemaFromMapping } from '@eqlkit/engine';
import { sharedPath } from '../support/shared.js';

export interface Dataset {
  readonly events: EqlEvent[];
  readonly schema: Schema;
  readonly tiebreakerField?: string;
  /** Field whose value identifies an event in `expected_event_ids`. */
  readonly idField: string;
}

const base = (...parts: string[]) => sharedPath('conformance', 'elasticsearch', ...parts);
const text = (...parts: string[]) => readFileSync(base(...parts), 'utf8');

/** Windows FILETIME (100 ns since 1601) to epoch millis, exactly (the values exceed 2^53). */
function filetimeToMillis(ticks: string): number {
  return Number(BigInt(ticks) / 10000n - 11644473600000n);
}

function endgame(): Dataset {
  // Keep the big integers as strings before JSON.parse rounds them.
  const raw = text('test_data.json').replace(/"timestamp": (\d+)/g, '"timestamp": "$1"');
  const events = (JSON.parse(raw) as Record<string, unknown>[]).map((e) => ({
    ...e,
    timestamp: Number(e.timestamp),
    '@timestamp': filetimeToMillis(e.timestamp as string),
  }));
  return { events, schema: schemaFromMapping(text('data', 'endgame-140.mapping')), tiebreakerField: 'serial_event_id', idField: 'serial_event_id' };
}

function withoutComments(json: string): string {
  return json
    .split('\n')
    .filter((l) => !l.trimStart().startsWith('//'))
    .join('\n');
}

/** Mapping `format`s of date fields, by field name. */
function dateFormats(mapping: unknown): Map<string, string> {
  const formats = new Map<string, string>();
  const props = (mapping as { properties?: Record<string, { type?: string; format?: string }> }).properties ?? {};
  for (const [name, def] of Object.entries(props)) if (def.type === 'date' && def.format) formats.set(name, def.format);
  return formats;
}

/** Reads `dd-MM-yyyy` / `yyyy-MM-dd` style dates (the formats the sample mappings use). */
function parseFormatted(value: string, format: string): number | undefined {
  const field = (token: string) => {
    const at = format.indexOf(token);
    return at < 0 ? undefined : Number(value.slice(at, at + token.length));
  };
  const y = field('yyyy');
  const m = field('MM');
  const d = field('dd');
  if (y === undefined || m === undefined || d === undefined) return undefined;
  return Date.UTC(y, m - 1, d);
}

function merged(mappings: string[]): Schema {
  const fields = new Map();
  for (const m of mappings) for (const [k, v] of schemaFromMapping(m).fields) if (!fields.has(k)) fields.set(k, v);
  return { fields };
}

function sampleIndices(names: string[]): Dataset {
  const events: EqlEvent[] = [];
  const mappings: string[] = [];
  for (const name of names) {
    const mapping = text('data', `${name}.mapping`);
    mappings.push(mapping);
    const formats = dateFormats(JSON.parse(mapping));
    for (const e of JSON.parse(text('data', `${name}.data`)) as Record<string, unknown>[]) {
      const copy = { ...e };
      for (const [field, format] of formats) {
        const v = copy[field];
        if (typeof v === 'string') copy[field] = parseFormatted(v, format) ?? v;
      }
      events.push(copy);
    }
  }
  return { events, schema: merged(mappings), idField: 'id' };
}

function plain(name: string, tiebreakerField: string, idField: string): Dataset {
  return {
    events: JSON.parse(withoutComments(text('data', `${name}.data`))) as EqlEvent[],
    schema: schemaFromMapping(text('data', `${name}.mapping`)),
    tiebreakerField,
    idField,
  };
}

const cache = new Map<string, Dataset>();

/** The dataset a spec file runs against (README section 2 table). */
export function datasetFor(file: string): Dataset {
  let d = cache.get(file);
  if (d) return d;
  switch (file) {
    case 'test_queries.toml':
    case 'additional_test_queries.toml':
    case 'test_queries_date.toml':
      d = cache.get('endgame') ?? endgame();
      cache.set('endgame', d);
      break;
    case 'test_extra.toml':
      d = plain('extra', 'sequence', 'sequence');
      break;
    case 'test_missing_events.toml':
      d = plain('missing-events', 'sequence', 'sequence');
      break;
    case 'test_sample.toml':
      d = sampleIndices(['sample1', 'sample2', 'sample3']);
      break;
    case 'test_sample_multi.toml':
      d = sampleIndices(['sample-multi']);
      break;
    default:
      throw new Error(`no dataset for ${file}`);
  }
  cache.set(file, d);
  return d;
}
