import { compile, parseTimestamp, type CompiledQuery, type EqlEvent, type Hit, type JsonValue, type LineText, type QueryStream } from '@eqlkit/engine';
import { createAlert, type Alert, type MissingEvent } from './alert.js';
import { indexMatcher } from './index-patterns.js';
import { RuleCode } from './rule-diagnostic.js';
import type { Rule } from './rule.js';
import { RouteIndex, fieldValues } from './route-index.js';
import { routeKeyId, ruleKeyAtoms, ruleRouteKeys, type KeyCost } from './route-keys.js';

/** Where an event comes from: its index, and constant fields every event of that input has. */
export interface RunnerInput {
  /**
   * The index (or data stream) the event was read from; only rules whose `index` patterns match
   * it see the event. Defaults to the event's own `_index`; without either, every rule sees it.
   */
  readonly index?: string;
  /**
   * Fields the input's documents lack but hold by construction, like a `constant_keyword` in the
   * index mapping (`event.module: okta` for the Okta integration): used where the event has no
   * value of its own.
   */
  readonly fields?: Readonly<Record<string, JsonValue>>;
  /**
   * The rules (positions among the compiled rules, in the order given; ascending) that may match
   * the event, when the caller knows it without reading the event (the raw-line router of
   * `@eqlkit/engine`): tried instead of the routing index's candidates, so they must include
   * every rule that can match.
   */
  readonly candidates?: readonly number[];
}

export interface RunnerOptions {
  /**
   * Reorder window per rule in milliseconds (the engine's `allowedLatenessMs`): matching events
   * up to this far behind the newest are put back in time order. Default 0: in order.
   */
  readonly allowedLatenessMs?: number;
  /**
   * The caller pushes events in time order (it orders them itself, as `eql run`'s reorder
   * window does, and counts the late ones): each rule's stream then decides from its state,
   * before any condition or timestamp is read, that a later-stage event has no partial to extend,
   * or that no partial or waiting sequence could use a missing-term event (the engine's
   * `trustOrder`). Same alerts for events in order, faster for sequences; an event the caller
   * lets through late (beyond its window) is evaluated against a state that did not keep what
   * only an earlier event could have used. Default false.
   */
  readonly trustOrder?: boolean;
  /** Cap on partial sequences per join key, per rule (the engine's default otherwise). */
  readonly maxPendingPerKey?: number;
  /**
   * Cap on partial sequences in total, per rule (the engine's default, 1,000,000, otherwise):
   * what a rule gives up to it is counted in `stats().cappedPartials` and warned about.
   */
  readonly maxPendingTotal?: number;
  /**
   * Route events by the rules' constant predicates (default true). `false` pushes every event
   * to every rule: slower, and the reference that routing must agree with.
   */
  readonly routing?: boolean;
  /**
   * Constant fields by index pattern, as an index mapping's `constant_keyword`s give them
   * (`logs-okta*` → `{ "event.module": "okta" }`): an event read from a matching index gets
   * them where it has no value, like the input's own `fields` (which take precedence).
   */
  readonly indexConstants?: readonly IndexConstants[];
  /** The query compiler; `@eqlkit/engine`'s `compile` unless replaced (tests). */
  readonly compile?: typeof compile;
}

/** Constant fields of the documents of every index matching `pattern` (`*` wildcards). */
export interface IndexConstants {
  readonly pattern: string;
  readonly fields: Readonly<Record<string, JsonValue>>;
}

/** A rule the runner could not compile; it is left out of the run. */
export interface RunnerRuleError {
  readonly code: typeof RuleCode.CompileFailed;
  readonly ruleId: string;
  readonly name: string;
  readonly message: string;
}

/** A rule that hit a cap: `max_signals` in some interval, or a cap on partial sequences. */
export type RunnerWarning = MaxSignalsWarning | PartialsCappedWarning;

/** A rule that hit its `max_signals` cap in some interval. */
export interface MaxSignalsWarning {
  readonly code: typeof RuleCode.MaxSignals;
  readonly ruleId: string;
  readonly name: string;
  /** Alerts left out. */
  readonly dropped: number;
  readonly message: string;
}

/**
 * A rule whose stream gave up partial sequences (samples: events) because `maxPendingTotal` or
 * `maxPendingPerKey` was reached: sequences they would have completed are not alerted.
 */
export interface PartialsCappedWarning {
  readonly code: typeof RuleCode.PartialsCapped;
  readonly ruleId: string;
  readonly name: string;
  /** Partial sequences (samples: events) given up to the cap. */
  readonly capped: number;
  readonly message: string;
}

/** Counters of a run. */
export interface RunnerStats {
  /** Events pushed. */
  readonly events: number;
  /** Event deliveries to rules (an event goes to each rule it is routed to). */
  readonly deliveries: number;
  readonly alerts: number;
  /** Alerts dropped to honour `max_signals`, all rules. */
  readonly dropped: number;
  /** Partial sequences given up to a stream cap, all rules (see `cappedPartialsByRule`). */
  readonly cappedPartials: number;
  /** Partial sequences given up to a stream cap, by rule id; rules that gave up none are absent. */
  readonly cappedPartialsByRule: ReadonlyMap<string, number>;
  /** Rules indexed by a constant equality, and rules tried on every event. */
  readonly routedRules: number;
  readonly alwaysTriedRules: number;
}

/** Many rules over one event stream. */
export interface Runner {
  /** Takes one event; returns the alerts it completes, rule by rule in the order given. */
  push(event: EqlEvent, input?: RunnerInput): Alert[];
  /**
   * Takes events in order (`inputs[i]` goes with `events[i]`): the same alerts, in the same order,
   * as pushing each in turn, but delivered rule by rule, each rule taking all its events of the
   * batch at once. With many rules that is faster (one rule's code and state stay in the cache
   * for its run of events, instead of ten rules' in turn per event).
   */
  pushBatch(events: readonly EqlEvent[], inputs?: readonly (RunnerInput | undefined)[]): Alert[];
  /**
   * `pushBatch` one event at a time: takes the event to be evaluated, rule by rule, with the
   * others waiting, at the next `evaluate` (or `push`, `flush`). A rule asked about its state
   * (`awaitsLine`, `awaitsTerm`) first takes its waiting events, so it answers as if each had
   * been pushed; its alerts still wait for `evaluate`.
   */
  enqueue(event: EqlEvent, input?: RunnerInput): void;
  /** Evaluates the events `enqueue` took: their alerts, in the order pushing each gives. */
  evaluate(): Alert[];
  /** End of input: pending alerts (sequences waiting on time, tail pipes, samples). */
  flush(): Alert[];
  /**
   * For readers that keep lines unparsed until their turn: whether an event of rule `rule` (its
   * position in the list given) that can match only positive stage `stage`, read from the JSON
   * `line`, could change that rule's state if pushed now (see `QueryStream.awaitsLine`).
   */
  awaitsLine(rule: number, stage: number, line: string): boolean;
  /**
   * The same for an event of rule `rule` that can match only written term `term` of its query
   * (`until` after the terms), as a raw-line prefilter per term tells (see
   * `QueryStream.awaitsTerm`, `ts` the line's timestamp): false when pushing it now would change
   * nothing.
   */
  awaitsTerm(rule: number, term: number, line: LineText, ts?: number): boolean;
  /** Rules that did not compile. */
  readonly errors: readonly RunnerRuleError[];
  /**
   * One warning per rule that dropped alerts to honour `max_signals` (`EQL5060`), then one per
   * rule whose stream gave up partial sequences to a cap (`EQL5062`); final after `flush`.
   */
  warnings(): RunnerWarning[];
  stats(): RunnerStats;
}

interface RuleState {
  readonly rule: Rule;
  readonly stream: QueryStream;
  /** Undefined when the rule takes every index. */
  readonly acceptsIndex: ((index: string) => boolean) | undefined;
  readonly timestampPath: string[];
  /** Position of `timestampPath` among the distinct timestamp paths (one parse per event each). */
  readonly timeSlot: number;
  /** The field Kibana's rule window filters on: `timestamp_override`, else the timestamp. */
  readonly windowPath: string[] | undefined;
  /** Alerts per interval bucket of event time. */
  readonly perInterval: Map<number, number>;
  dropped: number;
  /** Latest event time this rule saw: the time of alerts whose events carry none. */
  lastTime: number;
}

/**
 * Runs many rules over one event stream, as Elastic's detection engine would over the same
 * documents. Each event is pushed only to the rules that can match it: every rule's query is
 * analysed for the constant equalities (category, `==`, `in`, `:` without wildcards) some stage
 * needs, rules are indexed by them, and rules without such keys are tried on every event. Each
 * rule's `timestamp_field`/`event_category_override`/`tiebreaker_field` are compiled in; its
 * `max_signals` caps alerts per `interval` of event time (bucketed on `timestamp_override` when
 * the rule sets one, as Kibana's run window is) and the excess is counted and warned about.
 */
export function createRunner(rules: readonly Rule[], options: RunnerOptions = {}): Runner {
  const compileQuery = options.compile ?? compile;
  const streamOptions = {
    ...(options.allowedLatenessMs !== undefined ? { allowedLatenessMs: options.allowedLatenessMs } : {}),
    ...(options.trustOrder === true ? { trustOrder: true } : {}),
    ...(options.maxPendingPerKey !== undefined ? { maxPendingPerKey: options.maxPendingPerKey } : {}),
    ...(options.maxPendingTotal !== undefined ? { maxPendingTotal: options.maxPendingTotal } : {}),
  };
  const states: RuleState[] = [];
  const paths = new Map<string, string[]>();
  const pathOf = (field: string) => {
    let path = paths.get(field);
    if (!path) paths.set(field, (path = field.split('.')));
    return path;
  };
  const timeSlots = new Map<string, number>();
  const slotOf = (field: string) => {
    let slot = timeSlots.get(field);
    if (slot === undefined) timeSlots.set(field, (slot = timeSlots.size));
    return slot;
  };
  const errors: RunnerRuleError[] = [];
  const routes = new RouteIndex();
  let routedRules = 0;
  const compiledRules: { rule: Rule; compiled: CompiledQuery }[] = [];
  for (const rule of rules) {
    const { settings } = rule;
    try {
      const compiled = compileQuery(rule.query ?? '', {
        timestampField: settings.timestampField,
        eventCategoryField: settings.eventCategoryField,
        ...(settings.tiebreakerField ? { tiebreakerField: settings.tiebreakerField } : {}),
      });
      compiledRules.push({ rule, compiled });
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      errors.push({ code: RuleCode.CompileFailed, ruleId: rule.ruleId, name: rule.name, message });
    }
  }
  // A key many rules test is a value many events carry: route each stage through its rarest keys.
  const frequency = new Map<string, number>();
  for (const { rule, compiled } of compiledRules) {
    for (const k of ruleKeyAtoms(compiled.statement, rule.settings.eventCategoryField)) {
      const id = routeKeyId(k);
      frequency.set(id, (frequency.get(id) ?? 0) + 1);
    }
  }
  const cost: KeyCost = (keys) => keys.reduce((sum, k) => sum + (frequency.get(routeKeyId(k)) ?? 1), 0);
  for (const { rule, compiled } of compiledRules) {
    const { settings } = rule;
    const keys = options.routing === false ? undefined : ruleRouteKeys(compiled.statement, settings.eventCategoryField, cost);
    if (keys) routedRules++;
    routes.add(states.length, keys);
    states.push({
      rule,
      stream: compiled.stream(streamOptions),
      acceptsIndex: settings.index.length > 0 ? indexMatcher(settings.index) : undefined,
      timestampPath: pathOf(settings.timestampField),
      timeSlot: slotOf(settings.timestampField),
      windowPath: settings.timestampOverride?.split('.'),
      perInterval: new Map(),
      dropped: 0,
      lastTime: Number.NaN,
    });
  }

  const originals = new WeakMap<object, EqlEvent>();
  const byIndex = (options.indexConstants ?? []).map((c) => ({ matches: indexMatcher([c.pattern]), fields: c.fields }));
  const indexFields = memoValue((index: string) => {
    const merged: Record<string, JsonValue> = {};
    let any = false;
    for (const c of byIndex) {
      if (!c.matches(index)) continue;
      any = true;
      for (const [k, v] of Object.entries(c.fields)) if (!(k in merged)) merged[k] = v;
    }
    return any ? merged : undefined;
  });
  /** The input's own constants over those of its index. */
  const constantsFor = (own: Readonly<Record<string, JsonValue>> | undefined, index: string | undefined) => {
    const fromIndex = index !== undefined && byIndex.length > 0 ? indexFields(index) : undefined;
    if (!fromIndex) return own;
    return own ? { ...fromIndex, ...own } : fromIndex;
  };
  let events = 0;
  let deliveries = 0;
  let alerts = 0;
  // Each distinct timestamp field is parsed once per event, also in a batch, where rule after
  // rule reads the same events: the values (and event numbers) of the last TIME_RING events are
  // kept, at slot * TIME_RING + event number mod TIME_RING.
  const timeValue = new Float64Array(timeSlots.size * TIME_RING);
  const timeEvent = new Float64Array(timeSlots.size * TIME_RING).fill(-1);
  // One rule: its stream's own prefilter rules events out more cheaply than reading route keys.
  const everyRule = states.length === 1 ? [0] : undefined;
  // An input's index name repeats for every event it holds: which rules take it, once per name.
  const acceptedBy = memoValue((index: string) => Uint8Array.from(states, (s) => (s.acceptsIndex === undefined || s.acceptsIndex(index) ? 1 : 0)));

  const timeOf = (event: EqlEvent | MissingEvent, path: readonly string[]): number => {
    const value = fieldValues(event, path)[0];
    return parseTimestamp(value) ?? Number.NaN;
  };

  const toAlerts = (state: RuleState, hits: readonly Hit[], out: Alert[]) => {
    for (const hit of hits) {
      const hitEvents = hit.kind === 'event' ? [hit.event] : hit.events;
      const shown = hitEvents.map((e) => originals.get(e) ?? e);
      let time = Number.NaN;
      let window = Number.NaN;
      for (const e of hitEvents) {
        if ('missing' in e && e.missing === true) continue;
        const t = timeOf(e, state.timestampPath);
        if (!(time >= t)) time = t;
        const w = state.windowPath ? timeOf(e, state.windowPath) : Number.NaN;
        if (!(window >= w)) window = w;
      }
      if (Number.isNaN(time)) time = state.lastTime;
      if (Number.isNaN(window)) window = time;
      const interval = state.rule.settings.intervalMillis;
      const bucket = Number.isFinite(window) && interval > 0 ? Math.floor(window / interval) : 0;
      const count = state.perInterval.get(bucket) ?? 0;
      if (count >= state.rule.settings.maxSignals) {
        state.dropped++;
        continue;
      }
      if (count === 0) forgetOldBuckets(state.perInterval, bucket);
      state.perInterval.set(bucket, count + 1);
      alerts++;
      out.push(createAlert(state.rule, hit.kind === 'event' ? [] : hit.joinKeys, shown, time));
    }
  };

  /** The event as rules see it (with constants), and the rules to try it on, ascending. */
  const prepare = (event: EqlEvent, input: RunnerInput | undefined) => {
    const index = input?.index ?? (typeof event._index === 'string' ? event._index : undefined);
    const fields = constantsFor(input?.fields, index);
    const view = fields ? withConstants(event, fields) : event;
    if (view !== event) originals.set(view, event);
    const accepted = index === undefined ? undefined : acceptedBy(index);
    const candidates = input?.candidates ?? (everyRule || routes.candidates(view));
    return { view, accepted, candidates };
  };
  /** One delivery: event number `seq` (for the per-event timestamp memo) to rule `n`. */
  const deliver = (n: number, view: EqlEvent, seq: number, out: Alert[]) => {
    const state = states[n] as RuleState;
    deliveries++;
    const slot = state.timeSlot * TIME_RING + (seq & (TIME_RING - 1));
    let t: number;
    if (timeEvent[slot] === seq) t = timeValue[slot] as number;
    else {
      t = timeValue[slot] = timeOf(view, state.timestampPath);
      timeEvent[slot] = seq;
    }
    if (!(state.lastTime >= t)) state.lastTime = t;
    toAlerts(state, state.stream.push(view), out);
  };
  // Per rule, the positions of its events among those queued (reused between batches).
  const batchEvents: number[][] = states.map(() => []);

  // Events waiting for `evaluate` (enqueue): their views, the first one's event number, and per
  // rule its events among them (batchEvents), in `queuedRules` until it has taken them.
  const queued: EqlEvent[] = [];
  let firstQueued = 0;
  const queuedRules: number[] = [];
  const inQueue = new Uint8Array(states.length);
  // Alerts of queued events, each with its event and rule, to be put back in push's order.
  const tagged: { event: number; rule: number; seq: number; alert: Alert }[] = [];
  const taken: Alert[] = [];
  /** Rule `n` takes its queued events. */
  const catchUp = (n: number) => {
    const list = batchEvents[n] as number[];
    for (const i of list) {
      deliver(n, queued[i] as EqlEvent, firstQueued + i, taken);
      for (const alert of taken) tagged.push({ event: i, rule: n, seq: tagged.length, alert });
      taken.length = 0;
    }
    list.length = 0;
  };
  const enqueue = (event: EqlEvent, input: RunnerInput | undefined) => {
    events++;
    if (queued.length === 0) firstQueued = events;
    const { view, accepted, candidates } = prepare(event, input);
    const i = queued.length;
    queued.push(view);
    for (const n of candidates) {
      if (accepted !== undefined && accepted[n] !== 1) continue;
      (batchEvents[n] as number[]).push(i);
      if (inQueue[n] === 0) {
        inQueue[n] = 1;
        queuedRules.push(n);
      }
    }
  };
  const evaluate = (): Alert[] => {
    if (queued.length === 0) return [];
    for (const n of queuedRules) {
      catchUp(n);
      inQueue[n] = 0;
    }
    queuedRules.length = 0;
    queued.length = 0;
    // Candidates are ascending, so push's order is by event, then rule.
    tagged.sort((x, y) => x.event - y.event || x.rule - y.rule || x.seq - y.seq);
    const out = tagged.map((t) => t.alert);
    tagged.length = 0;
    return out;
  };
  /** Rule `n`'s state after every event taken so far. */
  const current = (n: number) => {
    if (inQueue[n] === 1) catchUp(n);
    return states[n];
  };

  return {
    errors,
    push(event, input) {
      const out = evaluate();
      events++;
      const { view, accepted, candidates } = prepare(event, input);
      for (const n of candidates) {
        if (accepted !== undefined && accepted[n] !== 1) continue;
        deliver(n, view, events, out);
      }
      return out;
    },
    pushBatch(batch, inputs) {
      const before = evaluate();
      for (let i = 0; i < batch.length; i++) enqueue(batch[i] as EqlEvent, inputs?.[i]);
      const out = evaluate();
      return before.length === 0 ? out : [...before, ...out];
    },
    enqueue,
    evaluate,
    awaitsLine(rule, stage, line) {
      return current(rule)?.stream.awaitsLine?.(stage, line) ?? true;
    },
    awaitsTerm(rule, term, line, ts) {
      return current(rule)?.stream.awaitsTerm?.(term, line, ts) ?? true;
    },
    flush() {
      const out = evaluate();
      for (const state of states) toAlerts(state, state.stream.flush(), out);
      return out;
    },
    warnings() {
      const maxSignals: RunnerWarning[] = states
        .filter((s) => s.dropped > 0)
        .map((s) => ({
          code: RuleCode.MaxSignals,
          ruleId: s.rule.ruleId,
          name: s.rule.name,
          dropped: s.dropped,
          message: `rule "${s.rule.name}" reached max_signals (${s.rule.settings.maxSignals} per ${s.rule.settings.interval}); ${s.dropped} alert${s.dropped === 1 ? '' : 's'} dropped`,
        }));
      const partials: RunnerWarning[] = states
        .filter((s) => s.stream.stats.cappedPartials > 0)
        .map((s) => {
          const capped = s.stream.stats.cappedPartials;
          return {
            code: RuleCode.PartialsCapped,
            ruleId: s.rule.ruleId,
            name: s.rule.name,
            capped,
            message: `rule "${s.rule.name}" held too many partial sequences; ${capped} given up (sequences they would have completed are not alerted; raise maxPendingTotal)`,
          };
        });
      return [...maxSignals, ...partials];
    },
    stats() {
      const dropped = states.reduce((n, s) => n + s.dropped, 0);
      const cappedPartialsByRule = new Map<string, number>();
      let cappedPartials = 0;
      for (const s of states) {
        const capped = s.stream.stats.cappedPartials;
        if (capped === 0) continue;
        cappedPartialsByRule.set(s.rule.ruleId, capped);
        cappedPartials += capped;
      }
      return { events, deliveries, alerts, dropped, cappedPartials, cappedPartialsByRule, routedRules, alwaysTriedRules: routes.alwaysTried };
    },
  };
}

/** Events whose timestamps (per timestamp field) the runner keeps: a power of two. */
const TIME_RING = 1024;

/** The event with each constant field added where the event has no value of its own. */
function withConstants(event: EqlEvent, fields: Readonly<Record<string, JsonValue>>): EqlEvent {
  let view: Record<string, unknown> | undefined;
  for (const [name, value] of Object.entries(fields)) {
    if (fieldValues(event, name.split('.')).length > 0) continue;
    view ??= { ...event };
    Object.defineProperty(view, name, { value, enumerable: true, writable: true, configurable: true });
  }
  return view ?? event;
}

/** Caches a per-index value (undefined included). */
function memoValue<T>(compute: (index: string) => T): (index: string) => T {
  const seen = new Map<string, T>();
  return (index) => {
    if (seen.has(index)) return seen.get(index) as T;
    const value = compute(index);
    if (seen.size < 10_000) seen.set(index, value);
    return value;
  };
}

/**
 * Keeps the alert counters of the newest intervals only, so a long stream holds a few numbers
 * per rule. Alerts come out in event-time order but for stragglers (sequences completed late, the
 * reorder window): a straggler older than two intervals counts afresh.
 */
function forgetOldBuckets(perInterval: Map<number, number>, newest: number): void {
  if (perInterval.size < 4) return;
  for (const bucket of perInterval.keys()) if (bucket < newest - 2) perInterval.delete(bucket);
}
