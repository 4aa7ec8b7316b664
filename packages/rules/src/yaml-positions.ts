import { isMap, isScalar, isSeq, type Document, type Node, type Scalar } from 'yaml';
import {
  pointerSegment,
  locateIn,
  type Location,
  type SourcePositions,
  type Span,
} from './source-positions.js';

/** Locates every key and value of a parsed YAML document, from the `yaml` package's node ranges. */
export function yamlPositions(text: string, doc: Document): SourcePositions {
  const table = new Map<string, Location>();
  const scalars = new Map<string, Scalar>();

  const span = (node: Node | null | undefined): Span | undefined =>
    node?.range ? { start: node.range[0], end: node.range[1] } : undefined;

  const walk = (node: unknown, pointer: string, key: Span | undefined): void => {
    if (!node || typeof node !== 'object') return;
    const value = span(node as Node) ?? key;
    if (value) table.set(pointer, { ...(key ? { key } : {}), value });
    if (isMap(node)) {
      for (const pair of node.items) {
        const k = pair.key;
        const name = isScalar(k) ? String(k.value) : String(k);
        walk(pair.value, `${pointer}/${pointerSegment(name)}`, span(k as Node));
        if (!pair.value && isScalar(k) && k.range) {
          table.set(`${pointer}/${pointerSegment(name)}`, { key: span(k) as Span, value: span(k) as Span });
        }
      }
    } else if (isSeq(node)) {
      node.items.forEach((item, i) => walk(item, `${pointer}/${i}`, undefined));
    } else if (isScalar(node)) {
      scalars.set(pointer, node);
    }
  };
  walk(doc.contents, '', undefined);

  return {
    locate: (pointer) => locateIn(table, pointer),
    stringOffsets: (pointer, decoded) => {
      const node = scalars.get(pointer);
      if (!node?.range || typeof node.value !== 'string') return undefined;
      return scalarOffsets(text, node, decoded);
    },
  };
}

/**
 * File offsets of each character of a string scalar. Exact for block scalars (`|`, `|-`, `|+`,
 * the form rule files use for queries) and for plain or quoted scalars on one line without
 * escapes; other forms (folded, multi-line flow scalars, escapes) return undefined.
 */
function scalarOffsets(text: string, node: Scalar, decoded: string): number[] | undefined {
  const [start, end] = node.range as [number, number, number];
  if (node.type === 'BLOCK_LITERAL') {
    const headerEnd = text.indexOf('\n', start);
    if (headerEnd < 0) return undefined;
    const lines: { from: number; to: number }[] = [];
    for (let from = headerEnd + 1; from < end; ) {
      const nl = text.indexOf('\n', from);
      const to = nl < 0 || nl > end ? end : nl;
      lines.push({ from, to });
      from = to + 1;
    }
    const first = lines.find((l) => text.slice(l.from, l.to).trim() !== '');
    if (!first) return undefined;
    const indent = /^ */.exec(text.slice(first.from, first.to))?.[0].length ?? 0;
    let offsets: number[] = [];
    for (const line of lines) {
      const from = Math.min(line.from + indent, line.to);
      for (let i = from; i < line.to; i++) offsets.push(i);
      offsets.push(line.to); // the newline
    }
    // CRLF line ends decode to LF: the `\r` has no decoded character.
    offsets = offsets.filter((o) => text[o] !== '\r');
    // Chomping may drop trailing newlines; the kept prefix maps one to one.
    offsets.length = Math.min(offsets.length, decoded.length);
    offsets.push(offsets.length > 0 ? (offsets[offsets.length - 1] as number) + 1 : start);
    return offsets;
  }
  const raw = text.slice(start, end);
  const quoted = node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE';
  const inner = quoted ? raw.slice(1, -1) : raw;
  if (inner !== decoded) return undefined;
  const from = start + (quoted ? 1 : 0);
  return Array.from({ length: decoded.length + 1 }, (_, i) => from + i);
}
