import { hasErrors, parse, type Diagnostic } from '@eqlkit/parser';
import type { CheckedQueries } from './checked-queries.js';
import { errorDiagnostics, type CompileOptions, type EnginePort } from './engine-port.js';

/**
 * Checks a query as `eql check` does: the parser's syntax and semantic checks, then, when the
 * parser found no error, what only compiling can find (regex syntax, function arguments). With
 * `checked`, every query that compiles is kept there for a run to reuse.
 */
export function createQueryChecker(engine: EnginePort, options: CompileOptions = {}, checked?: CheckedQueries) {
  return (query: string): { diagnostics: Diagnostic[] } => {
    const { ast, diagnostics } = parse(query);
    if (hasErrors(diagnostics)) return { diagnostics };
    try {
      if (ast) {
        // The parsed statement, not the text: parsing once is enough when it compiles.
        try {
          const compiled = engine.compile(ast, options);
          checked?.remember(query, ast, compiled, options);
          return { diagnostics };
        } catch {
          // Compiled from the text below, the error carries positions in it.
        }
      }
      engine.compile(query, options);
      return { diagnostics };
    } catch (error) {
      const found = errorDiagnostics(error);
      if (!found) throw error;
      return { diagnostics: [...diagnostics, ...found] };
    }
  };
}
