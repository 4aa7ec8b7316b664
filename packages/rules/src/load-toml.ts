import { parse, TomlError } from 'smol-toml';
import { lazyPositions, noPositions, ownString, type ParsedFile } from './parsed-file.js';
import { offsetAt, ruleDiagnostic, RuleCode } from './rule-diagnostic.js';
import { tomlPositions } from './toml-positions.js';

/**
 * Reads a TOML document (detection-rules format) into JSON data with value positions. Never
 * throws: a syntax error becomes an `EQL5001` diagnostic at smol-toml's line and column.
 */
export function loadToml(file: string, text: string): ParsedFile {
  try {
    const data = toJson(parse(text, { unsafeKeyBehaviour: 'keep' }));
    return { file, text, format: 'toml', data, positions: lazyPositions(() => tomlPositions(text)), diagnostics: [] };
  } catch (error) {
    if (!(error instanceof TomlError)) throw error;
    const start = offsetAt(text, error.line, error.column);
    const message = `invalid TOML: ${firstLine(error.message)}`;
    return {
      file,
      text,
      format: 'toml',
      data: undefined,
      positions: noPositions,
      diagnostics: [ruleDiagnostic(file, text, RuleCode.TomlSyntax, 'error', message, start)],
    };
  }
}

/** smol-toml puts a code excerpt after the first line; the CLI renders its own. */
function firstLine(message: string): string {
  const line = message.split('\n')[0] ?? message;
  return line.replace(/^Invalid TOML document: /, '');
}

/** TOML dates are objects; a rule only needs their text. Strings are copied (see ownString). */
function toJson(value: unknown): unknown {
  if (typeof value === 'string') return ownString(value);
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map(toJson);
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      Object.defineProperty(out, k, { value: toJson(v), enumerable: true, writable: true, configurable: true });
    }
    return out;
  }
  return value;
}
