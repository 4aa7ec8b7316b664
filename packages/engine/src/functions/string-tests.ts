import { javaLower } from '../case-fold.js';
import type { FunctionSpec } from './function-spec.js';

/**
 * `startsWith`, `endsWith`, `stringContains` as functions (constant folding and the script path;
 * on a plain field with a constant they run as prefix/wildcard queries instead, see
 * compile-expression). Null or non-string arguments give null; `~` compares Java-lowercased
 * strings. `stringContains` is false when either string is empty.
 */
type Test = (src: string, sub: string) => boolean;

function spec(name: string, test: Test): FunctionSpec {
  return {
    name,
    minArgs: 2,
    maxArgs: 2,
    caseAware: true,
    returns: () => 'boolean',
    build: (site) => {
      if (site.caseInsensitive) {
        return ([src, sub]) => (typeof src === 'string' && typeof sub === 'string' ? test(javaLower(src), javaLower(sub)) : null);
      }
      return ([src, sub]) => (typeof src === 'string' && typeof sub === 'string' ? test(src, sub) : null);
    },
  };
}

export const startsWithFunction = spec('startsWith', (s, p) => s.startsWith(p));
export const endsWithFunction = spec('endsWith', (s, p) => s.endsWith(p));
export const stringContainsFunction = spec('stringContains', (s, p) => s !== '' && p !== '' && s.includes(p));
