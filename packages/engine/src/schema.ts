/**
 * Optional field types, to reproduce what an Elasticsearch mapping does to values: dates compared
 * as instants, `version` and `ip` ordering, `null_value` substitution, aliases, integer vs double.
 */
export type FieldType =
  | 'keyword' | 'text' | 'wildcard' | 'constant_keyword'
  | 'long' | 'integer' | 'short' | 'byte' | 'double' | 'float' | 'half_float' | 'scaled_float' | 'unsigned_long'
  | 'boolean' | 'date' | 'date_nanos' | 'ip' | 'version' | 'object' | 'alias';

export interface FieldMapping {
  readonly type: FieldType;
  /** Value that replaces an explicit JSON `null` (the mapping's `null_value`). */
  readonly nullValue?: unknown;
  /** For `type: 'alias'`: the dotted path of the field it stands for. */
  readonly aliasOf?: string;
}

/** Field types keyed by dotted path (`process.name`, multi-fields as `message.keyword`). */
export interface Schema {
  readonly fields: ReadonlyMap<string, FieldMapping>;
}

const KNOWN = new Set<string>([
  'keyword', 'text', 'wildcard', 'constant_keyword', 'long', 'integer', 'short', 'byte', 'double', 'float',
  'half_float', 'scaled_float', 'unsigned_long', 'boolean', 'date', 'date_nanos', 'ip', 'version', 'object', 'alias',
]);

/** Types that hold whole numbers (integer arithmetic, no decimals when printed). */
export const INTEGRAL_TYPES: ReadonlySet<FieldType> = new Set(['long', 'integer', 'short', 'byte', 'unsigned_long']);
/** Floating-point types (printed as Java doubles: `42.0`). */
export const FLOATING_TYPES: ReadonlySet<FieldType> = new Set(['double', 'float', 'half_float', 'scaled_float']);
/** Types whose values are strings (exact-match keyword family and text). */
export const STRING_TYPES: ReadonlySet<FieldType> = new Set(['keyword', 'text', 'wildcard', 'constant_keyword']);

type Json = { readonly [key: string]: unknown };

function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function own(o: Json, key: string): unknown {
  return Object.prototype.hasOwnProperty.call(o, key) ? o[key] : undefined;
}

/** The conformance mapping files use placeholders such as `[runtime_random_keyword_type]`. */
function normaliseType(type: unknown): FieldType | undefined {
  if (typeof type !== 'string') return undefined;
  if (/^\[runtime_random_.*keyword.*\]$/.test(type)) return 'keyword';
  if (type === 'nested') return 'object';
  if (type === 'match_only_text') return 'text';
  return KNOWN.has(type) ? (type as FieldType) : undefined;
}

function walk(properties: Json, prefix: string, out: Map<string, FieldMapping>): void {
  for (const name of Object.keys(properties)) {
    const def = own(properties, name);
    if (!isObject(def)) continue;
    const path = prefix ? `${prefix}.${name}` : name;
    const children = own(def, 'properties');
    const type = normaliseType(own(def, 'type')) ?? (isObject(children) ? 'object' : undefined);
    if (type) {
      const mapping: { type: FieldType; nullValue?: unknown; aliasOf?: string } = { type };
      const nullValue = own(def, 'null_value');
      if (nullValue !== undefined && nullValue !== null) mapping.nullValue = nullValue;
      const aliasPath = own(def, 'path');
      if (type === 'alias' && typeof aliasPath === 'string') mapping.aliasOf = aliasPath;
      out.set(path, mapping);
    }
    if (isObject(children)) walk(children, path, out);
    const multi = own(def, 'fields');
    if (isObject(multi)) walk(multi, path, out);
  }
}

/**
 * Read an Elasticsearch mapping: `{properties}`, `{mappings: {properties}}`, or
 * `{index: {mappings: ...}}` as returned by `GET index/_mapping`. A string is parsed as JSON
 * after dropping `#` comment lines (the conformance `data/*.mapping` files start with some).
 * Unknown field types are left out (such fields read as untyped JSON).
 */
export function schemaFromMapping(mapping: unknown): Schema {
  let root: unknown = mapping;
  if (typeof root === 'string') {
    root = JSON.parse(root.split('\n').filter((line) => !line.trimStart().startsWith('#')).join('\n'));
  }
  const fields = new Map<string, FieldMapping>();
  const visit = (node: unknown, depth: number): void => {
    if (!isObject(node) || depth > 2) return;
    const properties = own(node, 'properties');
    if (isObject(properties)) {
      walk(properties, '', fields);
      return;
    }
    const mappings = own(node, 'mappings');
    if (mappings !== undefined) return visit(mappings, depth + 1);
    for (const key of Object.keys(node)) visit(own(node, key), depth + 1);
  };
  visit(root, 0);
  return { fields };
}

/** The mapping of a field after following aliases (at most a few hops; alias cycles end as undefined). */
export function resolveMapping(schema: Schema | undefined, path: string): { path: string; mapping: FieldMapping } | undefined {
  if (!schema) return undefined;
  let current = path;
  for (let hop = 0; hop < 8; hop++) {
    const mapping = schema.fields.get(current);
    if (!mapping) return undefined;
    if (mapping.type !== 'alias') return { path: current, mapping };
    if (mapping.aliasOf === undefined) return undefined;
    current = mapping.aliasOf;
  }
  return undefined;
}
