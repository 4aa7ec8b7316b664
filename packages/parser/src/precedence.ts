/**
 * Binding strength of the expression forms (EQL-SEMANTICS §3.1), loosest first: higher binds
 * tighter. One table for the AST builder and the printer, so the two cannot disagree.
 */
export const Level = {
  Or: 1,
  And: 2,
  Not: 3,
  Comparison: 4,
  Additive: 5,
  Multiplicative: 6,
  Unary: 7,
  Predicate: 8,
  Primary: 9,
} as const;

/** A binding strength: one of the values above, or one past it (`level + 1` for the right operand of a left-associative operator). */
export type Level = number;
