import { deriveRawPrefilter, type PrefilterSource, type RawPrefilterSpec } from '@eqlkit/engine';
import type { FieldConstant } from '../input/field-constants.js';

/** `EQLKIT_PREFILTER=off` parses every line (to compare figures, or to rule the prefilter out). */
export function prefilterEnabled(env: NodeJS.ProcessEnv = process.env): boolean {
  return env.EQLKIT_PREFILTER !== 'off';
}

/**
 * The raw-line prefilter of the statements a command runs, `--field` constants excluded from it
 * (their predicates hold whatever the line says); undefined when some term needs nothing.
 */
export function lineFilterFor(sources: readonly PrefilterSource[], constants: readonly FieldConstant[]): RawPrefilterSpec | undefined {
  if (!prefilterEnabled()) return undefined;
  const constantFields = constants.map((c) => c.name);
  return deriveRawPrefilter(sources.map((s) => ({ ...s, constantFields: [...(s.constantFields ?? []), ...constantFields] })));
}
