/**
 * `@eqlkit/engine/raw-lines`: the raw-line prefilter and router without the rest of the engine.
 * A worker thread that reads and routes lines imports this instead of the package's main entry,
 * which loads the parser (its grammar alone is about 40 MB of RSS). Its module graph must stay
 * free of the parser at run time (raw-lines.test.ts walks it).
 */
export { textual, type Needle, type NeedleGroup, type RawPrefilterSpec, type TermNeedles } from './raw-prefilter.js';
export { compileRawPrefilter, compileRawRouter, hasHidingEscape, type RawLineFilter, type RawLineRouter, type RawPrefilterOptions } from './raw-line-filter.js';
export { parseTimestamp } from './time.js';
