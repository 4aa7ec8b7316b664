import { ArraySplitter } from './array-splitter.js';
import { LineSplitter } from './line-splitter.js';
import { firstLineLeavesObjectOpen, ValueStreamSplitter } from './value-stream-splitter.js';
import type { SplitError, Splitter, TextRecord } from './text-record.js';

export type SplitItem = { kind: 'record'; record: TextRecord } | { kind: 'error'; error: SplitError };

/**
 * Cuts text into JSON records: a JSON array when the first non-blank character is `[`;
 * pretty-printed values one after another (`jq .` output) when it is `{` and the first line leaves
 * that object open; NDJSON otherwise. Deciding on the first line lets a one-line `[...]` file work
 * as an array too.
 */
export async function* splitText(chunks: AsyncIterable<string>): AsyncGenerator<SplitItem> {
  for await (const batch of splitTextBatches(chunks)) {
    for (const record of batch.records) yield { kind: 'record', record };
    if (batch.error) yield { kind: 'error', error: batch.error };
  }
}

/** The records of one chunk of text (and, at the end, a structural error). */
export interface SplitBatch {
  readonly records: readonly TextRecord[];
  readonly error?: SplitError;
}

/**
 * `splitText` a chunk at a time: one await per chunk instead of one per record, which is most of
 * the cost of a per-record async generator on a large file.
 */
export async function* splitTextBatches(chunks: AsyncIterable<string>): AsyncGenerator<SplitBatch> {
  let splitter: Splitter | undefined;
  let held = '';
  for await (const chunk of chunks) {
    if (!splitter) {
      held += chunk;
      splitter = chooseSplitter(held, false);
      if (!splitter) continue;
      const text = held;
      held = '';
      yield { records: splitter.push(text) };
      continue;
    }
    yield { records: splitter.push(chunk) };
  }
  if (!splitter) {
    splitter = chooseSplitter(held, true);
    if (!splitter) return;
    yield { records: splitter.push(held) };
  }
  yield splitter.end();
}

/** The splitter for text that starts with `head`; undefined until the head decides (or, at the end, when it is blank). */
function chooseSplitter(head: string, ended: boolean): Splitter | undefined {
  const first = head.search(/\S/);
  if (first === -1) return undefined;
  if (head[first] === '[') return new ArraySplitter();
  if (head[first] !== '{') return new LineSplitter();
  const open = firstLineLeavesObjectOpen(head.slice(first));
  if (open === undefined && !ended) return undefined;
  return open === true ? new ValueStreamSplitter() : new LineSplitter();
}
