/**
 * The value of a dotted field in an event, whatever the layout: nested (`{"event":{"ingested":…}}`),
 * dotted (`{"event.ingested":…}`) or a mixture. Own properties only. Used for the timestamp and
 * tiebreaker the reorder window sorts on; the engine has its own accessor for queries.
 */
export function readField(value: unknown, path: readonly string[], from = 0): unknown {
  if (from === path.length) return value;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const obj = value as Record<string, unknown>;
  let key = '';
  for (let i = from; i < path.length; i++) {
    key = i === from ? (path[i] as string) : `${key}.${path[i] as string}`;
    if (Object.hasOwn(obj, key)) {
      const found = readField(obj[key], path, i + 1);
      if (found !== undefined) return found;
    }
  }
  return undefined;
}
