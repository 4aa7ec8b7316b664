// The page's logic: load the pasted rule with @eqlkit/rules, show its diagnostics at their line
// and column in the rule file, run it over the pasted NDJSON events and list the alerts.
import { compileFieldGetter, parseTimestamp } from '@eqlkit/engine';
import { formatDiagnostic } from '@eqlkit/parser';
import { alerts, createRunner, loadRule, type Alert, type Rule, type RuleDiagnostic } from '@eqlkit/rules';

const element = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const ruleInput = element<HTMLTextAreaElement>('rule');
const eventsInput = element<HTMLTextAreaElement>('events');
const formatInput = element<HTMLSelectElement>('format');
const summary = element<HTMLSpanElement>('summary');
const diagnosticList = element<HTMLUListElement>('diagnostics');
const alertList = element<HTMLOListElement>('alerts');

/** The file name the rule is loaded as: its extension picks the parser. */
function ruleFileName(text: string): string {
  const format = formatInput.value;
  if (format === 'toml' || format === 'yaml') return `rule.${format}`;
  return /^\s*\[(rule|metadata)\]\s*$/m.test(text) ? 'rule.toml' : 'rule.yaml';
}

/** One line of the list: `rule.toml:12:5: error EQL3001: ...` and the excerpt with its caret. */
function showDiagnostic(d: RuleDiagnostic, source: string | undefined): void {
  const item = document.createElement('li');
  item.className = d.severity;
  Object.assign(item.dataset, { code: d.code, line: String(d.line), column: String(d.column) });
  const text = source === undefined ? `${d.file}:${d.line}:${d.column}: ${d.severity} ${d.code}: ${d.message}` : formatDiagnostic(d, source, { file: d.file });
  const [header = '', ...excerpt] = text.split('\n');
  item.append(header);
  if (excerpt.length > 0) {
    const pre = document.createElement('pre');
    pre.textContent = excerpt.join('\n');
    item.append(pre);
  }
  diagnosticList.append(item);
}

function showAlert(alert: Alert): void {
  const item = document.createElement('li');
  item.dataset.joinKeys = JSON.stringify(alert.join_keys);
  item.textContent = `${alert['@timestamp']}  ${alert.rule.name} (${alert.rule.severity})  join keys ${JSON.stringify(alert.join_keys)}`;
  const pre = document.createElement('pre');
  pre.textContent = JSON.stringify(alert, null, 2);
  const details = document.createElement('details');
  details.append(Object.assign(document.createElement('summary'), { textContent: `${alert.events.length} events` }), pre);
  item.append(details);
  alertList.append(item);
}

/** The events of the NDJSON text; a line that is not a JSON object becomes a diagnostic. */
function* parseEvents(text: string, problems: RuleDiagnostic[]): Generator<Record<string, unknown>> {
  let offset = 0;
  const lines = text.split('\n');
  for (const [i, line] of lines.entries()) {
    const start = offset;
    offset += line.length + 1;
    if (line.trim() === '') continue;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (error) {
      value = error;
    }
    if (typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Error)) {
      yield value as Record<string, unknown>;
      continue;
    }
    const message = value instanceof Error ? `invalid JSON: ${value.message}` : 'expected a JSON object';
    problems.push({ file: 'events.ndjson', code: 'EVENT', severity: 'error', message, range: [start, start + line.length], line: i + 1, column: 1 });
  }
}

/**
 * The time the events span on the rule's timestamp field: as a reorder window, it puts pasted
 * events in any order back in time order, so the answer is Elasticsearch's for the set.
 */
function timeSpan(rule: Rule, events: readonly Record<string, unknown>[]): number {
  const read = compileFieldGetter(rule.settings.timestampField.split('.'));
  let min = Infinity;
  let max = -Infinity;
  for (const event of events) {
    const t = parseTimestamp(read(event));
    if (t === undefined) continue;
    min = Math.min(min, t);
    max = Math.max(max, t);
  }
  return max >= min ? max - min + 1 : 0;
}

async function run(): Promise<void> {
  diagnosticList.replaceChildren();
  alertList.replaceChildren();
  summary.textContent = 'running…';
  const source = ruleInput.value;
  const loaded = loadRule(ruleFileName(source), source);
  for (const d of loaded.diagnostics) showDiagnostic(d, source);
  if (loaded.status !== 'loaded') {
    summary.textContent = loaded.status === 'skipped' ? `rule skipped: ${loaded.reason}` : 'the rule has errors; nothing was run';
    return;
  }
  const problems: RuleDiagnostic[] = [];
  const events = [...parseEvents(eventsInput.value, problems)];
  const runner = createRunner([loaded.rule], { allowedLatenessMs: timeSpan(loaded.rule, events) });
  for (const e of runner.errors) showDiagnostic({ file: 'rule', code: e.code, severity: 'error', message: e.message, range: [0, 0], line: 1, column: 1 }, undefined);
  let count = 0;
  for await (const alert of alerts(runner, events)) {
    showAlert(alert);
    count++;
  }
  for (const d of problems) showDiagnostic(d, undefined);
  summary.textContent = `${count} alert${count === 1 ? '' : 's'}`;
}

element<HTMLButtonElement>('run').addEventListener('click', () => {
  run().catch((error: unknown) => {
    summary.textContent = `failed: ${error instanceof Error ? error.message : String(error)}`;
  });
});
