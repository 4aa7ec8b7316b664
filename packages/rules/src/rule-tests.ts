import type { EqlEvent, JsonValue } from '@eqlkit/engine';
import { parseTimestamp } from '@eqlkit/engine';
import type { Alert } from './alert.js';
import { loadYaml } from './load-yaml.js';
import { dirname, joinPath } from './posix-path.js';
import { ruleDiagnostic, RuleCode, type RuleDiagnostic } from './rule-diagnostic.js';
import type { Rule } from './rule.js';
import { fieldValues } from './route-index.js';
import { createRunner, type IndexConstants, type RunnerInput } from './runner.js';

/**
 * A rule test file, `<rule>.test.yaml` beside the rule:
 *
 * ```yaml
 * rule: my_rule.toml            # optional: the rule file, default the same base name
 * id_field: event.id            # optional: the field that names events in expectations
 * input:                        # optional defaults for every case (see RunnerInput)
 *   index: logs-okta.system-default
 *   fields: { event.module: okta }
 * cases_from: ../other/my_rule.test.yaml   # optional: take the cases of another test file
 * cases:
 *   - name: three denies then SSO
 *     kind: true_positive       # or false_positive (which defaults to expecting no alert)
 *     input: { fields: {} }     # replaces the default input for this case
 *     events: [ {...}, ... ]    # inline documents, and/or
 *     events_file: burst.ndjson # NDJSON beside the test file
 *     expect:
 *       count: 1
 *       alerts:                 # optional, in emission order
 *         - join_keys: [alice@example.com]
 *           events: [deny-2, deny-3, sso-1]   # ids from id_field; ~ for a missing stage
 * ```
 */
export interface RuleTestSuite {
  readonly file: string;
  /** The rule file this suite tests, relative to the test file's folder. */
  readonly rule?: string;
  readonly idField: string;
  readonly cases: readonly RuleTestCase[];
}

export type RuleTestKind = 'true_positive' | 'false_positive';

export interface RuleTestCase {
  readonly name: string;
  readonly kind: RuleTestKind;
  readonly input?: RunnerInput;
  readonly events: readonly EqlEvent[];
  readonly expect: RuleTestExpectation;
}

/** What a case must produce: a number of alerts and, optionally, each alert's keys and events. */
export interface RuleTestExpectation {
  /** Exact count; `undefined` with `atLeastOne` for a true positive without an explicit count. */
  readonly count?: number;
  readonly atLeastOne?: boolean;
  readonly alerts?: readonly { readonly join_keys?: readonly unknown[]; readonly events?: readonly (string | null)[] }[];
}

/** Reads a file a test refers to (`events_file`, `cases_from`), by path; undefined when absent. */
export type ReadFile = (path: string) => string | undefined;

/**
 * Reads a rule test file. Paths inside it are resolved from the file's folder with `readFile`.
 * Problems are `EQL5050` diagnostics at their position; the suite is undefined when any is an error.
 */
export function parseRuleTests(
  file: string,
  text: string,
  readFile: ReadFile = () => undefined,
): { suite?: RuleTestSuite; diagnostics: RuleDiagnostic[] } {
  const parsed = loadYaml(file, text);
  if (parsed.diagnostics.length > 0) return { diagnostics: [...parsed.diagnostics] };
  const diagnostics: RuleDiagnostic[] = [];
  const fail = (pointer: string, message: string, atKey = false) => {
    const loc = parsed.positions.locate(pointer);
    const at = (atKey ? loc?.key : undefined) ?? loc?.value ?? { start: 0, end: 0 };
    diagnostics.push(ruleDiagnostic(file, text, RuleCode.BadTestFile, 'error', message, at.start, at.end, { jsonPath: pointer }));
  };
  const doc = parsed.data;
  if (!isRecord(doc)) {
    fail('', 'a rule test file must be a map with `cases`');
    return { diagnostics };
  }
  const known = new Set(['rule', 'id_field', 'input', 'cases', 'cases_from', 'description']);
  for (const key of Object.keys(doc)) if (!known.has(key)) fail(`/${key}`, `unknown key "${key}" in a rule test file`, true);

  let inherited: RuleTestSuite | undefined;
  if (doc.cases_from !== undefined) {
    const path = typeof doc.cases_from === 'string' ? joinPath(dirname(file), doc.cases_from) : undefined;
    const other = path === undefined ? undefined : readFile(path);
    if (path === undefined || other === undefined) fail('/cases_from', `cannot read cases_from ${JSON.stringify(doc.cases_from)}`);
    else {
      const result = parseRuleTests(path, other, readFile);
      diagnostics.push(...result.diagnostics);
      inherited = result.suite;
    }
  }
  const idField = typeof doc.id_field === 'string' ? doc.id_field : (inherited?.idField ?? 'event.id');
  const defaultInput = doc.input === undefined ? undefined : readInput(doc.input, '/input', fail);

  const cases: RuleTestCase[] = [...(inherited?.cases ?? [])];
  if (doc.cases !== undefined && !Array.isArray(doc.cases)) fail('/cases', '`cases` must be a list');
  const list = Array.isArray(doc.cases) ? doc.cases : [];
  if (list.length === 0 && !inherited) fail('/cases', 'a rule test file needs at least one case');
  const names = new Set(cases.map((c) => c.name));
  list.forEach((raw, i) => {
    const at = `/cases/${i}`;
    const c = readCase(raw, at, file, readFile, defaultInput, fail);
    if (!c) return;
    if (names.has(c.name)) fail(`${at}/name`, `duplicate case name "${c.name}"`);
    names.add(c.name);
    cases.push(c);
  });
  diagnostics.sort((a, b) => (a.file === b.file ? a.range[0] - b.range[0] : 0));
  if (diagnostics.some((d) => d.severity === 'error')) return { diagnostics };
  const rule = typeof doc.rule === 'string' ? doc.rule : undefined;
  return { suite: { file, ...(rule ? { rule } : {}), idField, cases }, diagnostics };
}

type Fail = (pointer: string, message: string, atKey?: boolean) => void;

function readInput(raw: unknown, at: string, fail: Fail): RunnerInput | undefined {
  if (!isRecord(raw)) {
    fail(at, '`input` must be a map with `index` and/or `fields`');
    return undefined;
  }
  if (raw.index !== undefined && typeof raw.index !== 'string') fail(`${at}/index`, '`index` must be an index name');
  if (raw.fields !== undefined && !isRecord(raw.fields)) fail(`${at}/fields`, '`fields` must map field names to values');
  return {
    ...(typeof raw.index === 'string' ? { index: raw.index } : {}),
    ...(isRecord(raw.fields) ? { fields: raw.fields as Record<string, JsonValue> } : {}),
  };
}

function readCase(
  raw: unknown,
  at: string,
  file: string,
  readFile: ReadFile,
  defaultInput: RunnerInput | undefined,
  fail: Fail,
): RuleTestCase | undefined {
  if (!isRecord(raw)) {
    fail(at, 'a case must be a map with `name`, `events` and `expect`');
    return undefined;
  }
  const known = new Set(['name', 'kind', 'description', 'input', 'events', 'events_file', 'expect']);
  for (const key of Object.keys(raw)) if (!known.has(key)) fail(`${at}/${key}`, `unknown key "${key}" in a case`, true);
  if (typeof raw.name !== 'string' || raw.name === '') fail(`${at}/name`, 'a case needs a `name`');
  const kind = raw.kind ?? 'true_positive';
  if (kind !== 'true_positive' && kind !== 'false_positive') fail(`${at}/kind`, '`kind` must be true_positive or false_positive');

  const events: EqlEvent[] = [];
  if (raw.events !== undefined) {
    if (!Array.isArray(raw.events) || !raw.events.every(isRecord)) fail(`${at}/events`, '`events` must be a list of documents');
    else events.push(...(raw.events as EqlEvent[]));
  }
  if (raw.events_file !== undefined) {
    const path = typeof raw.events_file === 'string' ? joinPath(dirname(file), raw.events_file) : undefined;
    const text = path === undefined ? undefined : readFile(path);
    if (text === undefined) fail(`${at}/events_file`, `cannot read events_file ${JSON.stringify(raw.events_file)}`);
    else {
      text.split('\n').forEach((line, n) => {
        if (line.trim() === '') return;
        try {
          const doc: unknown = JSON.parse(line);
          if (isRecord(doc)) events.push(doc as EqlEvent);
          else fail(`${at}/events_file`, `${path}:${n + 1}: not a JSON object`);
        } catch {
          fail(`${at}/events_file`, `${path}:${n + 1}: not valid JSON`);
        }
      });
    }
  }
  if (raw.events === undefined && raw.events_file === undefined) fail(at, 'a case needs `events` or `events_file`');

  const expect = readExpect(raw.expect, `${at}/expect`, kind === 'false_positive', fail);
  const input = raw.input === undefined ? defaultInput : readInput(raw.input, `${at}/input`, fail);
  return {
    name: typeof raw.name === 'string' ? raw.name : '',
    kind: kind === 'false_positive' ? 'false_positive' : 'true_positive',
    ...(input ? { input } : {}),
    events,
    expect,
  };
}

function readExpect(raw: unknown, at: string, falsePositive: boolean, fail: Fail): RuleTestExpectation {
  if (raw === undefined) return falsePositive ? { count: 0 } : { atLeastOne: true };
  if (!isRecord(raw)) {
    fail(at, '`expect` must be a map with `count` and/or `alerts`');
    return {};
  }
  if (raw.count !== undefined && !(Number.isInteger(raw.count) && (raw.count as number) >= 0)) {
    fail(`${at}/count`, '`count` must be a whole number');
  }
  let alerts: RuleTestExpectation['alerts'];
  if (raw.alerts !== undefined) {
    if (!Array.isArray(raw.alerts)) fail(`${at}/alerts`, '`alerts` must be a list');
    else {
      alerts = raw.alerts.map((a, i) => {
        if (!isRecord(a)) {
          fail(`${at}/alerts/${i}`, 'an expected alert is a map with `join_keys` and/or `events`');
          return {};
        }
        if (a.join_keys !== undefined && !Array.isArray(a.join_keys)) fail(`${at}/alerts/${i}/join_keys`, '`join_keys` must be a list');
        if (a.events !== undefined && !(Array.isArray(a.events) && a.events.every((e) => typeof e === 'string' || e === null))) {
          fail(`${at}/alerts/${i}/events`, '`events` must list event ids (~ for a missing stage)');
        }
        return {
          ...(Array.isArray(a.join_keys) ? { join_keys: a.join_keys } : {}),
          ...(Array.isArray(a.events) ? { events: a.events as (string | null)[] } : {}),
        };
      });
    }
  }
  const count = typeof raw.count === 'number' ? raw.count : alerts?.length;
  if (falsePositive && count !== undefined && count > 0) fail(at, 'a false_positive case expects no alert');
  return {
    ...(count !== undefined ? { count } : { atLeastOne: !falsePositive }),
    ...(alerts ? { alerts } : {}),
    ...(falsePositive && count === undefined ? { count: 0 } : {}),
  };
}

/** The outcome of one case. */
export interface RuleTestCaseResult {
  readonly name: string;
  readonly kind: RuleTestKind;
  readonly passed: boolean;
  /** Why it failed, one line each. */
  readonly failures: readonly string[];
  /** The alerts produced, events named by the suite's id field. */
  readonly alerts: readonly { readonly join_keys: readonly unknown[]; readonly events: readonly (string | null)[] }[];
}

/** The outcome of a suite against one rule. */
export interface RuleTestRun {
  readonly file: string;
  readonly ruleId: string;
  readonly ruleName: string;
  readonly cases: readonly RuleTestCaseResult[];
  readonly passed: number;
  readonly failed: number;
}

/**
 * Runs every case of `suite` against `rule` through the multi-rule runner (so routing, input
 * constants, index patterns and max_signals all apply). Each case is evaluated as Elasticsearch
 * would over its events as a set: input order does not matter.
 */
export function runRuleTests(rule: Rule, suite: RuleTestSuite, options: RuleTestOptions = {}): RuleTestRun {
  const cases = suite.cases.map((c) => runCase(rule, suite.idField, c, options));
  const passed = cases.filter((c) => c.passed).length;
  return { file: suite.file, ruleId: rule.ruleId, ruleName: rule.name, cases, passed, failed: cases.length - passed };
}

/** How cases run: the pack's constant fields by index pattern. */
export interface RuleTestOptions {
  readonly indexConstants?: readonly IndexConstants[];
}

function runCase(rule: Rule, idField: string, c: RuleTestCase, options: RuleTestOptions): RuleTestCaseResult {
  const times = c.events.map((e) => parseTimestamp(fieldValues(e, rule.settings.timestampField.split('.'))[0]) ?? Number.NaN);
  const finite = times.filter(Number.isFinite);
  // A window as wide as the case puts any input order back in time order.
  const allowedLatenessMs = finite.length > 0 ? Math.max(...finite) - Math.min(...finite) + 1 : 0;
  const runner = createRunner([rule], { allowedLatenessMs, ...(options.indexConstants ? { indexConstants: options.indexConstants } : {}) });
  if (runner.errors.length > 0) {
    return { name: c.name, kind: c.kind, passed: false, failures: runner.errors.map((e) => e.message), alerts: [] };
  }
  const produced: Alert[] = [];
  for (const event of c.events) produced.push(...runner.push(event, c.input));
  produced.push(...runner.flush());
  const idPath = idField.split('.');
  const alerts = produced.map((a) => ({
    join_keys: a.join_keys,
    events: a.events.map((e) => {
      if ('missing' in e && e.missing === true) return null;
      const id = fieldValues(e, idPath)[0];
      return id === undefined ? '(no id)' : String(id);
    }),
  }));
  const failures: string[] = [];
  const { count, atLeastOne } = c.expect;
  if (count !== undefined && alerts.length !== count) failures.push(`expected ${count} alert(s), got ${alerts.length}`);
  if (atLeastOne && alerts.length === 0) failures.push('expected at least one alert, got none');
  c.expect.alerts?.forEach((want, i) => {
    const got = alerts[i];
    if (!got) return;
    if (want.join_keys && JSON.stringify(want.join_keys) !== JSON.stringify(got.join_keys)) {
      failures.push(`alert ${i + 1}: expected join keys ${JSON.stringify(want.join_keys)}, got ${JSON.stringify(got.join_keys)}`);
    }
    if (want.events && JSON.stringify(want.events) !== JSON.stringify(got.events)) {
      failures.push(`alert ${i + 1}: expected events ${JSON.stringify(want.events)}, got ${JSON.stringify(got.events)}`);
    }
  });
  return { name: c.name, kind: c.kind, passed: failures.length === 0, failures, alerts };
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
