import type { EventFilter, Expression, NumberLiteral, Statement, Term } from '@eqlkit/parser';
import { parseIp } from './ip.js';
import { regexLiterals } from './regex-literals.js';
import { toBoolean, toNumber } from './values.js';

/**
 * A text an NDJSON line must contain: a string the query compares a field with, as JSON writes it
 * (`JSON.stringify` escapes, no quotes). `caseInsensitive` needles are A-Z lowercased, other
 * characters as written (the field predicates fold A-Z only), to be found in the A-Z-folded line.
 */
export interface Needle {
  readonly text: string;
  readonly caseInsensitive: boolean;
  /**
   * The field whose value holds it (dotted, as written in the query), when known: a matcher that
   * knows where each string value of a line stands (its keys joined with `.`, arrays passed
   * through, as the engine reads fields) may look for it there only. Matchers that do not may
   * ignore it (anywhere is more, never less).
   */
  readonly field?: string;
  /**
   * With `field`: the needle is the whole value, not a part of it (`==`, `in`, `:` without
   * wildcards, a `regex` whose strings are all known). A matcher that sees where each value
   * starts and ends may require that; others may search for it anywhere.
   */
  readonly exact?: true;
  /**
   * The literal is a plain integer (`4697`, `0`; at most 15 digits) or a boolean the field must
   * equal: its value may also be a JSON number equal to it, written any way (`4697`, `4697.0`,
   * `4.697e3`), or the JSON literal `true`/`false`, which no text search finds. Only a matcher
   * that reads the number and literal values of the field may use such a needle; every other one
   * takes its group as needing nothing. Always `exact`.
   */
  readonly numeric?: true;
  /**
   * With `field` and `numeric`: the field has some value in the line, whatever it is (a pattern
   * of wildcards only, `"?*"`, matches every string of one character or more). The text is
   * empty; only a matcher that knows where each value stands may use it.
   */
  readonly present?: true;
  /**
   * With `field`: a Lucene regular expression (a `regex` match's patterns joined with `|`, as the
   * engine runs them) that some value of the field must match as a whole, case-insensitively
   * for `regex~` (`caseInsensitive`). The text is empty. Only a matcher that knows where each value
   * stands and runs the expression on its string, decoded from the JSON, may use it; any other
   * value there (a number, a literal, an object) or one it cannot read counts as a match. Every
   * other matcher takes its group as needing nothing. Never in an `or`'s paired groups, nor a
   * term's only kind of group: a matcher may test it last, only when the rest of the term holds.
   */
  readonly regex?: string;
}

/** Literals the engine compares with a field's string exactly, or with its number by value. */
const PLAIN_INTEGER = /^(?:0|[1-9][0-9]{0,14})$/;

/** Whether a group can be searched for as text: it holds no numeric or regex needle. */
export function textual(group: NeedleGroup): boolean {
  return group.every((n) => n.numeric !== true && n.regex === undefined);
}

/** Whether a group is a regex needle's (see `Needle.regex`): tested last, never a trigger. */
export function regexGroup(group: NeedleGroup): boolean {
  return group.some((n) => n.regex !== undefined);
}

/** Needles of which at least one must be in the line (`in`, an `or`, a list of patterns). */
export type NeedleGroup = readonly Needle[];

/** What one term (or event query) needs: every group satisfied. An empty list needs nothing. */
export interface TermNeedles {
  readonly groups: readonly NeedleGroup[];
}

/**
 * A raw-line prefilter: a line can match only if some term's groups are all present. Plain data
 * (it crosses to worker threads as is).
 */
export interface RawPrefilterSpec {
  readonly terms: readonly TermNeedles[];
}

/** A statement to derive needles from, with the fields set from outside the line. */
export interface PrefilterSource {
  readonly statement: Statement;
  /** Field holding the category of `process where` (default `event.category`). */
  readonly eventCategoryField?: string;
  /**
   * Fields whose value may come from elsewhere than the line (`--field`, index constants): their
   * predicates impose nothing on the line.
   */
  readonly constantFields?: Iterable<string>;
}

/** Strings dynamic mapping reads as dates: compared as instants, so the text may differ. */
const ISO_DATE = /^\d{4}-\d{2}-\d{2}(?:$|T)/;
/**
 * True when `run` could be part of a number or boolean read as text by a keyword field (`5.0E10`,
 * `-Infinity`, `NaN`, `true`): the JSON line may write that value otherwise (`5e10`), so such a
 * run is not used.
 */
function numberText(run: string): boolean {
  if (/^[-+0-9.eE\s]*$/.test(run)) return true;
  const lower = run.toLowerCase();
  return ['-infinity', 'nan', 'true', 'false'].some((w) => w.includes(lower));
}

/** The needle for a value the field must equal (`==`, `in`); undefined when unusable. */
function equalityNeedle(value: string, caseInsensitive: boolean): Needle | undefined {
  if (PLAIN_INTEGER.test(value)) return { text: value, caseInsensitive, exact: true, numeric: true };
  if (ISO_DATE.test(value) || parseIp(value) !== undefined || toNumber(value) !== undefined || toBoolean(value) !== undefined) return undefined;
  return wholeValue(textNeedle(value, caseInsensitive));
}

/**
 * The needle of an integer literal a field must equal (`== 1`, `in (4624, 4625)`): the engine
 * matches a number of that value or the string of its digits, as for `== "1"`.
 */
function integerNeedle(lit: NumberLiteral): Needle | undefined {
  const text = String(lit.value);
  return lit.integer && PLAIN_INTEGER.test(text) ? { text, caseInsensitive: false, exact: true, numeric: true } : undefined;
}

/** The needle of a value the field must equal: the whole value. */
function wholeValue(needle: Needle | undefined): Needle | undefined {
  return needle && { ...needle, exact: true };
}

/**
 * `value` as JSON text, A-Z lowercased for case-insensitive ones (the field predicates fold
 * ASCII letters only, every other character compares as written). A pattern's text (`strings`)
 * may spell a number: without a schema a pattern only ever matches a string value, as written in
 * the line; an equality's text may not (see numberText).
 */
function textNeedle(value: string, caseInsensitive: boolean, strings = false): Needle | undefined {
  let text = JSON.stringify(value).slice(1, -1);
  if (caseInsensitive) text = text.replace(/[A-Z]+/g, (m) => m.toLowerCase());
  // U+FFFD may stand for undecodable bytes, which a byte-level search would not find.
  if (text.length === 0 || (!strings && numberText(text)) || text.includes('\ufffd')) return undefined;
  return { text, caseInsensitive };
}

/**
 * A wildcard pattern's literal runs (`*` and `?` split it; `\` is literal in EQL) as needles,
 * longest first (among equals, the first written); a pattern without wildcards needs its whole
 * value, and one of wildcards only its field's presence (`presentNeedle`). A value the pattern
 * matches holds every run, so any one of them is a needle of it. Empty when it needs nothing
 * usable.
 */
function patternRuns(pattern: string, caseInsensitive: boolean): Needle[] {
  const hasWildcard = pattern.includes('*') || pattern.includes('?');
  if (!hasWildcard) {
    const whole = caseInsensitive && !PLAIN_INTEGER.test(pattern) ? wholeValue(textNeedle(pattern, true, true)) : equalityNeedle(pattern, caseInsensitive);
    return whole ? [whole] : [];
  }
  if (/^[*?]+$/.test(pattern)) return [PRESENT];
  const runs: Needle[] = [];
  for (const run of pattern.split(/[*?]+/)) {
    const needle = textNeedle(run, caseInsensitive, true);
    if (needle) runs.push(needle);
  }
  return runs.map((n, i) => ({ n, i })).sort((x, y) => y.n.text.length - x.n.text.length || x.i - y.i).map((x) => x.n);
}

/**
 * The needle of a pattern of wildcards only (`*`, `?*`), placed at its field by `at`: some value
 * is there (a string, as patterns match, any value a mapping reads as text, or an object the
 * engine reads).
 */
const PRESENT: Needle = { text: '', caseInsensitive: false, exact: true, numeric: true, present: true };

/** Run `rank` of `runs` when it has at least MIN_RANKED characters, else the longest. */
function rankedRun(runs: readonly Needle[], rank: number): Needle | undefined {
  const pick = runs[rank];
  return rank > 0 && pick !== undefined && pick.text.length >= MIN_RANKED ? pick : runs[0];
}

/**
 * A wildcard match gives a group of its patterns' longest runs, and one of each next-longest run
 * up to this rank: `HKLM\SYSTEM\*ControlSet*\Services\*\ImagePath` also needs `\Services\`
 * and `\ImagePath`. Over 100,000 generated ECS events one corpus rule was alone in wanting 9% of
 * the lines parsed for want of the last.
 */
const PATTERN_RANKS = 3;
/**
 * Shortest run taken beyond the longest: short ones (`.exe`, `\`) are in most values of the
 * fields they are searched in, which cost the router more than they rule out (9.9 → 11.1 µs per
 * line with every run, unchanged from 6 characters up).
 */
const MIN_RANKED = 8;

/**
 * The needle of `field == true|false`: a value equal to it is the JSON literal or the string of
 * the same word at the field (whatever the field's mapping, nothing else), so it is a numeric
 * needle: found only by a matcher that reads literal values where they stand.
 */
function booleanNeedle(value: boolean, field: string): Needle {
  return { text: value ? 'true' : 'false', caseInsensitive: false, exact: true, numeric: true, field };
}

/** The needle, found in `field`'s values only. */
function at(needle: Needle | undefined, field: string): Needle | undefined {
  return needle && { ...needle, field };
}

/** A needle's identity: its text, case, exactness, kind and field. */
export const needleKey = (n: Needle): string =>
  `${n.caseInsensitive ? 'i' : 's'}${n.exact ? '=' : ''}${n.numeric ? '#' : ''}${n.present ? 'p' : ''}${n.regex === undefined ? '' : `r${n.regex}\u0000`}${n.field ?? ''}\u0000${n.text}`;

/** The group a list of alternatives gives: undefined when one of them needs nothing. */
function group(alternatives: ReadonlyArray<Needle | undefined | null>): NeedleGroup[] {
  const out: Needle[] = [];
  // Seen needles by their key: rules list hundreds of names, and comparing each with all before
  // it took 40 ms for one corpus rule, at every start.
  const seen = new Set<string>();
  for (const n of alternatives) {
    // null: an alternative that never matches (a null literal), so it needs nothing to exclude.
    if (n === null) continue;
    if (n === undefined) return [];
    const key = needleKey(n);
    if (!seen.has(key)) {
      seen.add(key);
      out.push(n);
    }
  }
  return out.length === 0 ? [] : [out];
}

/**
 * The groups of `field regex (patterns...)`: a value matching one of the patterns holds one of
 * the strings its pattern requires (regexLiterals), a whole value when the pattern's language is
 * known (not when some pattern requires nothing); and, unless those whole values say it all, the
 * expression itself as a regex needle (`Needle.regex`).
 */
function regexGroups(patterns: readonly Expression[], caseInsensitive: boolean, field: string): NeedleGroup[] {
  const alternatives: (Needle | null | undefined)[] = [];
  const written: string[] = [];
  let literals = true;
  let exact = true;
  for (const p of patterns) {
    if (p.type === 'Null') {
      alternatives.push(null);
      continue;
    }
    if (p.type !== 'String') return [];
    written.push(p.value);
    const required = regexLiterals(p.value);
    if (!required) {
      literals = exact = false;
      continue;
    }
    if (!required.exact) exact = false;
    for (const text of required.strings) {
      const needle = at(textNeedle(text, caseInsensitive, true), field);
      alternatives.push(needle && required.exact ? { ...needle, exact: true } : needle);
    }
  }
  const groups = literals ? group(alternatives) : [];
  // The expression itself, for a matcher that can run it on the field's values (`.*` and `@`
  // match every value: nothing to test).
  if (written.length > 0 && !(literals && exact && groups.length > 0) && !written.some((p) => p === '.*' || p === '@')) {
    groups.push([{ text: '', caseInsensitive, field, regex: written.join('|') }]);
  }
  return groups;
}

/** A group's needles as one string, to tell groups apart. */
const groupKey = (g: NeedleGroup) => g.map(needleKey).join('\u0001');

/** How selective a group looks: its shortest needle (longer needles are rarer). */
const strength = (g: NeedleGroup) => Math.min(...g.map((n) => n.text.length)) - g.length / 100;

/** Groups of each side of an `or` paired into the groups it requires (at most this squared). */
const OR_PAIRS = 4;

/** The OR_PAIRS strongest groups, strongest first (the written order among equals). */
function strongest(groups: readonly NeedleGroup[]): NeedleGroup[] {
  return groups
    .map((g, i) => ({ g, i }))
    .sort((a, b) => strength(b.g) - strength(a.g) || a.i - b.i)
    .slice(0, OR_PAIRS)
    .map((x) => x.g);
}

class Deriver {
  constructor(private readonly constants: ReadonlySet<string>) {}

  /** Groups every event satisfying `e` meets (a sound under-approximation of `e`). */
  groups(e: Expression): NeedleGroup[] {
    switch (e.type) {
      case 'Logical': {
        const left = this.groups(e.left);
        const right = this.groups(e.right);
        if (e.op === 'and') return [...left, ...right];
        // A regex needle stays a group of its own (a matcher tests it last, never as a trigger).
        const l0 = left.filter((g) => !regexGroup(g));
        const r0 = right.filter((g) => !regexGroup(g));
        if (l0.length === 0 || r0.length === 0) return [];
        // An event that meets one side meets every group of it, so each pairing of a group of
        // each side holds: the strongest few of each side are paired (an or of a file branch and
        // a process branch then needs a file path or a process name, not just either category).
        const l = strongest(l0);
        const r = strongest(r0);
        return l.flatMap((a) => r.flatMap((b) => group([...a, ...b])));
      }
      case 'Comparison': {
        if (e.op !== '==') return [];
        const [field, lit] = e.left.type === 'Field' ? [e.left, e.right] : [e.right, e.left];
        if (field.type !== 'Field' || this.constants.has(field.name)) return [];
        if (lit.type === 'Number') return group([at(integerNeedle(lit), field.name)]);
        if (lit.type === 'Boolean') return group([booleanNeedle(lit.value, field.name)]);
        if (lit.type !== 'String') return [];
        return group([at(equalityNeedle(lit.value, false), field.name)]);
      }
      case 'In': {
        if (e.negated || e.value.type !== 'Field' || this.constants.has(e.value.name)) return [];
        const name = e.value.name;
        return group(
          e.list.map((x) =>
            x.type === 'Null'
              ? null
              : x.type === 'String'
                ? at(equalityNeedle(x.value, e.caseInsensitive), name)
                : x.type === 'Number' && !e.caseInsensitive
                  ? at(integerNeedle(x), name)
                  : x.type === 'Boolean' && !e.caseInsensitive
                    ? booleanNeedle(x.value, name)
                    : undefined,
          ),
        );
      }
      case 'Match': {
        if (e.value.type !== 'Field' || this.constants.has(e.value.name)) return [];
        const name = e.value.name;
        if (e.op === 'regex' || e.op === 'regex~') return regexGroups(e.patterns, e.op === 'regex~', name);
        const ci = e.op !== 'like';
        const runs = e.patterns.map((p) => (p.type === 'Null' ? null : p.type === 'String' ? patternRuns(p.value, ci) : undefined));
        const ranked = (rank: number) => group(runs.map((r) => (r === null ? null : r === undefined ? undefined : at(rankedRun(r, rank), name))));
        const groups = ranked(0);
        if (groups.length === 0) return groups;
        const seen = new Set([groupKey(groups[0] as NeedleGroup)]);
        for (let rank = 1; rank < PATTERN_RANKS; rank++) {
          // No pattern has such a run: the group would be the first again.
          if (!runs.some((r) => r && (r[rank]?.text.length ?? 0) >= MIN_RANKED)) break;
          const next = ranked(rank)[0];
          if (next === undefined || seen.has(groupKey(next))) continue;
          seen.add(groupKey(next));
          groups.push(next);
        }
        return groups;
      }
      default:
        return [];
    }
  }

  filter(f: EventFilter, categoryField: string): TermNeedles {
    const groups = this.groups(f.condition);
    if (!f.category.any && f.category.name !== undefined && !this.constants.has(categoryField)) {
      const needle = at(equalityNeedle(f.category.name, false), categoryField);
      if (needle) groups.unshift([needle]);
    }
    // Regex needles only narrow a term something else already requires.
    return { groups: groups.every(regexGroup) ? [] : groups };
  }
}

/** Every term of a statement: positive, missing (`![...]`) and `until` alike. */
function filters(statement: Statement): EventFilter[] {
  const q = statement.query;
  if (q.type === 'EventQuery') return [q.filter];
  const terms: Term[] = [...q.terms];
  if (q.type === 'SequenceQuery' && q.until) terms.push(q.until);
  return terms.map((t) => t.filter);
}

/**
 * The raw-line prefilter of statements: for each term, the strings a JSON line must contain for
 * the event to match it. Undefined when some term needs nothing (every line must be parsed).
 * Sound by construction: a needle is only required where the query compares a field with a string
 * by text (`==`, `in`, `:`, `like`, and the literals a `regex` match must hold); plain integers
 * and booleans become numeric needles (only a matcher reading number and literal values uses
 * them); other numbers, dates and IPs an equality compares by value (so written in other ways)
 * are left out, and constant fields are skipped. The matcher lets lines with JSON escapes that
 * could hide a needle through (see `compileRawPrefilter`).
 */
export function deriveRawPrefilter(sources: readonly PrefilterSource[]): RawPrefilterSpec | undefined {
  const terms: TermNeedles[] = [];
  for (const source of sources) {
    for (const term of deriveTermNeedles(source)) {
      if (term.groups.length === 0) return undefined;
      terms.push(term);
    }
  }
  return terms.length === 0 ? undefined : { terms };
}

/**
 * What each term of one statement needs of a line, in the order written (the terms of an event
 * query, sequence or sample, then `until`); a term needing nothing has no groups.
 */
export function deriveTermNeedles(source: PrefilterSource): TermNeedles[] {
  const constants = new Set(source.constantFields ?? []);
  const category = source.eventCategoryField ?? 'event.category';
  // `eql run` asks twice per rule (its routes, and the prefilter of all rules): worked out once.
  const key = `${category}\u0000${[...constants].sort().join('\u0000')}`;
  let cached = derived.get(source.statement);
  if (!cached) derived.set(source.statement, (cached = new Map()));
  const known = cached.get(key);
  if (known) return known;
  const deriver = new Deriver(constants);
  const needles = filters(source.statement).map((f) => deriver.filter(f, category));
  cached.set(key, needles);
  return needles;
}

/** Needles per statement, by category field and constant fields (plain data, never changed). */
const derived = new WeakMap<Statement, Map<string, TermNeedles[]>>();
