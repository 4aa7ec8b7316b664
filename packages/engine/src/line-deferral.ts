/**
 * Deferring the lines of later sequence stages (a raw-line prefilter that knows the state).
 *
 * In `sequence by user.email [deny] [deny] [sso]` a line that can only match the last stage
 * (an SSO event, a quarter of an Okta log) changes nothing unless some partial sequence waits for
 * that stage under the line's key. A reader that holds such a line unparsed until its turn in
 * time order (the turn at which it would have been pushed) can then ask the running stream and
 * parse it only when a waiting partial's key is written in it; most never are.
 *
 * Sound because, at that turn, the stream's state is exactly what pushing the event would meet
 * (every earlier event has been pushed, the stream holds nothing back), an event whose key has no
 * waiting partial at its stage leaves the state as it was (`SequenceMatcher.step`), and a line
 * whose event has a key `k` holds `JSON.stringify(k)` when it has no `\u` or `\/` escape (lines
 * with one are never deferred). The first stage, `until` and missing terms always matter, so
 * lines that could match them are parsed at once; statements with missing terms are not deferred.
 */
import type { PrefilterSource, RawPrefilterSpec, TermNeedles } from './raw-prefilter.js';
import { deriveTermNeedles } from './raw-prefilter.js';
import { compileRawPrefilter } from './raw-line-filter.js';

/** A later term: the needles its events' lines hold, and the positive stages it fills. */
export interface LaterTerm {
  readonly needles: RawPrefilterSpec;
  /** Positive stage indices (a term `with runs=N` fills N of them); none is 0. */
  readonly stages: readonly number[];
}

/** Which lines may wait: plain data, derived from a statement. */
export interface LineDeferralSpec {
  /** The terms whose lines are parsed at once: the first stage, `until`. */
  readonly eager: RawPrefilterSpec;
  readonly later: readonly LaterTerm[];
}

/**
 * The deferral of a sequence whose every term has needles; undefined for anything else (event
 * queries, samples, missing terms, a term the prefilter cannot describe).
 */
export function deriveLineDeferral(source: PrefilterSource): LineDeferralSpec | undefined {
  const query = source.statement.query;
  if (query.type !== 'SequenceQuery' || query.terms.some((t) => t.missing)) return undefined;
  const needles = deriveTermNeedles(source);
  if (needles.some((n) => n.groups.length === 0)) return undefined;
  const eager: TermNeedles[] = [];
  const later: LaterTerm[] = [];
  let stage = 0;
  query.terms.forEach((term, i) => {
    const runs = term.runs ?? 1;
    const stages = Array.from({ length: runs }, (_, r) => stage + r);
    stage += runs;
    const own = needles[i] as TermNeedles;
    if (stages[0] === 0) eager.push(own);
    else later.push({ needles: { terms: [own] }, stages });
  });
  if (query.until) eager.push(needles[query.terms.length] as TermNeedles);
  return later.length === 0 ? undefined : { eager: { terms: eager }, later };
}

/** Asks the running stream whether a line that can match only `stage` could change its state. */
export type StageProbe = (stage: number, line: string) => boolean;

/** A compiled deferral, over decoded line text (not bytes). */
export interface LineDeferral {
  /**
   * True when the line must be parsed now: it may match the first stage or `until`, or has an
   * escape that could hide a needle or a key. False for a line that can only match later stages
   * (callers defer only lines the statement's prefilter passed).
   */
  eager(line: string): boolean;
  /** At the line's turn: true when some later stage it may match has a partial waiting for it. */
  matters(line: string, probe: StageProbe): boolean;
}

export function compileLineDeferral(spec: LineDeferralSpec): LineDeferral {
  const eager = compileRawPrefilter(spec.eager);
  const later = spec.later.map((t) => ({ test: compileRawPrefilter(t.needles), stages: t.stages }));
  return {
    eager,
    matters(line, probe) {
      for (const term of later) {
        if (!term.test(line)) continue;
        for (const stage of term.stages) if (probe(stage, line)) return true;
      }
      return false;
    },
  };
}
