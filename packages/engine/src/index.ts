/**
 * `@eqlkit/engine`: runs Elasticsearch EQL statements over JSON events, in batch (`search`) or
 * streaming (`stream`), with Elasticsearch's semantics. Browser-safe (no `node:` imports).
 */
export { compile, type CompiledQuery, type CompileOptions, type SearchOptions } from './compile.js';
export type { Hit } from './query.js';
export { DEFAULT_MAX_PENDING_TOTAL, type QueryStream, type StreamOptions, type StreamStats } from './stream.js';
export type { LineText } from './sequence.js';
export type { EqlEvent, JsonValue } from './event.js';
export { parseTimestamp } from './time.js';
export { schemaFromMapping, resolveMapping, type Schema, type FieldMapping, type FieldType } from './schema.js';
export { EqlError, EngineCodes, locateDiagnostics, type EngineCode } from './errors.js';
export { compileCondition, compileValue, type EventPredicate, type ExpressionOptions } from './compile-expression.js';
export { compileFieldGetter, type FieldGetter } from './field-access.js';
export { compareValues } from './values.js';
export { compileLineDeferral, deriveLineDeferral, type LaterTerm, type LineDeferral, type LineDeferralSpec, type StageProbe } from './line-deferral.js';
export { deriveRawPrefilter, deriveTermNeedles, textual, type Needle, type NeedleGroup, type PrefilterSource, type RawPrefilterSpec, type TermNeedles } from './raw-prefilter.js';
export { compileRawPrefilter, compileRawRouter, hasHidingEscape, type RawLineFilter, type RawLineRouter, type RawPrefilterOptions } from './raw-line-filter.js';
