import type { CstElement, CstNode, IToken } from 'chevrotain';
import type { Range } from './ast.js';

/** Typed accessors over chevrotain's CST children dictionary. */

function isToken(element: CstElement): element is IToken {
  return 'image' in element;
}

/** All child nodes labelled `name`, in source order. */
export function nodes(node: CstNode, name: string): CstNode[] {
  const list = node.children[name];
  return list ? list.filter((e): e is CstNode => !isToken(e)) : [];
}

/** The first child node labelled `name`. */
export function node(node: CstNode, name: string): CstNode | undefined {
  const list = node.children[name];
  const first = list?.[0];
  return first && !isToken(first) ? first : undefined;
}

/** All tokens labelled `name`, in source order. */
export function tokens(node: CstNode, name: string): IToken[] {
  const list = node.children[name];
  return list ? list.filter(isToken) : [];
}

/** The first token labelled `name`. */
export function token(node: CstNode, name: string): IToken | undefined {
  const list = node.children[name];
  const first = list?.[0];
  return first && isToken(first) ? first : undefined;
}

/** [start, end) of a token. */
export function tokenRange(t: IToken): Range {
  return [t.startOffset, t.startOffset + t.image.length];
}

/** [start, end) of a CST node (built with `nodeLocationTracking: 'onlyOffset'`). */
export function nodeRange(n: CstNode): Range {
  const location = n.location;
  if (!location) return [0, 0];
  return [location.startOffset, (location.endOffset ?? location.startOffset - 1) + 1];
}

/** The range covering `a` through `b`. */
export function span(a: Range, b: Range): Range {
  return [a[0], b[1]];
}
