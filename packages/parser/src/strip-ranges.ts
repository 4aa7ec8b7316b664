/**
 * A deep copy of an AST (or any JSON-like value) without `range` properties: two trees are the
 * same program when their stripped forms are deep-equal.
 */
export function stripRanges(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(stripRanges);
  if (node === null || typeof node !== 'object') return node;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) {
    if (key !== 'range') out[key] = stripRanges(value);
  }
  return out;
}
