/** One JSON text cut out of the input, with the 1-based line it starts on. */
export interface TextRecord {
  readonly text: string;
  readonly line: number;
}

/** A structural problem a splitter found (the array never closed, text after `]`, ...). */
export interface SplitError {
  readonly line: number;
  readonly message: string;
}

/** Incremental splitter: feed decoded text in chunks of any size, get records as they complete. */
export interface Splitter {
  push(chunk: string): TextRecord[];
  /** End of input: the last record (a final line without newline) and any structural error. */
  end(): { records: TextRecord[]; error?: SplitError };
}
