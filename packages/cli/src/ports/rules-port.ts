import { CliError } from '../cli-error.js';
import type { LocatedDiagnostic } from '../output/located-diagnostic.js';

/** The result of checking one rule file (or `-e` query). */
export interface CheckedFile {
  readonly file: string;
  readonly diagnostics: readonly LocatedDiagnostic[];
}

/** Loads rule files from disk and validates them. */
export async function checkRuleFiles(paths: readonly string[]): Promise<CheckedFile[]> {
  void paths;
  throw new CliError('rule files cannot be checked in this build (@eqlkit/rules does not load rules yet)');
}
