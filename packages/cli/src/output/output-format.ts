/** How results are printed on stdout. */
export type OutputFormat = 'ndjson' | 'json' | 'table';

export const OUTPUT_FORMATS: readonly OutputFormat[] = ['ndjson', 'json', 'table'];

/** The default: a table for a person at a terminal, NDJSON for a pipe or a file. */
export function defaultFormat(stdout: { isTTY?: boolean }): OutputFormat {
  return stdout.isTTY === true ? 'table' : 'ndjson';
}
