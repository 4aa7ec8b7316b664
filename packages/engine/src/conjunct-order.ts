/**
 * The order in which the conjuncts of an `and` are tested. An `and` has the same value in any
 * order (three-valued: false if any is false, else null if any is null, else true), and its
 * evaluation stops at the first false, so the cheap conjuncts that are likely false go first:
 * detection rules write the category-like tests first and the discriminating ones anywhere,
 * often after long lists of wildcard exclusions (`not process.executable : (...)`) that are
 * nearly always true and cost a scan of the value per pattern.
 */
import type { Expression } from '@eqlkit/parser';

/** The conjuncts of nested `and`s, left to right. */
export function conjuncts(expr: Expression, out: Expression[] = []): Expression[] {
  if (expr.type === 'Logical' && expr.op === 'and') {
    conjuncts(expr.left, out);
    conjuncts(expr.right, out);
  } else out.push(expr);
  return out;
}

interface Estimate {
  /** Rough work per evaluation (one field read and comparison = 1). */
  readonly cost: number;
  /** Rough chance of being true on an event that reached the test. */
  readonly truth: number;
}

function hasWildcard(pattern: Expression): boolean {
  return pattern.type === 'String' && (pattern.value.includes('*') || pattern.value.includes('?'));
}

/** A rough estimate from the shape alone: equalities are rarely true, exclusions nearly always. */
export function estimate(expr: Expression): Estimate {
  switch (expr.type) {
    case 'Comparison':
      if (expr.op === '==') return { cost: 1, truth: expr.left.type === 'Null' || expr.right.type === 'Null' ? 0.5 : 0.1 };
      if (expr.op === '!=') return { cost: 1, truth: 0.9 };
      return { cost: 1.5, truth: 0.5 };
    case 'In':
      return { cost: 1 + expr.list.length / 32, truth: expr.negated ? 0.9 : 0.1 };
    case 'Match': {
      if (expr.op === 'regex' || expr.op === 'regex~') return { cost: 8, truth: 0.2 };
      const wildcards = expr.patterns.filter(hasWildcard).length;
      return { cost: 1 + wildcards, truth: wildcards > 0 ? 0.2 : 0.1 };
    }
    case 'Not': {
      const inner = estimate(expr.operand);
      return { cost: inner.cost, truth: 1 - inner.truth };
    }
    case 'Logical': {
      const l = estimate(expr.left);
      const r = estimate(expr.right);
      // Both sides may be needed; the truth of independent events.
      return expr.op === 'and'
        ? { cost: l.cost + r.cost, truth: l.truth * r.truth }
        : { cost: l.cost + r.cost, truth: 1 - (1 - l.truth) * (1 - r.truth) };
    }
    case 'Call':
      return { cost: 4, truth: 0.5 };
    default:
      return { cost: 2, truth: 0.5 };
  }
}

/**
 * The testing order of a list of conjuncts, as their indexes: by expected cost per false found
 * (cost over the chance of being false), the written order among equals.
 */
export function testingOrder(list: readonly Expression[]): number[] {
  const rank = list.map((c, i) => {
    const { cost, truth } = estimate(c);
    return { i, key: cost / Math.max(1 - truth, 0.01) };
  });
  rank.sort((a, b) => a.key - b.key || a.i - b.i);
  return rank.map((r) => r.i);
}
