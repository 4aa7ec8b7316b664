import { compileLineDeferral, deriveLineDeferral, deriveRawPrefilter, type PrefilterSource, type RawPrefilterSpec, type StageProbe } from '@eqlkit/engine';
import type { LineDeferralHooks } from '../input/event-pipeline.js';
import type { FieldConstant } from '../input/field-constants.js';
import { compileLineRoutes, type LineRoute } from '../input/line-routes.js';

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

/** What `lineRouterFor` gives `eql run`. */
export interface LineRouter {
  /** The statements' raw-line prefilters, for a line worker to route with (`compileLineRoutes`). */
  readonly specs: readonly (RawPrefilterSpec | undefined)[];
  /** Remembers the event's route: `route` when the line worker computed it, else from `text`. */
  readonly annotate: (event: Record<string, unknown>, text: string, route?: LineRoute) => void;
  /** The rules the event's line was routed to, ascending; undefined for every rule. */
  readonly candidates: (event: Record<string, unknown>) => readonly number[] | undefined;
}

/**
 * Routing by the raw line for many rules: each parsed event remembers the rules whose
 * prefilters its line passes (with those that have none), and `candidates` gives them, ascending,
 * for the runner. Undefined when disabled or for a single rule.
 */
export function lineRouterFor(sources: readonly PrefilterSource[], constants: readonly FieldConstant[]): LineRouter | undefined {
  if (!prefilterEnabled() || sources.length < 2) return undefined;
  const constantFields = constants.map((c) => c.name);
  const specs = sources.map((s) => deriveRawPrefilter([{ ...s, constantFields: [...(s.constantFields ?? []), ...constantFields] }]));
  // Compiled on first use: not at all when the line worker routes every line.
  let routeOf: ((text: string) => LineRoute) | undefined;
  const routes = new WeakMap<object, readonly number[]>();
  return {
    specs,
    annotate: (event, text, route) => {
      const list = route !== undefined ? route : (routeOf ??= compileLineRoutes(specs))(text);
      if (list !== null) routes.set(event, list);
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
