import type { RecordWriter } from './record-writer.js';

/** The input line of each parsed event while the event lives, to print it as read. */
export interface LineTexts {
  /** Called with each parsed event and the text it was parsed from. */
  readonly remember: (event: Record<string, unknown>, text: string) => void;
  /** The event's line, or undefined (a record read over several lines, or not remembered). */
  readonly textOf: (event: object) => string | undefined;
  /** Writes a record given as its JSON text, or its pieces in order (see `RecordWriter.writeText`). */
  readonly writeText: (json: string | readonly string[]) => void;
}

/**
 * Line texts for `eql query` and `eql run`, which print events as read: undefined when the output
 * format cannot take a record as text (a table) or when a `--field` constant changes the events
 * (then the object, constants included, is printed). A record that spans lines (a pretty-printed
 * value) is not remembered: NDJSON output needs one line.
 */
export function lineTexts(writer: RecordWriter, fieldConstants: number): LineTexts | undefined {
  const writeText = writer.writeText;
  if (!writeText || fieldConstants > 0) return undefined;
  return {
    remember: (event, text) => {
      if (text.indexOf('\n') === -1 && text.indexOf('\r') === -1) (event as Record<symbol, unknown>)[LINE_TEXT] = text.trim();
    },
    textOf: (event) => {
      const text = (event as Record<symbol, unknown>)[LINE_TEXT];
      return typeof text === 'string' ? text : undefined;
    },
    writeText,
  };
}

/**
 * Where an event keeps its line: a property no field name, `Object.keys` or `JSON.stringify`
 * reaches. Not a WeakMap: V8's young collections keep an ephemeron's value while they sort out
 * its key, so every parsed line's text survived one or two (over the corpus rules, 10% more CPU,
 * a quarter more bytes surviving and promoted).
 */
const LINE_TEXT = Symbol('eqlkit.lineText');

/**
 * `[...]` of the events' own texts, a missing stage as `{"missing":true}`; undefined when some
 * event has no text.
 */
export function eventsText(events: readonly object[], textOf: (event: object) => string | undefined): string | undefined {
  return eventPieces(events, textOf)?.join('');
}

/** `eventsText` as pieces, in order: `[`, each event's text after `,` or `[`, `]`. */
export function eventPieces(events: readonly object[], textOf: (event: object) => string | undefined): string[] | undefined {
  const parts: string[] = [];
  for (const event of events) {
    parts.push(parts.length === 0 ? '[' : ',');
    if ((event as { missing?: unknown }).missing === true && Object.keys(event).length === 1) {
      parts.push('{"missing":true}');
      continue;
    }
    const text = textOf(event);
    if (text === undefined) return undefined;
    parts.push(text);
  }
  parts.push(parts.length === 0 ? '[]' : ']');
  return parts;
}
