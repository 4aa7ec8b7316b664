import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import schema from './rule-schema.json' with { type: 'json' };
import type { ParsedFile } from './parsed-file.js';
import { ruleDiagnostic, RuleCode, type RuleDiagnostic } from './rule-diagnostic.js';
import { pointerSegments } from './source-positions.js';

/** The JSON Schema (draft 2020-12) every rule file is validated against. */
export const ruleSchema: object = schema;

let compiled: ValidateFunction | undefined;

/** Compiled once, on first use: compiling the schema costs more than validating a rule. */
function validator(): ValidateFunction {
  if (!compiled) {
    const ajv = new Ajv2020({ allErrors: true, verbose: true, strict: false });
    // ajv-formats is CommonJS: under NodeNext the function is `.default` of the module object.
    addFormatsModule.default(ajv);
    compiled = ajv.compile(schema);
  }
  return compiled;
}

/**
 * Validates a parsed rule file against the rule schema. Each violation is placed at the line and
 * column of the offending value (or of the table/map that lacks a required key) with its JSON
 * path. Unknown keys are warnings (`EQL5020`); everything else is an error.
 */
export function validateRuleData(parsed: ParsedFile): RuleDiagnostic[] {
  const validate = validator();
  if (validate(parsed.data)) return [];
  const errors = (validate.errors ?? []).filter(reportable);
  const seen = new Set<string>();
  const out: RuleDiagnostic[] = [];
  for (const error of errors) {
    const d = toDiagnostic(parsed, error);
    const key = `${d.jsonPath}|${d.code}|${d.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(d);
  }
  return out.sort((a, b) => a.range[0] - b.range[0]);
}

/** `if` failures and the branches of `anyOf`/`oneOf` repeat what the summary error says. */
function reportable(error: ErrorObject): boolean {
  if (error.keyword === 'if') return false;
  return !/\/(anyOf|oneOf)\/\d+\//.test(error.schemaPath);
}

/** `/rule/threat/0/tactic/id` → `rule.threat[0].tactic.id`. */
export function displayPath(pointer: string): string {
  let out = '';
  for (const s of pointerSegments(pointer)) out += /^\d+$/.test(s) ? `[${s}]` : out ? `.${s}` : s;
  return out || '(document)';
}

function describe(error: ErrorObject): string | undefined {
  const parent = error.parentSchema as { description?: string } | undefined;
  return parent?.description;
}

function toDiagnostic(parsed: ParsedFile, error: ErrorObject): RuleDiagnostic {
  const { file, text, positions } = parsed;
  let pointer = error.instancePath;
  let code: string = RuleCode.Schema;
  let severity: 'error' | 'warning' = 'error';
  let message: string;
  let atKey = false;
  const where = displayPath(pointer);
  const got = JSON.stringify(error.data);
  const wanted = describe(error);
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'required': {
      code = RuleCode.MissingKey;
      const table = pointer === '' ? 'the document' : `[${where}]`;
      message = `missing required key "${String(params.missingProperty)}" in ${table}`;
      atKey = true;
      break;
    }
    case 'additionalProperties':
    case 'unevaluatedProperties': {
      const name = String(params.additionalProperty ?? params.unevaluatedProperty);
      pointer = `${pointer}/${name.replace(/~/g, '~0').replace(/\//g, '~1')}`;
      code = RuleCode.UnknownKey;
      severity = 'warning';
      message = `unknown key "${name}" in [${where}]; it is kept but not used`;
      atKey = true;
      break;
    }
    case 'type':
      code = RuleCode.WrongType;
      message = `${where} must be ${article(String(params.type))}, got ${got}`;
      break;
    case 'enum':
      code = RuleCode.NotAllowed;
      message = `${where} must be one of ${(params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}, got ${got}`;
      break;
    case 'const':
      code = RuleCode.NotAllowed;
      message = wanted ? `${where} is ${got}, but ${wanted}` : `${where} must be ${JSON.stringify(params.allowedValue)}, got ${got}`;
      break;
    case 'pattern':
    case 'format':
    case 'anyOf':
    case 'oneOf':
      code = RuleCode.BadFormat;
      message = `${where} must be ${wanted ?? `a valid ${String(params.format ?? 'value')}`}, got ${got}`;
      break;
    case 'minimum':
    case 'maximum':
    case 'minItems':
    case 'minLength': {
      const band = (error.parentSchema as { $comment?: string } | undefined)?.$comment === 'risk-band';
      code = band ? RuleCode.RiskBand : RuleCode.OutOfRange;
      message = band
        ? `${where} ${got} is outside the band of the rule's severity: ${wanted ?? ''}`
        : `${where} ${error.message ?? 'is out of range'}, got ${got}`;
      break;
    }
    default:
      message = `${where} ${error.message ?? 'is invalid'}`;
  }
  const location = positions.locate(pointer);
  const span = (atKey ? location?.key : location?.value) ?? location?.value ?? { start: 0, end: 0 };
  return ruleDiagnostic(file, text, code, severity, message, span.start, span.end, { jsonPath: pointer });
}

function article(type: string): string {
  return /^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`;
}
