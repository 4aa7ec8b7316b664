import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compile, compileRawPrefilter, compileRawRouter, deriveRawPrefilter, type EqlEvent, type PrefilterSource, type RawLineFilter } from '@eqlkit/engine';
import { asUtf8Bytes } from '../../packages/engine/src/raw-line-filter.js';
import { createRunner, type Alert } from '@eqlkit/rules';
import { loadCorpusRules } from '../support/corpus-rules.js';
import { generateCorpusEvents, prng } from '../rules/corpus-events.js';
import { escapedJson } from './escaped-json.js';
import { lineRouterFor } from '../../packages/cli/src/commands/line-filter.js';

// The raw-line prefilter must never drop a line whose event could take part in a result: the
// results over every line and over the lines it passes are compared, for generated events
// written with JSON escapes, in other letter cases, with constants added after parsing.

const SEED_RULE = `sequence by user.email with maxspan=10m
  [any where event.module == "okta" and event.action == "user.mfa.okta_verify.deny_push"]
  [any where event.module == "okta" and event.action == "user.mfa.okta_verify.deny_push"]
  [any where event.module == "okta" and event.action == "user.authentication.sso"]`;

/** Both ways the CLI tests lines: decoded text, and raw UTF-8 bytes one per character. */
function filters(sources: readonly PrefilterSource[]): RawLineFilter[] {
  const spec = deriveRawPrefilter(sources);
  if (!spec) return [() => true];
  const text = compileRawPrefilter(spec);
  const bytes = compileRawPrefilter(spec, { utf8Bytes: true });
  return [text, (line) => bytes(asUtf8Bytes(line))];
}

const hitIds = (hits: ReturnType<ReturnType<typeof compile>['search']>) =>
  hits.map((h) => (h.kind === 'event' ? [String((h.event as { id?: unknown }).id)] : h.events.map((e) => String((e as { id?: unknown } | null)?.id))));

const ACTIONS = ['user.mfa.okta_verify.deny_push', 'user.mfa.okta_verify.deny_push', 'user.authentication.sso', 'USER.authentication.sso', 'user.mfa.okta_verify.deny_pus'];
const oktaEvent = fc.record({
  action: fc.constantFrom(...ACTIONS),
  module: fc.constantFrom('okta', 'okta', 'OKTA', undefined),
  email: fc.constantFrom('b/c@x.io', 'b/c@x.io', 'é@x.io', undefined),
  gap: fc.integer({ min: 0, max: 120_000 }),
  dotted: fc.boolean(),
});

describe('raw-line prefilter soundness', () => {
  it('the seed rule finds the same sequences over every line as over the lines the prefilter passes (fast-check, escapes)', () => {
    const query = compile(SEED_RULE);
    let withHits = 0;
    fc.assert(
      fc.property(fc.array(oktaEvent, { minLength: 15, maxLength: 40 }), fc.double({ min: 0, max: 0.3, noNaN: true }), fc.integer(), (specs, rate, seed) => {
        const random = prng(seed);
        let time = Date.UTC(2026, 2, 2);
        const lines = specs.map((s, i) => {
          time += s.gap;
          const fields = { '@timestamp': new Date(time).toISOString(), id: i, 'event.action': s.action, 'event.module': s.module, 'user.email': s.email };
          const doc = s.dotted ? fields : { '@timestamp': fields['@timestamp'], id: i, event: { action: s.action, module: s.module }, user: { email: s.email } };
          return escapedJson(JSON.parse(JSON.stringify(doc)), random, rate);
        });
        const all = hitIds(query.search(lines.map((l) => JSON.parse(l) as EqlEvent)));
        if (all.length > 0) withHits++;
        for (const pass of filters([{ statement: query.statement }])) {
          expect(hitIds(query.search(lines.filter(pass).map((l) => JSON.parse(l) as EqlEvent)))).toEqual(all);
        }
      }),
      { numRuns: 400 },
    );
    // Most runs must find sequences, or the comparison proves little.
    expect(withHits).toBeGreaterThan(50);
  });

  it('a constant field (--field, index constants) satisfies its predicates without being in the line', () => {
    const query = compile(SEED_RULE);
    fc.assert(
      fc.property(fc.array(oktaEvent, { maxLength: 30 }), (specs) => {
        let time = Date.UTC(2026, 2, 2);
        const lines = specs.map((s, i) => {
          time += s.gap;
          return JSON.stringify({ '@timestamp': new Date(time).toISOString(), id: i, event: { action: s.action }, user: { email: s.email } });
        });
        const withModule = (l: string) => {
          const e = JSON.parse(l) as { event: Record<string, unknown> };
          e.event.module = 'okta';
          return e as unknown as EqlEvent;
        };
        const all = hitIds(query.search(lines.map(withModule)));
        for (const pass of filters([{ statement: query.statement, constantFields: ['event.module'] }])) {
          expect(hitIds(query.search(lines.filter(pass).map(withModule)))).toEqual(all);
        }
      }),
      { numRuns: 200 },
    );
  });

  describe('the detection-rules corpus', () => {
    const rules = loadCorpusRules();
    const sources = new Map<string, PrefilterSource>();
    const shapes = rules.map((rule) => {
      const statement = compile(rule.query ?? '').statement;
      sources.set(rule.ruleId, { statement, eventCategoryField: rule.settings.eventCategoryField });
      return { rule, statement };
    });
    const random = prng(99);
    // Events built from the rules' own predicates; a third written with escapes.
    const generated = generateCorpusEvents(shapes, 4000, 20261128);
    const lines = generated.map((g, i) => {
      const doc = { ...g.event, _line: i };
      return i % 3 === 0 ? escapedJson(doc, random, 0.05) : JSON.stringify(doc);
    });
    const runAll = (keep: (i: number) => boolean, candidates?: (i: number) => readonly number[] | undefined): Alert[] => {
      const runner = createRunner(rules);
      const alerts: Alert[] = [];
      lines.forEach((line, i) => {
        if (!keep(i)) return;
        const only = candidates?.(i);
        alerts.push(...runner.push(JSON.parse(line) as EqlEvent, { index: (generated[i] as { index: string }).index, ...(only ? { candidates: only } : {}) }));
      });
      return [...alerts, ...runner.flush()];
    };
    const show = (alerts: readonly Alert[]) => alerts.map((a) => `${a.rule.id} ${a.id}`).sort();
    const everything = runAll(() => true);

    it('the events every corpus alert is made of pass that rule\'s own prefilter', () => {
      expect(everything.length).toBeGreaterThan(100);
      for (const alert of everything) {
        const source = sources.get(alert.rule.id) as PrefilterSource;
        for (const pass of filters([source])) {
          for (const e of alert.events as readonly ({ _line?: number } | null)[]) {
            if (e && typeof e._line === 'number') expect(pass(lines[e._line] as string), `${alert.rule.name}: line ${e._line}`).toBe(true);
          }
        }
      }
    });

    it('routing each event only to the rules whose prefilter its line passes gives the same alerts', () => {
      const specs = rules.map((r) => deriveRawPrefilter([sources.get(r.ruleId) as PrefilterSource]));
      for (const utf8Bytes of [false, true]) {
        const route = compileRawRouter(specs, { utf8Bytes });
        let skipped = 0;
        const routed = runAll(
          () => true,
          (i) => {
            const list = route(utf8Bytes ? asUtf8Bytes(lines[i] as string) : (lines[i] as string));
            if (!list) return undefined;
            specs.forEach((s, r) => s === undefined && list.push(r));
            skipped += rules.length - list.length;
            return list.sort((a, b) => a - b);
          },
        );
        expect(show(routed)).toEqual(show(everything));
        expect(skipped).toBeGreaterThan(0);
      }
    });

    it('leaving out, at each line\'s turn, the sequence terms no rule then awaits gives the alerts of routing by rule, in order', () => {
      const ordered = rules.map((r) => sources.get(r.ruleId) as PrefilterSource);
      const run = (probed: boolean) => {
        // As eql run does: order trusted, events evaluated in batches (here of 64).
        const runner = createRunner(rules, { trustOrder: true });
        const router = lineRouterFor(ordered, [], probed ? (rule, term, line) => runner.awaitsTerm(rule, term, line) : undefined);
        if (!router) throw new Error('no router');
        const alerts: Alert[] = [];
        let unparsed = 0;
        lines.forEach((line, i) => {
          const route = router.atTurn(line, undefined);
          if (route === undefined) {
            unparsed++;
            return;
          }
          const event = JSON.parse(line) as EqlEvent;
          router.annotate(event, line, route);
          const candidates = router.candidates(event);
          runner.enqueue(event, { index: (generated[i] as { index: string }).index, ...(candidates ? { candidates } : {}) });
          if (i % 64 === 63) alerts.push(...runner.evaluate());
        });
        alerts.push(...runner.evaluate(), ...runner.flush());
        return { alerts: alerts.map((a) => `${a.rule.id} ${a.id}`), unparsed };
      };
      const byRule = run(false);
      const probed = run(true);
      expect(byRule.alerts.length).toBeGreaterThan(100);
      expect(probed.alerts).toEqual(byRule.alerts);
      expect([...byRule.alerts].sort()).toEqual(show(everything));
      // Lines go unparsed beyond those no rule's prefilter passes.
      expect(probed.unparsed).toBeGreaterThan(byRule.unparsed + 100);
    });

    it('routing gives the same alerts over the same events written in dotted layouts and with digit strings as numbers', () => {
      // Where the router now looks: each value's path (nested or dotted keys, arrays) and number
      // values (an integer literal matches the string of its digits or a number of that value).
      const writings = ['', '.0', 'e0', '0e-1'];
      const relayout = (value: unknown, depth: number): unknown => {
        if (typeof value === 'string' && /^(?:0|[1-9][0-9]{0,14})$/.test(value) && random() < 0.7) {
          const way = writings[Math.floor(random() * writings.length)] as string;
          return `\u0001${way === '0e-1' ? (value === '0' ? '0' : `${value}0e-1`) : `${value}${way}`}\u0001`;
        }
        if (Array.isArray(value)) return value.map((v) => relayout(v, depth + 1));
        if (typeof value !== 'object' || value === null) return value;
        const out: Record<string, unknown> = {};
        for (const [k, v] of Object.entries(value)) {
          const child = relayout(v, depth + 1);
          // Half the objects below the top are written as dotted keys of their parent.
          if (depth > 0 && typeof child === 'object' && child !== null && !Array.isArray(child) && random() < 0.5) {
            for (const [k2, v2] of Object.entries(child)) out[`${k}.${k2}`] = v2;
          } else out[k] = child;
        }
        return out;
      };
      const relaid = generated.map((g, i) => JSON.stringify(relayout({ ...g.event, _line: i }, 0)).replace(/"\\u0001([^"]*)\\u0001"/g, '$1'));
      expect(relaid.some((l) => /"[a-z_]+\.[a-z_]+\.[a-z_.]+":/.test(l))).toBe(true);
      expect(relaid.some((l) => /":\d+(?:\.0|e0)[,}\]]/.test(l))).toBe(true);
      const specs = rules.map((r) => deriveRawPrefilter([sources.get(r.ruleId) as PrefilterSource]));
      const route = compileRawRouter(specs);
      const run = (routed: boolean) => {
        const runner = createRunner(rules);
        const alerts: Alert[] = [];
        relaid.forEach((line, i) => {
          const only = routed ? route(line)?.sort((a, b) => a - b) : undefined;
          alerts.push(...runner.push(JSON.parse(line) as EqlEvent, { index: (generated[i] as { index: string }).index, ...(only ? { candidates: only } : {}) }));
        });
        return [...alerts, ...runner.flush()];
      };
      const all = run(false);
      expect(all.length).toBeGreaterThan(100);
      expect(show(run(true))).toEqual(show(all));
    });

    it('all 1081 rules at once give the same alerts over every line as over the lines the combined prefilter passes', () => {
      const [all] = filters([...sources.values()]) as [RawLineFilter];
      expect(show(runAll((i) => all(lines[i] as string)))).toEqual(show(everything));
      // The whole corpus has terms with only short needles, so its combined filter passes every
      // line; the many-needle (Aho-Corasick) path is checked on the rules whose terms all keep a
      // needle of 4 characters or more.
      const strong = [...sources.values()].filter((s) => deriveRawPrefilter([s])?.terms.every((t) => t.groups.some((g) => g.every((n) => n.text.length >= 4))));
      expect(strong.length).toBeGreaterThan(500);
      const [text, bytes] = filters(strong) as [RawLineFilter, RawLineFilter];
      const ids = new Set(strong);
      const keptRules = new Set([...sources].filter(([, s]) => ids.has(s)).map(([id]) => id));
      const passed = runAll((i) => text(lines[i] as string)).filter((a) => keptRules.has(a.rule.id));
      expect(show(passed)).toEqual(show(everything.filter((a) => keptRules.has(a.rule.id))));
      for (const line of lines) expect(bytes(line)).toBe(text(line));
      // And it rejects something, or it would prove nothing.
      expect(lines.filter((l) => !text(l)).length).toBeGreaterThan(0);
    });
  });
});
