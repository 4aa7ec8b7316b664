export type { EqlEvent, JsonValue } from './event.js';
export { parseTimestamp } from './time.js';
