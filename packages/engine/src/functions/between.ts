import { EngineCodes, fail } from '../errors.js';
import { javaLower } from '../case-fold.js';
import type { FunctionSpec } from './function-spec.js';

/**
 * `between(src, left, right[, greedy])` (Elasticsearch `BetweenUtils.between`): the text after the
 * first `left` up to the next `right`, or up to the last `right` when greedy. Empty `src`, `left`
 * or `right` returns `src`; `left`/`right` not found gives `""`. `~` searches Java-lowercased
 * copies but slices the original. A greedy `right` found before the end of `left` (where Java
 * would throw) gives `""`.
 */
export function between(src: string, left: string, right: string, greedy: boolean, caseInsensitive: boolean): string {
  if (src === '' || left === '' || right === '') return src;
  const hay = caseInsensitive ? javaLower(src) : src;
  const l = caseInsensitive ? javaLower(left) : left;
  const r = caseInsensitive ? javaLower(right) : right;
  const at = hay.indexOf(l);
  if (at < 0) return '';
  const start = at + l.length;
  const end = greedy ? hay.lastIndexOf(r) : hay.indexOf(r, start);
  if (end < 0 || end < start) return '';
  return src.slice(start, end);
}

export const betweenFunction: FunctionSpec = {
  name: 'between',
  minArgs: 3,
  maxArgs: 4,
  caseAware: true,
  returns: () => 'string',
  build: (site) => {
    const greedyArg = site.args[3];
    let greedy = false;
    if (greedyArg) {
      if (!greedyArg.constant || typeof greedyArg.value !== 'boolean') {
        fail(EngineCodes.InvalidArgument, 'fourth argument of [between] (greedy) must be a boolean constant', greedyArg.range);
      }
      greedy = greedyArg.value;
    }
    for (const arg of site.args.slice(1, 3)) {
      if (arg.constant && arg.value === null) {
        fail(EngineCodes.InvalidArgument, `arguments [left] and [right] of [between] cannot be null`, arg.range);
      }
    }
    const ci = site.caseInsensitive;
    return ([src, left, right]) => {
      if (typeof src !== 'string' || typeof left !== 'string' || typeof right !== 'string') return null;
      return between(src, left, right, greedy, ci);
    };
  },
};
