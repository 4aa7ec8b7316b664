import type { EventFilter, Expression, FieldRef, Statement, Term } from '@eqlkit/parser';
import type { Rule } from '@eqlkit/rules';
import { mulberry32 } from '../../scripts/generate/prng.js';

/** A seeded PRNG (mulberry32, shared with the generators): the same seed gives the same events. */
export const prng = mulberry32;

export interface GeneratedEvent {
  readonly event: Record<string, unknown>;
  readonly index: string;
}

interface RuleShape {
  readonly rule: Rule;
  readonly statement: Statement;
}

/**
 * A mixed stream of ECS-like events built from the corpus rules' own predicates: events that
 * satisfy one stage of a random rule (its category, `==`, `in`, `:`/`like` with wildcards filled
 * in, ranges), whole sequences and samples of a random rule with shared join-key values, and
 * noise. Timestamps increase; some events use the dotted field layout, some multi-valued
 * categories, so routing is exercised on every shape the engine reads.
 */
export function generateCorpusEvents(rules: readonly RuleShape[], count: number, seed: number): GeneratedEvent[] {
  const random = prng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)] as T;
  const out: GeneratedEvent[] = [];
  let time = Date.UTC(2024, 2, 5, 9, 0, 0);
  const keyPool = ['alice', 'bob', 'WIN-01', '4242', 'root'];

  const indexFor = (rule: Rule) => {
    const pattern = rule.settings.index.find((p) => !p.startsWith('-')) ?? 'logs-generic-default';
    return pattern.replace(/\*/g, () => pick(['', 'default', 'x']));
  };

  const emit = (shape: RuleShape, filter: EventFilter, keys: readonly FieldRef[], keyValue: string) => {
    const fields = new Map<string, unknown>();
    if (!filter.category.any && filter.category.name !== undefined) {
      const name = filter.category.name;
      fields.set(shape.rule.settings.eventCategoryField, random() < 0.5 ? name : [name, pick(['process', 'network', 'file'])]);
    }
    satisfy(filter.condition, fields, random);
    for (const k of keys) fields.set(k.name, keyValue);
    time += Math.floor(random() * 2000);
    fields.set('@timestamp', new Date(time).toISOString());
    fields.set('event.ingested', new Date(time + 500).toISOString());
    fields.set('event.id', `e${out.length}`);
    out.push({ event: build(fields, random() < 0.2), index: indexFor(shape.rule) });
  };

  while (out.length < count) {
    const shape = pick(rules);
    const q = shape.statement.query;
    const roll = random();
    if (q.type === 'EventQuery') {
      emit(shape, q.filter, [], pick(keyPool));
    } else if (roll < 0.5) {
      // A whole sequence or sample, stages in order with one key value.
      const keyValue = pick(keyPool);
      for (const term of q.terms) {
        if (term.missing) continue;
        for (let r = 0; r < (term.runs ?? 1); r++) emit(shape, term.filter, [...q.by, ...term.by], keyValue);
      }
    } else {
      const term: Term = pick(q.terms);
      emit(shape, term.filter, [...q.by, ...term.by], pick(keyPool));
    }
    if (random() < 0.2) {
      // Noise: a plausible event matching nothing in particular.
      time += Math.floor(random() * 1000);
      const fields = new Map<string, unknown>([
        ['@timestamp', new Date(time).toISOString()],
        ['event.category', pick(['process', 'network', 'file', 'authentication'])],
        ['process.name', pick(['cmd.exe', 'bash', 'svchost.exe'])],
        ['event.id', `n${out.length}`],
      ]);
      out.push({ event: build(fields, false), index: pick(['logs-endpoint.events.process-default', 'winlogbeat-x', 'logs-okta.system-default']) });
    }
  }
  return out;
}

/** Chooses field values that make `e` true where it is made of constant comparisons. */
function satisfy(e: Expression, fields: Map<string, unknown>, random: () => number): void {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)] as T;
  switch (e.type) {
    case 'Logical':
      if (e.op === 'and') {
        satisfy(e.left, fields, random);
        satisfy(e.right, fields, random);
      } else satisfy(random() < 0.5 ? e.left : e.right, fields, random);
      return;
    case 'Comparison': {
      const field = e.left.type === 'Field' ? e.left : e.right.type === 'Field' ? e.right : undefined;
      const lit = e.left.type === 'Field' ? e.right : e.left;
      if (!field || lit.type === 'Field') return;
      const value = literal(lit);
      if (e.op === '==' && value !== undefined && value !== null) fields.set(field.name, value);
      else if (e.op === '!=' && value === null) fields.set(field.name, 'present');
      else if (typeof value === 'number' && e.op !== '!=') fields.set(field.name, e.op.startsWith('>') ? value + 1 : e.op.startsWith('<') ? value - 1 : value);
      return;
    }
    case 'In': {
      if (e.negated || e.value.type !== 'Field') return;
      const value = literal(pick(e.list));
      if (value !== undefined && value !== null) fields.set(e.value.name, value);
      return;
    }
    case 'Match': {
      if (e.value.type !== 'Field' || e.op === 'regex' || e.op === 'regex~') return;
      const pattern = literal(pick(e.patterns));
      if (typeof pattern !== 'string') return;
      const text = pattern.replace(/\*/g, () => pick(['', 'abc', 'X'])).replace(/\?/g, 'a');
      fields.set(e.value.name, random() < 0.3 && e.op !== 'like' ? text.toUpperCase() : text);
      return;
    }
    default:
      return;
  }
}

function literal(e: Expression): unknown {
  switch (e.type) {
    case 'String':
    case 'Number':
    case 'Boolean':
      return e.value;
    case 'Null':
      return null;
    default:
      return undefined;
  }
}

/** Builds a document from dotted field names, nested or (for `dotted`) flat. */
function build(fields: Map<string, unknown>, dotted: boolean): Record<string, unknown> {
  const doc: Record<string, unknown> = {};
  for (const [name, value] of fields) {
    if (dotted) {
      doc[name] = value;
      continue;
    }
    const path = name.split('.');
    let node = doc;
    for (const segment of path.slice(0, -1)) {
      const next = node[segment];
      if (typeof next !== 'object' || next === null || Array.isArray(next)) node[segment] = {};
      node = node[segment] as Record<string, unknown>;
    }
    node[path[path.length - 1] as string] = value;
  }
  return doc;
}
