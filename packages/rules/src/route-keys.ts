import type { EventFilter, Expression, FieldRef, Statement } from '@eqlkit/parser';

/**
 * A value an event must hold in a field for some stage of a rule to match. `folded` keys compare
 * case-insensitively (`:`, `in~`, `like~` without wildcards) and hold the value folded by
 * `foldForRouting`; the others compare exactly.
 */
export interface RouteKey {
  readonly field: string;
  readonly value: string;
  readonly folded: boolean;
}

/**
 * How much routing through a set of keys costs: roughly how many events carry one of them. The
 * runner passes key frequencies over all its rules (a value many rules test, such as the
 * `process` category, is a value many events carry); the default counts the keys.
 */
export type KeyCost = (keys: readonly RouteKey[]) => number;

/**
 * The keys through which events reach a rule: an event that holds none of them can match no stage
 * (sequence terms, `until`, missing-event terms and sample terms alike), so it need not be pushed
 * to the rule. `undefined` means some stage can match without any constant equality (an `or` or
 * `not` at its top, `any where` with no constant equality, wildcards, functions...): the rule
 * must see every event. Of the key sets that would do for a stage (each `and` operand, the
 * category), the cheapest is chosen.
 */
export function ruleRouteKeys(statement: Statement, categoryField: string, cost: KeyCost = (k) => k.length): RouteKey[] | undefined {
  const keys: RouteKey[] = [];
  for (const filter of stageFilters(statement)) {
    const stage = filterKeys(filter, categoryField, cost);
    if (!stage) return undefined;
    keys.push(...stage);
  }
  return dedupe(keys);
}

/**
 * Every key a rule's stages test with a constant equality, wherever it sits under `and`/`or`
 * (not under `not`): what the runner counts to estimate how common each key is.
 */
export function ruleKeyAtoms(statement: Statement, categoryField: string): RouteKey[] {
  const out: RouteKey[] = [];
  const walk = (e: Expression): void => {
    if (e.type === 'Logical') {
      walk(e.left);
      walk(e.right);
    } else out.push(...(atomKeys(e) ?? []));
  };
  for (const filter of stageFilters(statement)) {
    const category = categoryKeys(filter, categoryField);
    if (category) out.push(...category);
    walk(filter.condition);
  }
  return dedupe(out);
}

function stageFilters(statement: Statement): EventFilter[] {
  const query = statement.query;
  return query.type === 'EventQuery'
    ? [query.filter]
    : [...query.terms.map((t) => t.filter), ...(query.type === 'SequenceQuery' && query.until ? [query.until.filter] : [])];
}

function categoryKeys(filter: EventFilter, categoryField: string): RouteKey[] | undefined {
  const { category } = filter;
  return category.any || category.name === undefined ? undefined : [{ field: categoryField, value: category.name, folded: false }];
}

/** The alternatives one stage needs: its condition's or its category's, whichever is cheaper (the condition on a tie). */
function filterKeys(filter: EventFilter, categoryField: string, cost: KeyCost): RouteKey[] | undefined {
  return cheaper(conditionKeys(filter.condition, cost), categoryKeys(filter, categoryField), cost);
}

/**
 * Keys of a condition: a set of alternatives, at least one of which every matching event holds.
 * `and` keeps the cheaper side; `or` needs both sides and unites them; anything else is unknown.
 */
function conditionKeys(e: Expression, cost: KeyCost): RouteKey[] | undefined {
  if (e.type !== 'Logical') return atomKeys(e);
  const left = conditionKeys(e.left, cost);
  const right = conditionKeys(e.right, cost);
  if (e.op === 'and') return cheaper(left, right, cost);
  return left && right ? [...left, ...right] : undefined;
}

/** Keys of one comparison: `field == "v"`, `field in (...)`, `field : "v"`, `field like~ "v"` without wildcards. */
function atomKeys(e: Expression): RouteKey[] | undefined {
  switch (e.type) {
    case 'Comparison': {
      if (e.op !== '==') return undefined;
      const [field, literal] = e.left.type === 'Field' ? [e.left, e.right] : [e.right, e.left];
      if (field.type !== 'Field' || literal.type !== 'String' || numeric(literal.value)) return undefined;
      return [exact(field, literal.value)];
    }
    case 'In': {
      if (e.negated || e.value.type !== 'Field') return undefined;
      return literalsKeys(e.value, e.list, e.caseInsensitive, false);
    }
    case 'Match': {
      if (e.value.type !== 'Field' || e.op === 'regex' || e.op === 'regex~') return undefined;
      // `:` and `like` take `*`/`?` wildcards; only wildcard-free patterns are equalities.
      return literalsKeys(e.value, e.patterns, e.op !== 'like', true);
    }
    default:
      return undefined;
  }
}

function literalsKeys(
  field: FieldRef,
  list: readonly Expression[],
  caseInsensitive: boolean,
  wildcards: boolean,
): RouteKey[] | undefined {
  const keys: RouteKey[] = [];
  for (const item of list) {
    if (item.type !== 'String') return undefined;
    if (wildcards && /[*?\\]/.test(item.value)) return undefined;
    if (numeric(item.value)) return undefined;
    if (!caseInsensitive) keys.push(exact(field, item.value));
    else if (/^[\x00-\x7f]*$/.test(item.value)) keys.push({ field: field.name, value: foldForRouting(item.value), folded: true });
    else return undefined; // non-ASCII literals fold differently on the query and script paths
  }
  return keys.length > 0 ? keys : undefined;
}

/** A numeric-looking string may equal a number field written differently (`5.0`); not routed. */
function numeric(value: string): boolean {
  return value.trim() !== '' && Number.isFinite(Number(value));
}

function exact(field: FieldRef, value: string): RouteKey {
  return { field: field.name, value, folded: false };
}

/** The cheaper of two key sets; on a tie the first (the more specific) one. */
function cheaper(a: RouteKey[] | undefined, b: RouteKey[] | undefined, cost: KeyCost): RouteKey[] | undefined {
  if (!a) return b;
  if (!b) return a;
  return cost(b) < cost(a) ? b : a;
}

/** A stable identity of a key, for counting and de-duplicating. */
export function routeKeyId(k: RouteKey): string {
  return `${k.folded ? 'i' : 'e'}\u0000${k.field}\u0000${k.value}`;
}

function dedupe(keys: RouteKey[]): RouteKey[] {
  const seen = new Set<string>();
  return keys.filter((k) => {
    const id = routeKeyId(k);
    if (seen.has(id)) return false;
    seen.add(id);
    return true;
  });
}

/**
 * Case folding for routing, looser than any fold the engine may apply: every character whose
 * lower, upper or upper-then-lower case starts with an ASCII letter becomes that letter in lower
 * case (so the Kelvin sign matches `k`, long s matches `s`, dotted capital I matches `i`), and
 * ASCII letters are lowered. Two strings equal under the engine's folds are equal under this one.
 */
export function foldForRouting(s: string): string {
  let out = '';
  for (const c of s) {
    const code = c.charCodeAt(0);
    if (code < 0x80) {
      out += code >= 65 && code <= 90 ? String.fromCharCode(code + 32) : c;
      continue;
    }
    let mapped = c;
    for (const candidate of [c.toLowerCase(), c.toUpperCase(), c.toUpperCase().toLowerCase()]) {
      const first = candidate.charCodeAt(0);
      if ((first >= 65 && first <= 90) || (first >= 97 && first <= 122)) {
        mapped = String.fromCharCode(first | 0x20);
        break;
      }
    }
    out += mapped;
  }
  return out;
}
