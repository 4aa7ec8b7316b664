import type { FunctionSpec } from './function-spec.js';

/**
 * `substring(src, start[, end])` with Python slice semantics (negative indices from the end,
 * clamped, start ≥ end → ""). A null `end` means the rest; a null `start` returns `src` unchanged
 * and ignores `end`, as Elasticsearch's `SubstringFunctionProcessor` does.
 */
export function substring(src: string, start: number | null, end: number | null): string {
  if (start === null) return src;
  const n = src.length;
  const clamp = (i: number) => Math.min(n, Math.max(0, i < 0 ? i + n : i));
  const from = clamp(Math.trunc(start));
  const to = end === null ? n : clamp(Math.trunc(end));
  return from >= to ? '' : src.slice(from, to);
}

export const substringFunction: FunctionSpec = {
  name: 'substring',
  minArgs: 2,
  maxArgs: 3,
  caseAware: false,
  returns: () => 'string',
  build: () => ([src, start, end]) => {
    if (typeof src !== 'string') return null;
    const s = typeof start === 'number' ? start : null;
    const e = typeof end === 'number' ? end : null;
    if ((start !== null && start !== undefined && s === null) || (end !== null && end !== undefined && e === null)) return null;
    return substring(src, s, e);
  },
};
