import type { Statement } from '@eqlkit/parser';
import type { CompiledQuery, CompileOptions, EnginePort } from './engine-port.js';

/** Options equal to the engine's defaults (`@timestamp`, `event.category`, no tiebreaker, no schema). */
function isDefault(options: CompileOptions): boolean {
  return (
    (options.timestampField ?? '@timestamp') === '@timestamp' &&
    (options.eventCategoryField ?? 'event.category') === 'event.category' &&
    options.tiebreakerField === undefined &&
    options.schema === undefined
  );
}

/**
 * The queries a check parsed and compiled, by text, so that `eql run` does not parse and compile
 * every rule a second time: a rule compiled with the engine's default options gets the compiled
 * query the check made, any other gets the check's parsed statement compiled with its options.
 */
export class CheckedQueries {
  private readonly byText = new Map<string, { readonly statement: Statement; readonly compiled: CompiledQuery; readonly isDefault: boolean }>();

  constructor(private readonly engine: EnginePort) {}

  /** Keeps what checking `text` with `options` produced. */
  remember(text: string, statement: Statement, compiled: CompiledQuery, options: CompileOptions): void {
    this.byText.set(text, { statement, compiled, isDefault: isDefault(options) });
  }

  /**
   * Drops what was kept, once everything is compiled: a query checked with the default options
   * but run with others was compiled twice, and the first would be kept for the whole run.
   */
  forget(): void {
    this.byText.clear();
  }

  /** What `engine.compile(query, options)` gives, reusing the check's work when it can. */
  compile(query: string | Statement, options: CompileOptions): CompiledQuery {
    const checked = typeof query === 'string' ? this.byText.get(query) : undefined;
    if (!checked) return this.engine.compile(query, options);
    if (checked.isDefault && isDefault(options)) return checked.compiled;
    try {
      return this.engine.compile(checked.statement, options);
    } catch {
      // Compiled from the text, the error carries positions in it.
      return this.engine.compile(query, options);
    }
  }
}
