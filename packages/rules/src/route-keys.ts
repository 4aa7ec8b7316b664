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
 * The keys through which events reach a rule: an event that holds none of them can match no stage
 * (sequence terms, `until`, missing-event terms and sample terms alike), so it need not be pushed
 * to the rule. `undefined` means some stage can match without any constant equality (an `or` or
 * `not` at its top, `any where` with no constant equality, wildcards, functions...): the rule
 * must see every event.
 */
export function ruleRouteKeys(statement: Statement, categoryField: string): RouteKey[] | undefined {
  const query = statement.query;
  const filters: EventFilter[] =
    query.type === 'EventQuery'
      ? [query.filter]
      : [...query.terms.map((t) => t.filter), ...(query.type === 'SequenceQuery' && query.until ? [query.until.filter] : [])];
  const keys: RouteKey[] = [];
  for (const filter of filters) {
    const stage = filterKeys(filter, categoryField);
    if (!stage) return undefined;
    keys.push(...stage);
  }
  return dedupe(keys);
}

/** The alternatives one stage needs: its condition's or its category's, whichever is narrower (the condition on a tie: categories are common). */
function filterKeys(filter: EventFilter, categoryField: string): RouteKey[] | undefined {
  const { category } = filter;
  const byCategory =
    category.any || category.name === undefined ? undefined : [{ field: categoryField, value: category.name, folded: false }];
  return narrower(conditionKeys(filter.condition), byCategory);
}

/**
 * Keys of a condition: a set of alternatives, at least one of which every matching event holds.
 * `and` keeps the narrower side; `or` needs both sides and unites them; anything else is unknown.
 */
function conditionKeys(e: Expression): RouteKey[] | undefined {
  switch (e.type) {
    case 'Logical': {
      const left = conditionKeys(e.left);
      const right = conditionKeys(e.right);
      if (e.op === 'and') return narrower(left, right);
      return left && right ? [...left, ...right] : undefined;
    }
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

/** Fewer alternatives route fewer events; on a tie the first (the more specific) side. */
function narrower(a: RouteKey[] | undefined, b: RouteKey[] | undefined): RouteKey[] | undefined {
  if (!a) return b;
  if (!b) return a;
  return b.length < a.length ? b : a;
}

function dedupe(keys: RouteKey[]): RouteKey[] {
  const seen = new Set<string>();
  return keys.filter((k) => {
    const id = `${k.folded ? 'i' : 'e'}\u0000${k.field}\u0000${k.value}`;
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
