import type { Diagnostic } from '@eqlkit/parser';
import { CliError } from '../cli-error.js';

/** Options of the engine's `compile`. */
export interface CompileOptions {
  readonly timestampField?: string;
  readonly tiebreakerField?: string;
  readonly eventCategoryField?: string;
}

/** A missing stage of a sequence (`![...]`). */
export interface MissingEvent {
  readonly missing: true;
}

/** A query result, as the engine returns it. */
export type Hit =
  | { readonly kind: 'event'; readonly event: object }
  | { readonly kind: 'sequence' | 'sample'; readonly joinKeys: readonly unknown[]; readonly events: readonly (object | MissingEvent)[] };

/** A streaming evaluation: push events in order, get the hits each completes. */
export interface QueryStream {
  push(event: object): Hit[];
  flush(): Hit[];
}

/** A compiled query. */
export interface CompiledQuery {
  readonly kind: string;
  stream(options?: Record<string, unknown>): QueryStream;
}

/** What the CLI needs from `@eqlkit/engine`. */
export interface EnginePort {
  compile(text: string, options: CompileOptions): CompiledQuery;
}

/** An `EqlError`-like value: anything thrown with a diagnostics list. */
export function errorDiagnostics(error: unknown): readonly Diagnostic[] | undefined {
  if (typeof error !== 'object' || error === null || !('diagnostics' in error)) return undefined;
  const { diagnostics } = error as { diagnostics: unknown };
  return Array.isArray(diagnostics) ? (diagnostics as Diagnostic[]) : undefined;
}

/**
 * Loads the engine, checking at run time that it has what the CLI calls, so a build where the
 * engine is incomplete says so in one line instead of crashing.
 */
export async function loadEngine(): Promise<EnginePort> {
  const mod = (await import('@eqlkit/engine')) as Record<string, unknown>;
  if (typeof mod.compile !== 'function') {
    throw new CliError('the query engine is not available in this build (@eqlkit/engine does not export compile())');
  }
  return { compile: mod.compile as EnginePort['compile'] };
}
