import { ArraySplitter } from './array-splitter.js';
import { LineSplitter } from './line-splitter.js';
import type { SplitError, Splitter, TextRecord } from './text-record.js';

export type SplitItem = { kind: 'record'; record: TextRecord } | { kind: 'error'; error: SplitError };

/**
 * Cuts text into JSON records: a JSON array when the first non-blank character is `[`, NDJSON
 * otherwise. Deciding on the first character lets a one-line `[...]` file work as an array too.
 */
export async function* splitText(chunks: AsyncIterable<string>): AsyncGenerator<SplitItem> {
  let splitter: Splitter | undefined;
  let held = '';
  for await (const chunk of chunks) {
    if (!splitter) {
      held += chunk;
      const first = held.search(/\S/);
      if (first === -1) continue;
      splitter = held[first] === '[' ? new ArraySplitter() : new LineSplitter();
      const text = held;
      held = '';
      for (const record of splitter.push(text)) yield { kind: 'record', record };
      continue;
    }
    for (const record of splitter.push(chunk)) yield { kind: 'record', record };
  }
  if (!splitter) return;
  const { records, error } = splitter.end();
  for (const record of records) yield { kind: 'record', record };
  if (error) yield { kind: 'error', error };
}
