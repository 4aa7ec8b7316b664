import type { Hit } from '../ports/engine-port.js';
import { cellText, recordJson, type TableLayout } from './record-writer.js';
import { readField } from '../input/read-field.js';
import { eventsText } from './line-texts.js';

/**
 * The printed form of a hit: an event query prints the event as read; a sequence or sample
 * prints `{"join_keys": [...], "events": [...]}` with `{"missing": true}` for a missing stage.
 */
export function hitJson(hit: Hit): Record<string, unknown> {
  if (hit.kind === 'event') return hit.event as Record<string, unknown>;
  return { join_keys: hit.joinKeys, events: hit.events };
}

/**
 * The printed form of a hit as JSON text built from the events' own text (their input lines):
 * what was read, byte for byte, where `JSON.stringify` of the parsed object would differ (1e400,
 * integers beyond 2^53, escapes, key order of duplicates) and costs more. Undefined when some
 * event has no text (then `hitJson` is printed).
 */
export function hitText(hit: Hit, textOf: (event: object) => string | undefined): string | undefined {
  if (hit.kind === 'event') return textOf(hit.event);
  const events = eventsText(hit.events, textOf);
  return events === undefined ? undefined : `{"join_keys":${recordJson(hit.joinKeys)},"events":${events}}`;
}

const EVENT_CELL = 100;

function eventRow(n: string, keys: string, event: unknown, tsPath: readonly string[]): string[] {
  if (typeof event === 'object' && event !== null && (event as { missing?: unknown }).missing === true && Object.keys(event).length === 1) {
    return [n, '', '(missing)', '', keys, ''];
  }
  const json = recordJson(event);
  return [
    n,
    cellText(readField(event, tsPath)),
    cellText(readField(event, ['event', 'category'])),
    cellText(readField(event, ['event', 'action'])),
    keys,
    json.length > EVENT_CELL ? `${json.slice(0, EVENT_CELL - 1)}…` : json,
  ];
}

/** Table layout for `eql query`: one row per event, a sequence's events under one number. */
export function hitTableLayout(timestampField: string): TableLayout {
  const tsPath = timestampField.split('.');
  return {
    columns: ['#', timestampField, 'event.category', 'event.action', 'join_keys', 'event'],
    widths: [4, 24, 18, 34, 28],
    rows(record, index) {
      const n = String(index + 1);
      const events = record.events;
      if (Array.isArray(record.join_keys) && Array.isArray(events)) {
        const keys = JSON.stringify(record.join_keys);
        return events.map((e, i) => eventRow(i === 0 ? n : '', i === 0 ? keys : '', e, tsPath));
      }
      return [eventRow(n, '', record, tsPath)];
    },
  };
}
