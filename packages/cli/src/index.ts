// The `eql` command is the product; these exports let benchmarks and tools reuse its input layer.
export { createProgram } from './program.js';
export { ExitCode, CliError } from './cli-error.js';
export { readEvents, parseRecords, displayName } from './input/read-events.js';
export type { InputItem, InputEvent, InputProblem } from './input/input-item.js';
export type { ByteCounter } from './input/byte-counter.js';
export { ReorderWindow, type ReorderOptions } from './input/reorder-window.js';
export { runPipeline, type PipelineOptions, type PipelineStats } from './input/event-pipeline.js';
export { parseFieldConstant, applyFieldConstants, type FieldConstant } from './input/field-constants.js';
