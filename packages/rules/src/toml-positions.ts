import {
  locateIn,
  pointerSegment,
  type Location,
  type SourcePositions,
  type Span,
} from './source-positions.js';

/**
 * Locates every key, table header and value of a TOML document that already parsed (smol-toml
 * gives values but no positions). It follows TOML 1.0: `[table]` and `[[array.of.tables]]`
 * headers, where a header's prefix refers to the latest element of any array of tables on its
 * path (so `[rule.threat.tactic]` after `[[rule.threat]]` belongs to that element), dotted and
 * quoted keys, inline tables, nested arrays and the four string forms.
 */
export function tomlPositions(text: string): SourcePositions {
  const table = new Map<string, Location>();
  const strings = new Map<string, number>(); // pointer → offset of the opening quote
  const lastIndex = new Map<string, number>(); // array-of-tables pointer → latest element
  let pos = 0;

  const isWs = (c: string | undefined) => c === ' ' || c === '\t';
  const skipWs = () => {
    while (isWs(text[pos])) pos++;
  };
  const skipComment = () => {
    if (text[pos] === '#') while (pos < text.length && text[pos] !== '\n') pos++;
  };
  const skipBlank = () => {
    for (;;) {
      skipWs();
      skipComment();
      if (text[pos] === '\r' || text[pos] === '\n') pos++;
      else return;
    }
  };

  /** Reads one key segment (bare or quoted) and returns its decoded text. */
  const readKeySegment = (): string => {
    skipWs();
    const c = text[pos];
    if (c === '"' || c === "'") {
      const start = pos;
      pos = skipString(text, pos);
      return decodeTomlString(text, start).value;
    }
    const start = pos;
    while (pos < text.length && /[A-Za-z0-9_-]/.test(text[pos] as string)) pos++;
    return text.slice(start, pos);
  };

  const readDottedKey = (): string[] => {
    const segments = [readKeySegment()];
    for (;;) {
      skipWs();
      if (text[pos] !== '.') return segments;
      pos++;
      segments.push(readKeySegment());
    }
  };

  /** Resolves header segments to a pointer: each array of tables on the way takes its latest element. */
  const resolve = (base: string, segments: readonly string[], arrayOfTables: boolean): string => {
    let pointer = base;
    segments.forEach((segment, i) => {
      pointer += `/${pointerSegment(segment)}`;
      const last = i === segments.length - 1;
      if (last && arrayOfTables) {
        const next = (lastIndex.get(pointer) ?? -1) + 1;
        lastIndex.set(pointer, next);
        pointer += `/${next}`;
      } else {
        const latest = lastIndex.get(pointer);
        if (latest !== undefined) pointer += `/${latest}`;
      }
    });
    return pointer;
  };

  const record = (pointer: string, location: Location) => {
    if (!table.has(pointer)) table.set(pointer, location);
  };

  const readValue = (pointer: string, key: Span | undefined): void => {
    skipWs();
    const start = pos;
    const c = text[pos];
    if (c === '"' || c === "'") {
      pos = skipString(text, pos);
      strings.set(pointer, start);
    } else if (c === '[') {
      pos++;
      for (let i = 0; ; i++) {
        skipBlank();
        if (text[pos] === ']' || pos >= text.length) break;
        readValue(`${pointer}/${i}`, undefined);
        skipBlank();
        if (text[pos] === ',') pos++;
      }
      pos++;
    } else if (c === '{') {
      pos++;
      for (;;) {
        skipWs();
        if (text[pos] === '}' || pos >= text.length || text[pos] === '\n') break;
        readKeyValue(pointer);
        skipWs();
        if (text[pos] === ',') pos++;
      }
      pos++;
    } else {
      while (pos < text.length && !/[,\]}#\r\n]/.test(text[pos] as string)) pos++;
      let end = pos;
      while (end > start && isWs(text[end - 1])) end--;
      record(pointer, { ...(key ? { key } : {}), value: { start, end } });
      return;
    }
    record(pointer, { ...(key ? { key } : {}), value: { start, end: pos } });
  };

  const readKeyValue = (base: string): void => {
    const keyStart = pos;
    const segments = readDottedKey();
    const key = { start: keyStart, end: pos };
    let pointer = base;
    for (const segment of segments) {
      pointer += `/${pointerSegment(segment)}`;
      record(pointer, { key, value: key }); // dotted-key parents; the leaf is replaced below
    }
    table.delete(pointer);
    skipWs();
    if (text[pos] === '=') pos++;
    readValue(pointer, key);
  };

  let current = '';
  while (pos < text.length) {
    skipBlank();
    if (pos >= text.length) break;
    if (text[pos] === '[') {
      const start = pos;
      const arrayOfTables = text[pos + 1] === '[';
      pos += arrayOfTables ? 2 : 1;
      const segments = readDottedKey();
      skipWs();
      pos += arrayOfTables ? 2 : 1;
      current = resolve('', segments, arrayOfTables);
      const header = { start, end: pos };
      record(current, { key: header, value: header });
      if (arrayOfTables) {
        const array = current.slice(0, current.lastIndexOf('/'));
        record(array, { key: header, value: header });
      }
    } else {
      readKeyValue(current);
    }
    // Anything left on the line (a malformed tail) is skipped rather than misread as a key.
    skipWs();
    skipComment();
    while (pos < text.length && text[pos] !== '\n') pos++;
  }

  return {
    locate: (pointer) => locateIn(table, pointer),
    stringOffsets: (pointer, decoded) => {
      const start = strings.get(pointer);
      if (start === undefined) return undefined;
      const walked = decodeTomlString(text, start);
      return walked.value === decoded ? walked.offsets : undefined;
    },
  };
}

/** Offset just past the string starting at `start` (any of the four TOML string forms). */
function skipString(text: string, start: number): number {
  return decodeTomlString(text, start, false).end;
}

/**
 * Decodes the TOML string whose opening quote is at `start`, recording for each decoded UTF-16
 * unit the file offset it came from (escapes map to their backslash), plus one entry for the end.
 */
export function decodeTomlString(
  text: string,
  start: number,
  withOffsets = true,
): { value: string; offsets: number[]; end: number } {
  const quote = text[start] as '"' | "'";
  const multi = text.startsWith(quote.repeat(3), start);
  const basic = quote === '"';
  let pos = start + (multi ? 3 : 1);
  let value = '';
  const offsets: number[] = [];
  const push = (s: string, from: number) => {
    value += s;
    if (withOffsets) for (let i = 0; i < s.length; i++) offsets.push(from);
  };
  if (multi) {
    // A newline right after the opening delimiter is trimmed.
    if (text.startsWith('\r\n', pos)) pos += 2;
    else if (text[pos] === '\n') pos++;
  }
  while (pos < text.length) {
    const c = text[pos] as string;
    if (multi && text.startsWith(quote.repeat(3), pos)) {
      // Up to two quotes right before the closing delimiter belong to the content.
      let run = 3;
      while (text[pos + run] === quote && run < 5) run++;
      push(quote.repeat(run - 3), pos);
      pos += run;
      offsets.push(pos - 3);
      return { value, offsets, end: pos };
    }
    if (!multi && c === quote) {
      offsets.push(pos);
      return { value, offsets, end: pos + 1 };
    }
    if (!multi && c === '\n') break;
    if (basic && c === '\\') {
      const e = text[pos + 1] ?? '';
      const simple: Record<string, string> = { b: '\b', t: '\t', n: '\n', f: '\f', r: '\r', '"': '"', '\\': '\\', e: '\x1b' };
      if (simple[e] !== undefined) {
        push(simple[e] as string, pos);
        pos += 2;
      } else if (e === 'u' || e === 'U' || e === 'x') {
        const len = e === 'u' ? 4 : e === 'U' ? 8 : 2;
        const code = Number.parseInt(text.slice(pos + 2, pos + 2 + len), 16);
        push(Number.isNaN(code) ? '' : String.fromCodePoint(code), pos);
        pos += 2 + len;
      } else if (multi && /[ \t\r\n]/.test(e)) {
        // Line-ending backslash: drop the newline and all whitespace that follows.
        pos++;
        while (pos < text.length && /[ \t\r\n]/.test(text[pos] as string)) pos++;
      } else {
        push(e, pos);
        pos += 2;
      }
      continue;
    }
    push(c, pos);
    pos++;
  }
  offsets.push(pos);
  return { value, offsets, end: pos };
}
