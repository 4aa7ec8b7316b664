import { hasErrors, parse, type Diagnostic } from '@eqlkit/parser';
import { errorDiagnostics, type CompileOptions, type EnginePort } from './engine-port.js';

/**
 * Checks a query as `eql check` does: the parser's syntax and semantic checks, then, when the
 * parser found no error, what only compiling can find (regex syntax, function arguments).
 */
export function createQueryChecker(engine: EnginePort, options: CompileOptions = {}) {
  return (query: string): { diagnostics: Diagnostic[] } => {
    const { diagnostics } = parse(query);
    if (hasErrors(diagnostics)) return { diagnostics };
    try {
      engine.compile(query, options);
      return { diagnostics };
    } catch (error) {
      const found = errorDiagnostics(error);
      if (!found) throw error;
      return { diagnostics: [...diagnostics, ...found] };
    }
  };
}
