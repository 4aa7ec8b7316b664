import type { Diagnostic } from '@eqlkit/parser';

/**
 * A diagnostic and what it points into: `file` is the name printed (a path, or `<query>` for
 * `-e`), `source` the text its range and line/column refer to, when known.
 */
export interface LocatedDiagnostic {
  readonly file: string;
  readonly source?: string;
  readonly diagnostic: Diagnostic;
}
