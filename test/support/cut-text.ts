/**
 * Cuts text into chunks at the given positions (taken modulo its length + 1, sorted, repeats
 * ignored; empty chunks kept): for properties that a reader gives the same answer whatever the
 * chunking of its input.
 */
export function cutText(text: string, positions: readonly number[]): string[] {
  const points = [...new Set(positions.map((p) => p % (text.length + 1)))].sort((a, b) => a - b);
  const chunks: string[] = [];
  let from = 0;
  for (const p of points) {
    chunks.push(text.slice(from, p));
    from = p;
  }
  chunks.push(text.slice(from));
  return chunks;
}
