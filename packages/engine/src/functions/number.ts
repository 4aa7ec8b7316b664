import { EngineCodes, fail } from '../errors.js';
import type { FunctionSpec } from './function-spec.js';

const DECIMAL_INTEGER = /^[+-]?\d+$/;
// Java Double.parseDouble's decimal forms (no hex floats), with an optional type suffix.
const DECIMAL_FLOAT = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?[fFdD]?$/;
const HEX_PREFIX = /^([+-]?)0[xX]/;

function parseInBase(text: string, base: number): number | null {
  const m = /^([+-]?)(.+)$/.exec(text);
  if (!m) return null;
  const digits = m[2] ?? '';
  let value = 0;
  for (const ch of digits.toLowerCase()) {
    const d = ch >= '0' && ch <= '9' ? ch.charCodeAt(0) - 48 : ch >= 'a' && ch <= 'z' ? ch.charCodeAt(0) - 87 : 99;
    if (d >= base) return null;
    value = value * base + d;
  }
  return m[1] === '-' ? -value : value;
}

/**
 * `number(s[, base])` (Elasticsearch `StringToNumber`): surrounding whitespace and a sign are
 * allowed; base 10 reads integers, then decimals (`"3.14"`), and a `0x` prefix as hex; base 16
 * accepts the prefix or not; other bases read integers only. Unparsable text gives null here
 * (Elasticsearch fails the query); a null base is base 10.
 */
export function parseNumber(input: string, base = 10): number | null {
  const text = input.trim();
  if (text === '') return null;
  const hex = HEX_PREFIX.exec(text);
  if (hex && (base === 10 || base === 16)) return parseInBase(`${hex[1] ?? ''}${text.slice(hex[0].length)}`, 16);
  if (base === 10) {
    if (DECIMAL_INTEGER.test(text)) return Number(text);
    if (DECIMAL_FLOAT.test(text)) return Number(text.replace(/[fFdD]$/, ''));
    return null;
  }
  return parseInBase(text, base);
}

export const numberFunction: FunctionSpec = {
  name: 'number',
  minArgs: 1,
  maxArgs: 2,
  caseAware: false,
  returns: () => 'any',
  build: (site) => {
    const baseArg = site.args[1];
    let base = 10;
    if (baseArg && !(baseArg.constant && baseArg.value === null)) {
      const v = baseArg.value;
      if (!baseArg.constant || typeof v !== 'number' || !Number.isInteger(v) || v < 2 || v > 36) {
        fail(EngineCodes.InvalidArgument, 'second argument of [number] (base) must be an integer constant between 2 and 36', baseArg.range);
      }
      base = v;
    }
    return ([s]) => (typeof s === 'string' ? parseNumber(s, base) : null);
  },
};
