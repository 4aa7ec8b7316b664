import { setFlagsFromString } from 'node:v8';

/**
 * Imported first by the `eql` binary. V8 lets the old generation grow to several times what
 * survived the last full collection before collecting again; for a stream, where most of what
 * is promoted (events waiting in the reorder window, partial sequences) dies a few minutes of
 * event time later, that slack was most of the peak RSS: all 1081 corpus rules over 100,000
 * events peaked at 360 MB with V8's default and 271 MB growing by 40% at most, in the same time
 * (docs/performance.md). `node --heap-growing-percent=N .../eql` still decides.
 */
if (!process.execArgv.some((a) => a.includes('heap-growing-percent'))) setFlagsFromString('--heap-growing-percent=40');
