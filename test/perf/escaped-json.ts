/**
 * JSON text of a value with some string characters written the way other JSON writers may:
 * `\uXXXX` escapes (any character, ASCII letters included) and `\/`, decided by `random`.
 * `JSON.parse` reads it back to the same value.
 */
export function escapedJson(value: unknown, random: () => number, rate: number): string {
  if (typeof value === 'string') {
    let out = '"';
    for (const ch of value) {
      const r = random();
      if (r < rate) {
        for (let i = 0; i < ch.length; i++) out += `\\u${ch.charCodeAt(i).toString(16).padStart(4, '0')}`;
      } else if (ch === '/' && r < rate * 2) out += '\\/';
      else out += JSON.stringify(ch).slice(1, -1);
    }
    return `${out}"`;
  }
  if (Array.isArray(value)) return `[${value.map((v) => escapedJson(v, random, rate)).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    return `{${Object.entries(value)
      .map(([k, v]) => `${escapedJson(k, random, rate)}:${escapedJson(v, random, rate)}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
}
