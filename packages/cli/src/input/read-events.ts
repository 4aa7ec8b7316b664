import type { ByteCounter } from './byte-counter.js';
import type { InputItem } from './input-item.js';
import { readText, STDIN } from './read-text.js';
import { splitText } from './split-text.js';

const MAX_MESSAGE = 160;

function shorten(message: string): string {
  return message.length > MAX_MESSAGE ? `${message.slice(0, MAX_MESSAGE)}…` : message;
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return `a ${typeof value}`;
}

/** The name used in messages: the path as given, `<stdin>` for `-`. */
export function displayName(path: string): string {
  return path === STDIN ? '<stdin>' : path;
}

/**
 * Events from NDJSON or JSON-array text, records that are not JSON objects reported and
 * skipped.
 */
export async function* parseRecords(text: AsyncIterable<string>, file: string): AsyncGenerator<InputItem> {
  for await (const item of splitText(text)) {
    if (item.kind === 'error') {
      yield { kind: 'problem', scope: 'file', file, line: item.error.line, message: item.error.message };
      continue;
    }
    const { text: json, line } = item.record;
    let value: unknown;
    try {
      value = JSON.parse(json);
    } catch (err) {
      const reason = json.length === 0 ? 'missing array element' : shorten((err as Error).message);
      yield { kind: 'problem', scope: 'record', file, line, message: `invalid JSON: ${reason}` };
      continue;
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      yield { kind: 'problem', scope: 'record', file, line, message: `invalid JSON: expected an object, got ${describe(value)}` };
      continue;
    }
    yield { kind: 'event', event: value as Record<string, unknown>, file, line };
  }
}

/**
 * Every event of every file in order (stdin for `-`); memory stays bounded by the longest
 * record, whatever the file size. A read error (a truncated gzip) ends that file with a
 * problem and goes on with the next.
 */
export async function* readEvents(paths: readonly string[], counter: ByteCounter): AsyncGenerator<InputItem> {
  for (const path of paths) {
    const file = displayName(path);
    try {
      yield* parseRecords(readText(path, counter), file);
    } catch (err) {
      const e = err as NodeJS.ErrnoException;
      const message = e.code === 'Z_BUF_ERROR' || e.code === 'Z_DATA_ERROR' ? `truncated or corrupt gzip: ${e.message}` : `cannot read: ${e.message}`;
      yield { kind: 'problem', scope: 'file', file, message };
    }
  }
}
