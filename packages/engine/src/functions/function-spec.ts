import type { Range } from '@eqlkit/parser';

/**
 * What the compiler knows about a value before seeing an event: Elasticsearch's static data type
 * as far as it matters here. `int` and `double` decide integer arithmetic and number printing;
 * `any` means "decided by the runtime value" (untyped JSON: whole numbers are integers).
 */
export type StaticType = 'int' | 'double' | 'string' | 'boolean' | 'null' | 'any';

/** One argument of a call as the compiler sees it. */
export interface ArgInfo {
  readonly type: StaticType;
  /** True when the argument folds to a constant; `value` then holds it. */
  readonly constant: boolean;
  readonly value?: unknown;
  readonly range: Range;
}

/** A call site: everything a function needs to validate its arguments and build its evaluator. */
export interface CallSite {
  readonly name: string;
  readonly caseInsensitive: boolean;
  readonly args: readonly ArgInfo[];
  readonly range: Range;
}

/** Evaluates the function over already evaluated arguments (null in, null out as each function defines). */
export type FunctionImpl = (args: readonly unknown[]) => unknown;

/** A registered EQL function. */
export interface FunctionSpec {
  /** Canonical spelling (`startsWith`). */
  readonly name: string;
  readonly minArgs: number;
  readonly maxArgs: number;
  /** Accepts the `~` suffix. */
  readonly caseAware: boolean;
  /** The result's static type. */
  returns(site: CallSite): StaticType;
  /** Validate constant arguments (throwing `EqlError`) and build the evaluator. */
  build(site: CallSite): FunctionImpl;
}

/** Whether a number of the given static type is integral (unknown: a whole number is). */
export function isIntegral(type: StaticType, value: number): boolean {
  return type === 'int' || (type !== 'double' && Number.isInteger(value));
}
