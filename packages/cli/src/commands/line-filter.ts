import { compileLineDeferral, deriveLineDeferral, deriveRawPrefilter, deriveTermNeedles, type LineText, type PrefilterSource, type RawPrefilterSpec, type StageProbe } from '@eqlkit/engine';
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
  /**
   * The routing entries' raw-line prefilters (see `routeEntries`), for a line worker to route
   * with (`compileLineRoutes`).
   */
  readonly specs: readonly (RawPrefilterSpec | undefined)[];
  /** A line's route (entries ascending; null: every rule), for lines no worker routed. */
  readonly route: (text: string) => LineRoute;
  /**
   * At a held line's turn, before it is parsed (`route`: the line worker's, if it routed it; `ts`:
   * its timestamp): the entries of its route some rule still takes now, or undefined when none
   * does, so the line need not be parsed. A later term's entry is kept only if its probe (asked of the rule's
   * state after every event before the line) says the term could change it. `text` may be a
   * function giving the line (see `LineText`): with the worker's route, it is called only when a
   * probe's answer depends on the text.
   */
  readonly atTurn: (text: LineText, route: LineRoute | undefined, ts?: number) => LineRoute | undefined;
  /** Remembers the event's rules: from `route` (entries) when given, else from `text`. */
  readonly annotate: (event: Record<string, unknown>, text: string, route?: LineRoute) => void;
  /** The rules the event's line was routed to, ascending; undefined for every rule. */
  readonly candidates: (event: Record<string, unknown>) => readonly number[] | undefined;
}

/**
 * Whether an event of rule `rule` that can match only written term `term` could change it now
 * (`ts`: the line's timestamp, when known).
 */
export type TermProbe = (rule: number, term: number, line: LineText, ts?: number) => boolean;

/** Routing entries: a rule, or one term of a sequence rule (`until` after the terms). */
export interface RouteEntries {
  readonly specs: readonly (RawPrefilterSpec | undefined)[];
  /** Per entry, its rule (entries of one rule are consecutive, rules ascending). */
  readonly rule: Int32Array;
  /** Per entry, its term, or -1 for a whole rule. */
  readonly term: Int32Array;
}

/**
 * The entries lines are routed to: one per rule, and one per term for sequences (when `perTerm`),
 * so that at a line's turn a term whose rule has nothing waiting for it can be left out. A spec
 * is undefined for an entry every line takes (a term that needs nothing of the line).
 */
export function routeEntries(sources: readonly PrefilterSource[], perTerm: boolean): RouteEntries {
  const specs: (RawPrefilterSpec | undefined)[] = [];
  const rule: number[] = [];
  const term: number[] = [];
  sources.forEach((source, r) => {
    if (perTerm && source.statement.query.type === 'SequenceQuery') {
      deriveTermNeedles(source).forEach((needles, t) => {
        specs.push(needles.groups.length === 0 ? undefined : { terms: [needles] });
        rule.push(r);
        term.push(t);
      });
      return;
    }
    specs.push(deriveRawPrefilter([source]));
    rule.push(r);
    term.push(-1);
  });
  return { specs, rule: Int32Array.from(rule), term: Int32Array.from(term) };
}

/**
 * Routing by the raw line for many rules: each parsed event remembers the rules whose
 * prefilters its line passes (with those that have none), and `candidates` gives them, ascending,
 * for the runner. With `probe` (the running rules), a sequence's later terms are routed apart
 * and a line only they could take waits for them to want it (`atTurn`). Undefined when
 * disabled or for a single rule.
 */
export function lineRouterFor(sources: readonly PrefilterSource[], constants: readonly FieldConstant[], probe?: TermProbe): LineRouter | undefined {
  if (!prefilterEnabled() || sources.length < 2) return undefined;
  const constantFields = constants.map((c) => c.name);
  const entries = routeEntries(
    sources.map((s) => ({ ...s, constantFields: [...(s.constantFields ?? []), ...constantFields] })),
    probe !== undefined,
  );
  const { specs, rule: ruleOf, term: termOf } = entries;
  // Compiled on first use: not at all when the line worker routes every line.
  let routeOf: ((text: string) => LineRoute) | undefined;
  const route = (text: string) => (routeOf ??= compileLineRoutes(specs))(text);
  return {
    specs,
    route,
    atTurn: (text, given, ts) => {
      const list = given !== undefined ? given : route(typeof text === 'string' ? text : text());
      if (list === null) return list;
      if (probe !== undefined) {
        // The route is the line's own (fresh from the router or the worker's batch): kept in place.
        let kept = 0;
        const out = list as number[];
        for (let i = 0; i < list.length; i++) {
          const entry = list[i] as number;
          const term = termOf[entry] as number;
          if (term < 0 || probe(ruleOf[entry] as number, term, text, ts)) out[kept++] = entry;
        }
        out.length = kept;
      }
      return list.length === 0 ? undefined : list;
    },
    annotate: (event, text, given) => {
      const list = given !== undefined ? given : route(text);
      if (list === null) return;
      // Entries ascending are rules ascending, a rule's entries side by side.
      const rules: number[] = [];
      for (const entry of list) {
        const r = ruleOf[entry] as number;
        if (rules[rules.length - 1] !== r) rules.push(r);
      }
      (event as Record<symbol, unknown>)[ROUTED_RULES] = rules;
    },
    candidates: (event) => (event as Record<symbol, readonly number[] | undefined>)[ROUTED_RULES],
  };
}

/**
 * Where a parsed event keeps the rules its line was routed to: a property no field name,
 * `Object.keys` or `JSON.stringify` reaches, not a WeakMap, whose entries young collections
 * keep alive while they sort out the keys (see LINE_TEXT in line-texts.ts).
 */
const ROUTED_RULES = Symbol('eqlkit.routedRules');

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
