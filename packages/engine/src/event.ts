/**
 * An event as the engine sees it: a parsed JSON object. Nested (`{"event":{"action":..}}`) and
 * dotted (`{"event.action":..}`) layouts, and mixtures of both, are read the same way.
 */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
export type EqlEvent = { readonly [key: string]: unknown };
