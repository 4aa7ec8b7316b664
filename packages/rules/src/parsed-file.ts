import type { RuleDiagnostic } from './rule-diagnostic.js';
import type { SourcePositions } from './source-positions.js';

/** The text formats a rule file may be written in. */
export type RuleFileFormat = 'toml' | 'yaml';

/** A rule file read into plain JSON data, with the positions of its values. */
export interface ParsedFile {
  readonly file: string;
  readonly text: string;
  readonly format: RuleFileFormat;
  /** The decoded document, JSON values only (TOML dates become ISO strings); undefined when it did not parse. */
  readonly data: unknown;
  readonly positions: SourcePositions;
  /** Syntax problems; `data` is undefined when there is an error among them. */
  readonly diagnostics: readonly RuleDiagnostic[];
}

/** Positions for a document that did not parse: everything points at the start. */
export const noPositions: SourcePositions = {
  locate: () => undefined,
  stringOffsets: () => undefined,
};

/**
 * Positions worked out on first use: most rule files load without a diagnostic, and then nobody
 * asks (reading the positions of the 1081 corpus files was a quarter of loading them).
 */
export function lazyPositions(make: () => SourcePositions): SourcePositions {
  let made: SourcePositions | undefined;
  return {
    locate: (pointer) => (made ??= make()).locate(pointer),
    stringOffsets: (pointer, decoded) => (made ??= make()).stringOffsets(pointer, decoded),
  };
}

/**
 * A string that does not share the file's text. A parser's string values may be slices of the
 * source, and a slice keeps all of its source alive: a rule's query literals and name, kept for
 * the whole run, held every rule file's text (13 MB for the corpus in `eql run`).
 */
export function ownString(text: string): string {
  // Short strings are copied, never sliced, by V8 (below 13 characters). A longer one is copied
  // by flattening a concatenation (its slice then points into the copy, not the source): 13
  // times faster than through JSON, which was a tenth of loading the corpus.
  return text.length < 13 ? text : ` ${text}`.slice(1);
}
