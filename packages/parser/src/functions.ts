/** One function of the Elasticsearch EQL catalogue. */
export interface FunctionSpec {
  /** Canonical spelling, stored in the AST whatever case the query used. */
  readonly name: string;
  readonly minArgs: number;
  /** `Infinity` for variadic functions. */
  readonly maxArgs: number;
  /** Whether `name~(...)` (case-insensitive mode) is allowed. */
  readonly caseInsensitive: boolean;
  /** Zero-based indexes of arguments that must be constants. */
  readonly constantArgs: readonly number[];
  /** Whether every argument from the last index of `constantArgs` on must be a constant. */
  readonly constantRest: boolean;
}

function spec(
  name: string,
  minArgs: number,
  maxArgs: number,
  caseInsensitive = false,
  constantArgs: readonly number[] = [],
  constantRest = false,
): FunctionSpec {
  return { name, minArgs, maxArgs, caseInsensitive, constantArgs, constantRest };
}

/**
 * The functions Elasticsearch EQL knows (EQL-SEMANTICS §4). The engine implements exactly these.
 */
export const FUNCTIONS: readonly FunctionSpec[] = [
  spec('add', 2, 2),
  spec('between', 3, 4, true, [3]),
  spec('cidrMatch', 2, Infinity, false, [1], true),
  spec('concat', 1, Infinity),
  spec('divide', 2, 2),
  spec('endsWith', 2, 2, true),
  spec('indexOf', 2, 3, true),
  spec('length', 1, 1),
  spec('modulo', 2, 2),
  spec('multiply', 2, 2),
  spec('number', 1, 2, false, [1]),
  spec('startsWith', 2, 2, true),
  spec('string', 1, 1),
  spec('stringContains', 2, 2, true),
  spec('substring', 2, 3),
  spec('subtract', 2, 2),
];

const byLowerName = new Map(FUNCTIONS.map((f) => [f.name.toLowerCase(), f]));

/** Case-insensitive lookup (`CONCAT` and `startswith` find `concat` and `startsWith`). */
export function lookupFunction(name: string): FunctionSpec | undefined {
  return byLowerName.get(name.toLowerCase());
}

/** Whether argument `index` of a call to `fn` must be a constant. */
export function isConstantArgument(fn: FunctionSpec, index: number): boolean {
  if (fn.constantArgs.includes(index)) return true;
  const last = fn.constantArgs[fn.constantArgs.length - 1];
  return fn.constantRest && last !== undefined && index > last;
}
