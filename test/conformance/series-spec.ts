/**
 * Reader of Elasticsearch's `sequences.series-spec` (format: conformance README 8.1). Each token
 * becomes an event `{id, '@timestamp', stage, key}` where the number of the token is both its id
 * and its timestamp.
 */
import { readFileSync } from 'node:fs';

export interface SeriesEvent {
  readonly id: number;
  readonly '@timestamp': number;
  readonly stage: number;
  readonly key?: string;
}

export interface SeriesSpec {
  readonly name: string;
  readonly stages: number;
  readonly keyed: boolean;
  readonly events: SeriesEvent[];
  /** Expected sequences: ids in stage order, with the key for keyed specs. */
  readonly expected: { key?: string; ids: number[] }[];
}

function token(text: string): { key?: string; id: number } {
  const bar = text.indexOf('|');
  const key = bar >= 0 ? text.slice(0, bar) : undefined;
  const id = Number(text.slice(bar + 1).replace(/\D/g, ''));
  return key === undefined ? { id } : { key, id };
}

export function readSeriesSpec(path: string): SeriesSpec[] {
  const lines = readFileSync(path, 'utf8')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('//'));
  const specs: SeriesSpec[] = [];
  let i = 0;
  while (i < lines.length) {
    const name = lines[i++]!;
    const events: SeriesEvent[] = [];
    let stage = 0;
    let keyed = false;
    for (;;) {
      const line = lines[i++]!;
      const end = line.endsWith(';');
      const body = end ? line.slice(0, -1) : line;
      for (const t of body.split(/\s+/).filter(Boolean)) {
        const { key, id } = token(t);
        if (key !== undefined) keyed = true;
        events.push(key === undefined ? { id, '@timestamp': id, stage } : { id, '@timestamp': id, stage, key });
      }
      if (body.trim() !== '' || !end) stage++;
      if (end) break;
    }
    const expected: SeriesSpec['expected'] = [];
    for (;;) {
      const line = lines[i++]!;
      const end = line.endsWith(';');
      const body = end ? line.slice(0, -1).trim() : line;
      if (body !== '') {
        const tokens = body.split(/\s+/).map(token);
        const key = tokens[0]?.key;
        const ids = tokens.map((t) => t.id);
        expected.push(key === undefined ? { ids } : { key, ids });
      }
      if (end) break;
    }
    specs.push({ name, stages: stage, keyed, events, expected });
  }
  return specs;
}
