import { compile, EqlError, type CompiledQuery, type CompileOptions, type Hit, type QueryStream } from '@eqlkit/engine';
import type { Diagnostic } from '@eqlkit/parser';

export type { CompiledQuery, CompileOptions, Hit, QueryStream };

/** What the CLI needs from `@eqlkit/engine` (an interface so tests and checks can swap it). */
export interface EnginePort {
  compile(text: Parameters<typeof compile>[0], options: CompileOptions): CompiledQuery;
}

/** The diagnostics of an `EqlError` (a user error in the query); undefined for anything else. */
export function errorDiagnostics(error: unknown): readonly Diagnostic[] | undefined {
  return error instanceof EqlError ? error.diagnostics : undefined;
}

/** The engine. */
export const engine: EnginePort = { compile };
