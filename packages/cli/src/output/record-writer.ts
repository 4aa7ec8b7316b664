import { jsonText } from '@eqlkit/rules';
import type { OutputFormat } from './output-format.js';

/**
 * `JSON.stringify`, falling back to an iterative writer for records nested too deeply for it
 * (JSON.parse reads far deeper events than JSON.stringify can write).
 */
export function recordJson(record: unknown): string {
  try {
    return JSON.stringify(record);
  } catch (error) {
    if (error instanceof RangeError) return jsonText(record);
    throw error;
  }
}

/** Where printed text goes; `write` returns false when the consumer is slow (backpressure). */
export interface Sink {
  write(text: string): boolean;
}

/** Prints results as they come, in one of the output formats. */
export interface RecordWriter {
  write(record: Record<string, unknown>): void;
  /**
   * Writes a record given as its JSON text (one line), or as the pieces of that text in order
   * (written one after the other: no string of the whole record is made); formats that show
   * fields cannot.
   */
  readonly writeText?: (json: string | readonly string[]) => void;
  /** Closes the output (the `]` of a JSON array, the row count of a table). */
  end(): void;
}

/** How a table shows a record: one or more rows of cells. */
export interface TableLayout {
  readonly columns: readonly string[];
  /** Width of each column but the last, which takes what it needs. */
  readonly widths: readonly number[];
  rows(record: Record<string, unknown>, index: number): string[][];
}

function cell(text: string, width: number): string {
  const t = text.length > width ? `${text.slice(0, width - 1)}…` : text;
  return t.padEnd(width);
}

function writePieces(sink: Sink, json: string | readonly string[]): void {
  if (typeof json === 'string') sink.write(json);
  else for (const piece of json) sink.write(piece);
}

function ndjson(sink: Sink): RecordWriter {
  return {
    write: (r) => void sink.write(`${recordJson(r)}\n`),
    writeText: (json) => {
      writePieces(sink, json);
      sink.write('\n');
    },
    end: () => undefined,
  };
}

function jsonArray(sink: Sink): RecordWriter {
  let count = 0;
  const writeText = (json: string | readonly string[]) => {
    sink.write(count++ === 0 ? '[\n' : ',\n');
    writePieces(sink, json);
  };
  return {
    write: (r) => writeText(recordJson(r)),
    writeText,
    end: () => void sink.write(count === 0 ? '[]\n' : '\n]\n'),
  };
}

/**
 * A table streams too: column widths are fixed up front by the layout rather than measured over
 * all rows, so nothing is held back.
 */
function table(sink: Sink, layout: TableLayout): RecordWriter {
  const widths = layout.widths;
  const last = layout.columns.length - 1;
  const line = (cells: readonly string[]) =>
    `${cells.map((c, i) => (i === last ? c : cell(c, widths[i] ?? 10))).join('  ').trimEnd()}\n`;
  let count = 0;
  return {
    write: (r) => {
      if (count === 0) sink.write(line(layout.columns));
      for (const row of layout.rows(r, count)) sink.write(line(row));
      count++;
    },
    end: () => void sink.write(count === 0 ? '(no results)\n' : `(${count} result${count === 1 ? '' : 's'})\n`),
  };
}

/** A writer for the format; `layout` says how a table shows a record. */
export function createRecordWriter(format: OutputFormat, sink: Sink, layout: TableLayout): RecordWriter {
  if (format === 'json') return jsonArray(sink);
  if (format === 'table') return table(sink, layout);
  return ndjson(sink);
}

/** Text of a field value for a table cell. */
export function cellText(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'string') return value;
  return recordJson(value);
}
