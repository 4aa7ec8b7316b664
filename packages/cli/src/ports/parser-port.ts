import type { Diagnostic } from '@eqlkit/parser';
import { CliError } from '../cli-error.js';

/** What the CLI needs from `@eqlkit/parser`. */
export interface ParserPort {
  parse(text: string): { ast: unknown; diagnostics: readonly Diagnostic[] };
}

/** Loads the parser, failing in one line when this build has none. */
export async function loadParser(): Promise<ParserPort> {
  const mod = (await import('@eqlkit/parser')) as Record<string, unknown>;
  if (typeof mod.parse !== 'function') {
    throw new CliError('the EQL parser is not available in this build (@eqlkit/parser does not export parse())');
  }
  return { parse: mod.parse as ParserPort['parse'] };
}
