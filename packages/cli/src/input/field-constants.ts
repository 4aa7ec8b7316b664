/** A `--field NAME=VALUE` constant. */
export interface FieldConstant {
  readonly path: readonly string[];
  readonly name: string;
  readonly value: unknown;
}

/**
 * Parses `NAME=VALUE`: the value is JSON when it parses (`n=3`, `ok=true`, `tags=["a"]`),
 * else the text as a string (`event.module=okta`). Returns an error message for a bad spec.
 */
export function parseFieldConstant(spec: string): FieldConstant | string {
  const eq = spec.indexOf('=');
  if (eq <= 0) return `--field expects NAME=VALUE, got '${spec}'`;
  const name = spec.slice(0, eq);
  const raw = spec.slice(eq + 1);
  const path = name.split('.');
  if (path.some((part) => part.length === 0)) return `--field name '${name}' has an empty part`;
  let value: unknown = raw;
  try {
    value = JSON.parse(raw);
  } catch {
    // Not JSON: the text itself is the value.
  }
  return { path, name, value };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Sets each constant on the event, in place. A flat dotted key already present (`"event.module"`)
 * is overwritten as is; otherwise the value goes into the nested layout, creating objects on the
 * way, so the event never holds the field twice.
 */
export function applyFieldConstants(event: Record<string, unknown>, constants: readonly FieldConstant[]): void {
  for (const { path, name, value } of constants) {
    if (path.length > 1 && Object.hasOwn(event, name)) {
      event[name] = value;
      continue;
    }
    let target = event;
    for (const key of path.slice(0, -1)) {
      const next = Object.hasOwn(target, key) ? target[key] : undefined;
      if (isObject(next)) {
        target = next;
      } else {
        const created: Record<string, unknown> = {};
        Object.defineProperty(target, key, { value: created, enumerable: true, writable: true, configurable: true });
        target = created;
      }
    }
    Object.defineProperty(target, path[path.length - 1] as string, { value, enumerable: true, writable: true, configurable: true });
  }
}
