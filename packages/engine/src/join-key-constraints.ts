/**
 * Join-key constraint propagation (EQL-SEMANTICS 5.4, Elasticsearch's
 * `Optimizer.PropagateJoinKeyConstraints`): a top-level conjunct of one term's condition that
 * tests only that term's join key at position i (and has no `or`) is added to every other term,
 * with the key replaced by that term's key at position i. With single-valued keys this changes
 * nothing; with multi-valued keys it removes events, e.g. in
 * `sequence by k [a where k != "x"] [b where true]` an event b with `k: ["x", "y"]` can no longer
 * complete a sequence on key "y".
 */
import type { Expression, FieldRef, Term } from '@eqlkit/parser';

function conjuncts(expr: Expression): Expression[] {
  return expr.type === 'Logical' && expr.op === 'and' ? [...conjuncts(expr.left), ...conjuncts(expr.right)] : [expr];
}

/** Field names an expression reads, and whether it contains an `or`. */
function inspect(expr: Expression, fields: Set<string>): boolean {
  switch (expr.type) {
    case 'Field':
      fields.add(expr.name);
      return false;
    case 'Logical': {
      const l = inspect(expr.left, fields);
      const r = inspect(expr.right, fields);
      return expr.op === 'or' || l || r;
    }
    case 'Not':
    case 'Unary':
      return inspect(expr.operand, fields);
    case 'Arithmetic':
    case 'Comparison': {
      const l = inspect(expr.left, fields);
      const r = inspect(expr.right, fields);
      return l || r;
    }
    case 'In':
      return [expr.value, ...expr.list].map((e) => inspect(e, fields)).some(Boolean);
    case 'Match':
      return [expr.value, ...expr.patterns].map((e) => inspect(e, fields)).some(Boolean);
    case 'Call':
      return expr.args.map((e) => inspect(e, fields)).some(Boolean);
    default:
      return false;
  }
}

/** `expr` with every reference to field `from` replaced by `to`. */
function replaceField(expr: Expression, from: string, to: FieldRef): Expression {
  const r = (e: Expression) => replaceField(e, from, to);
  switch (expr.type) {
    case 'Field':
      return expr.name === from ? { ...to, range: expr.range } : expr;
    case 'Logical':
    case 'Arithmetic':
    case 'Comparison':
      return { ...expr, left: r(expr.left), right: r(expr.right) };
    case 'Not':
    case 'Unary':
      return { ...expr, operand: r(expr.operand) };
    case 'In':
      return { ...expr, value: r(expr.value), list: expr.list.map(r) };
    case 'Match':
      return { ...expr, value: r(expr.value), patterns: expr.patterns.map(r) };
    case 'Call':
      return { ...expr, args: expr.args.map(r) };
    default:
      return expr;
  }
}

/**
 * The conditions of `terms` after propagation, in term order. `shared` are the sequence-level
 * keys (each term's keys are `shared` followed by its own `by`).
 */
export function propagateJoinKeyConstraints(terms: readonly Term[], shared: readonly FieldRef[]): Expression[] {
  const keysOf = terms.map((t) => [...shared, ...t.by]);
  const added: Expression[][] = terms.map(() => []);
  terms.forEach((term, t) => {
    const keys = keysOf[t]!;
    for (const conjunct of conjuncts(term.filter.condition)) {
      const fields = new Set<string>();
      if (inspect(conjunct, fields) || fields.size !== 1) continue;
      const [name] = fields;
      const position = keys.findIndex((k) => k.name === name);
      if (position < 0) continue;
      terms.forEach((_, u) => {
        const target = keysOf[u]![position];
        if (u !== t && target) added[u]!.push(replaceField(conjunct, name!, target));
      });
    }
  });
  return terms.map((term, t) =>
    added[t]!.reduce<Expression>(
      (condition, extra) => ({ type: 'Logical', op: 'and', left: condition, right: extra, range: condition.range }),
      term.filter.condition,
    ),
  );
}
