import { javaLower } from '../case-fold.js';
import type { FunctionSpec } from './function-spec.js';

/**
 * `indexOf(src, sub[, start])`: Java `String.indexOf(sub, start)`, not found → null. A null start
 * is 0, a negative start is 0, an empty `sub` gives min(start, length). `~` searches
 * Java-lowercased strings.
 */
export function indexOf(src: string, sub: string, start: number, caseInsensitive: boolean): number | null {
  const hay = caseInsensitive ? javaLower(src) : src;
  const needle = caseInsensitive ? javaLower(sub) : sub;
  const at = hay.indexOf(needle, Math.max(0, Math.trunc(start)));
  return at < 0 ? null : at;
}

export const indexOfFunction: FunctionSpec = {
  name: 'indexOf',
  minArgs: 2,
  maxArgs: 3,
  caseAware: true,
  returns: () => 'int',
  build: (site) => {
    const ci = site.caseInsensitive;
    return ([src, sub, start]) => {
      if (typeof src !== 'string' || typeof sub !== 'string') return null;
      if (start !== null && start !== undefined && typeof start !== 'number') return null;
      return indexOf(src, sub, start ?? 0, ci);
    };
  },
};
