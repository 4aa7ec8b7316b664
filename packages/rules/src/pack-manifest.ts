import { loadYaml } from './load-yaml.js';
import { ruleDiagnostic, RuleCode, type RuleDiagnostic } from './rule-diagnostic.js';
import type { IndexConstants } from './runner.js';
import { isValidRange } from './semver-range.js';
import { pointerSegment } from './source-positions.js';

/**
 * `pack.yaml`, the optional manifest at the root of a pack folder:
 *
 * ```yaml
 * name: okta
 * version: 1.0.0
 * engine: ">=0.1.0"          # @eqlkit/engine versions the queries need (npm range subset)
 * versions:                  # rule versions by rule_id, as upstream's version.lock keeps them
 *   97a8e584-fd3b-421f-9b9d-9c9d9e57e9d7: 2
 * constants:                 # constant_keyword fields of the indices the rules read
 *   logs-okta*: { event.module: okta }
 * ```
 */
export interface PackManifest {
  readonly name: string;
  readonly version?: string;
  readonly engine?: string;
  readonly versions: Readonly<Record<string, number>>;
  /**
   * Constant fields by index pattern: what the integration's index mapping holds as
   * `constant_keyword` and its documents lack (the runner's `indexConstants`).
   */
  readonly constants: readonly IndexConstants[];
}

/** Reads and checks a pack manifest; problems are `EQL5041` diagnostics at their position. */
export function parsePackManifest(
  file: string,
  text: string,
): { manifest?: PackManifest; diagnostics: RuleDiagnostic[] } {
  const parsed = loadYaml(file, text);
  if (parsed.diagnostics.length > 0) return { diagnostics: [...parsed.diagnostics] };
  const diagnostics: RuleDiagnostic[] = [];
  const fail = (pointer: string, message: string) => {
    const at = parsed.positions.locate(pointer)?.value ?? { start: 0, end: 0 };
    diagnostics.push(ruleDiagnostic(file, text, RuleCode.BadManifest, 'error', message, at.start, at.end, { jsonPath: pointer }));
  };
  const data = parsed.data;
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    fail('', 'pack.yaml must be a map with at least `name`');
    return { diagnostics };
  }
  const m = data as Record<string, unknown>;
  const known = new Set(['name', 'version', 'engine', 'versions', 'constants', 'description']);
  for (const key of Object.keys(m)) {
    if (!known.has(key)) {
      const at = parsed.positions.locate(`/${key}`)?.key ?? { start: 0, end: 0 };
      diagnostics.push(ruleDiagnostic(file, text, RuleCode.UnknownKey, 'warning', `unknown key "${key}" in pack.yaml`, at.start, at.end));
    }
  }
  if (typeof m.name !== 'string' || m.name === '') fail('/name', 'pack.yaml needs a `name` string');
  if (m.version !== undefined && (typeof m.version !== 'string' || !/^\d+\.\d+\.\d+([-+][\w.]+)?$/.test(m.version))) {
    fail('/version', 'pack version must be a semantic version such as 1.0.0');
  }
  if (m.engine !== undefined && (typeof m.engine !== 'string' || !isValidRange(m.engine))) {
    fail('/engine', 'engine must be a version range such as ">=0.1.0 <1"');
  }
  const versions: Record<string, number> = {};
  if (m.versions !== undefined) {
    if (typeof m.versions !== 'object' || m.versions === null || Array.isArray(m.versions)) {
      fail('/versions', 'versions must map rule_id to a positive integer');
    } else {
      for (const [id, v] of Object.entries(m.versions)) {
        if (Number.isInteger(v) && (v as number) >= 1) versions[id] = v as number;
        else fail(`/versions/${id}`, `version of ${id} must be a positive integer`);
      }
    }
  }
  const constants: IndexConstants[] = [];
  if (m.constants !== undefined) {
    if (typeof m.constants !== 'object' || m.constants === null || Array.isArray(m.constants)) {
      fail('/constants', 'constants must map index patterns to maps of field values');
    } else {
      for (const [pattern, fields] of Object.entries(m.constants)) {
        const scalar = (v: unknown) => v === null || ['string', 'number', 'boolean'].includes(typeof v);
        if (typeof fields !== 'object' || fields === null || Array.isArray(fields) || !Object.values(fields).every(scalar)) {
          fail(`/constants/${pointerSegment(pattern)}`, `constants of ${pattern} must map field names to plain values`);
        } else constants.push({ pattern, fields: fields as Record<string, string | number | boolean | null> });
      }
    }
  }
  if (diagnostics.some((d) => d.severity === 'error')) return { diagnostics };
  return {
    manifest: {
      name: m.name as string,
      ...(typeof m.version === 'string' ? { version: m.version } : {}),
      ...(typeof m.engine === 'string' ? { engine: m.engine } : {}),
      versions,
      constants,
    },
    diagnostics,
  };
}
