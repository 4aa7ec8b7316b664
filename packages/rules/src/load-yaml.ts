import { parseDocument } from 'yaml';
import { noPositions, type ParsedFile } from './parsed-file.js';
import { ruleDiagnostic, RuleCode, type RuleDiagnostic } from './rule-diagnostic.js';
import { yamlPositions } from './yaml-positions.js';

/**
 * Reads a YAML document into JSON data with value positions. YAML 1.2 core schema, so
 * `2022/01/05` stays a string. Never throws: every syntax error (the `yaml` package reports
 * several) becomes an `EQL5002` diagnostic.
 */
export function loadYaml(file: string, text: string): ParsedFile {
  const doc = parseDocument(text, { prettyErrors: false, uniqueKeys: true });
  const diagnostics: RuleDiagnostic[] = doc.errors.map((e) =>
    ruleDiagnostic(file, text, RuleCode.YamlSyntax, 'error', `invalid YAML: ${firstLine(e.message)}`, e.pos[0], e.pos[1]),
  );
  if (diagnostics.length > 0) {
    return { file, text, format: 'yaml', data: undefined, positions: noPositions, diagnostics };
  }
  return { file, text, format: 'yaml', data: doc.toJS(), positions: yamlPositions(text, doc), diagnostics };
}

function firstLine(message: string): string {
  return message.split('\n')[0] ?? message;
}
