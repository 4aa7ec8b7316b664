import { compileLineDeferral, compileRawRouter, deriveLineDeferral, deriveRawPrefilter, type PrefilterSource, type RawPrefilterSpec, type StageProbe } from '@eqlkit/engine';
import type { LineDeferralHooks } from '../input/event-pipeline.js';
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

/**
 * Routing by the raw line for many rules: each parsed event remembers the rules whose
 * prefilters its line passes (with those that have none), and `candidates` gives them, ascending,
 * for the runner. Undefined when disabled or for a single rule.
 */
export function lineRouterFor(
  sources: readonly PrefilterSource[],
  constants: readonly FieldConstant[],
): { annotate: (event: Record<string, unknown>, text: string) => void; candidates: (event: Record<string, unknown>) => readonly number[] | undefined } | undefined {
  if (!prefilterEnabled() || sources.length < 2) return undefined;
  const constantFields = constants.map((c) => c.name);
  const specs = sources.map((s) => deriveRawPrefilter([{ ...s, constantFields: [...(s.constantFields ?? []), ...constantFields] }]));
  const always: number[] = [];
  specs.forEach((s, i) => {
    if (s === undefined) always.push(i);
  });
  const route = compileRawRouter(specs);
  const routes = new WeakMap<object, number[]>();
  return {
    annotate: (event, text) => {
      const list = route(text);
      if (!list) return;
      if (always.length > 0) list.push(...always);
      routes.set(event, list.sort((a, b) => a - b));
    },
    candidates: (event) => routes.get(event),
  };
}

/**
 * For a single sequence: lines that can only match its later stages wait unparsed for their turn
 * and are parsed only if `probe` (the running stream) then has a partial waiting for them.
 * Undefined when the prefilter is off, with `--field` constants, or when the statement allows
 * no deferral (see `deriveLineDeferral`).
 */
export function lineDeferralFor(
  sources: readonly PrefilterSource[],
  constants: readonly FieldConstant[],
  probe: StageProbe,
): LineDeferralHooks | undefined {
  if (!prefilterEnabled() || sources.length !== 1 || constants.length > 0) return undefined;
  const spec = deriveLineDeferral(sources[0] as PrefilterSource);
  if (!spec) return undefined;
  const deferral = compileLineDeferral(spec);
  return { eager: deferral.eager, matters: (text) => deferral.matters(text, probe) };
}
