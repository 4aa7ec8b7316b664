import fc from 'fast-check';

// Property tests explore new inputs on every local run; CI replays one fixed seed so that a
// submission's verdict does not depend on luck. Set FC_SEED to replay a failure's seed.
const seed = process.env.FC_SEED ?? (process.env.CI ? '20261128' : undefined);
if (seed !== undefined) fc.configureGlobal({ seed: Number(seed) });
