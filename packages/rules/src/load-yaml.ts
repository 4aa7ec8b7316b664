import { isAlias, parseDocument, visit, type Document } from 'yaml';
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
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (error) {
    // The yaml package refuses alias expansions that would blow up (billion laughs).
    const message = error instanceof Error ? error.message : String(error);
    const at = firstAliasOffset(doc);
    const d = ruleDiagnostic(file, text, RuleCode.YamlSyntax, 'error', `invalid YAML: ${firstLine(message)}`, at, at + 1);
    return { file, text, format: 'yaml', data: undefined, positions: noPositions, diagnostics: [d] };
  }
  return { file, text, format: 'yaml', data, positions: yamlPositions(text, doc), diagnostics };
}

/** Alias expansions allowed per document (the yaml package's own default, stated here). */
const MAX_ALIAS_COUNT = 100;

/** Offset of the first alias (`*name`) in the document, where an expansion problem starts. */
function firstAliasOffset(doc: Document): number {
  let at = 0;
  visit(doc, {
    Alias(_key, node) {
      if (isAlias(node) && node.range) at = node.range[0];
      return visit.BREAK;
    },
  });
  return at;
}

function firstLine(message: string): string {
  return message.split('\n')[0] ?? message;
}
