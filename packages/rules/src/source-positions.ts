/** [start, end) UTF-16 offsets into a rule file's text. */
export interface Span {
  readonly start: number;
  readonly end: number;
}

/** Where one value of a rule file is written: its key (absent for list items) and its value. */
export interface Location {
  readonly key?: Span;
  readonly value: Span;
}

/**
 * JSON Pointer (`/rule/threat/0/tactic/id`) → where that value is written in the file, for TOML
 * and YAML alike. `stringOffsets` maps each UTF-16 offset of a decoded string value (plus its end)
 * to the file offset it came from, so a diagnostic inside the query lands on the exact character.
 */
export interface SourcePositions {
  /** The location of `pointer`, or of its nearest written ancestor, or undefined for the root. */
  locate(pointer: string): Location | undefined;
  /** File offsets of each character of the decoded string at `pointer`, or undefined. */
  stringOffsets(pointer: string, decoded: string): readonly number[] | undefined;
}

/** Encodes one JSON Pointer segment (RFC 6901). */
export function pointerSegment(segment: string | number): string {
  return String(segment).replace(/~/g, '~0').replace(/\//g, '~1');
}

/** Splits a JSON Pointer into its decoded segments. */
export function pointerSegments(pointer: string): string[] {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** The pointer one level up (`/a/b` → `/a`, `/a` → ``). */
export function parentPointer(pointer: string): string {
  const at = pointer.lastIndexOf('/');
  return at <= 0 ? '' : pointer.slice(0, at);
}

/** Finds `pointer` or its nearest ancestor in a location table. */
export function locateIn(table: ReadonlyMap<string, Location>, pointer: string): Location | undefined {
  for (let p = pointer; ; p = parentPointer(p)) {
    const found = table.get(p);
    if (found) return found;
    if (p === '') return undefined;
  }
}

/** Maps a decoded-string offset to a file offset through a table from `stringOffsets`. */
export function fileOffsetOf(offsets: readonly number[], decodedOffset: number): number {
  const i = Math.max(0, Math.min(decodedOffset, offsets.length - 1));
  return offsets[i] ?? 0;
}
